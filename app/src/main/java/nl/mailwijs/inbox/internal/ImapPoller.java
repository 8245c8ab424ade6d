package nl.mailwijs.inbox.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.search.AndTerm;
import jakarta.mail.search.FlagTerm;
import jakarta.mail.search.SearchTerm;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.mailwijs.inbox.InboundMailbox;
import nl.mailwijs.inbox.InboundSource;
import nl.mailwijs.inbox.ReceivedMessage;

/**
 * Polls a real mailbox over IMAP (Angus Mail): every message not yet taken is stored in the
 * inbound mailbox as received, processed, and then deleted from the mailbox (or, with
 * {@code delete-processed=false}, marked seen and skipped from then on). A message is flagged
 * only after it is stored, and stored once per mailbox, folder, UIDVALIDITY and UID: a poller that
 * dies in between fetches it again next time and finds it stored.
 *
 * <p>At most {@code max-messages-per-poll} per poll; a poll that fails (server away, wrong
 * password) is logged and tried again at the next interval. One poll at a time.
 */
public final class ImapPoller {

    private static final Logger LOG = LoggerFactory.getLogger(ImapPoller.class);

    /** Where and how to poll. */
    public record Settings(String host, int port, boolean ssl, String user, String password, String folder, boolean deleteProcessed,
                           int maxMessagesPerPoll, Duration timeout) {
    }

    /** How the last poll went, for the API. */
    public record Status(Instant lastPollAt, int lastMessages, String lastError, Instant lastErrorAt) {
    }

    private final InboundMailbox mailbox;
    private final Settings settings;
    private final Clock clock;
    private volatile Status status = new Status(null, 0, null, null);

    public ImapPoller(InboundMailbox mailbox, Settings settings, Clock clock) {
        this.mailbox = mailbox;
        this.settings = settings;
        this.clock = clock;
    }

    public Settings settings() {
        return settings;
    }

    public Status status() {
        return status;
    }

    /** Where it polls, without the password: {@code imaps://user@host:993/INBOX}. */
    public String describe() {
        return (settings.ssl() ? "imaps://" : "imap://") + settings.user() + "@" + settings.host() + ":" + settings.port() + "/"
                + settings.folder();
    }

    /**
     * One poll: fetches, stores, processes and flags up to {@code max-messages-per-poll} messages.
     *
     * @return how many messages were taken from the mailbox; -1 when the poll failed (see {@link #status()})
     */
    public synchronized int pollOnce() {
        try {
            int taken = poll();
            Status previous = status;
            status = new Status(clock.instant(), taken, previous.lastError(), previous.lastErrorAt());
            return taken;
        } catch (MessagingException | IOException | RuntimeException e) {
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (!error.equals(status.lastError())) {
                LOG.warn("inbound IMAP {}: the poll failed and is tried again at the next interval: {}", describe(), error);
            }
            status = new Status(clock.instant(), 0, error, clock.instant());
            return -1;
        }
    }

    private int poll() throws MessagingException, IOException {
        String protocol = settings.ssl() ? "imaps" : "imap";
        Properties properties = new Properties();
        String millis = String.valueOf(settings.timeout().toMillis());
        properties.put("mail.store.protocol", protocol);
        properties.put("mail." + protocol + ".connectiontimeout", millis);
        properties.put("mail." + protocol + ".timeout", millis);
        // The message stays unseen until it is stored: a poller that dies before that leaves it for the next poll.
        properties.put("mail." + protocol + ".peek", "true");
        Session session = Session.getInstance(properties);
        Store store = session.getStore(protocol);
        store.connect(settings.host(), settings.port(), settings.user(), settings.password());
        try {
            Folder folder = store.getFolder(settings.folder());
            if (!folder.exists()) {
                throw new MessagingException("the folder '" + settings.folder() + "' does not exist in " + describe());
            }
            folder.open(Folder.READ_WRITE);
            boolean expunge = false;
            try {
                UIDFolder uids = (UIDFolder) folder;
                long validity = uids.getUIDValidity();
                SearchTerm notDeleted = new FlagTerm(new Flags(Flags.Flag.DELETED), false);
                SearchTerm wanted = settings.deleteProcessed() ? notDeleted
                        : new AndTerm(notDeleted, new FlagTerm(new Flags(Flags.Flag.SEEN), false));
                Message[] found = folder.search(wanted);
                Message[] batch = Arrays.copyOf(found, Math.min(found.length, settings.maxMessagesPerPoll()));
                FetchProfile profile = new FetchProfile();
                profile.add(UIDFolder.FetchProfileItem.UID);
                profile.add(FetchProfile.Item.SIZE);
                folder.fetch(batch, profile);
                int taken = 0;
                for (Message message : batch) {
                    long uid = uids.getUID(message);
                    String key = "imap:" + settings.user() + "@" + settings.host() + ":" + settings.port() + "/" + settings.folder() + "/"
                            + validity + "/" + uid;
                    CappedBytes raw = new CappedBytes(mailbox.maxMessageBytes());
                    try {
                        message.writeTo(raw);
                    } catch (CappedBytes.Full e) {
                        // Kept up to the limit; the rest is not needed to read a bounce or an unsubscribe.
                    }
                    long size = Math.max(raw.seen(), message.getSize());
                    long id = mailbox.receive(new ReceivedMessage(raw.bytes(), size, raw.full(), InboundSource.IMAP,
                            "IMAP " + describe() + " UID " + uid, key, null, List.of()));
                    mailbox.process(id);
                    if (settings.deleteProcessed()) {
                        message.setFlag(Flags.Flag.DELETED, true);
                        expunge = true;
                    } else {
                        message.setFlag(Flags.Flag.SEEN, true);
                    }
                    taken++;
                }
                return taken;
            } finally {
                folder.close(expunge);
            }
        } finally {
            store.close();
        }
    }

    /** Collects bytes up to a limit, then says it is full by throwing {@link Full}: the fetch stops there. */
    static final class CappedBytes extends OutputStream {
        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(8 << 10);
        private final int limit;
        private long seen;
        private boolean full;

        static final class Full extends IOException {
            Full() {
                super("the message is longer than the inbound mailbox keeps");
            }
        }

        CappedBytes(int limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] data, int offset, int length) throws IOException {
            seen += length;
            int keep = Math.min(limit - bytes.size(), length);
            bytes.write(data, offset, keep);
            if (keep < length) {
                full = true;
                throw new Full();
            }
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }

        long seen() {
            return seen;
        }

        boolean full() {
            return full;
        }
    }
}
