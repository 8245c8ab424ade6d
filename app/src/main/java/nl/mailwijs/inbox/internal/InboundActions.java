package nl.mailwijs.inbox.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import nl.mailwijs.campaigns.Outbox;
import nl.mailwijs.contacts.Contacts;
import nl.mailwijs.delivery.ReturnAddresses;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.ObjectionRoute;
import nl.mailwijs.evidence.Appended;
import nl.mailwijs.evidence.Ledger;
import nl.mailwijs.evidence.ObjectionEvidence;
import nl.mailwijs.inbound.FailedRecipient;
import nl.mailwijs.inbound.InboundParser;
import nl.mailwijs.inbound.InboundReport;
import nl.mailwijs.inbound.InboundReportJson;
import nl.mailwijs.inbox.InboundKind;
import nl.mailwijs.inbox.InboundOutcome;
import nl.mailwijs.inbox.InboundSource;
import nl.mailwijs.suppressions.Bounce;
import nl.mailwijs.suppressions.BounceKind;
import nl.mailwijs.suppressions.BounceOutcome;
import nl.mailwijs.suppressions.BounceSource;
import nl.mailwijs.suppressions.Suppressions;

/**
 * What one stored inbound message means and what is done about it. The message it is about is
 * found only through its token, checked against the server's key by {@link Outbox#recipientOf};
 * an address in a report is never used to find a recipient.
 *
 * <ul>
 *   <li>Mail to an unsubscribe address ({@code bounce+unsubscribe.TOKEN@…}, from the SMTP envelope,
 *       or the top-level To, Cc and delivery header fields when there is no envelope): an objection
 *       of the recipient, route EMAIL. Whatever the message says: the address exists for nothing else.</li>
 *   <li>A DSN or bounce in text: the bounce of the message the token names, for the address that
 *       message went to; hard, soft or refused as {@link BounceKind#of} reads the report's line for
 *       that address (or, when the report names only other addresses, as a forward bounced, all of
 *       them: permanent only when all are).</li>
 *   <li>A feedback report: an objection, route COMPLAINT, unless its Feedback-Type is
 *       {@code not-spam} or {@code auth-failure} (not a complaint of the person). A report without a
 *       type counts as a complaint: the cautious reading.</li>
 * </ul>
 */
public final class InboundActions {

    /** How much of the message goes into the ledger with an objection; the whole stays in the inbound mailbox. */
    static final int EVIDENCE_BYTES = 64 << 10;
    private static final List<String> RECIPIENT_FIELDS =
            List.of("To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To", "X-Original-Recipient");
    private static final Set<String> NOT_COMPLAINTS = Set.of("not-spam", "auth-failure");

    private final InboundParser parser = new InboundParser();
    private final Outbox outbox;
    private final Contacts contacts;
    private final Ledger ledger;
    private final Suppressions suppressions;

    public InboundActions(Outbox outbox, Contacts contacts, Ledger ledger, Suppressions suppressions) {
        this.outbox = outbox;
        this.contacts = contacts;
        this.ledger = ledger;
        this.suppressions = suppressions;
    }

    /** A stored message to process. */
    public record Stored(long id, Instant receivedAt, InboundSource source, List<String> envelopeTo, boolean truncated, byte[] raw) {
    }

    /** What processing found and did. */
    public record Result(InboundKind kind, InboundOutcome outcome, String detail, List<String> problems, String reportJson, Long campaignId,
                         Long contactId, Long outboxId, Long evidenceRecordId) {
    }

    public Result act(Stored message) {
        InboundReport report = parser.parse(message.raw());
        List<String> problems = new ArrayList<>(report.problems());
        if (message.truncated()) {
            problems.add("truncated: only the first " + message.raw().length + " bytes were kept (mailwijs.inbound.max-message-size)");
        }
        Context context = new Context(message, report, problems, InboundReportJson.write("inbound-message-" + message.id(), report));

        Optional<String> unsubscribeToken = unsubscribeToken(message);
        if (unsubscribeToken.isPresent()) {
            return objection(context, InboundKind.UNSUBSCRIBE_REQUEST, unsubscribeToken.get(), ObjectionRoute.EMAIL,
                    "Unsubscribe request: an e-mail to the List-Unsubscribe mailto address");
        }
        String token = bounceToken(message).orElse(report.token());
        return switch (report.kind()) {
            case DSN -> bounce(context, InboundKind.DSN, token);
            case BOUNCE_OTHER -> bounce(context, InboundKind.BOUNCE_OTHER, token);
            case ARF -> complaint(context, token);
            case NOT_A_REPORT -> report.autoReply()
                    ? context.result(InboundKind.AUTO_REPLY, InboundOutcome.NO_ACTION, "an automatic reply (out of office): not a bounce")
                    : context.result(InboundKind.NOT_A_REPORT, InboundOutcome.NO_ACTION,
                            "not a bounce, complaint or unsubscribe request; kept for a person to read");
        };
    }

