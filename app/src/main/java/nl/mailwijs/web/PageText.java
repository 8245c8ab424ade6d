package nl.mailwijs.web;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

import nl.mailwijs.audit.AuditInputException;
import nl.mailwijs.campaigns.CampaignStateException;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.decisionjson.ProblemCode;

/**
 * A text a service gave as a code, for a page: the message key and its arguments, which a
 * template shows with {@code ${#messages.msgWithParams(text.key, text.arguments)}}. The English
 * sentence the service wrote beside the code stays in the API and the logs; no page shows it.
 *
 * <p>An argument that is an enum constant is shown by its own text, under the key the pages use
 * for it ({@code campaignState.SENT} for {@code CampaignState.SENT}), and one that is a page text
 * is shown as that text: a state in a sentence, or a problem in a line that says where it is,
 * is in the person's language too. Serializable, as a flash attribute waits in the session.
 */
public record PageText(String key, Object[] arguments) implements Serializable {

    public PageText {
        arguments = arguments.clone();
        for (int i = 0; i < arguments.length; i++) {
            arguments[i] = switch (arguments[i]) {
                case Enum<?> constant -> resolvable(enumKey(constant), new Object[0], constant.name());
                case PageText text -> resolvable(text.key(), text.arguments(), text.key());
                case null, default -> arguments[i];
            };
        }
    }

    static PageText of(ProblemCode code, List<Object> arguments) {
        return new PageText(code.key(), arguments.toArray());
    }

    static PageText of(String key, Object... arguments) {
        return new PageText(key, arguments);
    }

    /** What a service's refusal says, as its code tells it; an exception without one is said to be unexpected. */
    static PageText problemOf(RuntimeException e) {
        return switch (e) {
            case InvalidRequestException invalid -> of(invalid.code(), invalid.arguments());
            case CampaignStateException state -> of(state.code(), state.arguments());
            case AuditInputException input -> of(input.code(), input.arguments());
            default -> of("problem.unexpected");
        };
    }

    /** The key of a constant's text: the enum's name with a small first letter, a dot, the constant. */
    static String enumKey(Enum<?> constant) {
        String type = constant.getDeclaringClass().getSimpleName();
        return type.substring(0, 1).toLowerCase(Locale.ROOT) + type.substring(1) + "." + constant.name();
    }

    /** Resolved by the message source while it fills in the text around it; shows the fallback if the key were missing. */
    private static MessageSourceResolvable resolvable(String key, Object[] arguments, String fallback) {
        return new DefaultMessageSourceResolvable(new String[] {key}, arguments, fallback);
    }
}
