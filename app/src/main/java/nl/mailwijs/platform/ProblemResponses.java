package nl.mailwijs.platform;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import nl.mailwijs.decisionjson.InvalidRequestException;

/**
 * Maps what the modules throw to RFC 9457 problem documents: the field that is wrong and what
 * to do, never exception text from inside.
 */
@RestControllerAdvice
class ProblemResponses {

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalidRequest(InvalidRequestException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid request");
        problem.setType(URI.create("https://mailwijs.nl/problems/invalid-request"));
        problem.setProperty("field", e.field());
        problem.setProperty("problem", e.problem());
        return problem;
    }

    @ExceptionHandler(BodyTooLargeException.class)
    ProblemDetail tooLarge(BodyTooLargeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
        problem.setTitle("Request too large");
        return problem;
    }
}
