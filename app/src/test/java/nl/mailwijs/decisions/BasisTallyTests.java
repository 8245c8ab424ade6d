package nl.mailwijs.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import nl.mailwijs.contacts.BatchCreated;
import nl.mailwijs.contacts.Contacts;
import nl.mailwijs.contacts.NewContact;
import nl.mailwijs.contacts.NewContact.NewAddress;
import nl.mailwijs.engine.decision.Basis;
import nl.mailwijs.engine.decision.Denial;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.ConsentMethod;
import nl.mailwijs.engine.request.InteractionType;
import nl.mailwijs.engine.request.ObjectionRoute;
import nl.mailwijs.engine.request.ObtainedBy;
import nl.mailwijs.engine.request.Proof;
import nl.mailwijs.engine.request.Purpose;
import nl.mailwijs.engine.request.RecipientKind;
import nl.mailwijs.evidence.ConsentEvidence;
import nl.mailwijs.evidence.EvidenceContent;
import nl.mailwijs.evidence.InteractionEvidence;
import nl.mailwijs.evidence.Ledger;
import nl.mailwijs.evidence.ObjectionEvidence;
import nl.mailwijs.evidence.PurchaseEvidence;
import nl.mailwijs.evidence.WithdrawalEvidence;
import nl.mailwijs.platform.BulkWrites;
import nl.mailwijs.platform.ServerSecrets;
import nl.mailwijs.settings.SettingsChange;
import nl.mailwijs.settings.SettingsStore;
import nl.mailwijs.suppression.Erasures;
import nl.mailwijs.suppression.Suppressions;
import nl.mailwijs.testing.TestDatabase;

/**
 * The overview's tally decides every contact exactly as the contact page decides one: on H2 and
 * PostgreSQL, over more contacts than one page of the bulk reader, with every kind of evidence,
 * corrections, several addresses and channels, an erased objector who came back and an objection
 * made for an address only, the decisions read in bulk equal the ones asked per contact, and the
 * tally's counts equal those decisions counted one by one.
 */
class BasisTallyTests {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    /** More than one page of {@link ContactsWithEvidence}, so a page boundary is crossed. */
    private static final int CONTACTS = ContactsWithEvidence.PAGE + 300;

    private record Fixture(HikariDataSource pool, Contacts contacts, Ledger ledger, ContactDecisions decisions, BasisTally tally, Erasures erasures,
                           Suppressions suppressions) implements AutoCloseable {

        @Override
        public void close() {
            pool.close();
        }
    }

