package nl.mailwijs.campaigns;

import nl.mailwijs.decisionjson.ProblemCode;

/**
 * What the campaigns module refuses, for the pages (see {@link ProblemCode}): a campaign in the
 * wrong state ({@link CampaignStateException}), bad input ({@code InvalidRequestException}), or
 * why a schedule was dropped ({@link Campaign#scheduleVoidedCode()}). The arguments each takes
 * are in its comment.
 */
public enum CampaignProblem implements ProblemCode {
    /** (the campaign's state) */
    NOT_A_DRAFT,
    /** (): it must be taken off the schedule first. */
    SCHEDULED,
    /** (): it left the draft state while being changed. */
    LEFT_DRAFT,
    /** (): this version has no pre-flight. */
    NO_PREFLIGHT,
    /** (): the pre-flight's content check failed. */
    CONTENT_FAILED,
    /** (the campaign's state) */
    NOT_SCHEDULED,
    /** (the campaign's state): only a sending campaign can be paused. */
    NOT_SENDING,
    /** (the campaign's state): only a paused campaign can be resumed. */
    NOT_PAUSED,
    /** (the campaign's state): only a sending or paused campaign can be cancelled. */
    NOT_SENDING_OR_PAUSED,
    SEND_AT_REQUIRED,
    SEND_AT_PAST,
    SEND_AT_TOO_FAR,
    /** (the id) */
    NO_SUCH_SEGMENT,
    /** (the id) */
    NO_SUCH_LAYOUT,
    /** (the id) */
    NO_SUCH_TEMPLATE,
    BODY_REQUIRED,
    /** (the template's id): body, format and text come from the template. */
    BODY_FROM_TEMPLATE,
    /** (): a pre-flight needs the sender settings. */
    NO_SETTINGS,
    /** (): a voided schedule was made for an earlier version. */
    VERSION_CHANGED;

    @Override
    public String key() {
        return "problem.campaign." + name();
    }
}
