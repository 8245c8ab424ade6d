package nl.mailwijs.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import nl.mailwijs.delivery.UnsafeHeaderException;

class HeaderValuesProperties {

    /** RFC 5322 3.2.3 dot-atom-text, as a pattern. */
    private static final Pattern DOT_ATOM = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");

    @Property(tries = 5_000)
    void a_local_part_is_a_dot_atom_exactly_when_the_rfc_5322_pattern_says_so(@ForAll("localParts") String local) {
        assertThat(HeaderValues.isDotAtom(local)).isEqualTo(DOT_ATOM.matcher(local).matches());
    }

    @Example
    void a_domain_is_converted_and_checked_the_same_the_second_time() {
        for (int i = 0; i < 2; i++) {
            assertThat(HeaderValues.address("To", "klant+nieuws@Bücher.Example")).isEqualTo("klant+nieuws@xn--bcher-kva.example");
            assertThatThrownBy(() -> HeaderValues.address("To", "klant@bad_domain.example")).isInstanceOf(UnsafeHeaderException.class)
                    .hasMessageContaining("not a valid domain name");
        }
    }

    @Provide
    Arbitrary<String> localParts() {
        return Arbitraries.strings().withChars("az.+-_=!#\"() @\\é\u0000~`").ofMaxLength(12);
    }
}
