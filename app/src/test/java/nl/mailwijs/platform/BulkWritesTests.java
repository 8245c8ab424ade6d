package nl.mailwijs.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import nl.mailwijs.testing.TestDatabase;

/** Bulk inserts (COPY on PostgreSQL, multi-row INSERT on H2) store every value as given, or nothing. */
class BulkWritesTests {

    private static final List<String> COLUMNS = List.of("id", "label", "at", "flag");

    private record Probe(DataSource dataSource, JdbcClient jdbc, BulkWrites bulk, TransactionTemplate transaction) {

        List<String> rows() {
            return jdbc.sql("SELECT id, label, at, flag FROM bulk_probe ORDER BY id")
                    .query((row, n) -> row.getLong("id") + "|" + row.getString("label") + "|"
                            + (row.getObject("at", OffsetDateTime.class) == null ? null
                                    : row.getObject("at", OffsetDateTime.class).toInstant())
                            + "|" + row.getObject("flag"))
                    .list();
        }
    }

    private static Probe probe(TestDatabase database) {
        DataSource dataSource = database.fresh();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("CREATE TABLE bulk_probe (id BIGINT PRIMARY KEY, label VARCHAR(200), at TIMESTAMP WITH TIME ZONE, flag BOOLEAN)").update();
        return new Probe(dataSource, jdbc, new BulkWrites(dataSource), new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void valuesThatCopyMustEscapeArriveUnchanged(TestDatabase database) {
        Probe probe = probe(database);
        OffsetDateTime at = OffsetDateTime.of(2026, 11, 30, 21, 0, 0, 123_456_000, ZoneOffset.ofHours(1));
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {1L, "tab\there, new\nline, return\r, back\\slash \\N", at, true});
        rows.add(new Object[] {2L, null, null, null});
        rows.add(new Object[] {3L, "Zoë Ruïz-Çelik 🙂 'quoted' \"double\"", at.withNano(0), false});
        rows.add(new Object[] {4L, "", at, false});

        probe.transaction().executeWithoutResult(status -> probe.bulk().insert("bulk_probe", COLUMNS, rows));

        assertThat(probe.rows()).containsExactly(
                "1|tab\there, new\nline, return\r, back\\slash \\N|2026-11-30T20:00:00.123456Z|true",
                "2|null|null|null",
                "3|Zoë Ruïz-Çelik 🙂 'quoted' \"double\"|2026-11-30T20:00:00Z|false",
                "4||2026-11-30T20:00:00.123456Z|false");
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void aDuplicateKeyRefusesTheWholeCallAndTheTransactionKeepsNothing(TestDatabase database) {
        Probe probe = probe(database);
        List<Object[]> rows = new ArrayList<>();
        for (long id = 1; id <= 1_200; id++) {
            rows.add(new Object[] {id, "row " + id, null, null});
        }
        rows.add(new Object[] {7L, "again", null, null});

        assertThatThrownBy(() -> probe.transaction().executeWithoutResult(status -> probe.bulk().insert("bulk_probe", COLUMNS, rows)))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(probe.rows()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void namesThatAreNotPlainIdentifiersAreRefusedBeforeAnyStatement(TestDatabase database) {
        Probe probe = probe(database);
        List<Object[]> one = new ArrayList<>();
        one.add(new Object[] {1L, "x", null, null});

        assertThatThrownBy(() -> probe.bulk().insert("bulk_probe; DROP TABLE contact", COLUMNS, one))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> probe.bulk().insert("bulk_probe", Arrays.asList("id", "label)", "at", "flag"), one))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> probe.bulk().refreshStatistics(List.of("bulk_probe, pg_class")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
