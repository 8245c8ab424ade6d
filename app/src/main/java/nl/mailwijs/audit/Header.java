package nl.mailwijs.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The header row of one export: where each known column is, and what else is there. */
public final class Header {

    private final Map<String, Integer> positions;
    private final int width;
    private final List<String> unused;

    private Header(Map<String, Integer> positions, int width, List<String> unused) {
        this.positions = positions;
        this.width = width;
        this.unused = unused;
    }

    /**
     * @throws AuditInputException when a column appears twice or a required column is missing
     */
    static Header of(String[] names, AuditFile file, List<String> required, String source) {
        Map<String, Integer> positions = new HashMap<>();
        List<String> unused = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            String column = file.column(normalise(names[i]));
            if (column.isEmpty()) {
                // Excel writes an empty header cell over a column someone left blank: nothing to read there.
                continue;
            }
            if (!file.columns().contains(column)) {
                unused.add(names[i].strip());
                continue;
            }
            if (positions.putIfAbsent(column, i) != null) {
                throw new AuditInputException(FileProblem.COLUMN_TWICE, source + ": the column " + column + " appears twice in the header; keep one",
                        source, column);
            }
        }
        for (String column : required) {
            if (!positions.containsKey(column)) {
                String has = String.join(", ", Arrays.stream(names).map(String::strip).toList());
                throw new AuditInputException(FileProblem.COLUMN_MISSING, source + ": the required column " + column
                        + " is missing from the header (it has: " + has + "); the columns read are " + String.join(", ", file.columns()),
                        source, column, has);
            }
        }
        return new Header(Map.copyOf(positions), names.length, List.copyOf(unused));
    }

    /** Lower case, trimmed, with {@code -} and spaces read as {@code _}: "Contact ID" is contact_id. */
    static String normalise(String name) {
        StringBuilder column = new StringBuilder(name.length());
        String trimmed = name.strip().toLowerCase(Locale.ROOT);
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            column.append(c == '-' || c == ' ' ? '_' : c);
        }
        return column.toString();
    }

    /** The position of a column, or -1 when the file does not have it. */
    public int position(String column) {
        return positions.getOrDefault(column, -1);
    }

    /** The number of fields every row must have. */
    int width() {
        return width;
    }

    /** Header names that are not columns of this export, as written. */
    public List<String> unused() {
        return unused;
    }

    /** Known columns this export lacks; they read as empty. */
    List<String> absent(AuditFile file) {
        return file.columns().stream().filter(column -> !positions.containsKey(column)).toList();
    }
}
