package nl.mailwijs.engine.nl;

import nl.mailwijs.engine.decision.Language;
import nl.mailwijs.engine.decision.ReasonTemplate;

/** Every sentence the NL pack writes, in Dutch (the default) and English. */
enum NlText implements ReasonTemplate {

    NOT_REACHED_OUT_OF_SCOPE(
            "Niet beoordeeld: het bericht valt buiten art. 11.7 Tw.",
            "Not evaluated: the message is outside art. 11.7 Tw."),
    NOT_REACHED_STOPPED(
            "Niet beoordeeld: een eerdere regel houdt het bericht al tegen.",
            "Not evaluated: an earlier rule already stops the message."),

    SCOPE_SERVICE(
            "Dienstbericht zonder promotie: valt buiten art. 11.7 Tw, er is geen toestemming nodig.",
            "Service message without promotion: outside art. 11.7 Tw, no consent needed."),
    SCOPE_REGULATED(
            "Bericht met {0} doel via {1}: valt onder art. 11.7 Tw, er is een grondslag nodig.",
            "Message with a {0} purpose by {1}: covered by art. 11.7 Tw, a legal basis is needed."),

    MIXED_NOT_SERVICE(
            "Geen dienstbericht.",
            "Not a service message."),
    MIXED_PLAIN_SERVICE(
            "Het dienstbericht bevat geen promotie.",
            "The service message contains no promotion."),
    MIXED_PROMOTION(
            "Dienstbericht met promotie: telt als commercieel bericht.",
            "Service message with promotion: counts as a commercial message."),

    OBJECTION_NONE(
            "Er is geen bezwaar vastgelegd.",
            "No objection has been recorded."),
    OBJECTION_NOT_COVERING(
            "Het vastgelegde bezwaar geldt niet voor {0} over {1}.",
            "The recorded objection does not cover {0} about {1}."),
    OBJECTION_APPLIES(
            "Bezwaar gemaakt op {0} {1}: geen berichten met {2} doel meer via {3} over {4}.",
            "Objection made on {0} {1}: no more messages with a {2} purpose by {3} about {4}."),

    IDENTITY_PRESENT(
            "Naam van de afzender: '{0}'.",
            "Name of the sender: '{0}'."),
    IDENTITY_MISSING(
            "De werkelijke identiteit van de afzender (statutaire of handelsnaam) ontbreekt.",
            "The sender's real identity (legal or trade name) is missing."),

    CONSENT_HOLDS(
            "Toestemming {0} geldt voor {1} over {2}.",
            "Consent {0} covers {1} about {2}."),
    CONSENTS_HOLD(
            "Toestemmingen {0} gelden voor {1} over {2}.",
            "Consents {0} cover {1} about {2}."),
    CONSENT_NONE(
            "Geen toestemming: er is geen geldige toestemming voor {0} over {1}.",
            "No consent: there is no valid consent for {0} about {1}."),

    VALIDITY_NO_CONSENT(
            "Er is geen toestemming voor {0} over {1} om te beoordelen.",
            "There is no consent for {0} about {1} to assess."),
    VALIDITY_VALID(
            "Toestemming {0} voldoet: vastgelegd als {1}, door de afzender zelf verkregen, met de bewaarde tekst.",
            "Consent {0} qualifies: recorded as {1}, collected by the sender itself, with the wording kept."),
    VALIDITY_INVALID(
            "Toestemming {0} is ongeldig: {1}.",
            "Consent {0} is invalid: {1}."),

    WITHDRAWAL_NO_CONSENT(
            "Er is geen toestemming voor {0} over {1} die ingetrokken kan zijn.",
            "There is no consent for {0} about {1} that could have been withdrawn."),
    WITHDRAWAL_NONE(
            "Toestemming {0} is niet ingetrokken.",
            "Consent {0} has not been withdrawn."),
    WITHDRAWAL_NONE_PLURAL(
            "Toestemmingen {0} zijn niet ingetrokken.",
            "Consents {0} have not been withdrawn."),
    WITHDRAWAL_DONE(
            "Toestemming {0} is ingetrokken op {1}.",
            "Consent {0} was withdrawn on {1}."),

