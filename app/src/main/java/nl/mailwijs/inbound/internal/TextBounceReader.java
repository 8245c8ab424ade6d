package nl.mailwijs.inbound.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import nl.mailwijs.inbound.FailedRecipient;

/**
 * Bounces that are not RFC 3464 reports: qmail, Exim, Postfix without DSN, Exchange/Outlook NDRs
 * (English and Dutch), GroupWise, Lotus Domino, Yahoo, AOL, Gmail and sendmail write the failed
 * address and the reason only into text. Two shapes cover them: an address on a line of its own
 * (maybe in angle brackets, maybe followed by ':' and the reason, '(reason)' or 'on DATE'),
 * with the reason on the lines below it; or a sentence "… not delivered to ADDRESS …".
 * An address is only ever taken from those places, never from anywhere else in the text.
 */
final class TextBounceReader {

    private static final Pattern STRONG_SIGNATURE = Pattern.compile("(?i)this is the qmail-send program"
            + "|created automatically by mail delivery software|this is the mail system at host"
            + "|delivery has failed to these recipients or groups|delivery is delayed to these recipients or groups"
            + "|kan niet worden bezorgd bij deze ontvangers of groepen|bezorging is vertraagd voor deze ontvangers"
            + "|did not reach some or all of the intended recipients|addresses had (?:permanent fatal|transient non-fatal) errors"
            + "|transcript of session follows|we were unable to deliver your message|\\*\\* address not found \\*\\*"
            + "|your message wasn't delivered to|the message that you sent was undeliverable"
            + "|could not be delivered to one or more (?:of its )?recipients|delivery to the following recipients? failed"
            + "|i'm afraid i wasn't able to deliver|\\*\\* delivery incomplete \\*\\*|was not delivered to:"
            + "|message could not be delivered to the following|your message could not be delivered");
    private static final Pattern DAEMON = Pattern.compile("(?i)mailer-daemon|mail-daemon|postmaster@|mail delivery (?:system|subsystem)"
            + "|mail administrator|microsoftexchange[0-9a-f]*@");
    private static final Pattern BOUNCE_SUBJECT = Pattern.compile("(?i)undeliver|undelivered|returned mail|mail delivery failed"
            + "|delivery (?:status notification|failure|failed|has failed|notification|problem|delayed|incomplete)|failure notice"
            + "|non remis|onbestelbaar|niet (?:afgeleverd|bezorgd)|unzustellbar|nicht zustellbar|could not be delivered"
            + "|message (?:not delivered|delayed)|delayed mail|warning: could not send|returned to sender|nondeliverable"
            + "|bezorging vertraagd");
    /** Where the returned copy of the original message starts: nothing below it is the bounce's own text. */
    private static final Pattern RETURNED_COPY = Pattern.compile("(?im)^.*(?:below this line is a copy of the message"
            + "|this is a copy of the message|original message follows|unsent message follows|undelivered message follows|returned mail follows"
            + "|message header follows|header of the original message|original message headers|oorspronkelijke berichtkoppen"
            + "|-{3,} ?original message ?-{3,}).*$|^(?:return-path|received|dkim-signature|message-id|x-mailwijs-token):");
    private static final Pattern ADDRESS_LINE = Pattern.compile("^\\s*(?:[-*\u2022]\\s*)?<?(" + Addresses.ADDRESS + ")>?"
            + "(?:<mailto:[^>\\s]*+>)?\\s*(?:(?::|\\.\\.\\.)\\s*(.*)|\\((.*)\\)\\s*(.*)|\\s+on\\s+.*|)$");
    private static final Pattern SENTENCE = Pattern.compile("(?i)(?:(?:wasn't|was not|could not be|couldn't be|cannot be|not)\\s+delivered"
            + "|(?:a )?(?:temporary )?problem delivering your message|unable to deliver (?:your message|this message))"
            + "\\s+to:?\\s+<?(" + Addresses.ADDRESS + ")");
    /** The whole report says the mail system will keep trying: nothing in it is final yet. */
    private static final Pattern STILL_TRYING = Pattern.compile("(?i)this is a warning only|transient non-fatal errors"
            + "|delivery is delayed to|bezorging is vertraagd|has not yet been delivered|delivery incomplete|will (?:continue to )?(?:re)?try"
            + "|warning: could not send message for past|temporary problem delivering|will be retried|still trying|message delayed");
    private static final Pattern PERMANENT_REPORT = Pattern.compile("(?i)this is a permanent error|permanent fatal errors"
            + "|i've given up|failed permanently|delivery has failed|kan niet worden bezorgd");
    private static final Pattern TEMPORARY_WORDING = Pattern.compile("(?i)mailbox (?:is )?full|over quota|quota exceeded|exceeded (?:the |its )?(?:storage|quota)"
            + "|try again later|temporar|insufficient (?:system )?storage|too many (?:connections|messages)|greylist|deferred"
            + "|mailbox vol|postvak (?:is )?vol");
    private static final Pattern PERMANENT_WORDING = Pattern.compile("(?i)user unknown|unknown user|no such (?:user|mailbox|recipient|address)"
            + "|does ?n[o']t exist|not found|could ?n[o']t be found|invalid (?:recipient|address|mailbox)|address rejected"
            + "|unrouteable|mailbox unavailable|account (?:has been )?disabled|not listed in|recipient rejected|no mailbox"
            + "|bestaat niet|onbekende (?:gebruiker|ontvanger)|is not a valid");
    private static final Pattern RESPONSE_LINE = Pattern.compile("(?m)^.*(?:(?<![\\d.:/])[45][0-5]\\d[ \\-]|(?<![\\d.])[45]\\.\\d{1,3}\\.\\d{1,3}(?![\\d.]*\\d)).*$");
    private static final Set<String> NOT_RECIPIENTS = Set.of("postmaster", "mailer-daemon", "abuse");

