package nl.mailwijs.inbound.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import nl.mailwijs.inbound.InboundReport;
import nl.mailwijs.inbound.ReportKind;

/** Reads one raw message into an {@link InboundReport}; see {@code InboundParser} for the contract. */
public final class ReportReader {

    /** Bounces and reports are small; a longer message is read up to here (its returned attachment is not needed). */
    public static final int MAX_BYTES = 32 << 20;
    /** The human-readable text that is searched; a bounce explains itself in far less. */
    private static final int MAX_TEXT = 256 << 10;
    private static final int MAX_LINE = 998;

    private static final Pattern AUTO_REPLY_SUBJECT = Pattern.compile("(?i)^\\s*(?:(?:re|aw|fw|fwd)\\s*:\\s*)?"
            + "(?:automatic reply|auto(?:matisch)?[ -]?(?:antwoord|reply|response|answer)|autoreply|out of (?:the )?office"
            + "|afwezig|abwesend|abwesenheit|r[ée]ponse automatique|automatische antwort|autosvar|risposta automatica"
            + "|respuesta autom[áa]tica|on vacation|vacation|away from (?:the )?office|auto:|niet aanwezig|buiten kantoor)");
    private static final Pattern TEXT_FIELD = Pattern.compile("(?im)^(X-Mailwijs-Token|List-Unsubscribe):[ \\t]*(.*(?:\\r?\\n[ \\t]+.*)*)");

    private ReportReader() {
    }

    public static InboundReport read(byte[] raw) {
        Problems problems = new Problems();
        if (raw == null || raw.length == 0) {
            problems.add("empty message");
            return new InboundReport(ReportKind.NOT_A_REPORT, List.of(), null, null, false, problems.list());
        }
        byte[] bytes = raw;
        if (raw.length > MAX_BYTES) {
            problems.add("longer than " + (MAX_BYTES >> 20) + " MiB; only the first " + (MAX_BYTES >> 20) + " MiB were read");
            bytes = java.util.Arrays.copyOf(raw, MAX_BYTES);
        }
        scanBytes(bytes, problems);
        MimeEntity message = new MimeReader(problems).read(bytes);

        Recipients recipients = new Recipients();
        List<String> envelopeSenders = new ArrayList<>();
        String feedbackType = null;
        boolean autoReply = false;
        ReportKind kind;
        MimeEntity report = findReport(message, 0);
        String reportType = report == null ? null : String.valueOf(report.parameter("report-type")).toLowerCase(Locale.ROOT);
        MimeEntity deliveryStatus = findType(message, Set.of("message/delivery-status", "message/global-delivery-status"), 0);
        MimeEntity feedback = findType(message, Set.of("message/feedback-report"), 0);
        String text = ownText(message);
        String ownText = TextBounceReader.ownPart(text);

        if (feedback != null || "feedback-report".equals(reportType)) {
            kind = ReportKind.ARF;
            if (report == null) {
                problems.add("a feedback-report part outside multipart/report");
            } else if (!"feedback-report".equals(reportType)) {
                problems.add("multipart/report without report-type=feedback-report around its feedback-report part");
            }
            if (feedback == null) {
                problems.add("report-type=feedback-report without a message/feedback-report part");
            } else {
                feedbackType = FeedbackReportReader.read(feedback.text(), returnedMessage(message, 0), recipients, problems, envelopeSenders);
            }
        } else if (deliveryStatus != null || "delivery-status".equals(reportType)) {
            kind = ReportKind.DSN;
            if (report == null) {
                problems.add("a delivery-status part outside multipart/report");
            } else if (!"delivery-status".equals(reportType)) {
                problems.add("multipart/report without report-type=delivery-status around its delivery-status part");
            }
            if (deliveryStatus == null) {
                problems.add("report-type=delivery-status without a message/delivery-status part; the text was read instead");
                TextBounceReader.read(ownText, ownAddresses(message), recipients);
            } else {
                DeliveryStatusReader.read(deliveryStatus.text(), recipients, problems);
            }
        } else if (TextBounceReader.isBounce(message, ownText)) {
            kind = ReportKind.BOUNCE_OTHER;
            TextBounceReader.read(ownText, ownAddresses(message), recipients);
            if (recipients.isEmpty()) {
                problems.add("a bounce that names no failed address this parser can read");
            }
        } else {
            kind = ReportKind.NOT_A_REPORT;
            autoReply = isAutoReply(message);
        }
        String token = token(message, envelopeSenders, text, problems);
        return new InboundReport(kind, recipients.list(), feedbackType, token, autoReply, problems.list());
    }

