package nl.mailwijs.engine;

import static nl.mailwijs.engine.fixtures.DecisionAssert.PLACEHOLDER;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import nl.mailwijs.engine.decision.Basis;
import nl.mailwijs.engine.decision.Decision;
import nl.mailwijs.engine.decision.Denial;
import nl.mailwijs.engine.decision.Language;
import nl.mailwijs.engine.decision.Obligation;
import nl.mailwijs.engine.decision.Reason;
import nl.mailwijs.engine.decision.Verdict;
import nl.mailwijs.engine.fixtures.DecisionAssert;
import nl.mailwijs.engine.fixtures.Requests;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.Consent;
import nl.mailwijs.engine.request.ConsentMethod;
import nl.mailwijs.engine.request.DecisionRequest;
import nl.mailwijs.engine.request.Evidence;
import nl.mailwijs.engine.request.Interaction;
import nl.mailwijs.engine.request.InteractionType;
import nl.mailwijs.engine.request.Message;
import nl.mailwijs.engine.request.Objection;
import nl.mailwijs.engine.request.ObjectionRoute;
import nl.mailwijs.engine.request.ObtainedBy;
import nl.mailwijs.engine.request.Policy;
import nl.mailwijs.engine.request.Proof;
import nl.mailwijs.engine.request.Purchase;
import nl.mailwijs.engine.request.Purpose;
import nl.mailwijs.engine.request.Recipient;
import nl.mailwijs.engine.request.RecipientKind;
import nl.mailwijs.engine.request.Sender;

/**
 * Properties of the whole decision over arbitrary requests: random consents, purchases,
 * objections and interactions with random methods, channels, topics from a small pool and
 * dates around {@code sendAt} (often on the same day, so ties occur), random purposes, kinds
 * and countries in and outside the EEA.
 */
class DecisionProperties {

    private static final Instant SEND_AT = Requests.SEND_AT;
    private static final List<String> TOPICS = List.of("photo-prints", "photo-albums", "portrait-photography", "kitchen-appliances");
    private static final List<String> CATEGORIES = List.of("portrait-photography", "wedding-photography", "photo-prints", "kitchen-appliances");
    private static final List<String> COUNTRIES = List.of("NL", "DE", "BE", "NO", "IS", "LI", "US", "CH", "GB", "JP");
    private static final List<String> LOCAL_PARTS = List.of("jan", "info", "aanbieding", "ACQUISITIE", "Offers", "pieter");
    private static final Map<String, Set<String>> SIMILAR = Map.of(
            "portrait-photography", Set.of("photo-prints", "photo-albums"),
            "wedding-photography", Set.of("photo-albums"));

    private final DecisionEngine engine = DecisionAssert.ENGINE;

    // ---- properties ----------------------------------------------------------------------

    @Property(tries = 300)
    void applicableObjectionAlwaysDeniesARegulatedMessage(
            @ForAll("requests") DecisionRequest request,
            @ForAll("notAfterSend") Instant at,
            @ForAll boolean allChannels,
            @ForAll("routes") ObjectionRoute via,
            @ForAll long seed) {
        Message message = request.message();
        Assume.that(message.purpose() != Purpose.SERVICE || message.containsPromotion());
        Set<Channel> channels = allChannels ? Set.of() : Set.of(request.recipient().channel());
        Objection objection = new Objection("objection", at, allChannels, channels, List.of(), via);
        Evidence evidence = request.evidence();
        DecisionRequest objected = withEvidence(request, new Evidence(evidence.consents(), evidence.purchases(),
                evidence.interactions(), insertAtRandom(evidence.objections(), List.of(objection), new Random(seed))));

        Decision decision = engine.decide(objected);

        assertThat(decision.verdict()).isEqualTo(Verdict.DENY);
        assertThat(decision.denial()).isEqualTo(Denial.OBJECTED);
    }

    @Property(tries = 300)
    void evidenceDatedAfterSendChangesNothing(
            @ForAll("requests") DecisionRequest request,
            @ForAll("futureEvidence") Evidence future,
            @ForAll long seed) {
        Random random = new Random(seed);
        Evidence evidence = request.evidence();
        DecisionRequest withFuture = withEvidence(request, new Evidence(
                insertAtRandom(evidence.consents(), future.consents(), random),
                insertAtRandom(evidence.purchases(), future.purchases(), random),
                insertAtRandom(evidence.interactions(), future.interactions(), random),
                insertAtRandom(evidence.objections(), future.objections(), random)));

        assertThat(View.withTexts(engine.decide(withFuture))).isEqualTo(View.withTexts(engine.decide(request)));
    }

