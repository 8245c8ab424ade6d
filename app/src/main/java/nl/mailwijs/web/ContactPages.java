package nl.mailwijs.web;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import nl.mailwijs.contacts.Contact;
import nl.mailwijs.contacts.ContactPage;
import nl.mailwijs.contacts.ContactQuery;
import nl.mailwijs.contacts.Contacts;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.decisions.ContactDecisions;
import nl.mailwijs.engine.decision.Decision;
import nl.mailwijs.engine.decision.Language;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.ObjectionRoute;
import nl.mailwijs.engine.request.Purpose;
import nl.mailwijs.evidence.EvidenceRecord;
import nl.mailwijs.evidence.Ledger;
import nl.mailwijs.evidence.ObjectionEvidence;

/**
 * The contact list with search, and the contact page that answers "mag ik deze persoon mailen?"
 * per channel: the verdict, the basis or the reason it is missing, the rules that decided, the
 * evidence the basis rests on and until when it holds; the whole evidence timeline; and a form
 * to record an objection that came in by phone or letter.
 */
@Controller
@ConditionalOnWebApplication
class ContactPages {

    static final int PAGE_SIZE = 25;
    /** Routes a person at a desk records by hand; links and complaints are recorded by Mailwijs itself. */
    static final List<ObjectionRoute> ROUTES_BY_HAND = List.of(ObjectionRoute.PHONE, ObjectionRoute.LETTER, ObjectionRoute.EMAIL);

    private final Contacts contacts;
    private final ContactDecisions decisions;
    private final Ledger ledger;
    private final Clock clock;

    ContactPages(Contacts contacts, ContactDecisions decisions, Ledger ledger, Clock clock) {
        this.contacts = contacts;
        this.decisions = decisions;
        this.ledger = ledger;
        this.clock = clock;
    }

    @GetMapping("/contacts")
    String list(@RequestParam(required = false) String q, @RequestParam(required = false) String tag,
                @RequestParam(defaultValue = "0") int page, @RequestHeader(name = "HX-Request", required = false) String htmx,
                Model model) {
        int safePage = Math.max(0, Math.min(page, 10_000));
        ContactPage found = contacts.list(new ContactQuery(q, tag, safePage, PAGE_SIZE));
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("tag", tag == null ? "" : tag);
        model.addAttribute("found", found);
        model.addAttribute("hasNext", (long) (safePage + 1) * PAGE_SIZE < found.total());
        // htmx asks for the results only, while the person types.
        return htmx != null ? "contacts/list :: results" : "contacts/list";
    }

    /** One channel's answer, with the evidence the basis rests on. */
    public record ChannelAnswer(Channel channel, String address, Decision decision, String why, List<EvidenceView> basisEvidence) {
    }

    @GetMapping("/contacts/{id}")
    String show(@PathVariable long id, Locale locale, Model model) {
        Contact contact = contacts.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        List<EvidenceRecord> records = ledger.recordsOf(id);
        List<EvidenceView> timeline = EvidenceView.allOf(records);
        model.addAttribute("contact", contact);
        model.addAttribute("timeline", timeline);
        model.addAttribute("routes", ROUTES_BY_HAND);
        model.addAttribute("channels", Channel.values());
        model.addAttribute("today", LocalDate.now(clock.withZone(Times.SHOWN_IN)).toString());
        model.addAttribute("hasSettings", decisions.hasSettings());
        if (decisions.hasSettings()) {
            Language language = "en".equals(locale.getLanguage()) ? Language.EN : Language.NL;
            List<String> topics = decisions.topicsOfPurchases(id);
            Map<String, Long> recordIds = ledger.recordIdsByEngineId(id);
            List<ChannelAnswer> answers = new ArrayList<>();
            for (ContactDecisions.Made made : decisions.basisPerChannel(id, Purpose.COMMERCIAL, topics)) {
                Decision decision = made.decision();
                String why = String.join(" ", decision.reasons().stream()
                        .filter(reason -> decision.decidingRules().contains(reason.rule()))
                        .map(reason -> reason.text(language))
                        .toList());
                List<EvidenceView> used = decision.evidenceUsed().stream()
                        .map(recordIds::get)
                        .filter(java.util.Objects::nonNull)
                        .flatMap(recordId -> timeline.stream().filter(view -> view.id() == recordId))
                        .toList();
                answers.add(new ChannelAnswer(made.channel(), made.address(), decision, why, used));
            }
            model.addAttribute("answers", answers);
            model.addAttribute("topics", topics);
        }
        return "contacts/show";
    }

    /**
     * Records an objection received by phone, letter or e-mail: it counts from the day given, on
     * the channels ticked (none ticked: all), and the ledger keeps who entered it and their note.
     */
    @PostMapping("/contacts/{id}/objections")
    String recordObjection(@PathVariable long id, @RequestParam(required = false) String via, @RequestParam(required = false) String receivedOn,
                           @RequestParam(required = false) List<String> channels, @RequestParam(required = false) String note,
                           Principal who, RedirectAttributes redirect) {
        if (!contacts.exists(id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        ObjectionRoute route = ROUTES_BY_HAND.stream().filter(candidate -> candidate.name().equals(via)).findFirst().orElse(null);
        if (route == null) {
            redirect.addFlashAttribute("objectionError", "contact.objection.error.via");
            return "redirect:/contacts/" + id + "#objection";
        }
        Instant at;
        try {
            LocalDate day = receivedOn == null || receivedOn.isBlank() ? LocalDate.now(clock.withZone(Times.SHOWN_IN)) : LocalDate.parse(receivedOn);
            at = day.atStartOfDay(Times.SHOWN_IN).toInstant();
        } catch (DateTimeParseException e) {
            redirect.addFlashAttribute("objectionError", "contact.objection.error.date");
            return "redirect:/contacts/" + id + "#objection";
        }
        if (at.isAfter(clock.instant())) {
            redirect.addFlashAttribute("objectionError", "contact.objection.error.future");
            return "redirect:/contacts/" + id + "#objection";
        }
        Set<Channel> chosen = EnumSet.noneOf(Channel.class);
        if (channels != null) {
            for (String channel : channels) {
                for (Channel known : Channel.values()) {
                    if (known.name().equals(channel)) {
                        chosen.add(known);
                    }
                }
            }
        }
        String entered = "entered in the web application by " + who.getName() + " at " + clock.instant().truncatedTo(ChronoUnit.SECONDS)
                + "; received by " + route.name().toLowerCase(Locale.ROOT) + " on " + at.atZone(Times.SHOWN_IN).toLocalDate()
                + (note == null || note.isBlank() ? "" : "; note: " + note.strip());
        try {
            ledger.append(id, new ObjectionEvidence(null, at, chosen.isEmpty(), chosen, List.of(), route, entered));
        } catch (InvalidRequestException e) {
            redirect.addFlashAttribute("objectionError", "contact.objection.error.note");
            return "redirect:/contacts/" + id + "#objection";
        }
        redirect.addFlashAttribute("objectionRecorded", true);
        return "redirect:/contacts/" + id;
    }
}
