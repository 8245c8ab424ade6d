package nl.mailwijs.web;

import java.security.Principal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.evidence.ChainReport;
import nl.mailwijs.evidence.Ledger;

/**
 * What a business needs when the regulator (ACM, AP) or a person asks: whether the evidence
 * ledger is still as it was written, and a dossier of everything Mailwijs holds and did for one
 * e-mail address, on the page and as one JSON file. Only reads: every role may look.
 */
@Controller
@ConditionalOnWebApplication
class CompliancePages {

    /** Broken records listed at most: a ledger altered wholesale needs a person, not a longer list. */
    static final int BROKEN_SHOWN = 100;

    private final Ledger ledger;
    private final Dossiers dossiers;

    CompliancePages(Ledger ledger, Dossiers dossiers) {
        this.ledger = ledger;
        this.dossiers = dossiers;
    }

    @GetMapping("/compliance")
    String index() {
        return "compliance/index";
    }

    /** Walks the whole hash chain now; a GET, as it changes nothing, so a viewer may run it too. */
    @GetMapping("/compliance/ledger")
    String ledger(Model model) {
        ChainReport report = ledger.verifyEach(BROKEN_SHOWN);
        model.addAttribute("report", report);
        model.addAttribute("broken", report.broken().stream()
                .map(broken -> new BrokenRecord(broken.recordId(), explanation(broken.problem()),
                        PageText.of(broken.problem(), broken.arguments()))).toList());
        model.addAttribute("shownAtMost", BROKEN_SHOWN);
        return "compliance/ledger";
    }

    /**
     * A broken record as the page shows it: what is wrong, and as the technical detail what does
     * not match (hashes and all), both in the person's language.
     */
    public record BrokenRecord(long recordId, String explanationKey, PageText detail) {
    }

    /** The message key for what is wrong, in a sentence for the person who runs the business. */
    static String explanation(ChainReport.Problem problem) {
        return switch (problem) {
            case MISSING, MISSING_AT_END -> "compliance.ledger.reason.missing";
            case LINK_CHANGED -> "compliance.ledger.reason.link";
            case CONTENT_CHANGED -> "compliance.ledger.reason.content";
            case FIELDS_CHANGED -> "compliance.ledger.reason.fields";
            case BLANKED -> "compliance.ledger.reason.blanked";
            case HEAD_CHANGED -> "compliance.ledger.reason.head";
        };
    }

    @GetMapping("/compliance/dossier")
    String dossier(@RequestParam(required = false) String address, Principal who, Model model) {
        model.addAttribute("address", address == null ? "" : address.strip());
        if (address == null || address.isBlank()) {
            return "compliance/index";
        }
        Dossiers.Dossier dossier;
        try {
            dossier = dossiers.of(address, who.getName());
        } catch (InvalidRequestException e) {
            model.addAttribute("addressError", "compliance.dossier.error.address");
            return "compliance/index";
        } catch (IllegalStateException e) {
            // A ledger record that no longer reads was altered outside Mailwijs: say so, and where to look.
            model.addAttribute("ledgerError", true);
            return "compliance/index";
        }
        model.addAttribute("dossier", dossier);
        model.addAttribute("evidence", EvidenceView.allOf(dossier.evidence()));
        return "compliance/dossier";
    }

    @GetMapping("/compliance/dossier.json")
    ResponseEntity<byte[]> download(@RequestParam String address, Principal who) {
        Dossiers.Dossier dossier = dossiers.of(address, who.getName());
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(Dossiers.fileName(dossier)).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(dossiers.toJson(dossier));
    }
}
