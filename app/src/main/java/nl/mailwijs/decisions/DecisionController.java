package nl.mailwijs.decisions;

import java.io.IOException;
import java.io.InputStream;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import nl.mailwijs.decisionjson.DecisionJson;
import nl.mailwijs.decisionjson.DecisionRequestJson;
import nl.mailwijs.engine.DecisionEngine;
import nl.mailwijs.engine.decision.Language;
import nl.mailwijs.platform.RequestBodies;

/** {@code POST /api/v1/decisions}: the same decision as {@code bin/mailwijs decide}, in the same JSON. */
@RestController
class DecisionController {

    /** A request with a long evidence history is a few hundred KiB at most. */
    static final int MAX_REQUEST_BYTES = 1 << 20;

    private final DecisionEngine engine = new DecisionEngine();

    @PostMapping(path = "/api/v1/decisions", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> decide(InputStream body, @RequestHeader(name = "Accept-Language", required = false) String acceptLanguage)
            throws IOException {
        byte[] json = RequestBodies.read(body, MAX_REQUEST_BYTES);
        Language language = language(acceptLanguage);
        String decision = DecisionJson.write(engine.decide(DecisionRequestJson.read(json)), language, false);
        return ResponseEntity.ok().header("Content-Language", language.name().toLowerCase()).body(decision);
    }

    /** The first of the listed languages we speak; Dutch when none is. */
    static Language language(String acceptLanguage) {
        if (acceptLanguage == null) {
            return Language.DEFAULT;
        }
        for (String range : acceptLanguage.split(",")) {
            var language = Language.fromTag(range.split(";", 2)[0]);
            if (language.isPresent()) {
                return language.get();
            }
        }
        return Language.DEFAULT;
    }
}
