package nl.mailwijs.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpSession;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.server.ResponseStatusException;

import nl.mailwijs.audit.AuditFile;
import nl.mailwijs.audit.AuditInputException;

/**
 * Importing the CSV exports in three steps. Upload any of them (contacts, purchases, consents,
 * objections, interactions); then per file say which column is which, each pre-filled with what
 * the import recognises in the header (Dutch names included), or leave a column out; then the
 * import runs in the background while a bar shows the rows read, and ends with per file what
 * was added, what was there already, and every refused row with its line, column and reason.
 *
 * <p>The uploaded files wait on the server ({@link ImportUploads}) under a random id that this
 * session alone holds; the mapping form names that id, never a path.
 */
@Controller
@ConditionalOnWebApplication
class ImportPages {

    /** Refused rows shown on the page; the counts cover all of them. */
    static final int REJECTIONS_SHOWN = 500;
    /** The choice that leaves a column out of the import. */
    static final String IGNORE = "";
    private static final String UPLOADS = "mailwijs.importUploads";
    private static final String JOBS = "mailwijs.importJobs";

    private final ImportUploads uploads;
    private final ImportJobs jobs;

    ImportPages(ImportUploads uploads, ImportJobs jobs) {
        this.uploads = uploads;
        this.jobs = jobs;
    }

    @GetMapping("/imports")
    String form(Model model) {
        model.addAttribute("kinds", kinds());
        return "imports";
    }

    @PostMapping("/imports")
    String upload(MultipartHttpServletRequest request, HttpSession session, Model model) throws IOException {
        model.addAttribute("kinds", kinds());
        List<ImportUploads.Posted> posted = new ArrayList<>();
        for (AuditFile kind : AuditFile.values()) {
            MultipartFile file = request.getFile(kind.name().toLowerCase(Locale.ROOT));
            if (file != null && !file.isEmpty()) {
                String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank() ? kind.fileName()
                        : file.getOriginalFilename();
                posted.add(new ImportUploads.Posted(kind, name, file));
            }
        }
        if (posted.isEmpty()) {
            model.addAttribute("importError", "import.error.noFile");
            return "imports";
        }
        ImportUploads.Upload upload;
        try {
            upload = uploads.store(posted);
        } catch (AuditInputException e) {
            model.addAttribute("importError", "import.error.file");
            model.addAttribute("importDetail", PageText.problemOf(e));
            return "imports";
        }
        ids(session, UPLOADS).add(upload.id());
        Map<AuditFile, List<String>> recognised = new LinkedHashMap<>();
        for (ImportUploads.StoredFile file : upload.files()) {
            recognised.put(file.kind(), file.header().names().stream().map(name -> {
                String column = file.kind().recognise(name);
                return column == null ? IGNORE : column;
            }).toList());
        }
        return mapping(model, upload, recognised, Map.of());
    }

    /** Runs the import of an upload of this session with the columns as chosen. */
    @PostMapping("/imports/run")
    String run(@RequestParam(name = "upload", required = false) String uploadId, @RequestParam MultiValueMap<String, String> form,
               HttpSession session, Model model) {
        model.addAttribute("kinds", kinds());
        ImportUploads.Upload upload = ids(session, UPLOADS).contains(uploadId) ? uploads.find(uploadId).orElse(null) : null;
        if (upload == null) {
            model.addAttribute("importError", "import.error.uploadGone");
            return "imports";
        }
        Map<AuditFile, List<String>> chosen = new LinkedHashMap<>();
        Map<AuditFile, MappingError> errors = new LinkedHashMap<>();
        List<ImportJobs.MappedFile> mapped = new ArrayList<>();
        for (ImportUploads.StoredFile file : upload.files()) {
            List<String> columns = new ArrayList<>();
            for (int i = 0; i < file.header().names().size(); i++) {
                String value = form.getFirst(field(file.kind(), i));
                columns.add(value != null && file.kind().columns().contains(value) ? value : IGNORE);
            }
            chosen.put(file.kind(), columns);
            MappingError error = check(file.kind(), columns);
            if (error != null) {
                errors.put(file.kind(), error);
            }
            mapped.add(new ImportJobs.MappedFile(file, List.copyOf(columns)));
        }
        if (!errors.isEmpty()) {
            return mapping(model, upload, chosen, errors);
        }
        ids(session, UPLOADS).remove(upload.id());
        ImportJobs.Job job = jobs.start(upload, mapped);
        ids(session, JOBS).add(job.getId());
        return "redirect:/imports/jobs/" + job.getId();
    }

