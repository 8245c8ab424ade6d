package nl.mailwijs.unsubscribe;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import nl.mailwijs.campaigns.Outbox;
import nl.mailwijs.contacts.UnknownContactException;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.engine.decision.Language;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.ObjectionRoute;
import nl.mailwijs.evidence.Appended;
import nl.mailwijs.evidence.GroupedAppends;
import nl.mailwijs.evidence.Ledger;
import nl.mailwijs.evidence.ObjectionEvidence;
import nl.mailwijs.platform.GroupedWork;

/**
 * What {@code /u/{token}}, the unsubscribe link of one message, answers: the page with one
 * button, and the objection a POST records before it answers. Shared by {@link UnsubscribeController}
 * and {@link OneClickFilter}, so that both ways in record and answer the same.
 *
 * <p>The POSTs that arrive together are done together ({@link GroupedWork}): their recipients
 * are read with one query and their objections appended in one transaction, so a burst of
 * one-clicks after a campaign costs the database a few statements per group instead of a
 * look-up and a share of a commit per request. Each request still answers only once its own
 * objection is committed.
 */
@Component
class UnsubscribeLink implements SmartLifecycle {

    private static final int MOST_PER_GROUP = 500;

    /** The status and the whole HTML page of an answer. */
    record Answer(HttpStatus status, String page) {
    }

    /** One verified POST: its token's key, and what the objection records of the request. */
    private record Unsubscribing(String key, String token, boolean oneClick, String userAgent, Instant at) {
    }

    /** What became of one POST: no such message, a recipient since erased, or recorded (now or before). */
    private record Outcome(Outbox.Recipient recipient, boolean erased) {
    }

    private final Outbox outbox;
    private final GroupedAppends ledger;
    private final Clock clock;
    private final GroupedWork<Unsubscribing, Outcome> work;

    UnsubscribeLink(Outbox outbox, GroupedAppends ledger, Clock clock,
                    @Value("${mailwijs.evidence.grouped-append-timeout:30s}") Duration patience,
                    @Value("${mailwijs.evidence.grouped-append-gather:2ms}") Duration gather) {
        this.outbox = outbox;
        this.ledger = ledger;
        this.clock = clock;
        this.work = new GroupedWork<>("unsubscribe-link-posts", MOST_PER_GROUP, gather, patience, this::record,
                one -> single(record(List.of(one))));
    }

    /** The GET: asks, changes nothing (link scanners follow GETs). */
    Answer question(String token, Texts texts) {
        Optional<Outbox.Recipient> recipient = outbox.recipientOf(token);
        if (recipient.isEmpty()) {
            return unknown(texts);
        }
        String body = "<p>" + texts.question.formatted(HtmlUtils.htmlEscape(recipient.get().address())) + "</p>"
                + "<form method=\"post\" action=\"/u/" + HtmlUtils.htmlEscape(token) + (texts.english ? "?lang=en" : "") + "\">"
                + "<button type=\"submit\">" + texts.button + "</button></form>"
                + PreferenceCentreController.link(token, texts.language(), "link.fromQuestion");
        return new Answer(HttpStatus.OK, texts.page(texts.title, body));
    }

    /**
     * The POST: records the objection in the ledger and answers once it is committed. A forged or
     * altered token gets the same answer whether or not the address exists.
     *
     * @param oneClick an RFC 8058 one-click POST rather than the page's button
     */
    Answer unsubscribe(String token, boolean oneClick, String userAgent, Texts texts) {
        Optional<String> key = outbox.keyOf(token);
        if (key.isEmpty()) {
            return unknown(texts);
        }
        Outcome outcome = work.submit(new Unsubscribing(key.get(), token, oneClick, userAgent, clock.instant().truncatedTo(ChronoUnit.SECONDS)));
        if (outcome == null) {
            return unknown(texts);
        }
        if (outcome.erased()) {
            // Erased since the message was sent (AVG 17): no address of theirs is left to object for, and the page says so.
            return new Answer(HttpStatus.OK, texts.page(texts.doneTitle, "<p>" + texts.erased + "</p>"));
        }
        return new Answer(HttpStatus.OK, texts.page(texts.doneTitle, "<p>" + texts.done.formatted(HtmlUtils.htmlEscape(outcome.recipient().address()))
                + "</p>" + PreferenceCentreController.link(token, texts.language(), "link.afterUnsubscribe")));
    }

