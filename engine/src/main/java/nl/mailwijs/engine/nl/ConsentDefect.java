package nl.mailwijs.engine.nl;

/** Why a recorded consent is not valid consent (NL-AVG-7), in the order they are reported. */
enum ConsentDefect {
    NO_DATE, NO_METHOD, PRETICKED, TERMS_AND_CONDITIONS, NOT_CONFIRMED, THIRD_PARTY, OBTAINER_UNKNOWN, NO_WORDING, UNNAMED_PARTNERS
}
