package nl.mailwijs.campaigns;

import java.util.List;

import nl.mailwijs.decisionjson.ProblemCode;

/**
 * What was asked cannot be done in the campaign's current state (answered with 409 and the
 * reason, in English); {@link #code()} and {@link #arguments()} say the same for the pages.
 */
public class CampaignStateException extends RuntimeException {

    private final CampaignProblem code;
    private final List<Object> arguments;

    public CampaignStateException(CampaignProblem code, String message, Object... arguments) {
        super(message);
        this.code = code;
        this.arguments = ProblemCode.arguments(arguments);
    }

    public CampaignProblem code() {
        return code;
    }

    public List<Object> arguments() {
        return arguments;
    }
}
