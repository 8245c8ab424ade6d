package nl.mailwijs.content;

/** Something the law asks of a regulated message that a rendered message lacks, with the rule it serves. */
public enum ContentDefect {
    LEGAL_NAME_MISSING("NL-TW-11.7-4a"),
    TRADE_NAME_MISSING("NL-TW-11.7-4a"),
    KVK_NUMBER_MISSING("NL-TW-11.7-4a"),
    POSTAL_ADDRESS_MISSING("NL-TW-11.7-4a"),
    OBJECTION_LINK_MISSING("NL-TW-11.7-4b"),
    OBJECTION_LINK_INVALID("NL-TW-11.7-4b"),
    SOFT_OPT_IN_NOTICE_MISSING("NL-TW-11.7-3"),
    SUBJECT_UNSAFE("RFC-5322");

    private final String rule;

    ContentDefect(String rule) {
        this.rule = rule;
    }

    /** The catalogue id in rules-nl.md. */
    public String rule() {
        return rule;
    }
}