    SOFT_HOLDS(
            "Soft opt-in: aankoop {0} van {1}, bewezen, met bezwaarmogelijkheid bij het verzamelen; het bericht gaat over eigen gelijksoortige producten of diensten ({2}).",
            "Soft opt-in: purchase {0} of {1}, proven, with a chance to object at collection; the message is about the sender's own similar products or services ({2})."),
    SOFT_NO_PURCHASE(
            "Geen soft opt-in: er is geen aankoop.",
            "No soft opt-in: there is no purchase."),
    SOFT_INTERACTION_ONLY(
            "Geen soft opt-in: {0} is geen verkoop.",
            "No soft opt-in: {0} is not a sale."),
    SOFT_ADDRESS_NOT_FROM_SALE(
            "Geen soft opt-in: het adres is niet bij een verkoop van de afzender verkregen.",
            "No soft opt-in: the address was not collected by the sender in a sale."),
    SOFT_UNPROVEN(
            "Geen soft opt-in: aankoop {0} is niet bewezen (geen order, factuur, betaling of contract, of geen datum).",
            "No soft opt-in: purchase {0} is not proven (no order, invoice, payment or contract, or no date)."),
    SOFT_NO_OBJECTION_CHANCE(
            "Geen soft opt-in: bij aankoop {0} kreeg de klant geen kans om bezwaar te maken tegen het gebruik van het adres.",
            "No soft opt-in: at purchase {0} the customer was not given the chance to object to the use of the address."),
    SOFT_NOT_SIMILAR(
            "Geen soft opt-in: {1} is geen eigen gelijksoortig product of gelijksoortige dienst bij aankoop {0} (categorieën: {2}).",
            "No soft opt-in: {1} is not a product or service of the sender's own similar to purchase {0} (categories: {2})."),
    SOFT_NO_TOPIC(
            "Geen soft opt-in: een bericht zonder productonderwerp kan er niet op steunen (aankoop {0}).",
            "No soft opt-in: a message without a product topic cannot rely on it (purchase {0})."),
    SOFT_EXPIRED(
            "Geen soft opt-in: aankoop {0} van {1} is {2} of langer geleden (verlopen op {3}).",
            "No soft opt-in: purchase {0} of {1} was made {2} or more ago (lapsed on {3})."),

    TERM_NO_PURCHASE(
            "Geen aankoop waarvoor een termijn loopt.",
            "No purchase for which a term runs."),
    TERM_UNKNOWN_DATE(
            "De datum van aankoop {0} is onbekend: de termijn kan niet worden berekend.",
            "The date of purchase {0} is unknown: the term cannot be computed."),
    TERM_RUNNING(
            "Binnen de termijn van {0} na aankoop {1}: geldig tot {2}.",
            "Within the term of {0} after purchase {1}: valid until {2}."),
    TERM_NOT_CARRYING(
            "De termijn van {0} na aankoop {1} loopt tot {2}, maar die aankoop draagt geen soft opt-in (zie NL-TW-11.7-3).",
            "The term of {0} after purchase {1} runs until {2}, but that purchase carries no soft opt-in (see NL-TW-11.7-3)."),
    TERM_LAPSED(
            "De termijn van {0} na aankoop {1} is verstreken op {2}.",
            "The term of {0} after purchase {1} lapsed on {2}."),

    PERSONAL_NOT_PROPOSAL(
            "Geen persoonlijk zakelijk voorstel.",
            "Not a personal business proposal."),
    PERSONAL_HOLDS(
            "Persoonlijk één-op-één voorstel aan één bedrijf: geen massabericht.",
            "Personal one-to-one proposal to a single business: not a mailing."),
    PERSONAL_NOT_SINGLE_BUSINESS(
            "Een persoonlijk voorstel geldt alleen voor precies één bedrijf als ontvanger; dit bericht telt als commercieel.",
            "A personal proposal only counts when sent to exactly one business; this message counts as commercial."),

    OFFER_CONSUMER(
            "Een adres voor aanbiedingen geldt nooit voor consumenten.",
            "An address for offers never applies to consumers."),
    OFFER_HOLDS(
            "{0} is een adres dat het bedrijf voor aanbiedingen heeft gepubliceerd.",
            "{0} is an address the business published for receiving offers."),
    OFFER_NOT_PUBLISHED(
            "{0} is geen adres dat het bedrijf voor aanbiedingen heeft gepubliceerd (een algemeen of persoonlijk adres telt niet).",
            "{0} is not an address the business published for offers (a generic or personal address does not count)."),

    EEA_CONSUMER(
            "De uitzondering voor bedrijven buiten de EER geldt niet voor consumenten.",
            "The exemption for businesses outside the EEA does not apply to consumers."),
    EEA_INSIDE(
            "Het bedrijf is gevestigd in {0}, binnen de EER.",
            "The business is established in {0}, inside the EEA."),
    EEA_OUTSIDE(
            "Het bedrijf is gevestigd in {0}, buiten de EER: het bericht moet voldoen aan de regels van dat land.",
            "The business is established in {0}, outside the EEA: the message must meet that country's rules.");

    private final String dutch;
    private final String english;

    NlText(String dutch, String english) {
        this.dutch = dutch;
        this.english = english;
    }

    @Override
    public String pattern(Language language) {
        return language == Language.EN ? english : dutch;
    }
}
