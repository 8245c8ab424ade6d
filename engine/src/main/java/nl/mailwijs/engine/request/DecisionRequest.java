package nl.mailwijs.engine.request;

import java.util.Objects;

/** One question to the engine: may this sender send this message to this recipient at this time? */
public record DecisionRequest(Sender sender, Recipient recipient, Evidence evidence, Message message, Policy policy) {

    public DecisionRequest {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(message, "message");
        evidence = evidence == null ? Evidence.NONE : evidence;
        policy = policy == null ? Policy.NL_DEFAULT : policy;
    }
}