    /**
     * Compares everything, including every sentence except NL-AVG-21's, whose sentence depends on
     * the order of objections recorded at the same moment (see the disabled property below).
     */
    @Property(tries = 300)
    void shufflingEvidenceChangesNothing(@ForAll("requests") DecisionRequest request, @ForAll long seed) {
        DecisionRequest shuffled = shuffledEvidence(request, seed);

        assertThat(View.withTextsExcept(engine.decide(shuffled), "NL-AVG-21"))
                .isEqualTo(View.withTextsExcept(engine.decide(request), "NL-AVG-21"));
    }

    @Property(tries = 300)
    void shufflingEvidenceChangesNoReasonText(@ForAll("requests") DecisionRequest request, @ForAll long seed) {
        DecisionRequest shuffled = shuffledEvidence(request, seed);

        assertThat(View.withTexts(engine.decide(shuffled))).isEqualTo(View.withTexts(engine.decide(request)));
    }

    @Property(tries = 300)
    void aValidConsentNeverTurnsAllowIntoDeny(
            @ForAll("requests") DecisionRequest request,
            @ForAll("validConsentMoments") Instant givenAt,
            @ForAll("withdrawnLater") Instant withdrawnAt,
            @ForAll long seed) {
        Decision before = engine.decide(request);
        Decision after = engine.decide(withValidConsent(request, givenAt, withdrawnAt, seed));

        if (before.allowed()) {
            assertThat(after.verdict()).isEqualTo(Verdict.ALLOW);
        }
    }

    @Property(tries = 300)
    void aValidConsentAllowsUnlessSomethingStopsTheSend(
            @ForAll("requests") DecisionRequest request,
            @ForAll("validConsentMoments") Instant givenAt,
            @ForAll("withdrawnLater") Instant withdrawnAt,
            @ForAll long seed) {
        Decision after = engine.decide(withValidConsent(request, givenAt, withdrawnAt, seed));

        if (after.verdict() == Verdict.DENY) {
            assertThat(after.denial()).isIn(Denial.OBJECTED, Denial.SENDER_IDENTITY_MISSING);
        } else {
            assertThat(after.basis()).isIn(Basis.CONSENT, Basis.NOT_REGULATED);
            if (after.basis() == Basis.CONSENT) {
                assertThat(after.evidenceUsed()).contains("valid-consent");
            }
        }
    }

    @Property(tries = 300)
    void decideIsDeterministic(@ForAll("requests") DecisionRequest request) {
        DecisionRequest copy = new DecisionRequest(request.sender(), request.recipient(), request.evidence(), request.message(), request.policy());

        Decision first = engine.decide(request);
        Decision second = engine.decide(copy);

        assertThat(View.withTexts(second)).isEqualTo(View.withTexts(first));
        assertThat(second.decidingRules()).isEqualTo(first.decidingRules());
        assertThat(new DecisionEngine().decide(request).reasons()).extracting(reason -> reason.text(Language.NL))
                .isEqualTo(first.reasons().stream().map(reason -> reason.text(Language.NL)).toList());
    }

    @Property(tries = 100)
    void decisionsOfTheSameRequestAreEqual(@ForAll("requests") DecisionRequest request) {
        assertThat(engine.decide(request)).isEqualTo(engine.decide(request));
    }

