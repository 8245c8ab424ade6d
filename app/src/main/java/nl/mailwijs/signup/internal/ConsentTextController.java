package nl.mailwijs.signup.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

import nl.mailwijs.apijson.JsonObjectFields;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.platform.RequestBodies;
import nl.mailwijs.signup.ConsentText;
import nl.mailwijs.signup.ConsentTextDraft;
import nl.mailwijs.signup.ConsentTextVersion;
import nl.mailwijs.signup.ConsentTexts;

/**
 * Consent texts over REST: create (with version 1), list, get, add a version, and change a
 * version while no form shows it (409 after). Body of a version:
 * {@code {"wording": "...", "language": "nl", "topics": [{"topic": "photo-prints", "label": "..."}], "channels": ["EMAIL"]}}.
 */
@RestController
class ConsentTextController {

    static final int MAX_BODY_BYTES = 256 * 1024;
    private static final Set<String> VERSION_FIELDS = Set.of("wording", "language", "topics", "channels");
    private static final Set<String> TEXT_FIELDS = Set.of("name", "wording", "language", "topics", "channels");
    private static final Set<String> TOPIC_FIELDS = Set.of("topic", "label");

    private final ConsentTexts texts;

    ConsentTextController(ConsentTexts texts) {
        this.texts = texts;
    }

    record ConsentTextList(List<ConsentText> consentTexts) {
    }

    @PostMapping("/api/v1/consent-texts")
    ResponseEntity<ConsentText> create(InputStream body) throws IOException {
        JsonObjectFields json = JsonObjectFields.parse(RequestBodies.read(body, MAX_BODY_BYTES));
        json.allowOnly(TEXT_FIELDS);
        ConsentText created = texts.create(json.optionalString("name"), draft(json));
        return ResponseEntity.created(URI.create("/api/v1/consent-texts/" + created.id())).body(created);
    }

    @GetMapping("/api/v1/consent-texts")
    ConsentTextList list() {
        return new ConsentTextList(texts.list());
    }

    @GetMapping("/api/v1/consent-texts/{id}")
    ConsentText text(@PathVariable long id) {
        return texts.require(id);
    }

    @PostMapping("/api/v1/consent-texts/{id}/versions")
    ResponseEntity<ConsentTextVersion> addVersion(@PathVariable long id, InputStream body) throws IOException {
        JsonObjectFields json = JsonObjectFields.parse(RequestBodies.read(body, MAX_BODY_BYTES));
        json.allowOnly(VERSION_FIELDS);
        ConsentTextVersion version = texts.addVersion(id, draft(json));
        return ResponseEntity.created(URI.create("/api/v1/consent-texts/" + id + "/versions/" + version.version())).body(version);
    }

    @GetMapping("/api/v1/consent-texts/{id}/versions/{version}")
    ConsentTextVersion version(@PathVariable long id, @PathVariable int version) {
        return texts.version(id, version);
    }

    @PutMapping("/api/v1/consent-texts/{id}/versions/{version}")
    ConsentTextVersion updateVersion(@PathVariable long id, @PathVariable int version, InputStream body) throws IOException {
        JsonObjectFields json = JsonObjectFields.parse(RequestBodies.read(body, MAX_BODY_BYTES));
        json.allowOnly(VERSION_FIELDS);
        return texts.updateVersion(id, version, draft(json));
    }

    private static ConsentTextDraft draft(JsonObjectFields json) {
        List<ConsentTextVersion.Topic> topics = new ArrayList<>();
        for (JsonObjectFields topic : json.objects("topics")) {
            topic.allowOnly(TOPIC_FIELDS);
            topics.add(new ConsentTextVersion.Topic(topic.optionalString("topic"), topic.optionalString("label")));
        }
        List<String> names = json.strings("channels");
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        for (int i = 0; i < names.size(); i++) {
            channels.add(JsonObjectFields.enumValue("channels[" + i + "]", names.get(i), Channel.class));
        }
        String language = json.optionalString("language");
        if (language == null) {
            throw new InvalidRequestException("language", "required field is missing: the language of the wording, e.g. nl or en");
        }
        return new ConsentTextDraft(json.optionalString("wording"), language, topics, channels);
    }
}
