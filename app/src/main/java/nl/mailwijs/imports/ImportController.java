package nl.mailwijs.imports;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

import nl.mailwijs.audit.AuditFile;
import nl.mailwijs.audit.AuditInputException;
import nl.mailwijs.decisionjson.InvalidRequestException;

/**
 * {@code POST /api/v1/imports}: the audit's CSV exports as multipart/form-data parts named
 * contacts, purchases, consents, objections and interactions (any of them; evidence about
 * contacts imported before needs no contacts part). Answers the report with every rejected row.
 */
@RestController
class ImportController {

    private final Importer importer;

    ImportController(Importer importer) {
        this.importer = importer;
    }

    @PostMapping(path = "/api/v1/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ImportReport importFiles(MultipartHttpServletRequest request) throws IOException {
        List<ImportSource> sources = new ArrayList<>();
        for (Map.Entry<String, List<MultipartFile>> part : request.getMultiFileMap().entrySet()) {
            AuditFile kind = kindOf(part.getKey());
            if (part.getValue().size() > 1) {
                throw new InvalidRequestException(part.getKey(), "give one file per part; import more files one request after the other");
            }
            MultipartFile file = part.getValue().getFirst();
            String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()
                    ? kind.fileName() : file.getOriginalFilename();
            sources.add(new ImportSource(kind, name, file.getSize(), file.getInputStream()));
        }
        if (sources.isEmpty()) {
            throw new InvalidRequestException("contacts", "no file: send the exports as multipart/form-data parts named "
                    + "contacts, purchases, consents, objections or interactions");
        }
        List<ImportRejection> rejections = new ArrayList<>();
        try {
            ImportReport report = importer.importFiles(sources, rejections::add);
            return new ImportReport(report.files(), rejections);
        } catch (AuditInputException e) {
            throw new InvalidRequestException(fieldOf(e.getMessage(), sources), e.getMessage());
        }
    }

    private static AuditFile kindOf(String part) {
        for (AuditFile kind : AuditFile.values()) {
            if (kind.name().toLowerCase(Locale.ROOT).equals(part)) {
                return kind;
            }
        }
        throw new InvalidRequestException(part, "not a part of an import; the parts are contacts, purchases, consents, objections and interactions");
    }

    /** The part the message is about: it starts with that file's name. */
    private static String fieldOf(String message, List<ImportSource> sources) {
        return sources.stream().filter(source -> message.startsWith(source.name()))
                .map(source -> source.kind().name().toLowerCase(Locale.ROOT)).findFirst().orElse("files");
    }
}
