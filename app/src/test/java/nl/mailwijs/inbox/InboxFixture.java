package nl.mailwijs.inbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.util.unit.DataSize;

import nl.mailwijs.campaigns.Campaigns;
import nl.mailwijs.campaigns.Outbox;
import nl.mailwijs.contacts.Contacts;
import nl.mailwijs.contacts.NewContact;
import nl.mailwijs.content.MessageComposer;
import nl.mailwijs.delivery.UnsubscribeTokens;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.RecipientKind;
import nl.mailwijs.evidence.Ledger;
import nl.mailwijs.platform.BulkWrites;
import nl.mailwijs.platform.ServerSecrets;
import nl.mailwijs.suppressions.Suppressions;
import nl.mailwijs.testing.MovingClock;
import nl.mailwijs.testing.TestDatabase;

/**
 * A database with what the inbound mailbox works on: contacts, campaigns and outbox rows with
 * real tokens (signed with the database's own key), the ledger, the suppression list, and the
 * mailbox itself; and the samples of {@code src/test/resources/inbound} with their token (and
 * addresses) replaced by real ones.
 */
final class InboxFixture {

    static final int SOFT_LIMIT = 3;

    final DataSource dataSource;
    final JdbcClient jdbc;
    /** Not on a whole second: what is stored with microseconds and decided on whole seconds must still agree. */
    final MovingClock clock = new MovingClock(Instant.parse("2026-11-23T10:00:00.700Z"));
    final Contacts contacts;
    final Ledger ledger;
    final Outbox outbox;
    final Suppressions suppressions;
    final InboundMailbox mailbox;
    private final UnsubscribeTokens keys;

    InboxFixture(TestDatabase database) {
        this(database, DataSize.ofMegabytes(10));
    }

    InboxFixture(TestDatabase database, DataSize maxMessageSize) {
        dataSource = database.fresh();
        jdbc = JdbcClient.create(dataSource);
        var transactions = new DataSourceTransactionManager(dataSource);
        BulkWrites bulk = new BulkWrites(dataSource);
        contacts = new Contacts(jdbc, transactions, clock, bulk);
        ledger = new Ledger(jdbc, transactions, clock, contacts, bulk);
        ServerSecrets secrets = new ServerSecrets(jdbc, clock);
        outbox = new Outbox(jdbc, new JdbcTemplate(dataSource), transactions, new Campaigns(jdbc, clock, new MessageComposer()), bulk, clock,
                secrets);
        keys = new UnsubscribeTokens(secrets.secret("unsubscribe-token"));
        suppressions = new Suppressions(jdbc, transactions, clock, SOFT_LIMIT, Duration.ofDays(30));
        mailbox = new InboundMailbox(jdbc, transactions, clock, outbox, contacts, ledger, suppressions, maxMessageSize);
    }

    long contact(String externalId, String address) {
        return contacts.create(new NewContact(RecipientKind.NATURAL_PERSON, "NL", "Klant " + externalId, externalId, List.of(), null,
                List.of(new NewContact.NewAddress(Channel.EMAIL, address)))).contact().id();
    }

    /** A message sent to the contact in a campaign of its own; its token. */
    String sent(long contactId, String address) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        jdbc.sql("""
                INSERT INTO campaign (name, state, version, purpose, topics, contains_promotion, from_address, subject, body_format, body,
                                      language, created_at, updated_at)
                VALUES ('test', 'SENT', 1, 'COMMERCIAL', '[]', TRUE, 'nieuwsbrief@mail.example.nl', 'Hallo', 'MARKDOWN', 'Hallo', 'NL', :now, :now)""")
                .param("now", now).update();
        long campaign = jdbc.sql("SELECT MAX(id) FROM campaign").query(Long.class).single();
        String key = keys.newKey();
        jdbc.sql("""
                INSERT INTO outbox (campaign_id, contact_id, address, token, state, attempts, next_attempt_at, updated_at)
                VALUES (:campaign, :contact, :address, :key, 'SENT', 1, :now, :now)""")
                .param("campaign", campaign).param("contact", contactId).param("address", address).param("key", key).param("now", now).update();
        return outbox.token(key);
    }

    long outboxRowOf(String token) {
        return outbox.recipientOf(token).orElseThrow().rowId();
    }

    /** A sample of the corpus as bytes, with its token replaced by {@code token} and any other text as given. */
    static byte[] sample(String name, String token, Map<String, String> replacements) {
        String text = new String(resource("/inbound/" + name + ".eml"), StandardCharsets.ISO_8859_1);
        String expected = new String(resource("/inbound/" + name + ".expected.json"), StandardCharsets.UTF_8);
        java.util.regex.Matcher sampleToken = java.util.regex.Pattern.compile("\"token\": \"([A-Za-z0-9_-]+)\"").matcher(expected);
        if (token != null && sampleToken.find()) {
            text = text.replace(sampleToken.group(1), token);
        }
        for (Map.Entry<String, String> replacement : replacements.entrySet()) {
            text = text.replace(replacement.getKey(), replacement.getValue());
        }
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] sample(String name, String token) {
        return sample(name, token, Map.of());
    }

    static byte[] resource(String path) {
        try (InputStream in = InboxFixture.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ReceivedMessage bySmtp(byte[] raw, String... envelopeTo) {
        return new ReceivedMessage(raw, raw.length, false, InboundSource.SMTP, "SMTP test", null, "", List.of(envelopeTo));
    }
}
