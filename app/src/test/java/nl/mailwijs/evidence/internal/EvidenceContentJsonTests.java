package nl.mailwijs.evidence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import nl.mailwijs.apijson.JsonObjectFields;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.ConsentMethod;
import nl.mailwijs.engine.request.InteractionType;
import nl.mailwijs.engine.request.ObjectionRoute;
import nl.mailwijs.engine.request.ObtainedBy;
import nl.mailwijs.engine.request.Proof;
import nl.mailwijs.evidence.ConsentEvidence;
import nl.mailwijs.evidence.EvidenceContent;
import nl.mailwijs.evidence.ErasureEvidence;
import nl.mailwijs.evidence.EvidenceKind;
import nl.mailwijs.evidence.InteractionEvidence;
import nl.mailwijs.evidence.ObjectionEvidence;
import nl.mailwijs.evidence.PurchaseEvidence;
import nl.mailwijs.evidence.WithdrawalEvidence;

class EvidenceContentJsonTests {

    private static final Set<String> ENVELOPE = Set.of("kind", "supersedes");

    @Test
    void everyKindReadsBackAsWritten() {
        List<EvidenceContent> contents = List.of(
                new PurchaseEvidence("o-77", Instant.parse("2021-05-12T00:00:00Z"), List.of("portrait-photography"), Proof.INVOICE,
                        "F-1", true, true),
                new InteractionEvidence(null, InteractionType.BROCHURE_REQUEST, Instant.parse("2025-02-01T00:00:00Z")),
                new ConsentEvidence("c-1", Instant.parse("2024-03-01T10:00:00Z"), Set.of(Channel.SMS, Channel.EMAIL), List.of("a", "b"),
                        ConsentMethod.WRITTEN, ObtainedBy.SENDER, new ConsentEvidence.Wording(3L, "Ja.", "v1", "nl"),
                        Instant.parse("2024-03-01T10:05:00Z"), null,
                        new ConsentEvidence.Capture("+31612345678", "shop", "192.0.2.1", "curl/8", null, null)),
                new ConsentEvidence("c-2", Instant.parse("2024-03-01T10:00:00Z"), Set.of(Channel.EMAIL), List.of(), ConsentMethod.DOUBLE_OPT_IN,
                        ObtainedBy.SENDER, ConsentEvidence.Wording.text("Ja."), Instant.parse("2024-03-01T10:09:00Z"), null,
                        new ConsentEvidence.Capture("jan@example.nl", "https://example.nl/aanmelden", "192.0.2.1", "Firefox/140",
                                Instant.parse("2024-03-01T10:00:01Z"), "2001:db8::7", "Safari/18")),
                new ObjectionEvidence("u-1", Instant.parse("2025-06-01T09:00:00Z"), false, Set.of(Channel.WHATSAPP), List.of("x"),
                        ObjectionRoute.PHONE, "call 12:03"),
                new WithdrawalEvidence(null, 4L, "c-1", Instant.parse("2025-01-01T00:00:00Z"), null));

        for (EvidenceContent content : contents) {
            String json = EvidenceContentJson.write(content);
            assertThat(EvidenceContentJson.read(content.kind(), json)).as(json).isEqualTo(content);
        }
    }

    @Test
    void theConfirmingUserAgentOfADoubleOptInIsKeptAndAbsentWhenUnknown() {
        String json = EvidenceContentJson.write(new ConsentEvidence(null, Instant.parse("2024-03-01T10:00:00Z"), Set.of(Channel.EMAIL),
                List.of(), ConsentMethod.DOUBLE_OPT_IN, ObtainedBy.SENDER, null, Instant.parse("2024-03-01T10:09:00Z"), null,
                new ConsentEvidence.Capture(null, null, null, "Firefox/140", null, "192.0.2.9", "Safari/18")));
        assertThat(json).contains("\"confirmedUserAgent\":\"Safari/18\"", "\"userAgent\":\"Firefox/140\"");
        assertThat(EvidenceContentJson.write(new ConsentEvidence(null, Instant.parse("2024-03-01T10:00:00Z"), Set.of(Channel.EMAIL),
                List.of(), ConsentMethod.WRITTEN, ObtainedBy.SENDER, null, null, null, null))).doesNotContain("confirmedUserAgent");
    }

    @Test
    void theSameContentWrittenDifferentlyHasOneCanonicalForm() {
        EvidenceContent compact = read("{\"kind\":\"CONSENT\",\"givenAt\":\"2024-03-01T11:00:00+01:00\",\"channels\":[\"SMS\",\"EMAIL\"],"
                + "\"method\":\"WRITTEN\",\"obtainedBy\":\"SENDER\",\"topics\":[\" photo-prints \"]}");
        EvidenceContent spaced = read("""
                { "obtainedBy": "SENDER", "method": "WRITTEN", "topics": ["photo-prints"],
                  "channels": ["EMAIL", "SMS"], "givenAt": "2024-03-01T10:00:00Z", "kind": "CONSENT", "wording": null }""");

        assertThat(EvidenceContentJson.write(compact)).isEqualTo(EvidenceContentJson.write(spaced)).isEqualTo(
                "{\"channels\":[\"EMAIL\",\"SMS\"],\"givenAt\":\"2024-03-01T10:00:00Z\",\"method\":\"WRITTEN\",\"obtainedBy\":\"SENDER\","
                        + "\"topics\":[\"photo-prints\"]}");
    }

