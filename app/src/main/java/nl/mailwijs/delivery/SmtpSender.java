package nl.mailwijs.delivery;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

import nl.mailwijs.delivery.internal.MailRuntime;
import nl.mailwijs.delivery.internal.Pacer;

/**
 * Sends built messages over a small pool of SMTP connections that stay open across messages
 * (Angus Mail), reconnecting after a failure, and classifies every outcome: {@link SendStatus#SENT}
 * on 2xx, {@link SendStatus#DEFERRED} on 4xx, connection failures and timeouts, {@link
 * SendStatus#FAILED} on 5xx, always with the reply code and text. Rate limits (overall and per
 * recipient domain) are waited for before a connection is taken, so a throttled domain never
 * holds a connection idle. Connect, read and write timeouts bound every step, so a stalling
 * server holds up only the one connection it stalls.
 *
 * <p>Thread-safe; {@link #sendAll} runs one virtual thread per message over the pool. Never
 * throws for a send: every problem becomes a result. A DEFERRED message may have been accepted
 * after all (a connection lost after DATA), so the outbox must tolerate a rare duplicate on retry.
 */
public final class SmtpSender implements AutoCloseable {

    /** A reused connection idle this long gets a NOOP first: servers drop idle clients. */
    private static final long IDLE_CHECK_NANOS = 10_000_000_000L;

    private final SmtpSettings settings;
    private final BlockingQueue<Connection> idle;
    private final List<Connection> all = new ArrayList<>();
    private final Pacer overall;
    private final ConcurrentHashMap<String, Pacer> perDomain = new ConcurrentHashMap<>();

    public SmtpSender(SmtpSettings settings) {
        this.settings = settings;
        this.idle = new ArrayBlockingQueue<>(settings.connections());
        for (int i = 0; i < settings.connections(); i++) {
            Connection connection = new Connection(i);
            all.add(connection);
            idle.add(connection);
        }
        this.overall = settings.messagesPerSecond() > 0 ? new Pacer(settings.messagesPerSecond()) : null;
    }

    public SmtpSettings settings() {
        return settings;
    }

    /** Sends one message, waiting for the rate limits and a free connection. */
    public SendResult send(BuiltMessage message) {
        if (settings.relays().isEmpty()) {
            return new SendResult(message.messageId(), message.recipient(), SendStatus.DEFERRED, 0,
                    "no SMTP relay is configured and the mail catcher is not running", null);
        }
        Connection connection = null;
        try {
            if (settings.messagesPerSecondPerDomain() > 0) {
                perDomain.computeIfAbsent(message.recipientDomain(), domain -> new Pacer(settings.messagesPerSecondPerDomain())).acquire();
            }
            if (overall != null) {
                overall.acquire();
            }
            connection = idle.take();
            return connection.send(message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult(message.messageId(), message.recipient(), SendStatus.DEFERRED, 0, "interrupted before sending", null);
        } finally {
            if (connection != null) {
                idle.add(connection);
            }
        }
    }

    /** Sends all messages concurrently over the pool; the results are in the order of the messages. */
    public List<SendResult> sendAll(List<BuiltMessage> messages) {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<SendResult>> futures = new ArrayList<>(messages.size());
            for (BuiltMessage message : messages) {
                futures.add(executor.submit(() -> send(message)));
            }
            List<SendResult> results = new ArrayList<>(messages.size());
            for (int i = 0; i < futures.size(); i++) {
                try {
                    results.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    BuiltMessage message = messages.get(i);
                    results.add(new SendResult(message.messageId(), message.recipient(), SendStatus.DEFERRED, 0,
                            "internal error: " + e.getCause(), null));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DeliveryException("interrupted while sending", e);
                }
            }
            return results;
        }
    }

    /** Closes every open connection (QUIT without waiting for the reply). */
    @Override
    public void close() {
        for (Connection connection : all) {
            synchronized (connection) {
                connection.disconnect();
            }
        }
    }

    /** One pooled SMTP connection; used by one sender at a time (it is taken from the queue). */
    private final class Connection {

        private int relayIndex;
        private Session session;
        private SMTPTransport transport;
        private long lastUsed;
        private boolean suspect;

        Connection(int index) {
            this.relayIndex = index % Math.max(1, settings.relays().size());
        }

