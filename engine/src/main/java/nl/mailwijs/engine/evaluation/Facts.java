package nl.mailwijs.engine.evaluation;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.Consent;
import nl.mailwijs.engine.request.DecisionRequest;
import nl.mailwijs.engine.request.Interaction;
import nl.mailwijs.engine.request.Message;
import nl.mailwijs.engine.request.Objection;
import nl.mailwijs.engine.request.Policy;
import nl.mailwijs.engine.request.Purchase;
import nl.mailwijs.engine.request.Recipient;
import nl.mailwijs.engine.request.Sender;

/**
 * The request as the rules see it: evidence dated after {@code sendAt} is gone (evaluation
 * step 1), and analyses several rules share are computed once per request. One instance
 * serves one evaluation on one thread.
 */
public final class Facts {

    private final DecisionRequest request;
    private final Instant sendAt;
    private final List<Consent> consents;
    private final List<Purchase> purchases;
    private final List<Interaction> interactions;
    private final List<Objection> objections;
    private final Map<Function<Facts, ?>, Object> analyses = new HashMap<>(4);

    public Facts(DecisionRequest request) {
        this.request = request;
        this.sendAt = request.message().sendAt();
        var evidence = request.evidence();
        // An item without a date is kept: the rules judge it cautiously (an undated consent
        // proves nothing, an undated objection still counts).
        this.consents = keep(evidence.consents(), consent -> notAfterSend(consent.givenAt()));
        this.purchases = keep(evidence.purchases(), purchase -> notAfterSend(purchase.date()));
        this.interactions = keep(evidence.interactions(), interaction -> notAfterSend(interaction.date()));
        this.objections = keep(evidence.objections(), objection -> notAfterSend(objection.at()));
    }

    private boolean notAfterSend(Instant moment) {
        return moment == null || !moment.isAfter(sendAt);
    }

    private static <T> List<T> keep(List<T> items, Predicate<T> wanted) {
        for (T item : items) {
            if (!wanted.test(item)) {
                return items.stream().filter(wanted).toList();
            }
        }
        return items;
    }

    /**
     * A name for an evidence item that has no id: its place in the request's own list (before
     * evidence after the send was set aside), e.g. {@code purchases[2]}.
     */
    public String nameOf(Object item, String listName, List<?> requestList) {
        // By identity: two identical undated purchases are still two items with two places.
        int index = 0;
        while (index < requestList.size() && requestList.get(index) != item) {
            index++;
        }
        return listName + "[" + index + "]";
    }

    /** True when the moment is known and lies at or before the send time. */
    public boolean happenedBySend(Instant moment) {
        return moment != null && !moment.isAfter(sendAt);
    }

    /**
     * The result of an analysis several rules need (pass a constant function), computed once
     * for this request.
     */
    @SuppressWarnings("unchecked")
    public <T> T analysis(Function<Facts, T> analysis) {
        Object known = analyses.get(analysis);
        if (known == null) {
            known = analysis.apply(this);
            analyses.put(analysis, known);
        }
        return (T) known;
    }

    public DecisionRequest request() {
        return request;
    }

    public Sender sender() {
        return request.sender();
    }

    public Recipient recipient() {
        return request.recipient();
    }

    public Channel channel() {
        return request.recipient().channel();
    }

    public Message message() {
        return request.message();
    }

    public List<String> topics() {
        return request.message().topics();
    }

    public Policy policy() {
        return request.policy();
    }

    public Instant sendAt() {
        return sendAt;
    }

    public List<Consent> consents() {
        return consents;
    }

    public List<Purchase> purchases() {
        return purchases;
    }

    public List<Interaction> interactions() {
        return interactions;
    }

    public List<Objection> objections() {
        return objections;
    }
}
