package nl.mailwijs.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.ConsentMethod;
import nl.mailwijs.engine.request.Evidence;
import nl.mailwijs.engine.request.InteractionType;
import nl.mailwijs.engine.request.ObjectionRoute;
import nl.mailwijs.engine.request.ObtainedBy;
import nl.mailwijs.engine.request.Proof;

class EvidenceStoreTests {

    private static final long JAN_12 = Instant.parse("2026-01-12T00:00:00Z").toEpochMilli();

    @Test
    @DisplayName("each contact gets back its own evidence, in file order, after the rows are sorted by contact")
    void evidencePerContactInFileOrder() {
        EvidenceStore store = new EvidenceStore();
        store.purchases.source("purchases.csv");
        store.purchases.add(1, 2, "o-1", JAN_12, "portrait-photography", Proof.INVOICE, true, true);
        store.purchases.add(0, 3, "o-2", Values.NO_TIME, "", null, false, false);
        store.purchases.add(1, 4, "", JAN_12, "photo-prints | photo-albums", Proof.ORDER, true, false);
        store.seal(3);

        Evidence first = store.evidenceOf(1);
        assertThat(first.purchases()).extracting(purchase -> purchase.id()).containsExactly("o-1", "purchases.csv:4");
        assertThat(first.purchases().getFirst().date()).isEqualTo(Instant.ofEpochMilli(JAN_12));
        assertThat(first.purchases().getFirst().categories()).containsExactly("portrait-photography");
        assertThat(first.purchases().getFirst().addressCollectedInSale()).isTrue();
        assertThat(first.purchases().get(1).categories()).containsExactly("photo-prints", "photo-albums");
        assertThat(first.purchases().get(1).objectionOffered()).isFalse();

        Evidence second = store.evidenceOf(0);
        assertThat(second.purchases()).singleElement().satisfies(purchase -> {
            assertThat(purchase.date()).isNull();
            assertThat(purchase.proof()).isEqualTo(Proof.NONE);
            assertThat(purchase.categories()).isEmpty();
        });

        assertThat(store.evidenceOf(2)).isEqualTo(Evidence.NONE);
    }

    @Test
    @DisplayName("consents, objections and interactions come back with every field")
    void everyKind() {
        EvidenceStore store = new EvidenceStore();
        store.consents.add(0, 2, "c-1", JAN_12, Set.of(Channel.EMAIL, Channel.SMS), "photo-prints", ConsentMethod.DOUBLE_OPT_IN,
                ObtainedBy.SENDER, " Ja, graag. ", JAN_12 + 1000, Values.NO_TIME);
        store.objections.add(0, 2, "", JAN_12, EvidenceStore.ALL_CHANNELS, "", ObjectionRoute.PHONE);
        store.objections.add(0, 3, "b-2", JAN_12, EvidenceStore.channelMask(Set.of(Channel.SMS)), "photo-prints", null);
        store.interactions.add(0, 2, InteractionType.QUOTE, JAN_12);
        store.seal(1);

        Evidence evidence = store.evidenceOf(0);

        assertThat(evidence.consents()).singleElement().satisfies(consent -> {
            assertThat(consent.id()).isEqualTo("c-1");
            assertThat(consent.channels()).containsExactlyInAnyOrder(Channel.EMAIL, Channel.SMS);
            assertThat(consent.topics()).containsExactly("photo-prints");
            assertThat(consent.method()).isEqualTo(ConsentMethod.DOUBLE_OPT_IN);
            assertThat(consent.obtainedBy()).isEqualTo(ObtainedBy.SENDER);
            assertThat(consent.wording()).isEqualTo("Ja, graag.");
            assertThat(consent.confirmedAt()).isEqualTo(Instant.ofEpochMilli(JAN_12 + 1000));
            assertThat(consent.withdrawnAt()).isNull();
        });
        assertThat(evidence.objections()).hasSize(2);
        assertThat(evidence.objections().getFirst().allChannels()).isTrue();
        assertThat(evidence.objections().getFirst().via()).isEqualTo(ObjectionRoute.PHONE);
        assertThat(evidence.objections().get(1).allChannels()).isFalse();
        assertThat(evidence.objections().get(1).covers(Channel.SMS)).isTrue();
        assertThat(evidence.objections().get(1).covers(Channel.EMAIL)).isFalse();
        assertThat(evidence.objections().get(1).via()).isNull();
        assertThat(evidence.interactions()).singleElement().satisfies(interaction -> {
            assertThat(interaction.type()).isEqualTo(InteractionType.QUOTE);
            assertThat(interaction.date()).isEqualTo(Instant.ofEpochMilli(JAN_12));
        });
    }

    @Test
    @DisplayName("repeated category lists are stored once")
    void internsLists() {
        EvidenceStore store = new EvidenceStore();
        for (int contact = 0; contact < 3; contact++) {
            store.purchases.add(contact, contact + 2, "o-" + contact, JAN_12, "photo-prints", Proof.ORDER, true, true);
        }
        store.seal(3);

        assertThat(store.evidenceOf(0).purchases().getFirst().categories())
                .isSameAs(store.evidenceOf(2).purchases().getFirst().categories());
    }
}
