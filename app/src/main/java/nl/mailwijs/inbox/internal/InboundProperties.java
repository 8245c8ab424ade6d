package nl.mailwijs.inbox.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mailwijs.inbound.*}: where bounces, complaints and unsubscribe mails come in. Either or
 * both: the SMTP listener (off by default; the domain's mail server forwards {@code bounce@} and
 * {@code bounce+*@} to it), and IMAP polling of a real mailbox (on when {@code imap.host} is set).
 * {@code mailwijs.inbound.max-message-size} (default 10MB) is how much of one message is kept.
 */
@ConfigurationProperties("mailwijs.inbound")
public record InboundProperties(@DefaultValue Smtp smtp, @DefaultValue Imap imap) {

    /**
     * @param hostname       the name in the greeting; default the machine's name
     * @param maxConnections connections at once; more are answered 421
     * @param timeout        how long one read may wait
     */
    public record Smtp(@DefaultValue("false") boolean enabled, @DefaultValue("2526") int port, @DefaultValue("127.0.0.1") String bindAddress,
                       String hostname, @DefaultValue("20") int maxConnections, @DefaultValue("2m") Duration timeout) {
    }

    /**
     * @param host               the IMAP server; polling is off while it is not set
     * @param ssl                IMAPS (port 993) when true, plain IMAP otherwise (only for a server on this machine)
     * @param deleteProcessed    delete each message from the mailbox once stored in Mailwijs (true), or mark it seen and
     *                           leave it (false)
     * @param maxMessagesPerPoll what one poll takes at most; the rest waits for the next
     */
    public record Imap(String host, @DefaultValue("993") int port, @DefaultValue("true") boolean ssl, String user, String password,
                       @DefaultValue("INBOX") String folder, @DefaultValue("1m") Duration interval,
                       @DefaultValue("true") boolean deleteProcessed, @DefaultValue("200") int maxMessagesPerPoll,
                       @DefaultValue("30s") Duration timeout) {

        public boolean enabled() {
            return host != null && !host.isBlank();
        }
    }
}
