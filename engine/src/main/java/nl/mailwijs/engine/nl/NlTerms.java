package nl.mailwijs.engine.nl;

import java.util.List;

import nl.mailwijs.engine.decision.Language;
import nl.mailwijs.engine.decision.Localized;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.ConsentMethod;
import nl.mailwijs.engine.request.InteractionType;
import nl.mailwijs.engine.request.ObjectionRoute;
import nl.mailwijs.engine.request.Purpose;

/** The words the NL pack's sentences are built from, per language. */
final class NlTerms {

    private NlTerms() {
    }

    private record Term(String dutch, String english) implements Localized {
        @Override
        public String in(Language language) {
            return language == Language.EN ? english : dutch;
        }
    }

    static Localized channel(Channel channel) {
        return switch (channel) {
            case EMAIL -> new Term("e-mail", "e-mail");
            case SMS -> new Term("sms", "SMS");
            case WHATSAPP -> new Term("WhatsApp", "WhatsApp");
        };
    }

    static Localized purpose(Purpose purpose) {
        return switch (purpose) {
            case COMMERCIAL, SERVICE, PERSONAL_PROPOSAL -> new Term("commercieel", "commercial");
            case IDEOLOGICAL -> new Term("ideëel", "ideological");
            case CHARITABLE -> new Term("charitatief", "charitable");
        };
    }

    /** How an objection came in, with its preposition: "via de afmeldlink", "per brief". */
    static Localized route(ObjectionRoute route) {
        if (route == null) {
            return new Term("via een onbekende route", "by an unknown route");
        }
        return switch (route) {
            case UNSUBSCRIBE_LINK -> new Term("via de afmeldlink", "via the unsubscribe link");
            case EMAIL -> new Term("per e-mail", "by e-mail");
            case PHONE -> new Term("telefonisch", "by phone");
            case LETTER -> new Term("per brief", "by letter");
            case COMPLAINT -> new Term("met een klacht", "in a complaint");
            case PREFERENCE_CENTRE -> new Term("in het voorkeurencentrum", "in the preference centre");
        };
    }

    static Localized months(int months) {
        return months == 1 ? new Term("1 maand", "1 month") : new Term(months + " maanden", months + " months");
    }

    /** The topics an objection names, or all of them when it names none. */
    static Localized objectedTopics(List<String> topics) {
        return topics.isEmpty() ? new Term("alle onderwerpen", "any topic") : topics(topics);
    }

    static Localized categories(List<String> categories) {
        return categories.isEmpty() ? new Term("geen", "none") : topics(categories);
    }

    static Localized interaction(InteractionType type) {
        return switch (type) {
            case QUOTE -> new Term("een offerte", "a quote");
            case INFORMATION_REQUEST -> new Term("een informatieaanvraag", "an information request");
            case BROCHURE_REQUEST -> new Term("een brochureaanvraag", "a brochure request");
            case SHOWROOM_VISIT -> new Term("een showroombezoek", "a showroom visit");
            case EVENT -> new Term("een evenement", "an event");
            case OTHER -> new Term("ander contact", "other contact");
        };
    }

    static Localized topics(List<String> topics) {
        if (topics.isEmpty()) {
            return new Term("(geen onderwerp)", "(no topic)");
        }
        String joined = String.join(", ", topics);
        return new Term(joined, joined);
    }

    static Localized dateUnknown() {
        return new Term("een onbekende datum", "an unknown date");
    }

    /** Why a consent is not valid, as a phrase that completes "Toestemming c-1 is ongeldig: …". */
    static Localized consentDefect(ConsentDefect defect) {
        return switch (defect) {
            case NO_DATE -> new Term("het moment van toestemming ontbreekt", "the moment consent was given is missing");
            case NO_METHOD -> new Term("de manier van verkrijgen ontbreekt", "how it was collected is missing");
            case PRETICKED -> new Term("een vooraf aangevinkt vakje is geen toestemming", "a pre-ticked box is not consent");
            case TERMS_AND_CONDITIONS -> new Term("een bepaling in de algemene voorwaarden is geen toestemming",
                    "a clause in the general terms and conditions is not consent");
            case NOT_CONFIRMED -> new Term("de dubbele opt-in is nooit bevestigd", "the double opt-in was never confirmed");
            case THIRD_PARTY -> new Term("verkregen door een derde (gekochte of gehuurde lijst), niet door de afzender",
                    "collected by a third party (a bought or rented list), not by the sender");
            case OBTAINER_UNKNOWN -> new Term("niet vastgelegd wie de toestemming heeft verkregen",
                    "who collected the consent is not recorded");
            case NO_WORDING -> new Term("de tekst waarmee toestemming is gevraagd is niet bewaard",
                    "the wording consent was asked with has not been kept");
            case UNNAMED_PARTNERS -> new Term("de tekst breidt de toestemming uit naar niet-genoemde partners of derden",
                    "the wording extends the consent to unnamed partners or third parties");
        };
    }

    static String methodName(ConsentMethod method) {
        return method == null ? "?" : method.name();
    }
}
