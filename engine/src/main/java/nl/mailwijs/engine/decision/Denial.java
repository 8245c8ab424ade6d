package nl.mailwijs.engine.decision;

/** Why a DENY was given; which one is reported follows the rule pack's evaluation order. */
public enum Denial {
    OBJECTED,
    NO_CONSENT,
    CONSENT_INVALID,
    CONSENT_WITHDRAWN,
    SOFT_OPT_IN_NOT_SIMILAR,
    SOFT_OPT_IN_EXPIRED,
    SOFT_OPT_IN_NO_OBJECTION_CHANCE,
    SOFT_OPT_IN_UNPROVEN,
    SENDER_IDENTITY_MISSING
}
