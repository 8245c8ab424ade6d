package nl.mailwijs.delivery.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import nl.mailwijs.delivery.MailCatcher;
import nl.mailwijs.delivery.MailCatcher.Failure;
import nl.mailwijs.delivery.MailCatcher.StartFailure;

/** The mail catcher on GreenMail's SMTP server; messages kept in memory, the newest {@code maxMessages}. */
public final class GreenMailCatcher implements MailCatcher {

    private record Caught(MailCatcher.Summary summary, String envelopeFrom, String recipient, byte[] raw) {
    }

    /** GreenMail wants a user to deliver to; this one drops what it is given, we keep our own copy. */
    private static final GreenMailUser NOBODY = (GreenMailUser) Proxy.newProxyInstance(GreenMailUser.class.getClassLoader(),
            new Class<?>[] {GreenMailUser.class}, (proxy, method, args) -> switch (method.getName()) {
                case "hashCode" -> 0;
                case "equals" -> proxy == args[0];
                case "toString" -> "mail catcher";
                default -> method.getReturnType() == boolean.class ? false : null;
            });

    private final int maxMessages;
    private final Deque<Caught> messages = new ArrayDeque<>();
    private long nextId = 1;
    private GreenMail greenMail;
    private String problem;
    private StartFailure failure;

    public GreenMailCatcher(int maxMessages) {
        this.maxMessages = maxMessages;
    }

    /** Starts listening on 127.0.0.1:port (0: any free port); a taken port is reported, not thrown. */
    public GreenMailCatcher start(int port) {
        MailRuntime.properties();
        if (port != 0) {
            // GreenMail reports a taken port only as a timeout; ask the operating system first.
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                probe.setReuseAddress(true);
            } catch (IOException e) {
                problem = "port " + port + " on 127.0.0.1 is taken (" + e.getMessage() + "); set mailwijs.delivery.mail-catcher.port "
                        + "(MAILWIJS_DELIVERY_MAIL_CATCHER_PORT) to a free port, or configure a relay";
                failure = new StartFailure(Failure.PORT_TAKEN, port);
                return this;
            }
        }
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        GreenMail server = new GreenMail(port == 0 ? setup.dynamicPort() : setup);
        server.getManagers().getUserManager().setMessageDeliveryHandler(this::deliver);
        try {
            server.start();
            greenMail = server;
        } catch (RuntimeException e) {
            problem = "could not start on 127.0.0.1:" + port + ": " + e.getMessage();
            failure = new StartFailure(Failure.NOT_STARTED, port);
        }
        return this;
    }

    public synchronized void stop() {
        if (greenMail != null) {
            greenMail.stop();
            greenMail = null;
        }
    }

    private GreenMailUser deliver(MovingMessage message, MailAddress recipient) throws MessagingException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try {
            message.getMessage().writeTo(raw);
        } catch (IOException e) {
            throw new MessagingException("could not keep the message", e);
        }
        MimeMessage mime = message.getMessage();
        String from = header(mime, "From");
        String to = header(mime, "To");
        String subject = mime.getSubject();
        String date = header(mime, "Date");
        String envelopeFrom = message.getReturnPath() == null ? "" : message.getReturnPath().getEmail();
        synchronized (this) {
            long id = nextId++;
            messages.addFirst(new Caught(new Summary(id, from, to, subject == null ? "" : subject, date, raw.size()),
                    envelopeFrom, recipient.getEmail(), raw.toByteArray()));
            while (messages.size() > maxMessages) {
                messages.removeLast();
            }
        }
        return NOBODY;
    }

    private static String header(MimeMessage mime, String name) throws MessagingException {
        String value = mime.getHeader(name, ", ");
        if (value == null) {
            return "";
        }
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(value));
        } catch (java.io.UnsupportedEncodingException e) {
            return value;
        }
    }

    @Override
    public synchronized boolean running() {
        return greenMail != null;
    }

    @Override
    public synchronized int port() {
        return greenMail == null ? -1 : greenMail.getSmtp().getPort();
    }

    @Override
    public synchronized Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    @Override
    public synchronized Optional<StartFailure> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public synchronized Page list(int page, int size) {
        List<Summary> found = messages.stream().skip((long) page * size).limit(size).map(Caught::summary).toList();
        return new Page(found, page, size, messages.size());
    }

    @Override
    public Optional<Details> get(long id) {
        Caught caught;
        synchronized (this) {
            caught = messages.stream().filter(message -> message.summary().id() == id).findFirst().orElse(null);
        }
        if (caught == null) {
            return Optional.empty();
        }
        try {
            MimeMessage mime = new MimeMessage(MailRuntime.session(), new java.io.ByteArrayInputStream(caught.raw()));
            List<Header> headers = new ArrayList<>();
            for (Enumeration<jakarta.mail.Header> all = mime.getAllHeaders(); all.hasMoreElements(); ) {
                jakarta.mail.Header header = all.nextElement();
                headers.add(new Header(header.getName(), header.getValue()));
            }
            String[] bodies = new String[2];
            collect(mime, bodies);
            return Optional.of(new Details(caught.summary(), caught.envelopeFrom(), caught.recipient(), Collections.unmodifiableList(headers),
                    bodies[0], bodies[1], new String(caught.raw(), StandardCharsets.UTF_8)));
        } catch (MessagingException | IOException e) {
            // A message we cannot parse is still shown raw.
            return Optional.of(new Details(caught.summary(), caught.envelopeFrom(), caught.recipient(), List.of(), null, null,
                    new String(caught.raw(), StandardCharsets.UTF_8)));
        }
    }

    /** The first text/plain and the first text/html that are not attachments. */
    private static void collect(Part part, String[] bodies) throws MessagingException, IOException {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return;
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), bodies);
            }
        } else if (part.isMimeType("text/plain") && bodies[0] == null) {
            bodies[0] = String.valueOf(part.getContent());
        } else if (part.isMimeType("text/html") && bodies[1] == null) {
            bodies[1] = String.valueOf(part.getContent());
        }
    }

    @Override
    public synchronized int clear() {
        int count = messages.size();
        messages.clear();
        return count;
    }
}
