package nl.mailwijs.signup.internal;

import java.net.IDN;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.HtmlUtils;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import nl.mailwijs.contacts.Contact;
import nl.mailwijs.contacts.Contacts;
import nl.mailwijs.contacts.NewContact;
import nl.mailwijs.decisionjson.DecisionRequestJson;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.delivery.BuiltMessage;
import nl.mailwijs.delivery.DkimSigning;
import nl.mailwijs.delivery.Mailbox;
import nl.mailwijs.delivery.MessageBuilder;
import nl.mailwijs.delivery.OutgoingMessage;
import nl.mailwijs.delivery.SendResult;
import nl.mailwijs.delivery.SendStatus;
import nl.mailwijs.delivery.SmtpSender;
import nl.mailwijs.engine.decision.Language;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.ConsentMethod;
import nl.mailwijs.engine.request.ObtainedBy;
import nl.mailwijs.engine.request.RecipientKind;
import nl.mailwijs.engine.values.Topics;
import nl.mailwijs.evidence.Appended;
import nl.mailwijs.evidence.ConsentEvidence;
import nl.mailwijs.evidence.Ledger;
import nl.mailwijs.evidence.WordingRegistration;
import nl.mailwijs.platform.ServerSecrets;
import nl.mailwijs.settings.SenderSettings;
import nl.mailwijs.settings.SettingsStore;
import nl.mailwijs.signup.ConsentTextVersion;
import nl.mailwijs.signup.ConsentTexts;
import nl.mailwijs.signup.SignupForm;

/**
 * Double opt-in. A submission becomes a pending sign-up and a confirmation mail with a signed,
 * expiring link; only the confirmation records the consent in the ledger (creating the contact
 * when the address is new), with what both steps left: times, IP addresses, user agents, the
 * page the form was on and the wording version (NL-TW-11.7-1, NL-AVG-7: a double opt-in that
 * was never confirmed is no consent).
 *
 * <p>The mail goes out on a thread of its own, so a submission answers at once whatever the
 * relay does, and a bot cannot tell from the time taken whether a mail was sent.
 */