    private static void scanBytes(byte[] bytes, Problems problems) {
        int lineStart = 0;
        boolean nul = false;
        boolean longLine = false;
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                longLine |= i - lineStart > MAX_LINE + 1;
                lineStart = i + 1;
            } else if (b == 0) {
                nul = true;
            }
        }
        longLine |= bytes.length - lineStart > MAX_LINE;
        if (nul) {
            problems.add("contains NUL bytes: binary data where text was expected");
        }
        if (longLine) {
            problems.add("has lines longer than " + MAX_LINE + " characters (RFC 5322 2.1.1)");
        }
        int messages = 0;
        for (int i = 0; i + 5 <= bytes.length && messages < 3; i++) {
            if ((i == 0 || bytes[i - 1] == '\n') && bytes[i] == 'F' && bytes[i + 1] == 'r' && bytes[i + 2] == 'o' && bytes[i + 3] == 'm'
                    && bytes[i + 4] == ' ') {
                messages++;
            }
        }
        if (messages > 1 && bytes[0] == 'F') {
            problems.add("looks like an mbox file with several messages; only the first was read (give one message per file)");
        }
    }

    /** The first multipart/report, not looking inside returned messages. */
    private static MimeEntity findReport(MimeEntity entity, int depth) {
        if (entity.type().equals("multipart/report")) {
            return entity;
        }
        for (MimeEntity part : entity.parts()) {
            MimeEntity found = findReport(part, depth + 1);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static MimeEntity findType(MimeEntity entity, Set<String> types, int depth) {
        if (types.contains(entity.type())) {
            return entity;
        }
        for (MimeEntity part : entity.parts()) {
            MimeEntity found = findType(part, types, depth + 1);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** The first message returned inside the report (message/rfc822 or text/rfc822-headers), or null. */
    private static MimeEntity returnedMessage(MimeEntity entity, int depth) {
        if (entity.embedded() != null) {
            return entity.embedded();
        }
        for (MimeEntity part : entity.parts()) {
            MimeEntity found = returnedMessage(part, depth + 1);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /**
     * The report's own text: its text/plain parts (text/html with the tags removed when a
     * multipart/alternative has no plain part), not those of a returned message.
     */
    static String ownText(MimeEntity message) {
        StringBuilder text = new StringBuilder();
        collectText(message, text);
        if (text.length() > MAX_TEXT) {
            text.setLength(MAX_TEXT);
        }
        return text.toString();
    }

    private static void collectText(MimeEntity entity, StringBuilder text) {
        if (text.length() > MAX_TEXT) {
            return;
        }
        String type = entity.type();
        if (type.startsWith("multipart/")) {
            if (entity.parts().isEmpty()) {
                // No parts could be read (no boundary): the body is all there is.
                text.append(entity.text()).append("\n\n");
                return;
            }
            boolean alternative = type.equals("multipart/alternative");
            boolean hasPlain = entity.parts().stream().anyMatch(part -> part.type().equals("text/plain"));
            for (MimeEntity part : entity.parts()) {
                if (alternative && hasPlain && !part.type().equals("text/plain")) {
                    continue;
                }
                collectText(part, text);
                if (alternative && text.length() > 0) {
                    return;
                }
            }
        } else if (type.equals("text/plain")) {
            text.append(entity.text()).append("\n\n");
        } else if (type.equals("text/html")) {
            text.append(Html.toText(entity.text())).append("\n\n");
        }
    }

    private static Set<String> ownAddresses(MimeEntity message) {
        Set<String> own = new HashSet<>();
        for (String name : List.of("From", "To", "Return-Path", "Sender", "Reply-To", "Delivered-To", "X-Original-To")) {
            for (String value : message.headers(name)) {
                Matcher matcher = Addresses.finder(value);
                while (matcher.find()) {
                    own.add(Addresses.key(matcher.group()));
                }
            }
        }
        return own;
    }

    private static boolean isAutoReply(MimeEntity message) {
        if (message.header("X-Autoreply") != null || message.header("X-Autorespond") != null
                || message.header("X-Autoresponder") != null) {
            return true;
        }
        String precedence = message.header("Precedence");
        if (precedence != null && precedence.strip().equalsIgnoreCase("auto_reply")) {
            return true;
        }
        String autoSubmitted = message.header("Auto-Submitted");
        if (autoSubmitted != null && autoSubmitted.strip().toLowerCase(Locale.ROOT).startsWith("auto-replied")) {
            return true;
        }
        String subject = message.header("Subject");
        return subject != null && AUTO_REPLY_SUBJECT.matcher(subject).find();
    }

    /**
     * The envelope-sender token first (the report's To and delivery headers, the feedback
     * report's Original-Mail-From, the returned message's Return-Path, then anywhere in the
     * report's text), else an X-Mailwijs-Token, else the List-Unsubscribe URL's token.
     */
    private static String token(MimeEntity message, List<String> envelopeSenders, String text, Problems problems) {
        Set<String> envelope = new LinkedHashSet<>();
        for (String name : List.of("To", "Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To", "X-Original-Recipient")) {
            for (String value : message.headers(name)) {
                addIfPresent(envelope, Tokens.inEnvelopeAddress(value));
            }
        }
        envelopeSenders.forEach(value -> addIfPresent(envelope, Tokens.inEnvelopeAddress(value)));
        List<MimeEntity> returned = new ArrayList<>();
        collectReturned(message, returned, 0);
        for (MimeEntity original : returned) {
            original.headers("Return-Path").forEach(value -> addIfPresent(envelope, Tokens.inEnvelopeAddress(value)));
        }
        addIfPresent(envelope, Tokens.inEnvelopeAddress(text));
        if (envelope.size() > 1) {
            problems.add("names several different tokens (" + String.join(", ", envelope) + "); the first was taken");
        }
        if (!envelope.isEmpty()) {
            return envelope.iterator().next();
        }
        String header = null;
        String listUnsubscribe = null;
        for (MimeEntity original : returned) {
            header = header != null ? header : Tokens.inHeader(original.header("X-Mailwijs-Token"));
            listUnsubscribe = listUnsubscribe != null ? listUnsubscribe : Tokens.inListUnsubscribe(original.header("List-Unsubscribe"));
        }
        // Bounces that are not reports quote the original header in their text.
        Matcher field = TEXT_FIELD.matcher(text);
        while (field.find() && (header == null || listUnsubscribe == null)) {
            if (field.group(1).equalsIgnoreCase("X-Mailwijs-Token")) {
                header = header != null ? header : Tokens.inHeader(field.group(2));
            } else {
                listUnsubscribe = listUnsubscribe != null ? listUnsubscribe : Tokens.inListUnsubscribe(field.group(2).replaceAll("\\s+", ""));
            }
        }
        return header != null ? header : listUnsubscribe;
    }

    private static void collectReturned(MimeEntity entity, List<MimeEntity> returned, int depth) {
        if (entity.embedded() != null) {
            returned.add(entity.embedded());
        }
        for (MimeEntity part : entity.parts()) {
            collectReturned(part, returned, depth + 1);
        }
    }

    private static void addIfPresent(Set<String> tokens, String token) {
        if (token != null) {
            tokens.add(token);
        }
    }
}
