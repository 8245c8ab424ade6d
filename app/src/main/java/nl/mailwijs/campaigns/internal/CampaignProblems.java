package nl.mailwijs.campaigns.internal;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import nl.mailwijs.campaigns.CampaignStateException;
import nl.mailwijs.campaigns.TemplateInUseException;
import nl.mailwijs.campaigns.UnknownCampaignException;
import nl.mailwijs.content.ContentException;
import nl.mailwijs.content.ContentValidationException;

/**
 * The campaign module's errors as problem documents, for the controllers of this package
 * (campaigns, segments, templates and layouts); bad input in general is answered by the
 * platform's handler, naming the field.
 */
@RestControllerAdvice(basePackageClasses = CampaignProblems.class)
class CampaignProblems {

    @ExceptionHandler(UnknownCampaignException.class)
    ProblemDetail unknown(UnknownCampaignException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Not found");
        return problem;
    }

    @ExceptionHandler(CampaignStateException.class)
    ProblemDetail state(CampaignStateException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Not possible in the campaign's state");
        return problem;
    }

    @ExceptionHandler(TemplateInUseException.class)
    ProblemDetail inUse(TemplateInUseException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("In use");
        problem.setProperty("campaignIds", e.campaignIds());
        return problem;
    }

    /** Every problem with its part (the field: subject, body, textBody, …), line and column; the first part as {@code field}. */
    @ExceptionHandler(ContentValidationException.class)
    ProblemDetail content(ContentValidationException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("The content cannot be sent");
        if (!e.problems().isEmpty()) {
            problem.setProperty("field", e.problems().getFirst().part());
        }
        problem.setProperty("problems", e.problems().stream()
                .map(p -> Map.of("part", p.part(), "line", p.line(), "column", p.column(), "message", p.message())).toList());
        return problem;
    }

    @ExceptionHandler(ContentException.class)
    ProblemDetail contentOther(ContentException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("The content cannot be sent");
        return problem;
    }
}
