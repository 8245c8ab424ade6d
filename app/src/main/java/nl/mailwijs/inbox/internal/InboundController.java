package nl.mailwijs.inbox.internal;

import java.io.IOException;
import java.net.URI;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.inbox.InboundKind;
import nl.mailwijs.inbox.InboundMailbox;
import nl.mailwijs.inbox.InboundMessage;
import nl.mailwijs.inbox.InboundOutcome;
import nl.mailwijs.inbox.InboundSource;
import nl.mailwijs.inbox.ReceivedMessage;
import nl.mailwijs.platform.RequestBodies;

/**
 * {@code /api/v1/inbound}: the messages the inbound mailbox received, each with what it was and
 * what was done (a read token may look); {@code POST} a raw RFC 5322 message to process it as if it
 * had arrived by SMTP without an envelope (write): for testing, and for a system that forwards
 * bounces. {@code /api/v1/inbound/status}: where the mailbox listens and how the last IMAP poll went.
 */
@RestController
class InboundController {

    static final int MAX_PAGE_SIZE = 500;

    private final InboundMailbox mailbox;
    private final ObjectProvider<InboundRuntime> runtime;

    InboundController(InboundMailbox mailbox, ObjectProvider<InboundRuntime> runtime) {
        this.mailbox = mailbox;
        this.runtime = runtime;
    }

    record InboundPage(List<InboundMessage> messages, int page, int size, long total) {
    }

    record SmtpStatus(boolean enabled, String bindAddress, int port) {
    }

    record ImapStatus(boolean enabled, String mailbox, java.time.Instant lastPollAt, int lastMessages, String lastError,
                      java.time.Instant lastErrorAt) {
    }

    record MailboxStatus(SmtpStatus smtp, ImapStatus imap, int maxMessageBytes, long pending, long failed, long unmatched) {
    }

    @GetMapping("/api/v1/inbound")
    InboundPage list(@RequestParam(required = false) String outcome, @RequestParam(required = false) String kind,
                     @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        if (page < 0) {
            throw new InvalidRequestException("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidRequestException("size", "must be 1 to " + MAX_PAGE_SIZE);
        }
        InboundOutcome wantedOutcome = parse("outcome", outcome, InboundOutcome.class);
        InboundKind wantedKind = parse("kind", kind, InboundKind.class);
        return new InboundPage(mailbox.list(wantedOutcome, wantedKind, page, size), page, size, mailbox.count(wantedOutcome, wantedKind));
    }

    @GetMapping("/api/v1/inbound/{id}")
    InboundMessage one(@PathVariable long id) {
        return mailbox.find(id).orElseThrow(() -> new UnknownInboundMessageException(id));
    }

    /** The message as it arrived (as far as it was kept), as {@code message/rfc822}. */
    @GetMapping("/api/v1/inbound/{id}/raw")
    ResponseEntity<byte[]> raw(@PathVariable long id) {
        byte[] raw = mailbox.raw(id).orElseThrow(() -> new UnknownInboundMessageException(id));
        return ResponseEntity.ok().contentType(new MediaType("message", "rfc822")).body(raw);
    }

    @PostMapping("/api/v1/inbound")
    ResponseEntity<InboundMessage> upload(HttpServletRequest request, Principal who) throws IOException {
        byte[] raw = RequestBodies.read(request.getInputStream(), mailbox.maxMessageBytes());
        if (raw.length == 0) {
            throw new InvalidRequestException("body", "is empty; send one raw RFC 5322 message (Content-Type: message/rfc822)");
        }
        InboundMessage message = mailbox.receiveAndProcess(ReceivedMessage.of(raw, InboundSource.API, "API upload by " + who.getName()));
        return ResponseEntity.created(URI.create("/api/v1/inbound/" + message.id())).body(message);
    }

    /** Processes a FAILED message again, after what made it fail was fixed. */
    @PostMapping("/api/v1/inbound/{id}/process")
    InboundMessage processAgain(@PathVariable long id) {
        InboundMessage message = mailbox.find(id).orElseThrow(() -> new UnknownInboundMessageException(id));
        if (message.outcome() != InboundOutcome.FAILED && message.outcome() != InboundOutcome.PENDING) {
            throw new InvalidRequestException("id", "inbound message " + id + " was processed (" + message.outcome()
                    + "); only a FAILED or PENDING one is processed again");
        }
        return mailbox.processAgain(id).orElseThrow(() -> new UnknownInboundMessageException(id));
    }

    @GetMapping("/api/v1/inbound/status")
    MailboxStatus status() {
        InboundRuntime running = runtime.getIfAvailable();
        int port = running == null ? -1 : running.smtpPort();
        ImapPoller poller = running == null ? null : running.poller();
        ImapStatus imap = poller == null ? new ImapStatus(false, null, null, 0, null, null)
                : new ImapStatus(true, poller.describe(), poller.status().lastPollAt(), poller.status().lastMessages(),
                        poller.status().lastError(), poller.status().lastErrorAt());
        return new MailboxStatus(new SmtpStatus(port >= 0, port >= 0 ? running.smtpBindAddress() : null, port), imap,
                mailbox.maxMessageBytes(), mailbox.count(InboundOutcome.PENDING, null), mailbox.count(InboundOutcome.FAILED, null),
                mailbox.count(InboundOutcome.UNMATCHED, null));
    }

    private static <E extends Enum<E>> E parse(String field, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(field, "expected one of " + String.join(", ",
                    Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()));
        }
    }

    @ExceptionHandler(UnknownInboundMessageException.class)
    ProblemDetail unknown(UnknownInboundMessageException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Not found");
        return problem;
    }

    static final class UnknownInboundMessageException extends RuntimeException {
        UnknownInboundMessageException(long id) {
            super("there is no inbound message " + id + "; GET /api/v1/inbound lists them");
        }
    }
}
