package nl.mailwijs.campaigns.internal;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import nl.mailwijs.campaigns.LayoutDraft;
import nl.mailwijs.campaigns.SavedLayout;
import nl.mailwijs.campaigns.SavedTemplate;
import nl.mailwijs.campaigns.TemplateDraft;
import nl.mailwijs.campaigns.TemplateLibrary;

/**
 * Stored templates (a reusable body) and layouts (a reusable HTML shell) over REST. A campaign
 * names them with {@code templateId} and {@code layoutId} and copies them when it is saved, so
 * changing one here changes no campaign until that campaign is saved again. Deleting one that a
 * draft or scheduled campaign uses is refused with 409 and the ids of those campaigns.
 */
@RestController
class TemplateController {

    private final TemplateLibrary library;

    TemplateController(TemplateLibrary library) {
        this.library = library;
    }

    @PostMapping("/api/v1/templates")
    ResponseEntity<SavedTemplate> createTemplate(@Valid @RequestBody TemplateDraft draft) {
        SavedTemplate template = library.createTemplate(draft);
        return ResponseEntity.created(URI.create("/api/v1/templates/" + template.id())).body(template);
    }

    @GetMapping("/api/v1/templates")
    List<SavedTemplate> listTemplates() {
        return library.templates();
    }

    @GetMapping("/api/v1/templates/{id}")
    SavedTemplate getTemplate(@PathVariable long id) {
        return library.requireTemplate(id);
    }

    /** A new version of the template; campaigns keep the version they copied until they are saved again. */
    @PutMapping("/api/v1/templates/{id}")
    SavedTemplate updateTemplate(@PathVariable long id, @Valid @RequestBody TemplateDraft draft) {
        return library.updateTemplate(id, draft);
    }

    @DeleteMapping("/api/v1/templates/{id}")
    ResponseEntity<Void> deleteTemplate(@PathVariable long id) {
        library.deleteTemplate(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/layouts")
    ResponseEntity<SavedLayout> createLayout(@Valid @RequestBody LayoutDraft draft) {
        SavedLayout layout = library.createLayout(draft);
        return ResponseEntity.created(URI.create("/api/v1/layouts/" + layout.id())).body(layout);
    }

    @GetMapping("/api/v1/layouts")
    List<SavedLayout> listLayouts() {
        return library.layouts();
    }

    @GetMapping("/api/v1/layouts/{id}")
    SavedLayout getLayout(@PathVariable long id) {
        return library.requireLayout(id);
    }

    @PutMapping("/api/v1/layouts/{id}")
    SavedLayout updateLayout(@PathVariable long id, @Valid @RequestBody LayoutDraft draft) {
        return library.updateLayout(id, draft);
    }

    @DeleteMapping("/api/v1/layouts/{id}")
    ResponseEntity<Void> deleteLayout(@PathVariable long id) {
        library.deleteLayout(id);
        return ResponseEntity.noContent().build();
    }
}