    private TextBounceReader() {
    }

    /** Whether the message presents itself as a bounce. */
    static boolean isBounce(MimeEntity message, String ownText) {
        if (STRONG_SIGNATURE.matcher(ownText).find()) {
            return true;
        }
        String from = String.valueOf(message.header("From"));
        String subject = String.valueOf(message.header("Subject"));
        boolean nullSender = "<>".equals(String.valueOf(message.header("Return-Path")).replace(" ", ""));
        return BOUNCE_SUBJECT.matcher(subject).find() && (DAEMON.matcher(from).find() || nullSender);
    }

    /** The part of the text above the returned copy of the original message. */
    static String ownPart(String text) {
        Matcher copy = RETURNED_COPY.matcher(text);
        return copy.find() ? text.substring(0, copy.start()) : text;
    }

    /**
     * @param ownText  the bounce's own text, without the returned message
     * @param excluded addresses that are the report's own (its sender, its To), never a recipient
     */
    static void read(String ownText, Set<String> excluded, Recipients recipients) {
        boolean stillTrying = STILL_TRYING.matcher(ownText).find();
        boolean permanentReport = PERMANENT_REPORT.matcher(ownText).find();
        List<String[]> found = new ArrayList<>();
        String[] lines = ownText.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            Matcher line = ADDRESS_LINE.matcher(lines[i]);
            if (!line.matches()) {
                continue;
            }
            String address = line.group(1);
            StringBuilder reason = new StringBuilder();
            for (int g = 2; g <= 4; g++) {
                if (line.group(g) != null) {
                    reason.append(line.group(g)).append(' ');
                }
            }
            // The reason runs on below the address until a blank line or the next address at the same
            // depth: Postfix indents a continuation that starts with the address again.
            int depth = indentation(lines[i]);
            int j = i + 1;
            for (; j < lines.length && !lines[j].isBlank()
                    && (indentation(lines[j]) > depth || !ADDRESS_LINE.matcher(lines[j]).matches()); j++) {
                if (reason.length() < 4 * Recipients.MAX_DIAGNOSTIC) {
                    reason.append(lines[j]).append(' ');
                }
            }
            found.add(new String[] {address, reason.toString()});
            i = j - 1;
        }
        Matcher sentence = SENTENCE.matcher(ownText);
        while (sentence.find()) {
            int end = ownText.indexOf("\n\n", sentence.end());
            String rest = ownText.substring(sentence.end(), end < 0 ? ownText.length() : end);
            found.add(new String[] {sentence.group(1), rest.replaceFirst("^[\\s>.:]*(?:because\\s*)?", "")});
        }
        List<String[]> kept = new ArrayList<>();
        for (String[] candidate : found) {
            String key = Addresses.key(candidate[0]);
            if (!excluded.contains(key) && !NOT_RECIPIENTS.contains(key.substring(0, key.indexOf('@')))
                    && !key.startsWith("bounce+")) {
                kept.add(candidate);
            }
        }
        long distinct = kept.stream().map(candidate -> Addresses.key(candidate[0])).distinct().count();
        for (String[] candidate : kept) {
            String reason = candidate[1];
            if (distinct == 1 && StatusCodes.enhanced(reason) == null && StatusCodes.replyClass(reason) == 0) {
                // One failed address: the server's reply elsewhere in the text is about it.
                reason = (reason + " " + supportingLine(ownText, reason)).strip();
            }
            String status = StatusCodes.enhanced(reason);
            recipients.add(new FailedRecipient(candidate[0], permanent(reason, status, stillTrying, permanentReport), status,
                    Recipients.diagnostic(reason)));
        }
    }

    private static String supportingLine(String text, String reason) {
        Matcher response = RESPONSE_LINE.matcher(text);
        if (response.find()) {
            return response.group();
        }
        if (PERMANENT_WORDING.matcher(reason).find() || TEMPORARY_WORDING.matcher(reason).find()) {
            return "";
        }
        for (String line : text.split("\r?\n")) {
            if (PERMANENT_WORDING.matcher(line).find() || TEMPORARY_WORDING.matcher(line).find()) {
                return line;
            }
        }
        return "";
    }

    private static int indentation(String line) {
        int width = 0;
        while (width < line.length() && (line.charAt(width) == ' ' || line.charAt(width) == '\t')) {
            width++;
        }
        return width;
    }

    private static boolean permanent(String reason, String status, boolean stillTrying, boolean permanentReport) {
        if (stillTrying || StatusCodes.mailboxFull(status, reason)) {
            return false;
        }
        int klass = status != null ? status.charAt(0) - '0' : StatusCodes.replyClass(reason);
        if (klass == 5) {
            return true;
        }
        if (klass == 4) {
            return false;
        }
        if (TEMPORARY_WORDING.matcher(reason).find()) {
            return false;
        }
        if (PERMANENT_WORDING.matcher(reason).find()) {
            return true;
        }
        // Without a code or words that say so, a failure is not taken as final: no address is suppressed on a guess.
        return permanentReport;
    }
}
