package nl.mailwijs.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.mailwijs.testing.TestDatabase;

/** What the campaigns did for a contact, read back for its dossier: the stored decisions and the outbox's messages. */
class RecipientHistoryTests {

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void theDecisionsAndMessagesOfTheContactsAskedForAndNoOthers(TestDatabase database) {
        DataSource dataSource = database.fresh();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        OffsetDateTime now = OffsetDateTime.parse("2026-11-30T10:00:00Z");
        jdbc.sql("""
                INSERT INTO campaign (name, state, version, purpose, topics, contains_promotion, from_address, subject, body_format, body,
                                      language, created_at, updated_at)
                VALUES ('Afdrukken-actie', 'SENT', 2, 'COMMERCIAL', '[]', TRUE, 'nieuws@example.nl', 'Hallo', 'MARKDOWN', 'Hallo', 'NL', :now, :now)""")
                .param("now", now).update();
        long campaign = jdbc.sql("SELECT MAX(id) FROM campaign").query(Long.class).single();
        for (long contact : new long[] {7, 8}) {
            jdbc.sql("""
                    INSERT INTO campaign_decision (campaign_id, campaign_version, contact_id, address, verdict, basis, denial, deciding_rules,
                                                   evidence_records, basis_valid_until, settings_version, decided_at)
                    VALUES (:campaign, 2, :contact, :address, 'ALLOW', 'SOFT_OPT_IN', NULL, 'NL-TW-11.7-3', '3,5', :until, 1, :now)""")
                    .param("campaign", campaign).param("contact", contact).param("address", "klant" + contact + "@example.nl")
                    .param("until", now.plusYears(2)).param("now", now).update();
            jdbc.sql("""
                    INSERT INTO outbox (campaign_id, contact_id, address, token, state, attempts, next_attempt_at, message_id, reply_code,
                                        reply_text, sent_at, updated_at)
                    VALUES (:campaign, :contact, :address, :token, 'SENT', 1, :now, '<m@x>', 250, '2.0.0 Ok: queued', :now, :now)""")
                    .param("campaign", campaign).param("contact", contact).param("address", "klant" + contact + "@example.nl")
                    .param("token", "token-" + contact).param("now", now).update();
        }
        RecipientHistory history = new RecipientHistory(jdbc);

        assertThat(history.decisionsFor(List.of(7L))).singleElement().satisfies(decision -> {
            assertThat(decision.campaignId()).isEqualTo(campaign);
            assertThat(decision.campaignName()).isEqualTo("Afdrukken-actie");
            assertThat(decision.campaignVersion()).isEqualTo(2);
            assertThat(decision.address()).isEqualTo("klant7@example.nl");
            assertThat(decision.basis()).isEqualTo("SOFT_OPT_IN");
            assertThat(decision.decidingRules()).containsExactly("NL-TW-11.7-3");
            assertThat(decision.evidenceRecords()).containsExactly(3L, 5L);
            assertThat(decision.basisValidUntil()).isEqualTo(now.plusYears(2).toInstant());
        });
        assertThat(history.messagesTo(List.of(8L))).singleElement().satisfies(message -> {
            assertThat(message.campaignName()).isEqualTo("Afdrukken-actie");
            assertThat(message.address()).isEqualTo("klant8@example.nl");
            assertThat(message.state()).isEqualTo("SENT");
            assertThat(message.replyCode()).isEqualTo(250);
            assertThat(message.replyText()).isEqualTo("2.0.0 Ok: queued");
            assertThat(message.sentAt()).isEqualTo(now.toInstant());
        });
        assertThat(history.messagesTo(List.of(7L, 8L))).hasSize(2);
        assertThat(history.decisionsFor(List.of(9L))).isEmpty();
        assertThat(history.messagesTo(List.of())).isEmpty();
    }
}
