package nl.mailwijs.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

import nl.mailwijs.audit.AuditFile;
import nl.mailwijs.audit.AuditInputException;
import nl.mailwijs.imports.ImportRejection;
import nl.mailwijs.imports.ImportReport;
import nl.mailwijs.imports.ImportSource;
import nl.mailwijs.imports.Importer;

/**
 * Upload the CSV exports (contacts, purchases, consents, objections, interactions; any of them)
 * and see per file what was added, what was there already, and every row that was refused,
 * with its line, column and reason.
 */
@Controller
@ConditionalOnWebApplication
class ImportPages {

    /** Refused rows shown on the page; the counts cover all of them. */
    static final int REJECTIONS_SHOWN = 500;

    private final Importer importer;

    ImportPages(Importer importer) {
        this.importer = importer;
    }

    @GetMapping("/imports")
    String form(Model model) {
        model.addAttribute("kinds", kinds());
        return "imports";
    }

    @PostMapping("/imports")
    String upload(MultipartHttpServletRequest request, Model model) throws IOException {
        model.addAttribute("kinds", kinds());
        List<ImportSource> sources = new ArrayList<>();
        for (AuditFile kind : AuditFile.values()) {
            MultipartFile file = request.getFile(kind.name().toLowerCase(Locale.ROOT));
            if (file != null && !file.isEmpty()) {
                String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank() ? kind.fileName()
                        : file.getOriginalFilename();
                sources.add(new ImportSource(kind, name, file.getSize(), file.getInputStream()));
            }
        }
        if (sources.isEmpty()) {
            model.addAttribute("importError", "import.error.noFile");
            return "imports";
        }
        List<ImportRejection> rejections = new ArrayList<>();
        try {
            ImportReport report = importer.importFiles(sources, rejection -> {
                if (rejections.size() < REJECTIONS_SHOWN) {
                    rejections.add(rejection);
                }
            });
            model.addAttribute("report", report);
            model.addAttribute("rejections", rejections);
            model.addAttribute("rejectionsCut", report.rejected() > rejections.size());
        } catch (AuditInputException e) {
            model.addAttribute("importError", "import.error.file");
            model.addAttribute("importDetail", e.getMessage());
        }
        return "imports";
    }

    /** One file the form asks for: its part name, the columns read and those required. */
    public record Kind(String name, String columns, String required) {
    }

    private static List<Kind> kinds() {
        return java.util.Arrays.stream(AuditFile.values()).map(kind -> new Kind(kind.name().toLowerCase(Locale.ROOT),
                String.join(", ", kind.columns()), String.join(", ", kind.requiredColumns()))).toList();
    }
}
