package nl.mailwijs.audit;

import java.io.IOException;
import java.util.Set;

import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.ConsentMethod;
import nl.mailwijs.engine.request.InteractionType;
import nl.mailwijs.engine.request.ObjectionRoute;
import nl.mailwijs.engine.request.ObtainedBy;
import nl.mailwijs.engine.request.Proof;

/**
 * Reads the evidence exports (purchases, consents, objections, interactions) into the
 * {@link EvidenceStore}. A row that cannot be read is rejected, naming the column; the rest
 * of the file is still read.
 */
final class EvidenceLoader {

    /** Called after every row, so a progress bar can follow a large file. */
    interface RowListener {
        void afterRow() throws IOException;
    }

    private final EvidenceStore store;
    private final ContactIds contacts;
    private final String contactsFile;
    private final Rejections rejections;

    /**
     * @param contacts     the ids of the contacts file, read before any evidence
     * @param contactsFile its name, for the rejection of evidence about a contact it does not have
     */
    EvidenceLoader(EvidenceStore store, ContactIds contacts, String contactsFile, Rejections rejections) {
        this.store = store;
        this.contacts = contacts;
        this.contactsFile = contactsFile;
        this.rejections = rejections;
    }

    void load(Export export, RowListener listener) throws IOException {
        RowReader reader = switch (export.kind()) {
            case PURCHASES -> purchases(export);
            case CONSENTS -> consents(export);
            case OBJECTIONS -> objections(export);
            case INTERACTIONS -> interactions(export);
            case CONTACTS -> throw new IllegalArgumentException("contacts are audited, not loaded as evidence");
        };
        tableOf(export.kind()).source(export.shortName());
        int contactIdAt = export.header().position(AuditFile.CONTACT_ID);
        for (CsvReader.Row row = export.next(); row != null; row = export.next()) {
            String problem = export.problemOf(row);
            if (problem != null) {
                rejections.add(export.name(), row.line(), "", problem);
            } else {
                String contactId = row.fields()[contactIdAt].strip();
                try {
                    if (contactId.isEmpty()) {
                        throw new BadValueException(AuditFile.CONTACT_ID, "is empty; every row needs the id of its contact");
                    }
                    int contact = contacts.indexOf(contactId);
                    if (contact < 0) {
                        // Evidence that matches no contact points at exports that do not belong together.
                        throw new BadValueException(AuditFile.CONTACT_ID, "'" + contactId + "' is not in " + contactsFile
                                + "; this row is left out");
                    }
                    reader.read(row.fields(), row.line(), contact);
                } catch (BadValueException e) {
                    rejections.add(export.name(), row.line(), e.column(), e.problem());
                }
            }
            listener.afterRow();
        }
    }

    private EvidenceStore.Table tableOf(AuditFile kind) {
        return switch (kind) {
            case PURCHASES -> store.purchases;
            case CONSENTS -> store.consents;
            case OBJECTIONS -> store.objections;
            case INTERACTIONS -> store.interactions;
            case CONTACTS -> throw new IllegalArgumentException("contacts are not evidence");
        };
    }

    /** Reads one row's fields into the store; every value is checked before anything is stored. */
    private interface RowReader {
        void read(String[] fields, int line, int contact);
    }

    private RowReader purchases(Export export) {
        Header header = export.header();
        int orderId = header.position("order_id");
        int date = header.position("date");
        int categories = header.position("categories");
        int proof = header.position("proof");
        int collected = header.position("address_collected_in_sale");
        int offered = header.position("objection_offered");
        return (fields, line, contact) -> {
            long dateMillis = Values.epochMillis("date", Export.field(fields, date));
            Proof proofOf = Values.optionalEnum("proof", Export.field(fields, proof), Proof.class);
            boolean collectedInSale = Values.bool("address_collected_in_sale", Export.field(fields, collected));
            boolean objectionOffered = Values.bool("objection_offered", Export.field(fields, offered));
            store.purchases.add(contact, line, Export.field(fields, orderId).strip(), dateMillis,
                    Export.field(fields, categories), proofOf, collectedInSale, objectionOffered);
        };
    }

    private RowReader consents(Export export) {
        Header header = export.header();
        int consentId = header.position("consent_id");
        int givenAt = header.position("given_at");
        int channels = header.position("channels");
        int topics = header.position("topics");
        int method = header.position("method");
        int obtainedBy = header.position("obtained_by");
        int wording = header.position("wording");
        int confirmedAt = header.position("confirmed_at");
        int withdrawnAt = header.position("withdrawn_at");
        return (fields, line, contact) -> {
            long given = Values.epochMillis("given_at", Export.field(fields, givenAt));
            Set<Channel> channelSet = Values.consentChannels(Export.field(fields, channels));
            ConsentMethod methodOf = Values.optionalEnum("method", Export.field(fields, method), ConsentMethod.class);
            ObtainedBy obtainer = Values.optionalEnum("obtained_by", Export.field(fields, obtainedBy), ObtainedBy.class);
            long confirmed = Values.epochMillis("confirmed_at", Export.field(fields, confirmedAt));
            long withdrawn = Values.epochMillis("withdrawn_at", Export.field(fields, withdrawnAt));
            store.consents.add(contact, line, Export.field(fields, consentId).strip(), given, channelSet,
                    Export.field(fields, topics), methodOf, obtainer, Export.field(fields, wording), confirmed, withdrawn);
        };
    }

    private RowReader objections(Export export) {
        Header header = export.header();
        int objectionId = header.position("objection_id");
        int at = header.position("at");
        int channels = header.position("channels");
        int topics = header.position("topics");
        int via = header.position("via");
        return (fields, line, contact) -> {
            long atMillis = Values.epochMillis("at", Export.field(fields, at));
            Values.ObjectionChannels named = Values.objectionChannels(Export.field(fields, channels));
            int channelMask = named.all() ? EvidenceStore.ALL_CHANNELS : EvidenceStore.channelMask(named.channels());
            ObjectionRoute route = Values.optionalEnum("via", Export.field(fields, via), ObjectionRoute.class);
            store.objections.add(contact, line, Export.field(fields, objectionId).strip(), atMillis, channelMask,
                    Export.field(fields, topics), route);
        };
    }

    private RowReader interactions(Export export) {
        Header header = export.header();
        int type = header.position("type");
        int date = header.position("date");
        return (fields, line, contact) -> {
            InteractionType typeOf = Values.requiredEnum("type", Export.field(fields, type), InteractionType.class);
            long dateMillis = Values.epochMillis("date", Export.field(fields, date));
            store.interactions.add(contact, line, typeOf, dateMillis);
        };
    }
}
