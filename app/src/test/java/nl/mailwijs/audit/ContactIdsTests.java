package nl.mailwijs.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ContactIdsTests {

    @Test
    @DisplayName("ids are numbered 0, 1, 2 … in the order they are first added; adding again gives the same number")
    void numbersInOrderOfFirstSight() {
        ContactIds ids = new ContactIds();

        assertThat(ids.add("K1")).isZero();
        assertThat(ids.add("Müller")).isEqualTo(1);
        assertThat(ids.add("K1")).isZero();
        assertThat(ids.indexOf("Müller")).isEqualTo(1);
        assertThat(ids.indexOf("k1")).as("ids are exact: case matters").isEqualTo(-1);
        assertThat(ids.get(1)).isEqualTo("Müller");
        assertThat(ids.size()).isEqualTo(2);
    }

    @Test
    @DisplayName("a hundred thousand ids survive the table growing many times")
    void manyIds() {
        ContactIds ids = new ContactIds();
        for (int i = 0; i < 100_000; i++) {
            assertThat(ids.add("K" + i)).isEqualTo(i);
        }
        for (int i = 0; i < 100_000; i += 7) {
            assertThat(ids.indexOf("K" + i)).isEqualTo(i);
            assertThat(ids.get(i)).isEqualTo("K" + i);
        }
        assertThat(ids.indexOf("K100000")).isEqualTo(-1);
        assertThat(ids.size()).isEqualTo(100_000);
    }

    @Test
    @DisplayName("different ids with the same String hash are told apart")
    void hashCollisions() {
        ContactIds ids = new ContactIds();
        // "Aa" and "BB" have the same String.hashCode().
        assertThat(ids.add("Aa")).isZero();
        assertThat(ids.add("BB")).isEqualTo(1);
        assertThat(ids.indexOf("Aa")).isZero();
        assertThat(ids.indexOf("BB")).isEqualTo(1);
    }

    @Test
    @DisplayName("a text column gives back what was put in, also copied from another column")
    void textColumn() {
        TextColumn column = new TextColumn();
        column.add("o-1");
        column.add("");
        column.add("Jeroen van 't Hek");
        TextColumn copy = new TextColumn();
        copy.addFrom(column, 2);

        assertThat(column.get(0)).isEqualTo("o-1");
        assertThat(column.get(1)).isEmpty();
        assertThat(column.get(2)).isEqualTo("Jeroen van 't Hek");
        assertThat(copy.get(0)).isEqualTo("Jeroen van 't Hek");
    }
}