    private record Context(Stored message, InboundReport report, List<String> problems, String reportJson) {

        Result result(InboundKind kind, InboundOutcome outcome, String detail) {
            return new Result(kind, outcome, detail, problems, reportJson, null, null, null, null);
        }

        Result result(InboundKind kind, InboundOutcome outcome, String detail, Outbox.Recipient about, Long evidenceRecordId) {
            return new Result(kind, outcome, detail, problems, reportJson, about.campaignId(), about.contactId(), about.rowId(), evidenceRecordId);
        }
    }

    private static Optional<String> unsubscribeToken(Stored message) {
        if (!message.envelopeTo().isEmpty()) {
            return message.envelopeTo().stream().map(ReturnAddresses::unsubscribeToken).flatMap(Optional::stream).findFirst();
        }
        HeaderBlock headers = HeaderBlock.of(message.raw());
        return RECIPIENT_FIELDS.stream().flatMap(name -> headers.all(name).stream())
                .map(ReturnAddresses::unsubscribeTokenIn).flatMap(Optional::stream).findFirst();
    }

    private static Optional<String> bounceToken(Stored message) {
        return message.envelopeTo().stream().map(ReturnAddresses::bounceToken).flatMap(Optional::stream).findFirst();
    }

    private Result bounce(Context context, InboundKind kind, String token) {
        if (token == null) {
            return context.result(kind, InboundOutcome.UNMATCHED,
                    "a bounce without a Mailwijs token: which message it is about is unknown, and the addresses in it are not used");
        }
        Optional<Outbox.Recipient> found = outbox.recipientOf(token);
        if (found.isEmpty()) {
            return context.result(kind, InboundOutcome.UNMATCHED, "a bounce whose token is not valid or names no message Mailwijs sent");
        }
        Outbox.Recipient about = found.get();
        List<FailedRecipient> recipients = context.report().recipients();
        String message = "the message to " + about.address() + " (campaign " + about.campaignId() + ")";
        if (recipients.isEmpty()) {
            return context.result(kind, InboundOutcome.NO_ACTION, "a report about " + message + " that names no failed recipient", about, null);
        }
        String ownKey = Suppressions.addressKey(about.address()).orElse(about.address());
        FailedRecipient line = recipients.stream()
                .filter(recipient -> Suppressions.addressKey(recipient.address()).map(ownKey::equals).orElse(false))
                .findFirst().orElse(null);
        boolean permanent;
        String status;
        String diagnostic;
        String forwarded = "";
        if (line != null) {
            permanent = line.permanent();
            status = line.status();
            diagnostic = line.diagnostic();
        } else {
            // The message was forwarded and failed further on: it did not arrive, whoever refused it.
            permanent = recipients.stream().allMatch(FailedRecipient::permanent);
            FailedRecipient first = recipients.stream().filter(recipient -> recipient.permanent() == permanent).findFirst().orElseThrow();
            status = first.status();
            diagnostic = first.diagnostic();
            forwarded = " (the report names " + String.join(", ", recipients.stream().map(FailedRecipient::address).toList())
                    + ", to which it was forwarded)";
        }
        BounceKind bounceKind = BounceKind.of(permanent, status);
        BounceOutcome outcome = suppressions.record(new Bounce(about.address(), bounceKind, BounceSource.REPORT, status, diagnostic,
                context.message().receivedAt(), context.message().id(), about.rowId(), about.campaignId()));
        String why = (status == null ? "" : status) + (diagnostic == null ? "" : (status == null ? "" : ": ") + diagnostic);
        String named = switch (bounceKind) {
            case HARD -> "hard bounce";
            case SOFT -> "soft bounce";
            case REFUSED -> "message refused for good (counted like a soft bounce)";
        };
        String what = named + (why.isEmpty() ? "" : " (" + why + ")") + " of " + message + forwarded;
        if (outcome.suppression() != null && (outcome.newlySuppressed() || bounceKind == BounceKind.HARD)) {
            String suppressed = outcome.newlySuppressed()
                    ? (bounceKind == BounceKind.HARD ? "address suppressed"
                            : outcome.softInWindow() + " of " + outcome.softLimit() + " within " + suppressions.softWindow().toDays()
                                    + " days: address suppressed")
                    : "address already suppressed since " + outcome.suppression().suppressedAt();
            return context.result(kind, InboundOutcome.ADDRESS_SUPPRESSED, what + "; " + suppressed + " (suppression "
                    + outcome.suppression().id() + ")", about, null);
        }
        return context.result(kind, InboundOutcome.SOFT_BOUNCE_COUNTED, what + "; " + outcome.softInWindow() + " of " + outcome.softLimit()
                + " within " + suppressions.softWindow().toDays() + " days", about, null);
    }