@Service
public class Signups implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Signups.class);

    /** What a submission led to; the submitter is told the same in every case. */
    public enum Outcome {
        /** A pending sign-up was stored and its confirmation mail is on its way. */
        CONFIRMATION_SENT,
        /** The address had a confirmation mail a short while ago: no second one, nothing stored. */
        HELD_BACK,
        /** The honeypot was filled in: a bot; nothing stored, nothing sent. */
        IGNORED
    }

    /**
     * A submission as it came in.
     *
     * @param topics        the ticked topics
     * @param consentTicked the one box of a consent text without topics
     * @param honeypot      the field people never see; anything in it is a bot
     */
    public record Submission(String email, String name, List<String> topics, boolean consentTicked, String honeypot, String ipAddress,
                             String userAgent, String referer) {

        public Submission {
            topics = topics == null ? List.of() : List.copyOf(topics);
        }
    }

    public enum State { PENDING, CONFIRMED, DECLINED }

    /** A stored sign-up, pending or done. */
    public record Pending(long id, long formId, long consentTextVersionId, String address, String name, List<String> topics,
                          Instant submittedAt, String ipAddress, String userAgent, String formUrl, String referer, Instant expiresAt,
                          Instant confirmationSentAt, State state, Instant confirmedAt, String confirmedIpAddress, String confirmedUserAgent,
                          Long contactId, Long evidenceRecordId) {

        /** Where the form was: the page that sent it (a form pasted into the sender's site), else Mailwijs's own form page. */
        public String source() {
            return referer != null ? referer : formUrl;
        }
    }

    /** What a confirmation did. */
    public enum Confirmation { CONFIRMED, ALREADY_CONFIRMED, DECLINED, EXPIRED, UNKNOWN }

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final Pattern IP_ADDRESS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ConsentTexts texts;
    private final Contacts contacts;
    private final Ledger ledger;
    private final SettingsStore settings;
    private final MessageBuilder builder;
    private final Optional<DkimSigning> dkim;
    private final SmtpSender smtp;
    private final ServerSecrets secrets;
    private final SignupProperties properties;
    private final String publicUrl;
    private final JsonMapper json = JsonMapper.builder().build();
    private final ExecutorService mailThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicLong lastForgotten = new AtomicLong();
    private volatile ConfirmationTokens tokens;

    public Signups(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock, ConsentTexts texts, Contacts contacts, Ledger ledger,
                   SettingsStore settings, MessageBuilder builder, Optional<DkimSigning> dkim, SmtpSender smtp, ServerSecrets secrets,
                   SignupProperties properties, @Value("${mailwijs.public-url:http://localhost:${server.port:8080}}") String publicUrl) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.texts = texts;
        this.contacts = contacts;
        this.ledger = ledger;
        this.settings = settings;
        this.builder = builder;
        this.dkim = dkim;
        this.smtp = smtp;
        this.secrets = secrets;
        this.properties = properties;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    public String publicUrl() {
        return publicUrl;
    }

    public SignupProperties properties() {
        return properties;
    }

    /** The link's tokens, with the server's secret read on first use (the database is not touched at start-up). */
    public ConfirmationTokens tokens() {
        ConfirmationTokens current = tokens;
        if (current == null) {
            current = new ConfirmationTokens(secrets.secret("signup-confirmation"));
            tokens = current;
        }
        return current;
    }

    // --- submitting

    /**
     * Checks a submission and, unless it is a bot's or the address just had a mail, stores it as
     * pending and sends the confirmation mail.
     *
     * @throws InvalidRequestException naming the field: {@code email}, {@code name}, {@code topics[i]},
     *                                 or {@code topics} / {@code consent} when no box was ticked
     */
    public Outcome submit(SignupForm form, Submission submission) {
        if (submission.honeypot() != null && !submission.honeypot().isBlank()) {
            return Outcome.IGNORED;
        }
        ConsentTextVersion version = texts.versionById(form.consentTextVersionId()).orElseThrow();
        if (submission.email() == null || submission.email().isBlank()) {
            throw new InvalidRequestException("email", "required field is missing: the e-mail address to sign up");
        }
        String address = DecisionRequestJson.address("email", submission.email().strip(), Channel.EMAIL);
        String name = submission.name() == null || submission.name().isBlank() ? null : submission.name().strip();
        if (name != null && (name.length() > 300 || name.chars().anyMatch(Character::isISOControl))) {
            throw new InvalidRequestException("name", name.length() > 300 ? "is longer than 300 characters" : "contains a control character");
        }
        List<String> topics = tickedTopics(version, submission);
        forgetExpiredNowAndThen();

        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String addressKey = address.toLowerCase(Locale.ROOT);
        if (!claimMailGuard(addressKey, now)) {
            return Outcome.HELD_BACK;
        }
        Instant expiresAt = now.plus(properties.confirmationValidFor()).truncatedTo(ChronoUnit.SECONDS);
        var key = new GeneratedKeyHolder();
        jdbc.sql(SignupSql.INSERT_PENDING)
                .param("formId", form.id())
                .param("versionId", version.id())
                .param("address", address)
                .param("addressKey", addressKey)
                .param("name", name)
                .param("topics", json.writeValueAsString(topics))
                .param("submittedAt", utc(now))
                .param("ipAddress", ipAddress(submission.ipAddress()))
                .param("userAgent", clip(submission.userAgent(), 1_000))
                .param("formUrl", formUrl(form))
                .param("referer", referer(submission.referer()))
                .param("expiresAt", utc(expiresAt))
                .update(key, "id");
        long pendingId = key.getKeyAs(Number.class).longValue();
        mailThreads.execute(() -> sendConfirmation(form, version, pendingId, address, name, topics, expiresAt, addressKey, now));
        return Outcome.CONFIRMATION_SENT;
    }

    public String formUrl(SignupForm form) {
        return publicUrl + "/f/" + form.formKey();
    }

    private static List<String> tickedTopics(ConsentTextVersion version, Submission submission) {
        List<String> ticked = new ArrayList<>();
        for (int i = 0; i < submission.topics().size(); i++) {
            String given = submission.topics().get(i);
            String field = "topics[" + i + "]";
            ConsentTextVersion.Topic topic = given == null ? null : version.topics().stream()
                    .filter(candidate -> Topics.same(candidate.topic(), given)).findFirst().orElse(null);
            if (topic == null) {
                throw new InvalidRequestException(field, "'" + given + "' is not a topic of this form"
                        + (version.topics().isEmpty() ? "; it has one box: send consent=true" : "; its topics are "
                        + version.topics().stream().map(ConsentTextVersion.Topic::topic).toList()));
            }
            if (!ticked.contains(topic.topic())) {
                ticked.add(topic.topic());
            }
        }
        if (version.topics().isEmpty() && !submission.consentTicked()) {
            throw new InvalidRequestException("consent", "the box was not ticked: only an active tick is consent (NL-AVG-7)");
        }
        if (!version.topics().isEmpty() && ticked.isEmpty()) {
            throw new InvalidRequestException("topics", "no box was ticked: tick the topics to sign up for; only an active tick is"
                    + " consent (NL-AVG-7)");
        }
        return ticked;
    }

    /** Claims the address's one confirmation mail of the window; false when it had one within it. */
    private boolean claimMailGuard(String addressKey, Instant now) {
        Instant before = now.minus(properties.confirmationMailInterval());
        if (jdbc.sql(SignupSql.CLAIM_MAIL_GUARD).param("now", utc(now)).param("addressKey", addressKey).param("before", utc(before))
                .update() == 1) {
            return true;
        }
        try {
            jdbc.sql(SignupSql.INSERT_MAIL_GUARD).param("addressKey", addressKey).param("now", utc(now)).update();
            return true;
        } catch (DuplicateKeyException e) {
            // The address has a row with a mail inside the window (or another request claimed it a moment ago).
            return false;
        }
    }

    private void sendConfirmation(SignupForm form, ConsentTextVersion version, long pendingId, String address, String name,
                                  List<String> topics, Instant expiresAt, String addressKey, Instant claimedAt) {
        String problem;
        try {
            BuiltMessage message = confirmationMail(form, version, pendingId, address, name, topics, expiresAt);
            BuiltMessage signed = dkim.map(signing -> signing.sign(message)).orElse(message);
            // Stored before the relay has it: a person quick enough to click the link finds the time already there.
            jdbc.sql(SignupSql.CONFIRMATION_SENT).param("sentAt", utc(clock.instant().truncatedTo(ChronoUnit.MICROS)))
                    .param("id", pendingId).update();
            SendResult result = smtp.send(signed);
            if (result.status() == SendStatus.SENT) {
                return;
            }
            problem = result.status() + " " + result.replyCode() + " " + result.replyText();
        } catch (RuntimeException e) {
            problem = e.toString();
        }
        // Nobody will confirm without the mail: let the person try again at once instead of after the window.
        jdbc.sql(SignupSql.CONFIRMATION_NOT_SENT).param("id", pendingId).update();
        LOG.warn("sign-up {} of form {}: the confirmation mail was not sent ({})", pendingId, form.id(), problem);
        jdbc.sql(SignupSql.RELEASE_MAIL_GUARD).param("addressKey", addressKey).param("claimedAt", utc(claimedAt)).update();
    }

    BuiltMessage confirmationMail(SignupForm form, ConsentTextVersion version, long pendingId, String address, String name,
                                  List<String> topics, Instant expiresAt) {
        Language language = languageOf(form);
        Optional<SenderSettings> sender = settings.current();
        String senderName = sender.map(s -> s.tradeName() != null ? s.tradeName() : s.legalName())
                .orElse(form.fromName() != null ? form.fromName() : form.fromAddress());
        String legalName = sender.map(SenderSettings::legalName).orElse(senderName);
        String link = publicUrl + "/f/confirm/" + tokens().token(pendingId, expiresAt);
        String greeting = name == null ? Texts.text(language, "mail.greetingNoName") : Texts.text(language, "mail.greeting", name);
        String intro = Texts.text(language, "mail.intro", address, senderName, form.name());
        List<String> agreed = agreedLines(version, topics);
        String expires = Texts.text(language, "mail.expires", EXPIRY.format(expiresAt));

        StringBuilder text = new StringBuilder();
        text.append(greeting).append("\n\n").append(intro).append("\n\n").append(Texts.text(language, "mail.action")).append("\n")
                .append(link).append("\n\n").append(expires).append("\n\n").append(Texts.text(language, "mail.agreed")).append("\n");
        agreed.forEach(line -> text.append("  ").append(line).append("\n"));
        text.append("\n").append(Texts.text(language, "mail.notYou")).append("\n\n-- \n").append(Texts.text(language, "mail.footer", legalName))
                .append(sender.map(s -> s.postalAddress() == null ? "" : "\n" + s.postalAddress()).orElse("")).append("\n");

        StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"").append(language == Language.EN ? "en" : "nl")
                .append("\"><head><meta charset=\"utf-8\"></head><body style=\"font-family:sans-serif;color:#1a1a1a\">")
                .append("<p>").append(escape(greeting)).append("</p><p>").append(escape(intro)).append("</p>")
                .append("<p><a href=\"").append(escape(link)).append("\" style=\"display:inline-block;padding:.6em 1.2em;background:#0b5394;")
                .append("color:#ffffff;text-decoration:none;border-radius:4px\">").append(escape(Texts.text(language, "mail.button")))
                .append("</a></p><p>").append(escape(Texts.text(language, "mail.action"))).append("<br>").append(escape(link)).append("</p>")
                .append("<p>").append(escape(expires)).append("</p><p>").append(escape(Texts.text(language, "mail.agreed"))).append("</p><ul>");
        agreed.forEach(line -> html.append("<li>").append(escape(line)).append("</li>"));
        html.append("</ul><p>").append(escape(Texts.text(language, "mail.notYou"))).append("</p><hr><p style=\"font-size:90%\">")
                .append(escape(Texts.text(language, "mail.footer", legalName)))
                .append(sender.map(s -> s.postalAddress() == null ? "" : "<br>" + escape(s.postalAddress())).orElse(""))
                .append("</p></body></html>");

        String domain = form.fromAddress().substring(form.fromAddress().lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        // Not a mailing: the "unsubscribe" of this mail cancels the sign-up it asks to confirm.
        return builder.build(new OutgoingMessage(new Mailbox(form.fromAddress(), form.fromName() != null ? form.fromName() : senderName),
                new Mailbox(address, name), Texts.text(language, "mail.subject", form.name()), text.toString(), html.toString(),
                "signup-form-" + form.id() + "." + IDN.toASCII(domain), link + "/decline", null, "signup-" + HexFormat.of().formatHex(random)));
    }

    /** The wording and, for a text with topics, the labels of the ticked boxes. */
    public static List<String> agreedLines(ConsentTextVersion version, List<String> topics) {
        List<String> lines = new ArrayList<>();
        lines.add(version.wording());
        version.topics().stream().filter(topic -> topics.contains(topic.topic())).forEach(topic -> lines.add("[x] " + topic.label()));
        return lines;
    }

    // --- confirming

    public Optional<Pending> pending(long id) {
        return jdbc.sql(SignupSql.PENDING_BY_ID).param("id", id).query(this::pendingRow).optional();
    }

    /**
     * Records the consent of a pending sign-up, once: a second confirmation (a double click, the
     * link opened again) finds it done and records nothing.
     */
    public Confirmation confirm(long pendingId, String ipAddress, String userAgent) {
        return transaction.execute(status -> {
            Optional<Pending> locked = jdbc.sql(SignupSql.LOCK_PENDING).param("id", pendingId).query(this::pendingRow).optional();
            if (locked.isEmpty()) {
                return Confirmation.UNKNOWN;
            }
            Pending pending = locked.get();
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            switch (pending.state()) {
                case CONFIRMED -> {
                    return Confirmation.ALREADY_CONFIRMED;
                }
                case DECLINED -> {
                    return Confirmation.DECLINED;
                }
                case PENDING -> {
                    if (!now.isBefore(pending.expiresAt())) {
                        return Confirmation.EXPIRED;
                    }
                }
            }
            ConsentTextVersion version = texts.versionById(pending.consentTextVersionId()).orElseThrow();
            long contactId = contactFor(pending);
            WordingRegistration wording = ledger.registerWording(version.shownText(), version.versionLabel(), version.language());
            String confirmedIp = ipAddress(ipAddress);
            String confirmedAgent = clip(userAgent, 1_000);
            ConsentEvidence consent = new ConsentEvidence("signup-" + pending.id(), pending.submittedAt(), version.channels(),
                    pending.topics(), ConsentMethod.DOUBLE_OPT_IN, ObtainedBy.SENDER, ConsentEvidence.Wording.registered(wording.wording().id()),
                    now, null, new ConsentEvidence.Capture(pending.address(), clip(pending.source(), 2_000), pending.ipAddress(),
                    pending.userAgent(), pending.confirmationSentAt(), confirmedIp, confirmedAgent));
            Appended appended = ledger.append(contactId, consent);
            jdbc.sql(SignupSql.CONFIRM)
                    .param("confirmedAt", utc(now))
                    .param("ipAddress", confirmedIp)
                    .param("userAgent", confirmedAgent)
                    .param("contactId", contactId)
                    .param("recordId", appended.record().id())
                    .param("id", pending.id())
                    .update();
            return Confirmation.CONFIRMED;
        });
    }

    /** "Not me": the sign-up is cancelled and can no longer be confirmed. */
    public Confirmation decline(long pendingId) {
        Optional<Pending> pending = pending(pendingId);
        if (pending.isEmpty()) {
            return Confirmation.UNKNOWN;
        }
        if (jdbc.sql(SignupSql.DECLINE).param("id", pendingId).update() == 1) {
            return Confirmation.DECLINED;
        }
        return pending(pendingId).map(now -> now.state() == State.CONFIRMED ? Confirmation.ALREADY_CONFIRMED : Confirmation.DECLINED)
                .orElse(Confirmation.UNKNOWN);
    }

    /**
     * The contact the address belongs to, or a new one. With several contacts on one address
     * (a shared mailbox, a duplicate record), the oldest: the consent is recorded once, and the
     * others stay without it, the cautious side.
     */
    private long contactFor(Pending pending) {
        return contacts.findByAddress(Channel.EMAIL, pending.address()).stream()
                .min(Comparator.comparingLong(Contact::id))
                .map(Contact::id)
                .orElseGet(() -> {
                    String country = jdbc.sql(SignupSql.FORM_BY_ID).param("id", pending.formId())
                            .query((row, n) -> row.getString("country")).single();
                    return contacts.create(new NewContact(RecipientKind.NATURAL_PERSON, country, pending.name(), null, List.of(), null,
                            List.of(new NewContact.NewAddress(Channel.EMAIL, pending.address())))).contact().id();
                });
    }

    // --- housekeeping

    /** Deletes unconfirmed sign-ups long expired and guards of past windows; at most once a minute per process. */
    void forgetExpiredNowAndThen() {
        long minute = clock.millis() / 60_000;
        long last = lastForgotten.get();
        if (minute != last && lastForgotten.compareAndSet(last, minute)) {
            forgetExpired();
        }
    }

    public int forgetExpired() {
        Instant now = clock.instant();
        int forgotten = jdbc.sql(SignupSql.FORGET_UNCONFIRMED).param("before", utc(now.minus(properties.keepUnconfirmedFor()))).update();
        jdbc.sql(SignupSql.FORGET_MAIL_GUARDS).param("before", utc(now.minus(properties.confirmationMailInterval()))).update();
        return forgotten;
    }

    @Override
    public void close() {
        mailThreads.close();
    }

    // --- helpers

    public static Language languageOf(SignupForm form) {
        return Language.fromTag(form.language()).orElse(Language.DEFAULT);
    }

    private Pending pendingRow(ResultSet row, int n) throws SQLException {
        return new Pending(row.getLong("id"), row.getLong("form_id"), row.getLong("consent_text_version_id"), row.getString("address"),
                row.getString("name"), json.readValue(row.getString("topics"), STRINGS), instant(row, "submitted_at"),
                row.getString("ip_address"), row.getString("user_agent"), row.getString("form_url"), row.getString("referer"),
                instant(row, "expires_at"), instant(row, "confirmation_sent_at"), State.valueOf(row.getString("state")),
                instant(row, "confirmed_at"), row.getString("confirmed_ip_address"), row.getString("confirmed_user_agent"),
                nullableLong(row, "contact_id"), nullableLong(row, "evidence_record_id"));
    }

    /** The address as the servlet container gives it, or null when it is no plain IP address (an IPv6 zone, a proxy's name). */
    static String ipAddress(String raw) {
        return raw != null && IP_ADDRESS.matcher(raw).matches() ? raw : null;
    }

    /** Only web addresses: a Referer is what the browser says, kept as evidence of the page, not followed. */
    private static String referer(String raw) {
        String referer = clip(raw, 2_000);
        return referer != null && (referer.startsWith("https://") || referer.startsWith("http://")) ? referer : null;
    }

    static String clip(String text, int max) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String printable = text.replaceAll("\\p{Cntrl}", " ").strip();
        return printable.length() <= max ? printable : printable.substring(0, max);
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }
}
