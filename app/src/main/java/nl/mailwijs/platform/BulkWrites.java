package nl.mailwijs.platform;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.stereotype.Component;

/**
 * Writes many rows at once, inside the caller's transaction. Inserts as fast as the database
 * allows: {@code COPY ... FROM STDIN} on PostgreSQL, multi-row {@code INSERT}s elsewhere (H2).
 *
 * <p>COPY takes the rows as one stream, without a statement to plan or parameters to bind per
 * row; on the development machine it stores contacts and ledger records several times faster
 * than 500-row INSERTs. It fails as a whole: a duplicate key refuses the entire call, which
 * callers treat like a failed INSERT (the transaction rolls back).
 *
 * <p>Values may be {@link String}, {@link Number}, {@link Boolean}, {@link OffsetDateTime} or
 * null. Table and column names come from code; they are checked against a pattern all the
 * same, so no input can reach the statement text.
 */
@Component
public class BulkWrites {

    private static final Pattern NAME = Pattern.compile("[a-z_]+");
    private static final int INSERT_ROWS = 500;
    /** Bytes handed to the driver at a time: large enough to fill its socket buffer. */
    private static final int COPY_CHUNK = 1 << 16;

    private final DataSource dataSource;
    private final boolean postgres;
    private final SQLExceptionTranslator translator;
    private final java.util.Map<String, String> sequences = new java.util.concurrent.ConcurrentHashMap<>();

    public BulkWrites(DataSource dataSource) {
        this.dataSource = dataSource;
        this.postgres = isPostgres(dataSource);
        this.translator = new SQLErrorCodeSQLExceptionTranslator(dataSource);
    }