    private static Fixture fixture(TestDatabase database) {
        HikariConfig pool = new HikariConfig();
        // Pooled as in the server: a PostgreSQL connection per query would measure connecting, thousands of times over.
        pool.setDataSource(database.fresh());
        pool.setMaximumPoolSize(4);
        HikariDataSource dataSource = new HikariDataSource(pool);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        var transactions = new DataSourceTransactionManager(dataSource);
        var bulk = new BulkWrites(dataSource);
        Contacts contacts = new Contacts(jdbc, transactions, CLOCK, bulk);
        Ledger ledger = new Ledger(jdbc, transactions, CLOCK, contacts, bulk);
        SettingsStore settings = new SettingsStore(jdbc, CLOCK);
        settings.change(new SettingsChange("Fotostudio Jansen B.V.", "Fotostudio Jansen", "12345678", "Kerkstraat 1, 1234 AB Utrecht", "NL",
                "privacy@fotostudio-jansen.nl", Map.of("portrait-photography", List.of("photo-prints")), null, null), "test");
        Suppressions suppressions = new Suppressions(jdbc, transactions, CLOCK, new ServerSecrets(jdbc, CLOCK), event -> {
        });
        ContactDecisions decisions = new ContactDecisions(contacts, ledger, settings, CLOCK, suppressions,
                new ContactsWithEvidence(contacts, ledger, suppressions));
        return new Fixture(dataSource, contacts, ledger, decisions, new BasisTally(decisions, contacts, CLOCK),
                new Erasures(contacts, ledger, suppressions, event -> {
                }, transactions), suppressions);
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void theBulkTallyDecidesEveryContactAsTheContactPageDoes(TestDatabase database) {
        try (Fixture f = fixture(database)) {
            bulkTallyEqualsDecisionsOneByOne(f);
        }
    }

    private static void bulkTallyEqualsDecisionsOneByOne(Fixture f) {
        List<Long> ids = varied(f);

        Map<Long, List<ContactDecisions.Made>> bulk = new LinkedHashMap<>();
        List<Long> progress = new ArrayList<>();
        long read = f.decisions().basisOfEveryContact(Purpose.COMMERCIAL, NOW, made -> {
            assertThat(bulk.put(made.getFirst().contactId(), made)).as("each contact once").isNull();
        }, progress::add);
        Map<Long, List<ContactDecisions.Made>> oneByOne = new LinkedHashMap<>();
        for (long id : ids) {
            List<ContactDecisions.Made> made = f.decisions().basisPerChannel(id, Purpose.COMMERCIAL, f.decisions().topicsOfPurchases(id));
            if (!made.isEmpty()) {
                oneByOne.put(id, made);
            }
        }
        assertThat(read).as("every contact but the erased one").isEqualTo(ids.size()).isEqualTo(f.contacts().count());
        assertThat(progress).as("after each page").hasSize(2).last().isEqualTo(read);
        assertThat(bulk.keySet()).as("the contacts with an address, in id order").containsExactlyElementsOf(oneByOne.keySet());
        oneByOne.forEach((id, made) -> assertThat(bulk.get(id)).as("contact %d", id).isEqualTo(made));

        List<Long[]> reported = new ArrayList<>();
        BasisTally.Result result = f.tally().count(AMSTERDAM, (contacts, of) -> reported.add(new Long[] {contacts, of}));

        Instant endOfNovember = Instant.parse("2026-11-30T23:00:00Z");
        assertThat(result.decidedAt()).isEqualTo(NOW);
        assertThat(result.lapsingBefore()).isEqualTo(endOfNovember);
        assertThat(result.contacts()).isEqualTo(ids.size());
        assertThat(result.channels()).isEqualTo(counted(oneByOne, endOfNovember));
        assertThat(reported.getFirst()).containsExactly(0L, (long) ids.size());
        assertThat(reported.getLast()).containsExactly((long) ids.size(), (long) ids.size());

        // The data set is as varied as it claims: otherwise the equality above proves little.
        BasisTally.ChannelCount email = result.channels().getFirst();
        assertThat(result.channels()).extracting(BasisTally.ChannelCount::channel).containsExactly(Channel.EMAIL, Channel.SMS, Channel.WHATSAPP);
        assertThat(email.byBasis().keySet()).contains(Basis.CONSENT, Basis.SOFT_OPT_IN);
        assertThat(email.byDenial().keySet()).contains(Denial.OBJECTED, Denial.NO_CONSENT, Denial.CONSENT_WITHDRAWN, Denial.SOFT_OPT_IN_EXPIRED);
        assertThat(email.lapsing()).isPositive();
        assertThat(bulk.values().stream().flatMap(List::stream).filter(made -> !made.suppressedBy().isEmpty()).count())
                .as("the erased objector who came back (e-mail and SMS: an objection is the person's) and the address objected to")
                .isEqualTo(3);
    }

    /** The decisions counted one by one, as the tally should have counted them. */
    private static List<BasisTally.ChannelCount> counted(Map<Long, List<ContactDecisions.Made>> decisions, Instant lapsingBefore) {
        Map<Channel, List<ContactDecisions.Made>> byChannel = new EnumMap<>(Channel.class);
        decisions.values().stream().flatMap(List::stream).forEach(made -> byChannel.computeIfAbsent(made.channel(), c -> new ArrayList<>())
                .add(made));
        List<BasisTally.ChannelCount> counts = new ArrayList<>();
        byChannel.forEach((channel, made) -> {
            Map<Basis, Long> byBasis = new EnumMap<>(Basis.class);
            Map<Denial, Long> byDenial = new EnumMap<>(Denial.class);
            long lapsing = 0;
            for (ContactDecisions.Made one : made) {
                if (one.decision().allowed()) {
                    byBasis.merge(one.decision().basis(), 1L, Long::sum);
                    if (one.decision().basisValidUntil() != null && one.decision().basisValidUntil().isBefore(lapsingBefore)) {
                        lapsing++;
                    }
                } else {
                    byDenial.merge(one.decision().denial(), 1L, Long::sum);
                }
            }
            long allowed = byBasis.values().stream().mapToLong(Long::longValue).sum();
            counts.add(new BasisTally.ChannelCount(channel, made.size(), allowed, byBasis, byDenial, lapsing));
        });
        return counts;
    }

    /**
     * Contacts of both kinds, in and outside the EEA, with one to three addresses on one to three
     * channels (and one without any), with purchases of every age, consents valid, invalid and
     * withdrawn, objections to everything and to one topic on one channel, interactions and
     * corrected purchases. Returns the ids of the contacts that exist at the end.
     */
    private static List<Long> varied(Fixture f) {
        List<NewContact> batch = new ArrayList<>();
        for (int i = 0; i < CONTACTS; i++) {
            batch.add(contact(i));
        }
        batch.add(new NewContact(RecipientKind.NATURAL_PERSON, "NL", "Zonder Adres", "k-none", List.of(), null, List.of()));
        List<Long> ids = new ArrayList<>();
        for (BatchCreated created : f.contacts().createAll(batch)) {
            assertThat(created.refused()).isNull();
            ids.add(created.id());
        }
        List<Ledger.Entry> entries = new ArrayList<>();
        for (int i = 0; i < CONTACTS; i++) {
            for (EvidenceContent content : evidence(i)) {
                entries.add(new Ledger.Entry(ids.get(i), content));
            }
        }
        List<Ledger.Outcome> outcomes = f.ledger().appendAll(entries);
        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.refused()).isNull());
        for (int i = 0; i < entries.size(); i += 97) {
            if (entries.get(i).content() instanceof PurchaseEvidence purchase) {
                f.ledger().correct(entries.get(i).contactId(), outcomes.get(i).appended().record().id(), new PurchaseEvidence(purchase.id(),
                        NOW.minus(Duration.ofDays(3)), List.of("photo-prints"), Proof.ORDER, null, true, true));
            }
        }

