package nl.mailwijs.engine.decision;

/** What an allowed regulated message must carry, each with the catalogue id that demands it. */
public enum Obligation {
    SENDER_IDENTITY("NL-TW-11.7-4a"),
    OBJECTION_LINK("NL-TW-11.7-4b"),
    LIST_UNSUBSCRIBE_ONE_CLICK("RFC-8058"),
    DKIM("RFC-6376"),
    SAFE_HEADERS("RFC-5322"),
    SMS_STOP("SMS-STOP"),
    DESTINATION_COUNTRY_RULES("NL-TW-11.7-2b");

    private final String rule;

    Obligation(String rule) {
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