        synchronized SendResult send(BuiltMessage message) {
            SmtpRelay relay = settings.relays().get(relayIndex);
            // Nothing has been sent before a connection stands, so trying the next relay at once
            // cannot send a message twice.
            for (int attempt = 1; ; attempt++) {
                try {
                    connect(relay);
                    break;
                } catch (MessagingException e) {
                    disconnect();
                    relayIndex = (relayIndex + 1) % settings.relays().size();
                    if (attempt >= settings.relays().size()) {
                        return classify(message, e, relay);
                    }
                    relay = settings.relays().get(relayIndex);
                }
            }
            try {
                SMTPMessage smtp = new SMTPMessage(session, new ByteArrayInputStream(message.bytes()));
                smtp.setEnvelopeFrom(message.envelopeFrom());
                transport.sendMessage(smtp, new Address[] {new InternetAddress(message.recipient(), false)});
                lastUsed = System.nanoTime();
                return new SendResult(message.messageId(), message.recipient(), SendStatus.SENT, transport.getLastReturnCode(),
                        transport.getLastServerResponse().strip(), relay.host() + ":" + relay.port());
            } catch (MessagingException e) {
                SendResult result = classify(message, e, relay);
                if (result.replyCode() == 0 || result.replyCode() == 421) {
                    // No sane reply (dropped, timed out) or the server is closing: start afresh.
                    disconnect();
                } else {
                    suspect = true;
                }
                return result;
            }
        }

        private void connect(SmtpRelay relay) throws MessagingException {
            if (transport != null) {
                // SMTPTransport.isConnected() sends NOOP and waits for the reply: asked only when
                // there is a reason to doubt (an error, a long idle), not before every message.
                if (!suspect && System.nanoTime() - lastUsed <= IDLE_CHECK_NANOS) {
                    return;
                }
                suspect = false;
                if (transport.isConnected()) {
                    return;
                }
            }
            disconnect();
            session = Session.getInstance(properties(relay));
            transport = (SMTPTransport) session.getTransport("smtp");
            transport.connect(relay.host(), relay.port(), relay.username(), relay.password());
            lastUsed = System.nanoTime();
            suspect = false;
        }

        void disconnect() {
            if (transport != null) {
                try {
                    transport.close();
                } catch (MessagingException | RuntimeException e) {
                    // Closing a broken connection may fail; it is gone either way.
                }
                transport = null;
            }
        }
    }

    private Properties properties(SmtpRelay relay) {
        Properties properties = MailRuntime.properties();
        properties.setProperty("mail.smtp.host", relay.host());
        properties.setProperty("mail.smtp.port", Integer.toString(relay.port()));
        properties.setProperty("mail.smtp.connectiontimeout", Long.toString(settings.connectTimeout().toMillis()));
        properties.setProperty("mail.smtp.timeout", Long.toString(settings.readTimeout().toMillis()));
        properties.setProperty("mail.smtp.writetimeout", Long.toString(settings.writeTimeout().toMillis()));
        properties.setProperty("mail.smtp.auth", Boolean.toString(relay.username() != null));
        // Closing should not wait for the server's goodbye: a stalling server would hold the worker.
        properties.setProperty("mail.smtp.quitwait", "false");
        if (settings.heloName() != null) {
            properties.setProperty("mail.smtp.localhost", settings.heloName());
        }
        switch (relay.security()) {
            case STARTTLS -> {
                properties.setProperty("mail.smtp.starttls.enable", "true");
                properties.setProperty("mail.smtp.starttls.required", "true");
                properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case IMPLICIT_TLS -> {
                properties.setProperty("mail.smtp.ssl.enable", "true");
                properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case NONE -> {
            }
        }
        return properties;
    }

    /** The reply code that decided the outcome: the recipient's first, then the sender's, then the message's. */
    static SendResult classify(BuiltMessage message, MessagingException failure, SmtpRelay relay) {
        int code = 0;
        String text = null;
        int rank = 0;
        for (Exception e = failure; e != null; e = e instanceof MessagingException m ? m.getNextException() : null) {
            int found = 0;
            int foundRank = 0;
            if (e instanceof SMTPAddressFailedException address) {
                found = address.getReturnCode();
                foundRank = 3;
            } else if (e instanceof SMTPSenderFailedException sender) {
                found = sender.getReturnCode();
                foundRank = 2;
            } else if (e instanceof SMTPSendFailedException send) {
                found = send.getReturnCode();
                foundRank = 1;
            }
            if (found >= 200 && foundRank > rank) {
                code = found;
                text = e.getMessage();
                rank = foundRank;
            }
        }
        String where = relay.host() + ":" + relay.port();
        if (code == 0) {
            return new SendResult(message.messageId(), message.recipient(), SendStatus.DEFERRED, 0, describe(failure), where);
        }
        SendStatus status = code >= 500 ? SendStatus.FAILED : code >= 400 ? SendStatus.DEFERRED : SendStatus.SENT;
        return new SendResult(message.messageId(), message.recipient(), status, code, text == null ? "" : text.strip(), where);
    }

    private static String describe(MessagingException failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String what = cause instanceof IOException ? cause.getClass().getSimpleName() + ": " + cause.getMessage() : failure.getMessage();
        return "connection failed: " + what;
    }
}