    @Property(tries = 300)
    void everyDecisionIsWellFormed(@ForAll("requests") DecisionRequest request) {
        Decision decision = engine.decide(request);

        assertThat(decision.reasons()).extracting(Reason::rule).containsExactlyElementsOf(ReasonsTests.NL_RULES);
        for (Reason reason : decision.reasons()) {
            for (Language language : Language.values()) {
                assertThat(reason.text(language)).as("%s %s", reason.rule(), language)
                        .isNotBlank().doesNotContainPattern(PLACEHOLDER);
            }
        }
        assertThat(decision.basis() != null).isEqualTo(decision.verdict() == Verdict.ALLOW);
        assertThat(decision.denial() != null).isEqualTo(decision.verdict() == Verdict.DENY);
        boolean regulatedAllow = decision.allowed() && decision.basis() != Basis.NOT_REGULATED;
        assertThat(decision.obligations().isEmpty()).isEqualTo(!regulatedAllow);
        if (regulatedAllow) {
            assertThat(decision.obligations()).contains(Obligation.SENDER_IDENTITY, Obligation.OBJECTION_LINK);
            assertThat(decision.obligations()).contains(request.recipient().channel() == Channel.EMAIL
                    ? Obligation.DKIM : Obligation.SMS_STOP);
        }
        assertThat(decision.basisValidUntil() != null).isEqualTo(decision.basis() == Basis.SOFT_OPT_IN);
        if (decision.basis() == Basis.SOFT_OPT_IN) {
            assertThat(decision.basisValidUntil()).isAfter(request.message().sendAt());
        }
        assertThat(decision.evidenceUsed().isEmpty())
                .isEqualTo(decision.basis() != Basis.CONSENT && decision.basis() != Basis.SOFT_OPT_IN);
        Set<String> ids = new HashSet<>();
        request.evidence().consents().forEach(consent -> ids.add(consent.id()));
        request.evidence().purchases().forEach(purchase -> ids.add(purchase.id()));
        assertThat(ids).containsAll(decision.evidenceUsed());
    }

    // ---- generators ----------------------------------------------------------------------

    @Provide
    Arbitrary<DecisionRequest> requests() {
        return Combinators.combine(senders(), recipients(), evidence(), messages(), policies())
                .as(DecisionRequest::new);
    }

    private Arbitrary<Sender> senders() {
        return Arbitraries.frequencyOf(
                        Tuple.of(12, Arbitraries.just(Requests.LEGAL_NAME)),
                        Tuple.of(1, Arbitraries.of("", " ")))
                .map(name -> new Sender(name, "Fotostudio Jansen", "NL", null));
    }

    private Arbitrary<Recipient> recipients() {
        return Combinators.combine(
                        Arbitraries.of(RecipientKind.class),
                        Arbitraries.of(COUNTRIES),
                        Arbitraries.of(Channel.class),
                        Arbitraries.of(LOCAL_PARTS),
                        Arbitraries.of(true, false, false, false))
                .as((kind, country, channel, local, published) -> new Recipient(kind, country, channel,
                        channel == Channel.EMAIL ? local + "@example.nl" : Requests.PHONE_NUMBER, published));
    }

    private Arbitrary<Message> messages() {
        return Combinators.combine(
                        Arbitraries.of(Purpose.class),
                        topics(),
                        Arbitraries.of(true, false),
                        Arbitraries.of(1, 1, 2, 0, 1500).injectNull(0.15))
                .as((purpose, topics, promotion, count) -> new Message(purpose, topics, promotion, SEND_AT, count));
    }

    private Arbitrary<Policy> policies() {
        return Combinators.combine(Arbitraries.of(SIMILAR, Map.<String, Set<String>>of()), Arbitraries.of(1, 6, 12, 24, 36))
                .as((similar, months) -> new Policy(similar, months, Policy.DEFAULT_OFFER_ADDRESS_LOCAL_PARTS))
                .injectNull(0.1);
    }

    private Arbitrary<Evidence> evidence() {
        return Combinators.combine(
                        consents(moments()).list().ofMaxSize(4).map(list -> named("c-", list, DecisionProperties::renameConsent)),
                        purchases(moments()).list().ofMaxSize(4).map(list -> named("p-", list, DecisionProperties::renamePurchase)),
                        interactions(moments()).list().ofMaxSize(3).map(list -> named("i-", list, DecisionProperties::renameInteraction)),
                        objections(objectionMoments()).list().ofMaxSize(3).map(list -> named("b-", list, DecisionProperties::renameObjection)))
                .as(Evidence::new);
    }

    @Provide
    Arbitrary<Evidence> futureEvidence() {
        return Combinators.combine(
                        consents(futureMoments()).list().ofMaxSize(3).map(list -> named("fc-", list, DecisionProperties::renameConsent)),
                        purchases(futureMoments()).list().ofMaxSize(3).map(list -> named("fp-", list, DecisionProperties::renamePurchase)),
                        interactions(futureMoments()).list().ofMaxSize(2).map(list -> named("fi-", list, DecisionProperties::renameInteraction)),
                        objections(futureMoments()).list().ofMaxSize(3).map(list -> named("fb-", list, DecisionProperties::renameObjection)))
                .as(Evidence::new)
                .filter(evidence -> !evidence.consents().isEmpty() || !evidence.purchases().isEmpty()
                        || !evidence.interactions().isEmpty() || !evidence.objections().isEmpty());
    }

