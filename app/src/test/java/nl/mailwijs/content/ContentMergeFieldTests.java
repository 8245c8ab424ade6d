package nl.mailwijs.content;

import static nl.mailwijs.content.ContentFixtures.recipient;
import static nl.mailwijs.content.ContentFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import nl.mailwijs.engine.decision.Basis;

class ContentMergeFieldTests {

    private final MessageComposer composer = new MessageComposer();

    private RenderedMessage render(String body, MessageRecipient recipient) {
        return composer.compile(MessageDraft.html("Hallo", "", body).withAttributes(Set.of("city")), settings()).render(recipient);
    }

    @Test
    void fieldsAreFilledPerRecipient() {
        CompiledMessage message = composer.compile(MessageDraft.markdown("Hoi {{contact.firstName}}", "",
                "Beste {{contact.name}} ({{contact.email}}) uit {{contact.attributes.city}}").withAttributes(Set.of("city")), settings());

        RenderedMessage anna = message.render(recipient("Anna"));
        RenderedMessage bob = message.render(new MessageRecipient("Bob", "Bob Bos", "bob@example.nl", Map.of("city", "Zwolle"),
                ContentFixtures.UNSUBSCRIBE, Basis.CONSENT));

        assertThat(anna.subject()).isEqualTo("Hoi Anna");
        assertThat(anna.html()).contains("Beste Anna de Vries (anna@example.nl) uit Utrecht");
        assertThat(anna.text()).startsWith("Beste Anna de Vries (anna@example.nl) uit Utrecht");
        assertThat(bob.subject()).isEqualTo("Hoi Bob");
        assertThat(bob.html()).contains("Beste Bob Bos (bob@example.nl) uit Zwolle");
    }

    @Test
    void theDefaultStandsInForAMissingOrBlankValue() {
        String body = "<p>Beste {{ contact.firstName | default: \"klant\" }}, {{contact.attributes.city|default:\"\\\"overal\\\"\"}}</p>";

        MessageRecipient nameless = new MessageRecipient(null, null, "a@x.nl", Map.of(), ContentFixtures.UNSUBSCRIBE, Basis.CONSENT);
        MessageRecipient blank = new MessageRecipient("  ", null, "a@x.nl", Map.of("city", ""), ContentFixtures.UNSUBSCRIBE, Basis.CONSENT);

        assertThat(render(body, nameless).html()).contains("Beste klant, &quot;overal&quot;");
        assertThat(render(body, blank).text()).startsWith("Beste klant, \"overal\"");
        assertThat(render(body, recipient("Anna")).html()).contains("Beste Anna, Utrecht");
    }

    @Test
    void aFieldWithoutValueOrDefaultIsEmpty() {
        assertThat(render("<p>Beste {{contact.firstName}}!</p>", recipient(null)).html()).contains("<p>Beste !</p>");
    }

    @Test
    void valuesAreEscapedInHtmlAndRawInText() {
        RenderedMessage message = render("<p>Hoi {{contact.firstName}}</p>", recipient("<script>alert('x')</script> & co"));

        assertThat(message.html()).contains("Hoi &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co")
                .doesNotContain("<script>");
        assertThat(message.text()).startsWith("Hoi <script>alert('x')</script> & co");
    }

    @Test
    void aValueInsideALinkIsPercentEncodedSoItCannotChangeTheLink() {
        RenderedMessage message = render("<a href=\"https://shop.nl/?e={{contact.email}}\">shop</a>",
                new MessageRecipient("A", "A", "a+b@x.nl\" onclick=\"evil()", Map.of(), ContentFixtures.UNSUBSCRIBE, Basis.CONSENT));

        assertThat(message.html()).contains("href=\"https://shop.nl/?e=a%2Bb%40x.nl%22%20onclick%3D%22evil%28%29\"");
        assertThat(message.text()).contains("shop (https://shop.nl/?e=a%2Bb%40x.nl%22%20onclick%3D%22evil%28%29)");
    }

