package nl.mailwijs.signup.internal;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import nl.mailwijs.signup.UnknownSignupException;
import nl.mailwijs.signup.VersionInUseException;

/** The sign-up module's own errors as problem documents. */
@RestControllerAdvice(basePackageClasses = SignupProblems.class)
class SignupProblems {

    @ExceptionHandler(UnknownSignupException.class)
    ProblemDetail unknown(UnknownSignupException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Not found");
        return problem;
    }

    @ExceptionHandler(VersionInUseException.class)
    ProblemDetail inUse(VersionInUseException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Version in use");
        return problem;
    }
}
