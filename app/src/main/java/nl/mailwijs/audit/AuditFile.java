package nl.mailwijs.audit;

import java.util.List;
import java.util.Map;

import nl.mailwijs.engine.request.Channel;

/**
 * The five exports an audit reads, with their columns. Column names are matched without
 * regard to case, surrounding space, or {@code -} and space versus {@code _}.
 */
public enum AuditFile {

    CONTACTS("contacts", List.of("contact_id"),
            List.of("contact_id", "email", "phone", "kind", "country", "name", "published_for_offers")),
    PURCHASES("purchases", List.of("contact_id", "date"),
            List.of("contact_id", "order_id", "date", "categories", "proof", "address_collected_in_sale", "objection_offered")),
    CONSENTS("consents", List.of("contact_id", "given_at", "channels"),
            List.of("contact_id", "consent_id", "given_at", "channels", "topics", "method", "obtained_by", "wording",
                    "confirmed_at", "withdrawn_at")),
    OBJECTIONS("objections", List.of("contact_id"),
            List.of("contact_id", "objection_id", "at", "channels", "topics", "via")),
    INTERACTIONS("interactions", List.of("contact_id", "type"),
            List.of("contact_id", "type", "date"));

    public static final String CONTACT_ID = "contact_id";
    public static final String EMAIL = "email";
    public static final String PHONE = "phone";

    /**
     * Other names exports give the contact columns. "E-mail" is the usual spelling in Dutch and
     * English, and reads as {@code e_mail} under the matching rule.
     */
    private static final Map<String, String> CONTACT_ALIASES = Map.ofEntries(
            Map.entry("e_mail", EMAIL), Map.entry("email_address", EMAIL), Map.entry("e_mail_address", EMAIL),
            Map.entry("e_mailadres", EMAIL), Map.entry("emailadres", EMAIL),
            Map.entry("phone_number", PHONE), Map.entry("telefoon", PHONE), Map.entry("telefoonnummer", PHONE),
            Map.entry("mobile", PHONE), Map.entry("mobiel", PHONE),
            // Dutch webshop exports name the other contact columns in Dutch too.
            Map.entry("naam", "name"), Map.entry("land", "country"));

    /** The contact's own number, named after the customer (a klantnummer or relatienummer) in every file that names one. */
    private static final Map<String, String> CONTACT_ID_ALIASES = Map.ofEntries(
            Map.entry("klantnummer", CONTACT_ID), Map.entry("klant_id", CONTACT_ID), Map.entry("klantid", CONTACT_ID),
            Map.entry("relatienummer", CONTACT_ID), Map.entry("customer_id", CONTACT_ID), Map.entry("customer_number", CONTACT_ID));

    /** The order columns as Dutch shop and accounting exports name them. */
    private static final Map<String, String> PURCHASE_ALIASES = Map.ofEntries(
            Map.entry("ordernummer", "order_id"), Map.entry("bestelnummer", "order_id"), Map.entry("factuurnummer", "order_id"),
            Map.entry("datum", "date"), Map.entry("orderdatum", "date"), Map.entry("besteldatum", "date"),
            Map.entry("factuurdatum", "date"), Map.entry("order_date", "date"),
            Map.entry("categorie", "categories"), Map.entry("categorieen", "categories"), Map.entry("categorieën", "categories"),
            Map.entry("category", "categories"), Map.entry("bewijs", "proof"));

    private final String baseName;
    private final List<String> required;
    private final List<String> columns;

    AuditFile(String baseName, List<String> required, List<String> columns) {
        this.baseName = baseName;
        this.required = required;
        this.columns = columns;
    }

    /** The option that names the file, e.g. {@code --purchases}. */
    public String option() {
        return "--" + baseName;
    }

    /** The name {@code --dir} looks for, e.g. {@code purchases.csv}. */
    public String fileName() {
        return baseName + ".csv";
    }

    public List<String> columns() {
        return columns;
    }

    /** The column a normalised header name stands for: itself, or the column it is another name of. */
    String column(String normalisedName) {
        String contactId = CONTACT_ID_ALIASES.get(normalisedName);
        if (contactId != null && columns.contains(contactId)) {
            return contactId;
        }
        return switch (this) {
            case CONTACTS -> CONTACT_ALIASES.getOrDefault(normalisedName, normalisedName);
            case PURCHASES -> PURCHASE_ALIASES.getOrDefault(normalisedName, normalisedName);
            default -> normalisedName;
        };
    }

    /**
     * The column of this export a header name as written stands for (under the matching rule and
     * the other names above), or null when it is none of {@link #columns()}: what an import reads
     * from that column unless the user maps it otherwise.
     */
    public String recognise(String headerName) {
        String column = column(Header.normalise(headerName == null ? "" : headerName));
        return columns.contains(column) ? column : null;
    }

    /** The columns without which no row can be read: for contacts only contact_id (the import keeps a contact without address). */
    public List<String> requiredColumns() {
        return required;
    }

    /** The columns without which the file cannot be audited; for contacts, that includes the channel's address. */
    List<String> required(Channel channel) {
        if (this != CONTACTS) {
            return required;
        }
        return List.of(CONTACT_ID, addressColumn(channel));
    }

    static String addressColumn(Channel channel) {
        return channel.usesPhoneNumbers() ? PHONE : EMAIL;
    }
}
