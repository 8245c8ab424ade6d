package nl.mailwijs.imports;

/**
 * A row that was not imported.
 *
 * @param column the column at fault, empty when the row as a whole is wrong
 */
public record ImportRejection(String file, int line, String column, String reason) {

    /** As shown on the terminal: {@code purchases.csv:17: date: '31-02-2024' is not a valid date …}. */
    public String describe() {
        return file + ":" + line + ": " + (column.isEmpty() ? "" : column + ": ") + reason;
    }
}
