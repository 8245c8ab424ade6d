package nl.mailwijs.campaigns;

import java.net.IDN;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import nl.mailwijs.delivery.ReturnAddresses;
import nl.mailwijs.suppressions.Bounce;
import nl.mailwijs.suppressions.BounceKind;
import nl.mailwijs.suppressions.BounceSource;
import nl.mailwijs.suppressions.Suppression;
import nl.mailwijs.suppressions.Suppressions;

/**
 * What the outbox sender needs of what comes back: which addresses of a batch are suppressed
 * (their messages are stopped, not sent), the bounces a chunk's SMTP replies are (a 5xx for the
 * address; a 4xx the outbox gave up on), and the {@code mailto:} unsubscribe address, offered in
 * {@code List-Unsubscribe} only while an inbound mailbox reads it (an SMTP listener or IMAP
 * polling is configured): an address nobody reads would swallow the objections sent to it.
 */
@Component
public class ReturnChannel {

    private static final Logger LOG = LoggerFactory.getLogger(ReturnChannel.class);

    private final Suppressions suppressions;
    private final Clock clock;
    private final boolean mailto;
    private final Map<String, String> asciiDomains = new ConcurrentHashMap<>();

    public ReturnChannel(Suppressions suppressions, Clock clock, @Value("${mailwijs.inbound.smtp.enabled:false}") boolean smtpListener,
                         @Value("${mailwijs.inbound.imap.host:}") String imapHost) {
        this.suppressions = suppressions;
        this.clock = clock;
        this.mailto = smtpListener || !imapHost.isBlank();
    }

    /** The rows whose address is suppressed, by row id, each with the reason its message is stopped. */
    public Map<Long, String> suppressed(List<OutboxRow> rows) {
        Map<String, Suppression> found = suppressions.inForceAmong(rows.stream().map(OutboxRow::address).toList());
        if (found.isEmpty()) {
            return Map.of();
        }
        Map<Long, String> stopped = new HashMap<>();
        for (OutboxRow row : rows) {
            Suppressions.addressKey(row.address()).map(found::get).ifPresent(suppression -> stopped.put(row.id(),
                    "address suppressed since " + suppression.suppressedAt() + ": " + suppression.reason()
                            + (suppression.status() == null ? "" : " " + suppression.status()) + " (suppression " + suppression.id() + ")"));
        }
        return stopped;
    }

    /**
     * Records the bounces among a chunk's outcomes, after the outbox recorded them. A failure
     * here is logged, not thrown: the messages' outcomes are kept either way.
     */
    public void recordBounces(List<OutboxRow> rows, List<Outbox.Outcome> outcomes) {
        Map<Long, OutboxRow> byId = new HashMap<>();
        rows.forEach(row -> byId.put(row.id(), row));
        for (Outbox.Outcome outcome : outcomes) {
            OutboxRow row = byId.get(outcome.rowId());
            Bounce bounce = switch (outcome) {
                case Outbox.Failed failed when row != null && failed.replyCode() >= 500 && failed.replyCode() < 600 ->
                        bounce(row, BounceKind.ofSmtpReply(failed.replyCode(), failed.replyText()), failed.replyText());
                case Outbox.Deferred deferred when row != null && deferred.attempts() >= Outbox.MAX_ATTEMPTS
                        && deferred.replyCode() >= 400 && deferred.replyCode() < 500 ->
                        bounce(row, BounceKind.SOFT, "gave up after " + deferred.attempts() + " attempts: " + deferred.replyText());
                default -> null;
            };
            if (bounce == null) {
                continue;
            }
            try {
                suppressions.record(bounce);
            } catch (RuntimeException e) {
                LOG.warn("the bounce of outbox row {} to {} could not be recorded: {}", row.id(), row.address(), e.toString());
            }
        }
    }

    private Bounce bounce(OutboxRow row, BounceKind kind, String reply) {
        return new Bounce(row.address(), kind, BounceSource.SMTP_REPLY, BounceKind.enhancedStatus(reply), reply, clock.instant(),
                null, row.id(), row.campaignId());
    }

    /** The {@code List-Unsubscribe} mailto URL for a message with this token from this address, or null when no inbound mailbox reads it. */
    public String unsubscribeMailto(String token, String fromAddress) {
        if (!mailto) {
            return null;
        }
        String domain = asciiDomains.computeIfAbsent(fromAddress,
                from -> IDN.toASCII(from.substring(from.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT), IDN.ALLOW_UNASSIGNED));
        return ReturnAddresses.unsubscribeMailto(token, domain);
    }
}