    /** The recipients of a group in one query, their objections in one transaction; a null outcome: no such message. */
    private List<GroupedWork.Result<Outcome>> record(List<Unsubscribing> posts) {
        Map<String, Outbox.Recipient> recipients = outbox.recipientsOfKeys(posts.stream().map(Unsubscribing::key).toList());
        List<Ledger.Entry> entries = new ArrayList<>();
        for (Unsubscribing post : posts) {
            Outbox.Recipient who = recipients.get(post.key());
            if (who != null) {
                String raw = (post.oneClick() ? "RFC 8058 one-click POST" : "unsubscribe button") + " at " + post.at() + " for campaign "
                        + who.campaignId() + ", message to " + who.address() + "; User-Agent: " + clip(post.userAgent());
                entries.add(new Ledger.Entry(who.contactId(), new ObjectionEvidence("unsubscribe-" + who.campaignId() + "-" + shortHash(post.token()),
                        post.at(), false, Set.of(Channel.EMAIL), List.of(), ObjectionRoute.UNSUBSCRIBE_LINK, raw)));
            }
        }
        List<GroupedWork.Result<Appended>> appended = entries.isEmpty() ? List.of() : ledger.appendGroup(entries);
        List<GroupedWork.Result<Outcome>> outcomes = new ArrayList<>(posts.size());
        int next = 0;
        for (Unsubscribing post : posts) {
            Outbox.Recipient who = recipients.get(post.key());
            if (who == null) {
                outcomes.add(GroupedWork.Result.of(null));
                continue;
            }
            RuntimeException refused = appended.get(next++).refused();
            if (refused == null) {
                outcomes.add(GroupedWork.Result.of(new Outcome(who, false)));
            } else if (refused instanceof UnknownContactException) {
                outcomes.add(GroupedWork.Result.of(new Outcome(who, true)));
            } else if (refused instanceof InvalidRequestException invalid && "id".equals(invalid.field())) {
                // This link was used before: the objection is already recorded, and still holds.
                outcomes.add(GroupedWork.Result.of(new Outcome(who, false)));
            } else {
                outcomes.add(GroupedWork.Result.refused(refused));
            }
        }
        return outcomes;
    }

    private static Outcome single(List<GroupedWork.Result<Outcome>> results) {
        GroupedWork.Result<Outcome> result = results.getFirst();
        if (result.refused() != null) {
            throw result.refused();
        }
        return result.value();
    }

    @Override
    public void start() {
        work.start();
    }

    @Override
    public void stop() {
        work.stop();
    }

    @Override
    public boolean isRunning() {
        return work.isRunning();
    }

    private static Answer unknown(Texts texts) {
        return new Answer(HttpStatus.NOT_FOUND, texts.page(texts.unknownTitle, "<p>" + texts.unknown + "</p>"));
    }

    /** The User-Agent as evidence: control characters blanked, at most 300 characters. */
    static String clip(String text) {
        if (text == null) {
            return "-";
        }
        int length = Math.min(text.length(), 300);
        char[] printable = new char[length];
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            printable[i] = Character.isISOControl(c) ? ' ' : c;
        }
        return new String(printable);
    }

    private static String shortHash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The page texts, Dutch by default. */
    record Texts(boolean english, String title, String question, String button, String doneTitle, String done, String unknownTitle,
                 String unknown, String erased) {

        static Texts of(String lang, String acceptLanguage) {
            boolean english = lang != null ? lang.equalsIgnoreCase("en")
                    : acceptLanguage != null && Language.fromTag(acceptLanguage.split("[,;]")[0].strip()).map(l -> l == Language.EN).orElse(false);
            return english
                    ? new Texts(true, "Unsubscribe", "Stop e-mails from this sender to %s?", "Unsubscribe", "Unsubscribed",
                            "You are unsubscribed: no more e-mails from this sender to %s. This took effect immediately.",
                            "Link not valid", "This unsubscribe link does not work. Copy the whole link from the e-mail, or reply to the e-mail.",
                            "Your data has already been erased: this sender no longer holds your address.")
                    : new Texts(false, "Afmelden", "Geen e-mails meer van deze afzender naar %s?", "Afmelden", "Afgemeld",
                            "U bent afgemeld: u krijgt geen e-mails meer van deze afzender op %s. Dit geldt direct.",
                            "Link werkt niet", "Deze afmeldlink werkt niet. Kopieer de hele link uit de e-mail, of beantwoord de e-mail.",
                            "Uw gegevens zijn al gewist: deze afzender heeft uw adres niet meer.");
        }

        Language language() {
            return english ? Language.EN : Language.NL;
        }

        String page(String heading, String body) {
            return "<!DOCTYPE html><html lang=\"" + (english ? "en" : "nl") + "\"><head><meta charset=\"utf-8\">"
                    + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + heading + "</title>"
                    + "<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a;background:#fff}"
                    + "button{font-size:1.1rem;padding:.6rem 1.4rem;background:#0b5394;color:#fff;border:0;border-radius:4px;cursor:pointer}"
                    + "button:focus{outline:3px solid #f1c232;outline-offset:2px}</style></head><body><main><h1>" + heading + "</h1>"
                    + body + "</main></body></html>";
        }
    }
}
