package nl.mailwijs.audit;

import nl.mailwijs.engine.decision.Basis;
import nl.mailwijs.engine.decision.Denial;
import nl.mailwijs.engine.decision.Language;
import nl.mailwijs.engine.request.Channel;

/**
 * The words of the terminal summary and of the report's own rows, in Dutch and English. The
 * switches have no default, so a new basis or denial in the engine does not compile until it
 * has its label here.
 */
final class Labels {

    private Labels() {
    }

    static String basis(Basis basis, Language language) {
        boolean nl = language == Language.NL;
        return switch (basis) {
            case CONSENT -> nl ? "Toestemming" : "Consent";
            case SOFT_OPT_IN -> nl ? "Bestaande klant (soft opt-in)" : "Existing customer (soft opt-in)";
            case NOT_REGULATED -> nl ? "Dienstbericht, geen toestemming nodig" : "Service message, no consent needed";
            case PERSONAL_PROPOSAL -> nl ? "Persoonlijk voorstel aan één bedrijf" : "Personal proposal to one business";
            case OFFER_ADDRESS -> nl ? "Adres gepubliceerd voor aanbiedingen" : "Address published for offers";
            case OUTSIDE_EEA_BUSINESS -> nl ? "Bedrijf buiten de EER" : "Business outside the EEA";
        };
    }

    static String denial(Denial denial, Language language) {
        boolean nl = language == Language.NL;
        return switch (denial) {
            case OBJECTED -> nl ? "Bezwaar gemaakt (afgemeld)" : "Objected (unsubscribed)";
            case NO_CONSENT -> nl ? "Geen toestemming" : "No consent";
            case CONSENT_INVALID -> nl ? "Toestemming ongeldig" : "Consent invalid";
            case CONSENT_WITHDRAWN -> nl ? "Toestemming ingetrokken" : "Consent withdrawn";
            case SOFT_OPT_IN_NOT_SIMILAR -> nl ? "Soft opt-in: geen soortgelijk product" : "Soft opt-in: not a similar product";
            case SOFT_OPT_IN_EXPIRED -> nl ? "Soft opt-in: termijn verlopen" : "Soft opt-in: term expired";
            case SOFT_OPT_IN_NO_OBJECTION_CHANCE -> nl ? "Soft opt-in: geen kans op bezwaar geboden" : "Soft opt-in: no chance to object given";
            case SOFT_OPT_IN_UNPROVEN -> nl ? "Soft opt-in: verkoop niet bewezen" : "Soft opt-in: sale not proven";
            case SENDER_IDENTITY_MISSING -> nl ? "Naam van de afzender ontbreekt" : "Sender's name missing";
        };
    }

    /** The report's reason for a contact without an address on the audited channel. */
    static String noAddressReason(Channel channel, String column, Language language) {
        return language == Language.NL
                ? "Geen " + addressNoun(channel, language) + " in de kolom " + column + ": dit contact is via " + channel(channel)
                        + " niet te bereiken."
                : "No " + addressNoun(channel, language) + " in the column " + column + ": this contact cannot be reached by "
                        + channel(channel) + ".";
    }

    /** The channel as a word in running text; the same in both languages. */
    static String channel(Channel channel) {
        return switch (channel) {
            case EMAIL -> "e-mail";
            case SMS -> "sms";
            case WHATSAPP -> "WhatsApp";
        };
    }

    private static String addressNoun(Channel channel, Language language) {
        boolean nl = language == Language.NL;
        return channel == Channel.EMAIL ? (nl ? "e-mailadres" : "e-mail address") : (nl ? "telefoonnummer" : "phone number");
    }
}