    @Test
    void aLinkCannotTakeItsWholeTargetFromAMergeValue() {
        // A contact attribute "javascript:…" must never become a link: only {{unsubscribeUrl}} may stand alone.
        RenderedMessage message = render("<a href=\"{{contact.attributes.city}}\">klik</a>",
                new MessageRecipient("A", "A", "a@x.nl", Map.of("city", "javascript:alert(1)"), ContentFixtures.UNSUBSCRIBE, Basis.CONSENT));

        assertThat(message.html()).doesNotContain("javascript:").contains("<a>klik</a>");
    }

    @Test
    void theAuthorMayLinkToTheUnsubscribeUrlThemselves() {
        RenderedMessage message = render("<p><a href=\"{{unsubscribeUrl}}\">Uitschrijven</a></p>", recipient("A"));

        assertThat(message.html()).contains("<a href=\"" + ContentFixtures.UNSUBSCRIBE + "\">Uitschrijven</a>");
        assertThat(message.text()).startsWith("Uitschrijven (" + ContentFixtures.UNSUBSCRIBE + ")");
    }

    @Test
    void inMarkdownTooTheUnsubscribeUrlMayBeALinkAndValuesStayInsideTheirUrl() {
        CompiledMessage message = composer.compile(MessageDraft.markdown("x", "",
                "[Uitschrijven]({{unsubscribeUrl}}) of [shop](https://shop.nl/?e={{contact.email}}&n=1)"), settings());
        MessageRecipient recipient = new MessageRecipient("A", "A", "a&b@x.nl", Map.of(), "https://m.example/af?t=1&u=2", Basis.CONSENT);

        RenderedMessage rendered = message.render(recipient);

        assertThat(rendered.html()).contains("<a href=\"https://m.example/af?t=1&amp;u=2\">Uitschrijven</a> of "
                + "<a href=\"https://shop.nl/?e=a%26b%40x.nl&amp;n=1\">shop</a>");
        assertThat(rendered.text()).startsWith("Uitschrijven (https://m.example/af?t=1&u=2) of shop (https://shop.nl/?e=a%26b%40x.nl&n=1)");
        assertThat(new ContentChecker().check(rendered, settings()).findings()).isEmpty();
    }

    @Test
    void aQuotedTextWritesLiteralBraces() {
        assertThat(render("<p>{{ \"{{\" }}niet vervangen}}</p>", recipient("A")).html()).contains("<p>{{niet vervangen}}</p>");
    }

    @Test
    void unknownFieldsAreRefusedAtComposeTimeWithTheirPlace() {
        MessageDraft draft = MessageDraft.markdown("Hoi {{contact.voornaam}}", "", "Regel een\nen {{contact.firstname}} daar\n{{contact.attributes.shoeSize}}");

        assertThatThrownBy(() -> composer.compile(draft, settings()))
                .isInstanceOfSatisfying(ContentValidationException.class, e -> assertThat(e.problems()).containsExactly(
                        new ContentProblem("subject", 1, 5,
                                "unknown merge field {{contact.voornaam}}; known fields: contact.firstName, contact.name, contact.email, contact.attributes.<name>, unsubscribeUrl",
                                ContentProblem.Code.UNKNOWN_FIELD, "contact.voornaam",
                                "contact.firstName, contact.name, contact.email, contact.attributes.<name>, unsubscribeUrl"),
                        new ContentProblem("body", 2, 4, "unknown merge field {{contact.firstname}}; did you mean {{contact.firstName}}?",
                                ContentProblem.Code.UNKNOWN_FIELD_DID_YOU_MEAN, "contact.firstname", "contact.firstName"),
                        new ContentProblem("body", 3, 1, "unknown attribute 'shoeSize' in {{contact.attributes.shoeSize}}; no attributes are declared for this message",
                                ContentProblem.Code.UNKNOWN_ATTRIBUTE_NONE_DECLARED, "shoeSize")));
    }

