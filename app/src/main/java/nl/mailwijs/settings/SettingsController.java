package nl.mailwijs.settings;

import java.security.Principal;
import java.util.List;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code /api/v1/settings}: the current sender settings, their history, and a new version. */
@RestController
class SettingsController {

    private final SettingsStore settings;

    SettingsController(SettingsStore settings) {
        this.settings = settings;
    }

    @GetMapping("/api/v1/settings")
    SenderSettings current() {
        return settings.current().orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "No sender settings yet: PUT /api/v1/settings with at least legalName and country."));
    }

    @GetMapping("/api/v1/settings/versions")
    List<SenderSettings> history() {
        return settings.history();
    }

    @GetMapping("/api/v1/settings/versions/{version}")
    SenderSettings version(@PathVariable long version) {
        return settings.version(version).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "There is no settings version " + version + "."));
    }

    /** A change is a new version; the earlier ones stay, as decisions refer to them. */
    @PutMapping("/api/v1/settings")
    ResponseEntity<SenderSettings> change(@Valid @RequestBody SettingsChange change, Principal who) {
        return ResponseEntity.ok(settings.change(change, who.getName()));
    }
}
