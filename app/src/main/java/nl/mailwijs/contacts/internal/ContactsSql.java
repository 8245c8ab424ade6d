package nl.mailwijs.contacts.internal;

/** The SQL of the contacts module, in one place, with named parameters only. */
public final class ContactsSql {

    private ContactsSql() {
    }

    public static final String INSERT_CONTACT = """
            INSERT INTO contact (kind, country, name, external_id, attributes, created_at)
            VALUES (:kind, :country, :name, :externalId, :attributes, :now)""";

    public static final String INSERT_ADDRESS = """
            INSERT INTO contact_address (contact_id, channel, address, address_key, ascii_domain, added_at)
            VALUES (:contactId, :channel, :address, :addressKey, :asciiDomain, :now)""";

    public static final String IDS_BY_EXTERNAL_IDS = "SELECT id, external_id FROM contact WHERE external_id IN (:externalIds)";

    public static final String ADDRESS_KEYS_OF =
            "SELECT contact_id, channel, address_key FROM contact_address WHERE contact_id IN (:contactIds)";

    public static final String INSERT_TAG = "INSERT INTO contact_tag (contact_id, tag, tag_key) VALUES (:contactId, :tag, :tagKey)";

    public static final String ID_BY_EXTERNAL_ID = "SELECT id FROM contact WHERE external_id = :externalId";

    /**
     * Locks the contact while addresses are added, so two imports adding the same new address
     * at once cannot both pass the "not there yet" check.
     */
    public static final String LOCK_CONTACT = "SELECT id FROM contact WHERE id = :id FOR UPDATE";

    public static final String ADDRESS_KEYS = "SELECT channel, address_key FROM contact_address WHERE contact_id = :contactId";

    // An erased contact keeps its row without personal data (see V12); none of the look-ups below finds it.
    public static final String EXISTS = "SELECT COUNT(*) FROM contact WHERE id = :id AND erased_at IS NULL";

    public static final String DELETE_ADDRESSES = "DELETE FROM contact_address WHERE contact_id = :id";

    public static final String DELETE_TAGS = "DELETE FROM contact_tag WHERE contact_id = :id";

    public static final String ERASE_CONTACT = """
            UPDATE contact SET name = NULL, external_id = NULL, attributes = '{}', erased_at = :now
             WHERE id = :id AND erased_at IS NULL""";

    private static final String CONTACT_COLUMNS = "SELECT c.id, c.kind, c.country, c.name, c.external_id, c.attributes, c.created_at FROM contact c";

    public static final String CONTACT_BY_ID = CONTACT_COLUMNS + " WHERE c.id = :id AND c.erased_at IS NULL";

    public static final String CONTACTS_AFTER = CONTACT_COLUMNS + " WHERE c.id > :after AND c.erased_at IS NULL ORDER BY c.id LIMIT :limit";

    public static final String COUNT_ALL = "SELECT COUNT(*) FROM contact WHERE erased_at IS NULL";

    public static final String CONTACTS_BY_IDS = CONTACT_COLUMNS + " WHERE c.id IN (:ids) AND c.erased_at IS NULL ORDER BY c.id";

    public static final String CONTACTS_BY_ADDRESS = CONTACT_COLUMNS + "\n" + """
             WHERE c.id IN (SELECT a.contact_id FROM contact_address a WHERE a.channel = :channel AND a.address_key = :addressKey)
             ORDER BY c.id""";

    public static final String ADDRESSES_OF_ON = """
            SELECT contact_id, channel, address, ascii_domain, added_at
              FROM contact_address
             WHERE contact_id IN (:contactIds) AND (:anyChannel OR channel = :channel)
             ORDER BY contact_id, id""";

    public static final String TAGS_OF = "SELECT contact_id, tag FROM contact_tag WHERE contact_id IN (:contactIds) ORDER BY contact_id, tag_key";

    /**
     * The list filter. Flags rather than "IS NULL" tests on the parameters: PostgreSQL cannot
     * type a parameter that is only ever compared with NULL. The address is matched in its
     * written form and as key, so both "bücher" and "xn--bcher" find jan@bücher.de.
     */
    private static final String LIST_FILTER = """
             WHERE (:anyText OR LOWER(c.name) LIKE :pattern ESCAPE '\\'
                    OR EXISTS (SELECT 1 FROM contact_address a
                                WHERE a.contact_id = c.id
                                  AND (LOWER(a.address) LIKE :pattern ESCAPE '\\' OR a.address_key LIKE :pattern ESCAPE '\\')))
               AND (:anyTag OR EXISTS (SELECT 1 FROM contact_tag t WHERE t.contact_id = c.id AND t.tag_key = :tagKey))
               AND c.erased_at IS NULL""";

    public static final String LIST = CONTACT_COLUMNS + "\n" + LIST_FILTER + "\n ORDER BY c.id LIMIT :limit OFFSET :offset";

    public static final String COUNT = "SELECT COUNT(*) FROM contact c\n" + LIST_FILTER;
}