    private Result complaint(Context context, String token) {
        String type = context.report().feedbackType();
        if (type != null && NOT_COMPLAINTS.contains(type.toLowerCase(Locale.ROOT))) {
            return context.result(InboundKind.ARF, InboundOutcome.NO_ACTION, "a feedback report of type " + type + ": not a complaint");
        }
        return objection(context, InboundKind.ARF, token, ObjectionRoute.COMPLAINT,
                "Complaint: an RFC 5965 feedback report (Feedback-Type: " + (type == null ? "none given, read as abuse" : type) + ")");
    }

    private Result objection(Context context, InboundKind kind, String token, ObjectionRoute via, String description) {
        String what = kind == InboundKind.ARF ? "a complaint" : "an unsubscribe request";
        if (token == null) {
            return context.result(kind, InboundOutcome.UNMATCHED, what + " without a Mailwijs token: whose it is is unknown");
        }
        Optional<Outbox.Recipient> found = outbox.recipientOf(token);
        if (found.isEmpty()) {
            return context.result(kind, InboundOutcome.UNMATCHED, what + " whose token is not valid or names no message Mailwijs sent");
        }
        Outbox.Recipient about = found.get();
        if (!contacts.exists(about.contactId())) {
            return context.result(kind, InboundOutcome.UNMATCHED, what + " about the message to " + about.address()
                    + ", whose contact no longer exists", about, null);
        }
        Stored message = context.message();
        String evidence = description + " about the message to " + about.address() + " of campaign " + about.campaignId()
                + ", received by the inbound mailbox (" + message.source() + ", inbound message " + message.id() + ") at "
                + message.receivedAt() + ". The message as received" + (message.raw().length > EVIDENCE_BYTES ? " (its first "
                + EVIDENCE_BYTES + " bytes; the whole is inbound message " + message.id() + ")" : "") + ":\n\n" + text(message.raw());
        // The source id makes processing the same message again (after a crash) find this record instead of adding one.
        // Whole seconds, as decisions take their time: an objection at 10:00:00.7 must count for a message decided at 10:00:00.
        Instant at = message.receivedAt().truncatedTo(ChronoUnit.SECONDS);
        ObjectionEvidence objection = new ObjectionEvidence("inbound-message-" + message.id(), at, false, Set.of(Channel.EMAIL), List.of(), via,
                evidence);
        Appended appended = ledger.append(about.contactId(), objection);
        return context.result(kind, InboundOutcome.OBJECTION_RECORDED, what + " about the message to " + about.address() + " (campaign "
                + about.campaignId() + "): objection to e-mail recorded as ledger record " + appended.record().id() + ", route " + via,
                about, appended.record().id());
    }

    /** The message as text for the ledger: UTF-8 (anything else shows as replacement characters), without NUL. */
    private static String text(byte[] raw) {
        String text = new String(raw, 0, Math.min(raw.length, EVIDENCE_BYTES), StandardCharsets.UTF_8);
        return text.replace('\0', '\uFFFD');
    }
}
