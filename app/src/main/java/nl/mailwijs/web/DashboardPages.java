package nl.mailwijs.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;

import nl.mailwijs.campaigns.Campaigns;
import nl.mailwijs.contacts.Contacts;
import nl.mailwijs.decisions.ContactDecisions;
import nl.mailwijs.delivery.MailCatcher;
import nl.mailwijs.evidence.EvidenceKind;
import nl.mailwijs.evidence.Ledger;
import nl.mailwijs.suppressions.Suppressions;

/**
 * The overview: per channel how many contacts may be mailed today and on what basis, how many
 * may not and why (as bars), whose basis lapses this month; the latest objections, bounces and
 * suppressed addresses; the latest campaigns. The basis figures cover every contact and are
 * worked out in the background ({@link BasisTallies}): the page shows the latest with the moment
 * they hold for, and while newer ones are being computed, how far that is (htmx polls for it).
 */
@Controller
@ConditionalOnWebApplication
class DashboardPages {

    /** Bounces and suppressed addresses listed on the overview. */
    static final int RECENT = 10;

    private final Contacts contacts;
    private final ContactDecisions decisions;
    private final BasisTallies tallies;
    private final Ledger ledger;
    private final Campaigns campaigns;
    private final MailCatcher catcher;
    private final Suppressions suppressions;

    DashboardPages(Contacts contacts, ContactDecisions decisions, BasisTallies tallies, Ledger ledger, Campaigns campaigns,
                   MailCatcher catcher, Suppressions suppressions) {
        this.contacts = contacts;
        this.suppressions = suppressions;
        this.decisions = decisions;
        this.tallies = tallies;
        this.ledger = ledger;
        this.campaigns = campaigns;
        this.catcher = catcher;
    }

    @GetMapping("/")
    String dashboard(Model model) {
        long contactCount = contacts.count();
        model.addAttribute("contactCount", contactCount);
        model.addAttribute("objections", ledger.recentOfKind(EvidenceKind.OBJECTION, 10, 100_000).stream()
                .map(record -> EvidenceView.of(record, null)).toList());
        model.addAttribute("campaigns", campaigns.list(0, 10));
        model.addAttribute("caught", catcher.running() ? catcher.list(0, 1).total() : -1);
        model.addAttribute("recentBounces", suppressions.bounces(null, 0, RECENT));
        model.addAttribute("suppressed", suppressions.list(null, false, 0, RECENT));
        model.addAttribute("suppressedCount", suppressions.count(null, false));
        boolean hasSettings = decisions.hasSettings();
        model.addAttribute("hasSettings", hasSettings);
        model.addAttribute("tally", tallies.current(hasSettings, contactCount));
        return "dashboard";
    }

    /** The basis figures alone: what htmx polls while they are computed, and a page of their own without JavaScript. */
    @GetMapping("/dashboard/basis")
    String basis(@RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        basis(model, false);
        return htmx != null ? "dashboard :: basis" : "dashboard-basis";
    }

    /** Computes the figures anew now (after the one being computed, if any). */
    @PostMapping("/dashboard/basis/recompute")
    String recompute(@RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        basis(model, true);
        return htmx != null ? "dashboard :: basis" : "redirect:/";
    }

    private void basis(Model model, boolean recompute) {
        boolean hasSettings = decisions.hasSettings();
        model.addAttribute("hasSettings", hasSettings);
        model.addAttribute("tally", recompute && hasSettings ? tallies.recompute() : tallies.current(hasSettings));
    }
}