    @Test
    void brokenSyntaxIsReportedAndTheRestStillChecked() {
        MessageDraft draft = MessageDraft.html("Hoi", "{{contact.firstName | upper}}", "<p>{{contact.firstName</p>\n{{contact.nme}}");

        assertThatThrownBy(() -> composer.compile(draft, settings()))
                .isInstanceOfSatisfying(ContentValidationException.class, e -> assertThat(e.problems()).extracting(ContentProblem::toString)
                        .containsExactly(
                                "preheader 1:23: after '|' only 'default: \"text\"' is allowed",
                                "body 1:23: unexpected '<' in the merge field opened at line 1, column 4; expected }}",
                                "body 2:1: unknown merge field {{contact.nme}}; known fields: contact.firstName, contact.name, contact.email, contact.attributes.<name>, unsubscribeUrl"));
    }

    @Test
    void anUnclosedFieldOrStringIsAnError() {
        assertThatThrownBy(() -> composer.compile(MessageDraft.html("Hoi {{contact.name", "", "x"), settings()))
                .hasMessage("subject 1:5: the merge field opened here is not closed with }}");
        assertThatThrownBy(() -> composer.compile(MessageDraft.html("Hoi", "", "{{contact.name | default: \"klant}}"), settings()))
                .hasMessage("body 1:1: a quoted text inside {{ … }} is not closed with \"");
    }

    @Test
    void theUnsubscribeUrlTakesNoDefault() {
        assertThatThrownBy(() -> composer.compile(MessageDraft.html("Hoi", "", "{{unsubscribeUrl | default: \"x\"}}"), settings()))
                .hasMessageContaining("{{unsubscribeUrl}} takes no default");
    }

    @Test
    void privateUseCharactersOfTheAuthorCannotForgeAField() {
        RenderedMessage message = render("<p>a\uE000\uE100\uE001b</p>", recipient("Anna"));

        assertThat(message.html()).contains("<p>a\uFFFD\uFFFD\uFFFDb</p>").doesNotContain("Anna</p>");
    }

    @Test
    void norCanAQuotedText() {
        assertThat(render("<p>{{ \"\uE000\uE100\uE001\" }}</p>", recipient("Anna")).html()).contains("<p>\uFFFD\uFFFD\uFFFD</p>");
    }

    @Test
    void aTemplateIsReusedWithItsOwnSubjectPerCampaign() {
        Template template = new Template("nieuwsbrief", BodyFormat.MARKDOWN, "Hallo {{contact.firstName}} uit {{contact.attributes.city}}", null, null);

        RenderedMessage first = composer.compile(template.draft("Mei", "", null, Set.of("city")), settings()).render(recipient("Anna"));
        RenderedMessage second = composer.compile(template.draft("Juni", "", null, Set.of("city")), settings()).render(recipient("Bob"));

        assertThat(first.subject()).isEqualTo("Mei");
        assertThat(first.html()).contains("<p>Hallo Anna uit Utrecht</p>");
        assertThat(second.subject()).isEqualTo("Juni");
        assertThat(second.text()).startsWith("Hallo Bob uit Utrecht");
    }

    @Test
    void oneCompiledMessageRendersTheSameFromManyThreads() throws Exception {
        CompiledMessage message = composer.compile(MessageDraft.markdown("Hoi {{contact.firstName}}", "", "**{{contact.firstName}}**"), settings());
        var failures = new java.util.concurrent.atomic.AtomicInteger();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            String name = "naam" + t;
            threads[t] = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 2_000; i++) {
                    RenderedMessage rendered = message.render(recipient(name));
                    if (!rendered.subject().equals("Hoi " + name) || !rendered.html().contains("<strong>" + name + "</strong>")) {
                        failures.incrementAndGet();
                    }
                }
            });
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures).hasValue(0);
    }
}