    private Arbitrary<Consent> consents(Arbitrary<Instant> givenAt) {
        return Combinators.combine(
                        givenAt,
                        Arbitraries.subsetOf(Channel.values()).ofMinSize(1),
                        topics(),
                        Arbitraries.of(ConsentMethod.class).injectNull(0.05),
                        Arbitraries.of(ObtainedBy.SENDER, ObtainedBy.SENDER, ObtainedBy.SENDER, ObtainedBy.THIRD_PARTY).injectNull(0.05),
                        Arbitraries.of(Requests.GOOD_WORDING, Requests.GOOD_WORDING, "", "Ja, ook van onze partners.",
                                "Yes, and selected companies.").injectNull(0.05),
                        moments().injectNull(0.5),
                        moments().injectNull(0.6))
                .as((at, channels, topics, method, obtainedBy, wording, confirmedAt, withdrawnAt) ->
                        new Consent(null, at, channels, topics, method, obtainedBy, wording, confirmedAt, withdrawnAt));
    }

    private Arbitrary<Purchase> purchases(Arbitrary<Instant> date) {
        return Combinators.combine(
                        date,
                        Arbitraries.of(CATEGORIES).list().uniqueElements().ofMaxSize(2),
                        Arbitraries.of(Proof.class).injectNull(0.05),
                        Arbitraries.of(true, true, true, false),
                        Arbitraries.of(true, true, true, false))
                .as((at, categories, proof, collected, offered) -> new Purchase(null, at, categories, proof, collected, offered));
    }

    private Arbitrary<Interaction> interactions(Arbitrary<Instant> date) {
        return Combinators.combine(Arbitraries.of(InteractionType.class).injectNull(0.05), date)
                .as((type, at) -> new Interaction(null, type, at));
    }

    private Arbitrary<Objection> objections(Arbitrary<Instant> at) {
        return Combinators.combine(
                        at,
                        Arbitraries.of(true, false),
                        Arbitraries.subsetOf(Channel.values()),
                        Arbitraries.frequencyOf(
                                Tuple.of(3, Arbitraries.just(List.<String>of())),
                                Tuple.of(1, topics())),
                        routes())
                .as((moment, all, channels, topics, via) -> new Objection(null, moment, all, channels, topics, via));
    }

    @Provide
    Arbitrary<ObjectionRoute> routes() {
        return Arbitraries.of(ObjectionRoute.class).injectNull(0.05);
    }

    private Arbitrary<List<String>> topics() {
        return Arbitraries.of(TOPICS).list().uniqueElements().ofMaxSize(2);
    }

