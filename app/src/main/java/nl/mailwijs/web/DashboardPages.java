package nl.mailwijs.web;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;

import nl.mailwijs.campaigns.Campaigns;
import nl.mailwijs.contacts.Contact;
import nl.mailwijs.contacts.ContactPage;
import nl.mailwijs.contacts.ContactQuery;
import nl.mailwijs.contacts.Contacts;
import nl.mailwijs.decisions.ContactDecisions;
import nl.mailwijs.delivery.MailCatcher;
import nl.mailwijs.engine.decision.Basis;
import nl.mailwijs.engine.decision.Decision;
import nl.mailwijs.engine.decision.Denial;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.Purpose;
import nl.mailwijs.evidence.EvidenceKind;
import nl.mailwijs.evidence.Ledger;
import nl.mailwijs.suppressions.Suppressions;

/**
 * The overview: per channel how many contacts may be mailed today and on what basis, how many
 * may not and why (as bars), whose basis lapses this month; the latest objections, bounces and
 * suppressed addresses; the latest campaigns.
 * The basis figures decide every contact anew, so they are loaded after the page (htmx) and
 * cover at most {@link #TALLY_LIMIT} contacts, which the page says.
 */
@Controller
@ConditionalOnWebApplication
class DashboardPages {

    static final int TALLY_LIMIT = 2_000;
    /** Bounces and suppressed addresses listed on the overview. */
    static final int RECENT = 10;
    private static final int PAGE = 200;

    private final Contacts contacts;
    private final ContactDecisions decisions;
    private final Ledger ledger;
    private final Campaigns campaigns;
    private final MailCatcher catcher;
    private final Suppressions suppressions;
    private final Clock clock;

    DashboardPages(Contacts contacts, ContactDecisions decisions, Ledger ledger, Campaigns campaigns, MailCatcher catcher,
                   Suppressions suppressions, Clock clock) {
        this.contacts = contacts;
        this.suppressions = suppressions;
        this.decisions = decisions;
        this.ledger = ledger;
        this.campaigns = campaigns;
        this.catcher = catcher;
        this.clock = clock;
    }

    @GetMapping("/")
    String dashboard(Model model) {
        model.addAttribute("contactCount", contacts.list(new ContactQuery(null, null, 0, 1)).total());
        model.addAttribute("objections", ledger.recentOfKind(EvidenceKind.OBJECTION, 10, 100_000).stream()
                .map(record -> EvidenceView.of(record, null)).toList());
        model.addAttribute("campaigns", campaigns.list(0, 10));
        model.addAttribute("caught", catcher.running() ? catcher.list(0, 1).total() : -1);
        model.addAttribute("hasSettings", decisions.hasSettings());
        model.addAttribute("recentBounces", suppressions.bounces(null, 0, RECENT));
        model.addAttribute("suppressed", suppressions.list(null, false, 0, RECENT));
        model.addAttribute("suppressedCount", suppressions.count(null, false));
        return "dashboard";
    }

    /** One channel's figures: contacts with an address on it, by basis and by denial. */
    public record ChannelTally(Channel channel, long total, long allowed, Map<Basis, Long> byBasis, Map<Denial, Long> byDenial,
                        long lapsingThisMonth) {

        /** The share of the channel's contacts, in whole percent, as the width of a bar; at least 1 for any. */
        public long percent(long count) {
            return total == 0 || count == 0 ? 0 : Math.max(1, Math.round(count * 100.0 / total));
        }
    }

    @GetMapping("/dashboard/basis")
    String basis(@RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        Map<Channel, long[]> totals = new EnumMap<>(Channel.class);
        Map<Channel, Map<Basis, Long>> bases = new EnumMap<>(Channel.class);
        Map<Channel, Map<Denial, Long>> denials = new EnumMap<>(Channel.class);
        Instant endOfMonth = YearMonth.now(clock.withZone(Times.SHOWN_IN)).plusMonths(1).atDay(1).atStartOfDay(Times.SHOWN_IN).toInstant();
        long decided = 0;
        long all = 0;
        if (decisions.hasSettings()) {
            for (int page = 0; decided < TALLY_LIMIT; page++) {
                ContactPage contactPage = contacts.list(new ContactQuery(null, null, page, PAGE));
                all = contactPage.total();
                for (Contact contact : contactPage.contacts()) {
                    if (decided >= TALLY_LIMIT) {
                        break;
                    }
                    decided++;
                    for (ContactDecisions.Made made : decisions.basisPerChannel(contact.id(), Purpose.COMMERCIAL,
                            decisions.topicsOfPurchases(contact.id()))) {
                        Decision decision = made.decision();
                        long[] counts = totals.computeIfAbsent(made.channel(), channel -> new long[3]);
                        counts[0]++;
                        if (decision.allowed()) {
                            counts[1]++;
                            bases.computeIfAbsent(made.channel(), channel -> new EnumMap<>(Basis.class)).merge(decision.basis(), 1L, Long::sum);
                            if (decision.basisValidUntil() != null && decision.basisValidUntil().isBefore(endOfMonth)) {
                                counts[2]++;
                            }
                        } else {
                            denials.computeIfAbsent(made.channel(), channel -> new EnumMap<>(Denial.class)).merge(decision.denial(), 1L, Long::sum);
                        }
                    }
                }
                if (contactPage.contacts().size() < PAGE) {
                    break;
                }
            }
        }
        List<ChannelTally> tallies = new ArrayList<>();
        totals.forEach((channel, counts) -> tallies.add(new ChannelTally(channel, counts[0], counts[1],
                new LinkedHashMap<>(bases.getOrDefault(channel, Map.of())), new LinkedHashMap<>(denials.getOrDefault(channel, Map.of())),
                counts[2])));
        model.addAttribute("tallies", tallies);
        model.addAttribute("decided", decided);
        model.addAttribute("allContacts", all);
        model.addAttribute("hasSettings", decisions.hasSettings());
        return htmx != null ? "dashboard :: basis" : "dashboard-basis";
    }
}