        long erased = f.contacts().create(new NewContact(RecipientKind.NATURAL_PERSON, "NL", "Els Gewist", "k-erased", List.of(), null,
                List.of(new NewAddress(Channel.EMAIL, "els@example.nl")))).contact().id();
        f.ledger().append(erased, new ObjectionEvidence(null, NOW.minus(Duration.ofDays(40)), true, Set.of(), List.of(), ObjectionRoute.PHONE,
                "belde"));
        f.erasures().erase(erased);
        long back = f.contacts().create(new NewContact(RecipientKind.NATURAL_PERSON, "NL", "Els Terug", "k-back", List.of(), null,
                List.of(new NewAddress(Channel.EMAIL, "ELS@example.nl"), new NewAddress(Channel.SMS, "+31687654321")))).contact().id();
        f.ledger().append(back, consent("c-back", Set.of(Channel.EMAIL, Channel.SMS), ConsentMethod.DOUBLE_OPT_IN));
        f.suppressions().recordAddressObjection(Channel.EMAIL, "bezwaar@example.nl", new ObjectionEvidence(null, NOW.minus(Duration.ofDays(2)),
                true, Set.of(), List.of(), ObjectionRoute.LETTER, "brief"));
        long objected = f.contacts().create(new NewContact(RecipientKind.NATURAL_PERSON, "NL", "Bas Bezwaar", "k-objected", List.of(), null,
                List.of(new NewAddress(Channel.EMAIL, "bezwaar@example.nl")))).contact().id();
        f.ledger().append(objected, consent("c-objected", Set.of(Channel.EMAIL), ConsentMethod.UNTICKED_CHECKBOX));
        ids.add(back);
        ids.add(objected);
        return ids;
    }

    private static NewContact contact(int i) {
        RecipientKind kind = i % 11 == 0 ? RecipientKind.LEGAL_ENTITY : RecipientKind.NATURAL_PERSON;
        String country = i % 13 == 0 ? "US" : "NL";
        String email = i % 17 == 0 ? "info@bedrijf-" + i + ".nl" : "klant-" + i + "@example.nl";
        String phone = String.format("+316%08d", i);
        List<NewAddress> addresses = switch (i % 5) {
            case 0 -> List.of(new NewAddress(Channel.EMAIL, email));
            case 1 -> List.of(new NewAddress(Channel.EMAIL, email), new NewAddress(Channel.SMS, phone));
            case 2 -> List.of(new NewAddress(Channel.SMS, phone));
            case 3 -> List.of(new NewAddress(Channel.EMAIL, email), new NewAddress(Channel.WHATSAPP, phone));
            default -> List.of(new NewAddress(Channel.EMAIL, "tweede-" + i + "@example.nl"), new NewAddress(Channel.EMAIL, email),
                    new NewAddress(Channel.SMS, phone));
        };
        String attributes = i % 17 == 0 ? "{\"publishedForOffers\":true}" : null;
        return new NewContact(kind, country, "Klant " + i, "k-" + i, List.of(), attributes, addresses);
    }

    private static List<EvidenceContent> evidence(int i) {
        // Purchases from today back to three years ago, so some soft opt-ins lapse this month and some have lapsed.
        Instant bought = NOW.minus(Duration.ofDays(i % 1_100));
        PurchaseEvidence purchase = new PurchaseEvidence("o-" + i, bought, List.of("portrait-photography"), Proof.INVOICE, null, true, true);
        return switch (i % 9) {
            case 0 -> List.of(purchase);
            case 1 -> List.of(new PurchaseEvidence("o-" + i, bought, List.of("portrait-photography"), Proof.INVOICE, null, true, false));
            case 2 -> List.of(consent("c-" + i, i % 2 == 0 ? Set.of(Channel.EMAIL) : Set.of(Channel.EMAIL, Channel.SMS),
                    ConsentMethod.UNTICKED_CHECKBOX));
            case 3 -> List.of(consent("c-" + i, Set.of(Channel.EMAIL, Channel.SMS, Channel.WHATSAPP), ConsentMethod.DOUBLE_OPT_IN),
                    new WithdrawalEvidence("w-" + i, null, "c-" + i, NOW.minus(Duration.ofDays(5)), ObjectionRoute.UNSUBSCRIBE_LINK));
            case 4 -> List.of(purchase, new ObjectionEvidence("b-" + i, NOW.minus(Duration.ofDays(10)), true, Set.of(), List.of(),
                    ObjectionRoute.EMAIL, null));
            case 5 -> List.of(purchase, new ObjectionEvidence("b-" + i, NOW.minus(Duration.ofDays(10)), false, Set.of(Channel.EMAIL),
                    List.of("photo-prints"), ObjectionRoute.PREFERENCE_CENTRE, null));
            case 6 -> List.of();
            case 7 -> List.of(new PurchaseEvidence("o-" + i, bought, List.of("frames"), Proof.ORDER, null, true, true),
                    new InteractionEvidence("i-" + i, InteractionType.QUOTE, NOW.minus(Duration.ofDays(i % 400))));
            default -> List.of(consent("c-" + i, Set.of(Channel.EMAIL), ConsentMethod.PRETICKED_CHECKBOX));
        };
    }

    private static ConsentEvidence consent(String id, Set<Channel> channels, ConsentMethod method) {
        return new ConsentEvidence(id, Instant.parse("2025-03-01T10:00:00Z"), channels, List.of(), method, ObtainedBy.SENDER,
                ConsentEvidence.Wording.text("Ja, stuur mij de nieuwsbrief."), null, null, null);
    }
}
