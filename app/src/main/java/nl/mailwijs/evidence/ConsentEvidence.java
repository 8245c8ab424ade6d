package nl.mailwijs.evidence;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import nl.mailwijs.decisionjson.InputProblem;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.ConsentMethod;
import nl.mailwijs.engine.request.ObtainedBy;
import nl.mailwijs.evidence.internal.Fields;

/**
 * A consent and the proof the sender must keep (AVG art. 7(1): the sender bears the burden).
 * Method and who obtained it are required: a ledger entry that cannot say how consent was
 * given proves nothing.
 *
 * @param topics      empty: the sender's messages in general
 * @param wording     the exact text the person agreed to, with its version and language
 * @param withdrawnAt when known at recording (an import); a later withdrawal is a {@link WithdrawalEvidence}
 * @param capture     how and where it was collected
 */
public record ConsentEvidence(
        String id,
        Instant givenAt,
        Set<Channel> channels,
        List<String> topics,
        ConsentMethod method,
        ObtainedBy obtainedBy,
        Wording wording,
        Instant confirmedAt,
        Instant withdrawnAt,
        Capture capture) implements EvidenceContent {

    public ConsentEvidence {
        id = Fields.text("id", id, Fields.MAX_ID);
        Fields.required("givenAt", givenAt);
        channels = Fields.set(channels);
        if (channels.isEmpty()) {
            throw new InvalidRequestException("channels", InputProblem.NO_CHANNELS, "name the channels consented to: EMAIL, SMS, WHATSAPP",
                    "EMAIL, SMS, WHATSAPP");
        }
        topics = Fields.topics("topics", topics);
        Fields.required("method", method);
        Fields.required("obtainedBy", obtainedBy);
        wording = wording == null ? Wording.NONE : wording;
        capture = capture == null ? Capture.NONE : capture;
    }

    @Override
    public EvidenceKind kind() {
        return EvidenceKind.CONSENT;
    }

    ConsentEvidence with(Wording resolved) {
        return new ConsentEvidence(id, givenAt, channels, topics, method, obtainedBy, resolved, confirmedAt, withdrawnAt, capture);
    }

    /**
     * The consent text: a registered wording ({@code wordingId}) or the text itself, which the
     * ledger registers. Stored records carry both the id and the text.
     */
    public record Wording(Long id, String text, String version, String language) {

        public static final Wording NONE = new Wording(null, null, null, null);

        public Wording {
            Fields.positive("wordingId", id);
            text = Fields.text("wording", text, ConsentWording.MAX_WORDING);
            version = Fields.text("wordingVersion", version, ConsentWording.MAX_VERSION);
            language = language == null ? null : ConsentWording.languageTag("wordingLanguage", language);
            if (id == null && text == null && (version != null || language != null)) {
                throw new InvalidRequestException(version != null ? "wordingVersion" : "wordingLanguage",
                        "belongs to a wording: give the wording text or a wordingId");
            }
        }

        public static Wording text(String text) {
            return new Wording(null, text, null, null);
        }

        public static Wording registered(long id) {
            return new Wording(id, null, null, null);
        }
    }

    /**
     * Where and how the consent was collected.
     *
     * @param address            the address consent was given for, normalised
     * @param source             the form URL or the system it came from
     * @param confirmationSentAt when the double opt-in mail was sent
     * @param confirmedIpAddress the IP address that confirmed the double opt-in
     * @param confirmedUserAgent the user agent that confirmed the double opt-in
     */
    public record Capture(
            String address,
            String source,
            String ipAddress,
            String userAgent,
            Instant confirmationSentAt,
            String confirmedIpAddress,
            String confirmedUserAgent) {

        public static final Capture NONE = new Capture(null, null, null, null, null, null, null);

        public Capture {
            address = Fields.address("address", address);
            source = Fields.text("source", source, 2_000);
            ipAddress = Fields.ipAddress("ipAddress", ipAddress);
            userAgent = Fields.text("userAgent", userAgent, 1_000);
            confirmedIpAddress = Fields.ipAddress("confirmedIpAddress", confirmedIpAddress);
            confirmedUserAgent = Fields.text("confirmedUserAgent", confirmedUserAgent, 1_000);
        }

        /** A capture without a confirming user agent (single opt-in, or an import that does not have it). */
        public Capture(String address, String source, String ipAddress, String userAgent, Instant confirmationSentAt,
                       String confirmedIpAddress) {
            this(address, source, ipAddress, userAgent, confirmationSentAt, confirmedIpAddress, null);
        }
    }
}