    /**
     * Refreshes the planner's statistics of tables a bulk write has just grown.
     *
     * <p>PostgreSQL plans from statistics that autovacuum gathers a minute or more after a table
     * changes. A fresh table filled by an import has none, so "contact_id IN (1,000 ids)" is
     * estimated to match the whole table and planned as a full scan, once per batch: an import
     * that slows down as it goes. Analysing after the first batches gives the planner ratios
     * that stay right as the table grows. H2 plans these look-ups by index anyway.
     */
    public void refreshStatistics(List<String> tables) {
        tables.forEach(BulkWrites::checkName);
        if (!postgres || tables.isEmpty()) {
            return;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (var statement = connection.createStatement()) {
            statement.execute("ANALYZE " + String.join(", ", tables));
        } catch (SQLException e) {
            throw translator.translate("analyze " + tables, null, e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * Takes {@code count} new values of the table's identity column {@code id}, so rows can be
     * inserted with their ids known instead of read back; null where the database cannot hand
     * them out ahead (H2 keeps its identity sequences to itself).
     */
    public long[] reserveIds(String table, int count) {
        if (!postgres) {
            return null;
        }
        checkName(table);
        long[] ids = new long[count];
        if (count == 0) {
            return ids;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        // The sequence is named once per table: looked up per row, the catalogue cost more than the ids.
        try (PreparedStatement statement = connection.prepareStatement("SELECT nextval(?::regclass) FROM generate_series(1, ?)")) {
            String sequence = sequences.get(table);
            if (sequence == null) {
                sequence = identitySequence(connection, table);
                sequences.put(table, sequence);
            }
            statement.setString(1, sequence);
            statement.setInt(2, count);
            try (var result = statement.executeQuery()) {
                int i = 0;
                while (result.next()) {
                    ids[i++] = result.getLong(1);
                }
            }
            return ids;
        } catch (SQLException e) {
            throw translator.translate("reserve ids of " + table, null, e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static String identitySequence(Connection connection, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_get_serial_sequence(?, 'id')")) {
            statement.setString(1, table);
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getString(1);
            }
        }
    }

    private static boolean isPostgres(DataSource dataSource) {
        try {
            return "PostgreSQL".equals(JdbcUtils.extractDatabaseMetaData(dataSource, meta -> meta.getDatabaseProductName()));
        } catch (MetaDataAccessException e) {
            return false;
        }
    }

    /**
     * Inserts the rows; each row has one value per column, in the columns' order.
     *
     * @throws DataAccessException as the database refused them, e.g. a {@code DuplicateKeyException}
     */
    public void insert(String table, List<String> columns, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        checkName(table);
        columns.forEach(BulkWrites::checkName);
        Connection connection = DataSourceUtils.getConnection(dataSource);
        String columnList = String.join(", ", columns);
        try {
            if (postgres) {
                copy(connection, "COPY " + table + " (" + columnList + ") FROM STDIN", columns.size(), rows);
            } else {
                insertRows(connection, "INSERT INTO " + table + " (" + columnList + ") VALUES ", columns.size(), rows);
            }
        } catch (SQLException e) {
            throw translator.translate("bulk insert into " + table, null, e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a table or column name: " + name);
        }
    }

    private static void copy(Connection connection, String sql, int width, List<Object[]> rows) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            StringBuilder text = new StringBuilder(COPY_CHUNK + 4_096);
            CopyTimes times = new CopyTimes();
            for (Object[] row : rows) {
                if (row.length != width) {
                    throw new IllegalArgumentException("a row has " + row.length + " values for " + width + " columns");
                }
                for (int i = 0; i < width; i++) {
                    if (i > 0) {
                        text.append('\t');
                    }
                    appendCopyValue(text, row[i], times);
                }
                text.append('\n');
                if (text.length() >= COPY_CHUNK) {
                    write(copy, text);
                }
            }
            write(copy, text);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void write(CopyIn copy, StringBuilder text) throws SQLException {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        text.setLength(0);
    }

    /** COPY's text format: \\N is null; backslash, tab, newline and carriage return are escaped. */
    static void appendCopyValue(StringBuilder text, Object value, CopyTimes times) {
        switch (value) {
            case null -> text.append("\\N");
            case OffsetDateTime time -> text.append(times.format(time));
            case Number number -> text.append(number);
            case Boolean bool -> text.append(bool ? 't' : 'f');
            case String string when !needsEscape(string) -> text.append(string);
            case String string -> {
                for (int i = 0; i < string.length(); i++) {
                    char c = string.charAt(i);
                    switch (c) {
                        case '\\' -> text.append("\\\\");
                        case '\t' -> text.append("\\t");
                        case '\n' -> text.append("\\n");
                        case '\r' -> text.append("\\r");
                        default -> text.append(c);
                    }
                }
            }
            default -> throw new IllegalArgumentException("cannot bulk insert a " + value.getClass().getName());
        }
    }

    private static boolean needsEscape(String string) {
        for (int i = 0; i < string.length(); i++) {
            char c = string.charAt(i);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    /** A batch's rows share their time stamp: it is formatted once, not once per row. */
    static final class CopyTimes {
        private OffsetDateTime last;
        private String lastText;

        String format(OffsetDateTime time) {
            if (!time.equals(last)) {
                last = time;
                lastText = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
            }
            return lastText;
        }
    }

    private static void insertRows(Connection connection, String insert, int width, List<Object[]> rows) throws SQLException {
        String row = "(" + String.join(", ", Collections.nCopies(width, "?")) + ")";
        for (int from = 0; from < rows.size(); from += INSERT_ROWS) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + INSERT_ROWS));
            try (PreparedStatement statement = connection.prepareStatement(insert + String.join(", ", Collections.nCopies(chunk.size(), row)))) {
                int index = 1;
                for (Object[] values : chunk) {
                    if (values.length != width) {
                        throw new IllegalArgumentException("a row has " + values.length + " values for " + width + " columns");
                    }
                    for (Object value : values) {
                        statement.setObject(index++, value);
                    }
                }
                statement.executeUpdate();
            }
        }
    }
}
