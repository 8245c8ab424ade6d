package nl.mailwijs.content;

import java.util.Optional;

import nl.mailwijs.engine.decision.Obligation;

/**
 * Something the law asks of a regulated message that a rendered message lacks, with the rule it
 * serves and the obligation of the engine's decision it fails.
 */
public enum ContentDefect {
    LEGAL_NAME_MISSING("NL-TW-11.7-4a", Obligation.SENDER_IDENTITY),
    TRADE_NAME_MISSING("NL-TW-11.7-4a", Obligation.SENDER_IDENTITY),
    KVK_NUMBER_MISSING("NL-TW-11.7-4a", Obligation.SENDER_IDENTITY),
    POSTAL_ADDRESS_MISSING("NL-TW-11.7-4a", Obligation.SENDER_IDENTITY),
    OBJECTION_LINK_MISSING("NL-TW-11.7-4b", Obligation.OBJECTION_LINK),
    OBJECTION_LINK_INVALID("NL-TW-11.7-4b", Obligation.OBJECTION_LINK),
    /** Soft opt-in's condition (e): every message repeats the chance to object; the engine lists no obligation of its own for it. */
    SOFT_OPT_IN_NOTICE_MISSING("NL-TW-11.7-3", null),
    SUBJECT_UNSAFE("RFC-5322", Obligation.SAFE_HEADERS);

    private final String rule;
    private final Obligation obligation;

    ContentDefect(String rule, Obligation obligation) {
        this.rule = rule;
        this.obligation = obligation;
    }

    /** The catalogue id in rules-nl.md. */
    public String rule() {
        return rule;
    }

    /** The obligation in {@code Decision.obligations()} this defect fails, when there is one. */
    public Optional<Obligation> obligation() {
        return Optional.ofNullable(obligation);
    }
}