    @GetMapping("/imports/jobs/{id}")
    String job(@PathVariable String id, HttpSession session, Model model) {
        model.addAttribute("kinds", kinds());
        model.addAttribute("job", require(id, session));
        return "imports";
    }

    /** The progress block alone: htmx asks for it every second while the import runs. */
    @GetMapping("/imports/jobs/{id}/progress")
    String progress(@PathVariable String id, @RequestHeader(name = "HX-Request", required = false) String htmx, HttpSession session,
                    Model model) {
        ImportJobs.Job job = require(id, session);
        if (htmx == null) {
            return "redirect:/imports/jobs/" + id;
        }
        model.addAttribute("job", job);
        return "imports :: progress";
    }

    /** What is wrong with the columns chosen for one file, for the message beside it. */
    public record MappingError(String key, String column) {
    }

    /** One column of an uploaded file: the name of its select, its header as written, and the field chosen for it ("" to leave it out). */
    public record Column(String field, String header, String chosen) {
    }

    /** One uploaded file in the mapping step. */
    public record FileMapping(String kind, String name, List<Column> columns, List<String> fields, String required, MappingError error) {
    }

    private String mapping(Model model, ImportUploads.Upload upload, Map<AuditFile, List<String>> chosen, Map<AuditFile, MappingError> errors) {
        List<FileMapping> files = new ArrayList<>();
        for (ImportUploads.StoredFile file : upload.files()) {
            List<String> names = file.header().names();
            List<Column> columns = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                columns.add(new Column(field(file.kind(), i), names.get(i).strip(), chosen.get(file.kind()).get(i)));
            }
            files.add(new FileMapping(file.kind().name().toLowerCase(Locale.ROOT), file.name(), columns, file.kind().columns(),
                    String.join(", ", file.kind().requiredColumns()), errors.get(file.kind())));
        }
        model.addAttribute("upload", upload.id());
        model.addAttribute("mapping", files);
        model.addAttribute("mappingFailed", !errors.isEmpty());
        return "imports";
    }

    /** Two columns for one field, or a required field for none, would stop the whole import: said here instead. */
    static MappingError check(AuditFile kind, List<String> columns) {
        Set<String> seen = new HashSet<>();
        for (String column : columns) {
            if (!column.isEmpty() && !seen.add(column)) {
                return new MappingError("import.mapping.twice", column);
            }
        }
        for (String required : kind.requiredColumns()) {
            if (!seen.contains(required)) {
                return new MappingError("import.mapping.required.missing", required);
            }
        }
        return null;
    }

    private static String field(AuditFile kind, int index) {
        return "map-" + kind.name().toLowerCase(Locale.ROOT) + "-" + index;
    }

    private ImportJobs.Job require(String id, HttpSession session) {
        if (!ids(session, JOBS).contains(id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return jobs.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    @SuppressWarnings("unchecked")
    private static Set<String> ids(HttpSession session, String attribute) {
        synchronized (session) {
            Set<String> ids = (Set<String>) session.getAttribute(attribute);
            if (ids == null) {
                ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
                session.setAttribute(attribute, ids);
            }
            return ids;
        }
    }

    /** One file the form asks for: its part name, the columns read and those required. */
    public record Kind(String name, String columns, String required) {
    }

    private static List<Kind> kinds() {
        return Arrays.stream(AuditFile.values()).map(kind -> new Kind(kind.name().toLowerCase(Locale.ROOT),
                String.join(", ", kind.columns()), String.join(", ", kind.requiredColumns()))).toList();
    }
}
