package nl.mailwijs.bench;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import nl.mailwijs.content.CompiledMessage;
import nl.mailwijs.content.MessageComposer;
import nl.mailwijs.content.MessageDraft;
import nl.mailwijs.content.MessageRecipient;
import nl.mailwijs.content.RenderedMessage;
import nl.mailwijs.engine.decision.Basis;
import nl.mailwijs.settings.SenderSettings;

/**
 * Messages rendered per second on one thread from one compiled newsletter (Markdown, about
 * 2 KB, eight merge fields, standard layout, footer): the per-recipient cost the sender pays.
 * Run with {@code bench/engine-jmh.sh 'ContentBenchmark' -f 1 -wi 3 -w 2s -i 5 -r 2s -t 1}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ContentBenchmark {

    private static final String BODY = """
            # Zomeractie bij Studio Licht

            Beste {{ contact.firstName | default: "klant" }},

            Deze zomer krijgt u **20% korting** op alle [fotoafdrukken](https://shop.example/afdrukken?ref={{contact.email}}),
            canvasdoeken en fotoboeken. Speciaal voor onze klanten in {{ contact.attributes.city | default: "Nederland" }}.

            - Canvas vanaf € 29
            - Posters vanaf € 9
            - Fotoboeken vanaf € 24

            <table role="presentation" width="100%"><tr><td style="padding: 8px; background-color: #fef3c7">
            Gebruik code <strong>ZOMER20</strong> bij het afrekenen.</td></tr></table>

            Wij zien u graag, {{contact.name}}!

            Met vriendelijke groet,
            Studio Licht
            """.repeat(2);

    private CompiledMessage message;
    private MessageRecipient[] recipients;
    private int next;

    @Setup
    public void setUp() {
        SenderSettings settings = new SenderSettings(1, "Fotostudio Jansen B.V.", "Studio Licht", "12345678",
                "Dorpsstraat 1\n1234 AB Dorp", "NL", "privacy@fotostudio-jansen.nl", Map.of(), 24, List.of(),
                Instant.parse("2026-01-01T00:00:00Z"), "admin");
        message = new MessageComposer().compile(
                MessageDraft.markdown("{{contact.firstName | default: \"Hallo\"}}, 20% korting op afdrukken", "Alleen deze week", BODY)
                        .withAttributes(Set.of("city")), settings);
        recipients = new MessageRecipient[1024];
        for (int i = 0; i < recipients.length; i++) {
            recipients[i] = new MessageRecipient(i % 7 == 0 ? null : "Anna" + i, "Anna de Vries " + i, "anna" + i + "@example.nl",
                    i % 3 == 0 ? Map.of() : Map.of("city", "Utrecht"), "https://mail.example/afmelden/" + Integer.toHexString(i * 7919),
                    i % 2 == 0 ? Basis.CONSENT : Basis.SOFT_OPT_IN);
        }
    }

    @Benchmark
    public RenderedMessage render() {
        MessageRecipient recipient = recipients[next];
        next = (next + 1) & (recipients.length - 1);
        return message.render(recipient);
    }
}