    /** Moments around sendAt: often midnights, a few of them shared (so items tie), sometimes any second, sometimes sendAt itself, rarely unknown. */
    private Arbitrary<Instant> moments() {
        Instant midnight = SEND_AT.truncatedTo(ChronoUnit.DAYS);
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(-800, -400, -30, -1).map(days -> midnight.plus(days, ChronoUnit.DAYS))),
                Tuple.of(4, Arbitraries.integers().between(-1200, 60).map(days -> midnight.plus(days, ChronoUnit.DAYS))),
                Tuple.of(3, Arbitraries.longs().between(-100_000_000L, 5_000_000L).map(SEND_AT::plusSeconds)),
                Tuple.of(1, Arbitraries.just(SEND_AT)),
                Tuple.of(1, Arbitraries.just((Instant) null)));
    }

    /** Objections are few, so they share a moment more often: simultaneous objections are where order could leak. */
    private Arbitrary<Instant> objectionMoments() {
        Instant midnight = SEND_AT.truncatedTo(ChronoUnit.DAYS);
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(-400, -1).map(days -> midnight.plus(days, ChronoUnit.DAYS))),
                Tuple.of(2, moments()));
    }

    @Provide
    Arbitrary<Instant> notAfterSend() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(SEND_AT)),
                Tuple.of(6, Arbitraries.longs().between(0, 200_000_000L).map(SEND_AT::minusSeconds)));
    }

    @Provide
    Arbitrary<Instant> validConsentMoments() {
        return notAfterSend();
    }

    /** Never withdrawn (null) or withdrawn only after the send. */
    @Provide
    Arbitrary<Instant> withdrawnLater() {
        return futureMoments().injectNull(0.5);
    }

    private Arbitrary<Instant> futureMoments() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(SEND_AT.plusNanos(1))),
                Tuple.of(1, Arbitraries.just(SEND_AT.plusSeconds(1))),
                Tuple.of(6, Arbitraries.longs().between(1, 100_000_000L).map(SEND_AT::plusSeconds)));
    }

    // ---- helpers -------------------------------------------------------------------------

    private interface Rename<T> {
        T apply(T item, String id);
    }

    private static <T> List<T> named(String prefix, List<T> items, Rename<T> rename) {
        return IntStream.range(0, items.size()).mapToObj(i -> rename.apply(items.get(i), prefix + i)).toList();
    }

    private static Consent renameConsent(Consent c, String id) {
        return new Consent(id, c.givenAt(), c.channels(), c.topics(), c.method(), c.obtainedBy(), c.wording(), c.confirmedAt(), c.withdrawnAt());
    }

    private static Purchase renamePurchase(Purchase p, String id) {
        return new Purchase(id, p.date(), p.categories(), p.proof(), p.addressCollectedInSale(), p.objectionOffered());
    }

    private static Interaction renameInteraction(Interaction i, String id) {
        return new Interaction(id, i.type(), i.date());
    }

    private static Objection renameObjection(Objection o, String id) {
        return new Objection(id, o.at(), o.allChannels(), o.channels(), o.topics(), o.via());
    }

    private static DecisionRequest withEvidence(DecisionRequest request, Evidence evidence) {
        return new DecisionRequest(request.sender(), request.recipient(), evidence, request.message(), request.policy());
    }

    private static DecisionRequest withValidConsent(DecisionRequest request, Instant givenAt, Instant withdrawnAt, long seed) {
        Random random = new Random(seed);
        Set<Channel> channels = EnumSet.of(request.recipient().channel());
        if (random.nextBoolean()) {
            channels.add(Channel.values()[random.nextInt(Channel.values().length)]);
        }
        Consent valid = new Consent("valid-consent", givenAt, channels, List.of(), ConsentMethod.UNTICKED_CHECKBOX,
                ObtainedBy.SENDER, Requests.GOOD_WORDING, null, withdrawnAt);
        Evidence evidence = request.evidence();
        return withEvidence(request, new Evidence(insertAtRandom(evidence.consents(), List.of(valid), random),
                evidence.purchases(), evidence.interactions(), evidence.objections()));
    }

    private static <T> List<T> insertAtRandom(List<T> items, List<T> extra, Random random) {
        List<T> all = new ArrayList<>(items);
        for (T item : extra) {
            all.add(random.nextInt(all.size() + 1), item);
        }
        return all;
    }

    private static DecisionRequest shuffledEvidence(DecisionRequest request, long seed) {
        Random random = new Random(seed);
        Evidence evidence = request.evidence();
        return withEvidence(request, new Evidence(
                shuffled(evidence.consents(), random), shuffled(evidence.purchases(), random),
                shuffled(evidence.interactions(), random), shuffled(evidence.objections(), random)));
    }

    private static <T> List<T> shuffled(List<T> items, Random random) {
        List<T> all = new ArrayList<>(items);
        Collections.shuffle(all, random);
        return all;
    }

    /**
     * What a decision says, compared by value: {@link Decision#equals} cannot be used because
     * some reason arguments are lambdas, which compare by identity (see
     * {@link #decisionsOfTheSameRequestAreEqual}).
     */
    record View(Verdict verdict, Basis basis, Denial denial, List<String> evidenceUsed, Instant basisValidUntil,
                List<Obligation> obligations, List<String> outcomes, List<String> texts) {

        static View withTexts(Decision decision) {
            return withTextsExcept(decision);
        }

        /** The whole decision, with the sentences of every rule but the given ones in both languages. */
        static View withTextsExcept(Decision decision, String... rulesWithoutText) {
            Set<String> skipped = Set.of(rulesWithoutText);
            return new View(decision.verdict(), decision.basis(), decision.denial(), decision.evidenceUsed(),
                    decision.basisValidUntil(), decision.obligations(),
                    decision.reasons().stream().map(reason -> reason.rule() + "=" + reason.outcome()).toList(),
                    decision.reasons().stream()
                            .filter(reason -> !skipped.contains(reason.rule()))
                            .flatMap(reason -> Stream.of(reason.text(Language.NL), reason.text(Language.EN)))
                            .toList());
        }
    }
}