    @Test
    void anObjectionWithoutChannelsOrWithAllCoversEveryChannel() {
        ObjectionEvidence none = (ObjectionEvidence) read("{\"kind\":\"OBJECTION\",\"at\":\"2025-06-01\"}");
        ObjectionEvidence all = (ObjectionEvidence) read("{\"kind\":\"OBJECTION\",\"at\":\"2025-06-01\",\"channels\":[\"SMS\",\"ALL\"]}");

        assertThat(none.allChannels()).isTrue();
        assertThat(all).isEqualTo(none);
        assertThat(EvidenceContentJson.write(all)).isEqualTo("{\"at\":\"2025-06-01T00:00:00Z\",\"channels\":[\"ALL\"],\"topics\":[]}");
    }

    @Test
    void fieldsOfAnotherKindAndUnknownFieldsAreRefusedByName() {
        assertRefused("{\"kind\":\"PURCHASE\",\"date\":\"2021-05-12\",\"givenAt\":\"2021-05-12\"}", "givenAt", "allowed here");
        assertRefused("{\"kind\":\"PURCHASE\",\"date\":\"2021-05-12\",\"catgories\":[]}", "catgories", "categories");
        assertRefused("{\"kind\":\"PURCHASE\"}", "date", "missing");
        assertRefused("{\"kind\":\"PURCHASE\",\"date\":\"2021-05-12T10:00:00\"}", "date", "add Z for UTC");
        assertRefused("{\"kind\":\"PURCHASE\",\"date\":\"2021-05-12\",\"proof\":\"RECEIPT\"}", "proof", "INVOICE");
        assertRefused("{\"kind\":\"PURCHASE\",\"date\":\"2021-05-12\",\"categories\":[\"a\",7]}", "categories[1]", "expected a string");
        assertRefused("{\"kind\":\"PURCHASE\",\"date\":\"2021-05-12\",\"objectionOffered\":\"yes\"}", "objectionOffered", "true or false");
        assertRefused("{\"kind\":\"CONSENT\",\"givenAt\":\"2024-03-01\",\"channels\":[\"ALL\"],\"method\":\"WRITTEN\",\"obtainedBy\":\"SENDER\"}",
                "channels[0]", "EMAIL");
        assertRefused("{\"kind\":\"CONSENT\",\"givenAt\":\"2024-03-01\",\"channels\":[\"EMAIL\"],\"method\":\"WRITTEN\",\"obtainedBy\":\"SENDER\","
                + "\"wordingVersion\":\"v2\"}", "wordingVersion", "wording text or a wordingId");
        assertRefused("{\"kind\":\"CONSENT\",\"givenAt\":\"2024-03-01\",\"channels\":[\"EMAIL\"],\"method\":\"WRITTEN\",\"obtainedBy\":\"SENDER\","
                + "\"wording\":\"Ja\",\"wordingLanguage\":\"nederlands!\"}", "wordingLanguage", "language tag");
        assertRefused("{\"kind\":\"WITHDRAWAL\",\"consentRecordId\":-3,\"withdrawnAt\":\"2025-01-01\"}", "consentRecordId", "positive");
        assertRefused("{\"kind\":\"INTERACTION\",\"type\":\"QUOTE\",\"date\":\"2025-02-01\",\"id\":\"" + "x".repeat(201) + "\"}", "id", "longer");
        assertRefused("{\"kind\":\"ERASURE\",\"at\":\"2025-02-01\",\"erasedRecords\":[1],\"suppressions\":0}", "kind", "/erasure");
    }

    @Test
    void anErasureRecordReadsBackAsWritten() {
        ErasureEvidence erasure = new ErasureEvidence(java.time.Instant.parse("2026-11-24T12:00:00.123456Z"), java.util.List.of(3L, 9L), 2);
        String json = EvidenceContentJson.write(erasure);

        assertThat(json).isEqualTo("{\"at\":\"2026-11-24T12:00:00.123456Z\",\"erasedRecords\":[3,9],\"suppressions\":2}");
        assertThat(EvidenceContentJson.read(EvidenceKind.ERASURE, json)).isEqualTo(erasure);
        assertThat(EvidenceContentJson.erasedMarker(erasure.at())).isEqualTo("{\"erasedAt\":\"2026-11-24T12:00:00.123456Z\"}");
    }

    private static EvidenceContent read(String json) {
        JsonObjectFields fields = JsonObjectFields.parse(json);
        return EvidenceContentJson.read(fields.requiredEnum("kind", EvidenceKind.class), fields, ENVELOPE);
    }

    private static void assertRefused(String json, String field, String problemPart) {
        assertThatThrownBy(() -> read(json)).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.problem()).contains(problemPart);
        });
    }
}
