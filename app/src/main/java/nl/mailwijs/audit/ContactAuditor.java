package nl.mailwijs.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import nl.mailwijs.decisionjson.DecisionRequestJson;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.engine.DecisionEngine;
import nl.mailwijs.engine.decision.Decision;
import nl.mailwijs.engine.decision.Language;
import nl.mailwijs.engine.decision.Reason;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.DecisionRequest;
import nl.mailwijs.engine.request.Message;
import nl.mailwijs.engine.request.Policy;
import nl.mailwijs.engine.request.Recipient;
import nl.mailwijs.engine.request.RecipientKind;
import nl.mailwijs.engine.request.Sender;

/**
 * Decides a batch of contacts and writes their report rows. Batches run on several threads at
 * once; each returns its rows, rejections and counts, which the reading thread writes in file
 * order. Holds no state of its own between batches.
 */
final class ContactAuditor {

    static final String[] REPORT_COLUMNS = {
            "contact_id", "name", "address", "verdict", "basis", "denial", "deciding_rules", "evidence_ids", "basis_valid_until", "reason"};
    static final String NO_ADDRESS = "NO_ADDRESS";
    static final String DEFAULT_COUNTRY = "NL";

    /**
     * A contacts row as the reading thread hands it over: either to be decided, or already
     * rejected there (a duplicate id, a broken row) so the rejection keeps its place in line order.
     */
    record Pending(int line, int contactIndex, String[] fields, Rejections.Rejection rejection) {
    }

    /** @param report the batch's report rows, already UTF-8: encoding on the deciding threads keeps the writing thread free */
    record Batch(byte[] report, List<Rejections.Rejection> rejections, AuditTally tally) {
    }

    private final DecisionEngine engine;
    private final EvidenceStore evidence;
    private final Sender sender;
    private final Message message;
    private final Policy policy;
    private final Channel channel;
    private final Language language;
    private final String file;
    private final String addressColumn;
    private final int contactIdAt;
    private final int nameAt;
    private final int addressAt;
    private final int kindAt;
    private final int countryAt;
    private final int publishedAt;
    private final String noAddressReason;

    ContactAuditor(DecisionEngine engine, EvidenceStore evidence, Sender sender, Message message, Policy policy, Channel channel,
                   Language language, Export contacts) {
        this.engine = engine;
        this.evidence = evidence;
        this.sender = sender;
        this.message = message;
        this.policy = policy;
        this.channel = channel;
        this.language = language;
        this.file = contacts.name();
        Header header = contacts.header();
        this.addressColumn = AuditFile.addressColumn(channel);
        this.contactIdAt = header.position(AuditFile.CONTACT_ID);
        this.nameAt = header.position("name");
        this.addressAt = header.position(addressColumn);
        this.kindAt = header.position("kind");
        this.countryAt = header.position("country");
        this.publishedAt = header.position("published_for_offers");
        this.noAddressReason = Labels.noAddressReason(channel, addressColumn, language);
    }

    static byte[] reportHeader() {
        StringBuilder header = new StringBuilder().append(CsvWriter.BYTE_ORDER_MARK);
        CsvWriter.appendRow(header, REPORT_COLUMNS);
        return header.toString().getBytes(StandardCharsets.UTF_8);
    }

    Batch audit(List<Pending> batch) {
        StringBuilder report = new StringBuilder(batch.size() * 200);
        List<Rejections.Rejection> rejections = new ArrayList<>(0);
        AuditTally tally = new AuditTally();
        for (Pending pending : batch) {
            if (pending.rejection() != null) {
                rejections.add(pending.rejection());
                continue;
            }
            try {
                auditOne(pending, report, tally);
            } catch (BadValueException e) {
                rejections.add(new Rejections.Rejection(file, pending.line(), e.column(), e.problem()));
            }
        }
        return new Batch(report.toString().getBytes(StandardCharsets.UTF_8), rejections, tally);
    }

    private void auditOne(Pending pending, StringBuilder report, AuditTally tally) {
        String[] fields = pending.fields();
        String contactId = fields[contactIdAt].strip();
        String name = Export.field(fields, nameAt).strip();
        RecipientKind kind = Values.kind("kind", Export.field(fields, kindAt));
        String country = country(Export.field(fields, countryAt));
        boolean publishedForOffers = Values.bool("published_for_offers", Export.field(fields, publishedAt));
        // Only the address of the audited channel is read: a typo in an e-mail address does not
        // keep a contact out of an SMS audit.
        String rawAddress = Export.field(fields, addressAt);
        if (rawAddress.isBlank()) {
            tally.countNoAddress();
            CsvWriter.appendRow(report, contactId, name, "", NO_ADDRESS, "", "", "", "", "", noAddressReason);
            return;
        }
        String address = address(rawAddress);
        Recipient recipient = new Recipient(kind, country, channel, address, publishedForOffers);
        Decision decision = engine.decide(new DecisionRequest(sender, recipient, evidence.evidenceOf(pending.contactIndex()), message, policy));
        tally.count(decision);
        CsvWriter.appendRow(report,
                contactId,
                name,
                address,
                decision.verdict().name(),
                decision.basis() == null ? "" : decision.basis().name(),
                decision.denial() == null ? "" : decision.denial().name(),
                String.join(Values.LIST_SEPARATOR, decision.decidingRules()),
                String.join(Values.LIST_SEPARATOR, decision.evidenceUsed()),
                decision.basisValidUntil() == null ? "" : decision.basisValidUntil().toString(),
                reasonOf(decision));
    }

    /** ISO 3166-1 alpha-2 in any case; empty is the Netherlands, where most of these files come from. */
    private static String country(String raw) {
        if (raw.isBlank()) {
            return DEFAULT_COUNTRY;
        }
        try {
            return DecisionRequestJson.country("country", raw);
        } catch (InvalidRequestException e) {
            throw new BadValueException("country", e.problem());
        }
    }

    private String address(String raw) {
        try {
            return DecisionRequestJson.address(addressColumn, raw, channel);
        } catch (InvalidRequestException e) {
            throw new BadValueException(addressColumn, e.problem());
        }
    }

    /**
     * The sentences of the rules that decided, in order. The first alone can mislead: when a
     * soft opt-in fails, the consent rule comes first ("no consent"), while the denial reported
     * is the soft opt-in's ("not a similar product"), which only the next sentence explains.
     */
    private String reasonOf(Decision decision) {
        StringBuilder text = new StringBuilder(200);
        for (String rule : decision.decidingRules()) {
            for (Reason reason : decision.reasons()) {
                if (reason.rule().equals(rule)) {
                    if (!text.isEmpty()) {
                        text.append(' ');
                    }
                    text.append(reason.text(language));
                    break;
                }
            }
        }
        return text.toString();
    }
}
