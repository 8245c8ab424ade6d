package nl.mailwijs.contacts;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.JsonNode;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import nl.mailwijs.apijson.JsonObjectFields;
import nl.mailwijs.apijson.StorableText;
import nl.mailwijs.contacts.NewContact.NewAddress;
import nl.mailwijs.contacts.internal.ContactsSql;
import nl.mailwijs.contacts.internal.NormalisedAddress;
import nl.mailwijs.decisionjson.DecisionRequestJson;
import nl.mailwijs.decisionjson.InputProblem;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.RecipientKind;
import nl.mailwijs.engine.values.Topics;
import nl.mailwijs.platform.BulkWrites;

/**
 * Creates, finds and lists contacts. Creating is idempotent by external id, so an import or a
 * web shop that sends the same customer again gets the same contact back; only addresses it
 * did not have yet are added, nothing is overwritten.
 */
@Service
public class Contacts {

    static final int MAX_NAME = 300;
    static final int MAX_EXTERNAL_ID = 200;
    static final int MAX_TAG = 100;

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final BulkWrites bulk;

    public Contacts(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock, BulkWrites bulk) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.bulk = bulk;
    }

    /** After a bulk write: lets the database plan look-ups for the tables' new size (see {@link BulkWrites}). */
    public void refreshStatistics() {
        bulk.refreshStatistics(List.of("contact", "contact_address", "contact_tag"));
    }

    /** The contact as validated: every field checked and normalised, ready to store. */
    record Valid(RecipientKind kind, String country, String name, String externalId, Map<String, String> tagsByKey,
                         String attributes, List<NormalisedAddress> addresses) {
    }

    /**
     * Creates the contact, or returns the one with the same external id after adding the
     * addresses it lacks.
     *
     * @throws InvalidRequestException naming the field that is missing or malformed
     */
    public SavedContact create(NewContact contact) {
        Valid valid = validate(contact);
        if (valid.externalId() != null) {
            Optional<Long> existing = idByExternalId(valid.externalId());
            if (existing.isPresent()) {
                return new SavedContact(addAddresses(existing.get(), valid.addresses()), false);
            }
        }
        long id;
        try {
            id = transaction.execute(status -> insert(valid));
        } catch (DuplicateKeyException e) {
            // Another request created this external id between our look-up and insert.
            long existing = idByExternalId(valid.externalId()).orElseThrow(() -> e);
            return new SavedContact(addAddresses(existing, valid.addresses()), false);
        }
        return new SavedContact(find(id).orElseThrow(), true);
    }

    /**
     * {@link #create} for many contacts at once, in one transaction and a few statements: what
     * an import uses. Every contact needs an external id. A contact that does not validate is
     * refused alone (the others are stored); the results are in the order given.
     */
    public List<BatchCreated> createAll(List<NewContact> batch) {
        List<CheckedContact> checked = new ArrayList<>(batch.size());
        for (NewContact contact : batch) {
            checked.add(checkForBatch(contact));
        }
        return createAllChecked(checked, false);
    }

    /**
     * Validates a contact for {@link #createAllChecked} without touching the database, so a
     * caller can check the next batch on one thread while the last one is stored on another.
     * A contact that does not validate comes back refused, naming the field.
     */
    public CheckedContact checkForBatch(NewContact contact) {
        try {
            Valid valid = validate(contact);
            if (valid.externalId() == null) {
                throw new InvalidRequestException("externalId", InputProblem.REQUIRED, "required field is missing");
            }
            return new CheckedContact(valid, null);
        } catch (InvalidRequestException e) {
            return new CheckedContact(null, e);
        }
    }

    /**
     * {@link #createAll} for contacts {@link #checkForBatch checked} before.
     *
     * @param expectNew true when the caller expects none of them to exist yet (the first import
     *                  of an export): they are inserted without looking them up first, and
     *                  looked up only if the database refuses a known external id. Either way
     *                  the result is the same; a wrong guess costs one rolled-back attempt.
     */
    public List<BatchCreated> createAllChecked(List<CheckedContact> batch, boolean expectNew) {
        BatchCreated[] results = new BatchCreated[batch.size()];
        Map<String, Integer> byExternalId = new LinkedHashMap<>();
        List<Valid> valid = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            CheckedContact checked = batch.get(i);
            if (checked.refused() != null) {
                results[i] = new BatchCreated(0, false, checked.refused());
            } else if (byExternalId.putIfAbsent(checked.valid().externalId(), valid.size()) != null) {
                results[i] = new BatchCreated(0, false, new InvalidRequestException("externalId", InputProblem.GIVEN_TWICE,
                        "'" + checked.valid().externalId() + "' is given twice in one batch", checked.valid().externalId()));
            } else {
                valid.add(checked.valid());
            }
        }
        Map<String, long[]> stored;
        try {
            stored = transaction.execute(status -> storeAll(valid, expectNew));
        } catch (DuplicateKeyException e) {
            // Some of these external ids existed after all, or another writer created them meanwhile: once more, now finding them.
            stored = transaction.execute(status -> storeAll(valid, false));
        }
        int next = 0;
        for (int i = 0; i < results.length; i++) {
            if (results[i] == null) {
                long[] idAndCreated = stored.get(valid.get(next++).externalId());
                results[i] = new BatchCreated(idAndCreated[0], idAndCreated[1] == 1, null);
            }
        }
        return List.of(results);
    }

    /** The ids of the contacts with these external ids; ids that match no contact are left out. */
    public Map<String, Long> idsByExternalIds(Collection<String> externalIds) {
        Map<String, Long> ids = new HashMap<>();
        List<String> all = List.copyOf(new java.util.LinkedHashSet<>(externalIds));
        for (int from = 0; from < all.size(); from += IN_CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
            jdbc.sql(ContactsSql.IDS_BY_EXTERNAL_IDS).param("externalIds", chunk)
                    .query(row -> {
                        ids.put(row.getString("external_id"), row.getLong("id"));
                    });
        }
        return ids;
    }

    /** Bound parameters per IN list, well under the drivers' limits. */
    private static final int IN_CHUNK = 1_000;

    private static final List<String> CONTACT_COLUMNS = List.of("kind", "country", "name", "external_id", "attributes", "created_at");
    private static final List<String> CONTACT_COLUMNS_WITH_ID =
            List.of("id", "kind", "country", "name", "external_id", "attributes", "created_at");
    private static final List<String> ADDRESS_COLUMNS = List.of("contact_id", "channel", "address", "address_key", "ascii_domain", "added_at");
    private static final List<String> TAG_COLUMNS = List.of("contact_id", "tag", "tag_key");

    /** External id to {id, 1 if created}. */
    private Map<String, long[]> storeAll(List<Valid> valid, boolean expectNew) {
        Map<String, Long> existing = expectNew ? Map.of() : idsByExternalIds(valid.stream().map(Valid::externalId).toList());
        OffsetDateTime now = now();
        List<Valid> fresh = valid.stream().filter(contact -> !existing.containsKey(contact.externalId())).toList();
        List<Object[]> contactRows = new ArrayList<>(fresh.size());
        long[] reserved = bulk.reserveIds("contact", fresh.size());
        Map<String, Long> created = new HashMap<>();
        for (int i = 0; i < fresh.size(); i++) {
            Valid contact = fresh.get(i);
            if (reserved == null) {
                contactRows.add(new Object[] {contact.kind().name(), contact.country(), contact.name(), contact.externalId(),
                        contact.attributes(), now});
            } else {
                contactRows.add(new Object[] {reserved[i], contact.kind().name(), contact.country(), contact.name(), contact.externalId(),
                        contact.attributes(), now});
                created.put(contact.externalId(), reserved[i]);
            }
        }
        bulk.insert("contact", reserved == null ? CONTACT_COLUMNS : CONTACT_COLUMNS_WITH_ID, contactRows);
        if (reserved == null) {
            created = idsByExternalIds(fresh.stream().map(Valid::externalId).toList());
        }
        // Addresses the existing contacts already have are not added again.
        Set<String> present = new HashSet<>();
        List<Long> existingIds = List.copyOf(existing.values());
        for (int from = 0; from < existingIds.size(); from += IN_CHUNK) {
            jdbc.sql(ContactsSql.ADDRESS_KEYS_OF).param("contactIds", existingIds.subList(from, Math.min(existingIds.size(), from + IN_CHUNK)))
                    .query(row -> {
                        present.add(row.getLong("contact_id") + " " + row.getString("channel") + " " + row.getString("address_key"));
                    });
        }
        List<Object[]> addressRows = new ArrayList<>(valid.size() * 2);
        List<Object[]> tagRows = new ArrayList<>();
        Map<String, long[]> result = new HashMap<>();
        for (Valid contact : valid) {
            Long createdId = created.get(contact.externalId());
            long id = createdId != null ? createdId : existing.get(contact.externalId());
            result.put(contact.externalId(), new long[] {id, createdId != null ? 1 : 0});
            for (NormalisedAddress address : contact.addresses()) {
                if (createdId != null || present.add(id + " " + address.channel() + " " + address.key())) {
                    addressRows.add(new Object[] {id, address.channel().name(), address.address(), address.key(), address.asciiDomain(), now});
                }
            }
            if (createdId != null) {
                for (Map.Entry<String, String> tag : contact.tagsByKey().entrySet()) {
                    tagRows.add(new Object[] {id, tag.getValue(), tag.getKey()});
                }
            }
        }
        bulk.insert("contact_address", ADDRESS_COLUMNS, addressRows);
        bulk.insert("contact_tag", TAG_COLUMNS, tagRows);
        return result;
    }

    public Optional<Contact> find(long id) {
        return jdbc.sql(ContactsSql.CONTACT_BY_ID).param("id", id).query(this::contactRow).optional()
                .map(row -> withDetails(List.of(row)).getFirst());
    }

    public Optional<Contact> findByExternalId(String externalId) {
        return idByExternalId(externalId.strip()).flatMap(this::find);
    }

    /**
     * The contacts with this address, compared normalised and case-insensitively. Usually one;
     * more when a shared mailbox or a duplicate customer record put it on several.
     *
     * @throws InvalidRequestException ({@code address}) when it is no address on that channel
     */
    public List<Contact> findByAddress(Channel channel, String address) {
        NormalisedAddress normalised = NormalisedAddress.of("address", channel, address);
        return withDetails(jdbc.sql(ContactsSql.CONTACTS_BY_ADDRESS)
                .param("channel", channel.name())
                .param("addressKey", normalised.key())
                .query(this::contactRow)
                .list());
    }

    /**
     * The next contacts in id order after {@code afterId}, with only their addresses on this
     * channel (null: all of them): a pre-flight walks all of them this way. Erased contacts are
     * left out, as {@link #count()} leaves them out.
     */
    public List<Contact> after(long afterId, int limit, Channel channel) {
        return withDetails(jdbc.sql(ContactsSql.CONTACTS_AFTER).param("after", afterId).param("limit", limit).query(this::contactRow).list(),
                channel);
    }

    /** The contacts with these ids that exist. */
    public Map<Long, Contact> byIds(Collection<Long> ids) {
        Map<Long, Contact> found = new HashMap<>();
        List<Long> all = List.copyOf(new java.util.LinkedHashSet<>(ids));
        for (int from = 0; from < all.size(); from += IN_CHUNK) {
            List<Long> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
            withDetails(jdbc.sql(ContactsSql.CONTACTS_BY_IDS).param("ids", chunk).query(this::contactRow).list())
                    .forEach(contact -> found.put(contact.id(), contact));
        }
        return found;
    }

    /**
     * The form in which two spellings of one address compare equal (what look-ups compare): the
     * whole address in lower case with an e-mail domain as A-label, or E.164.
     *
     * @param field the field to name when the address is malformed
     * @throws InvalidRequestException (that field) when it is no address on that channel
     */
    public static String addressKey(String field, Channel channel, String address) {
        return NormalisedAddress.of(field, channel, address).key();
    }

    /**
     * Locks a contact for its erasure and returns it with all its addresses, so no address is
     * added between reading them and deleting them.
     *
     * @throws UnknownContactException when there is no such contact, or it was erased before
     */
    public Contact lockForErasure(long id) {
        return transaction.execute(status -> {
            jdbc.sql(ContactsSql.LOCK_CONTACT).param("id", id).query(Long.class).optional()
                    .orElseThrow(() -> new UnknownContactException(id));
            return find(id).orElseThrow(() -> new UnknownContactException(id));
        });
    }

    /**
     * Removes the contact's personal data (AVG 17): its addresses and tags are deleted; its name,
     * external id and attributes blanked. The row stays, without personal data, marked erased:
     * the ledger and stored decisions name its id, and the ledger's hash chain covers that id.
     * From then on nothing here finds it, and its external id is free for a new contact.
     *
     * @throws UnknownContactException when there is no such contact, or it was erased before
     */
    public void erase(long id) {
        transaction.executeWithoutResult(status -> {
            jdbc.sql(ContactsSql.DELETE_ADDRESSES).param("id", id).update();
            jdbc.sql(ContactsSql.DELETE_TAGS).param("id", id).update();
            if (jdbc.sql(ContactsSql.ERASE_CONTACT).param("id", id).param("now", now()).update() == 0) {
                throw new UnknownContactException(id);
            }
        });
    }

    /** How many contacts there are, erased ones not counted. */
    public long count() {
        return jdbc.sql(ContactsSql.COUNT_ALL).query(Long.class).single();
    }

    public boolean exists(long id) {
        return jdbc.sql(ContactsSql.EXISTS).param("id", id).query(Long.class).single() > 0;
    }

    public ContactPage list(ContactQuery query) {
        String pattern = query.text() == null ? "%" : "%" + likeEscaped(query.text().toLowerCase(Locale.ROOT)) + "%";
        String tagKey = query.tag() == null ? "" : Topics.key(query.tag());
        long total = jdbc.sql(ContactsSql.COUNT)
                .param("anyText", query.text() == null)
                .param("pattern", pattern)
                .param("anyTag", query.tag() == null)
                .param("tagKey", tagKey)
                .query(Long.class).single();
        List<ContactRow> rows = jdbc.sql(ContactsSql.LIST)
                .param("anyText", query.text() == null)
                .param("pattern", pattern)
                .param("anyTag", query.tag() == null)
                .param("tagKey", tagKey)
                .param("limit", query.size())
                .param("offset", (long) query.page() * query.size())
                .query(this::contactRow)
                .list();
        return new ContactPage(withDetails(rows), query.page(), query.size(), total);
    }

    // --- validation

    private Valid validate(NewContact contact) {
        if (contact.kind() == null) {
            throw new InvalidRequestException("kind", InputProblem.REQUIRED, "required field is missing");
        }
        if (contact.country() == null) {
            throw new InvalidRequestException("country", InputProblem.REQUIRED, "required field is missing");
        }
        String country = DecisionRequestJson.country("country", contact.country());
        String name = optionalText("name", contact.name(), MAX_NAME);
        String externalId = optionalText("externalId", contact.externalId(), MAX_EXTERNAL_ID);
        if (contact.externalId() != null && externalId == null) {
            throw new InvalidRequestException("externalId", "cannot be blank; leave it out for a contact without one");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < contact.tags().size(); i++) {
            String tag = optionalText("tags[" + i + "]", contact.tags().get(i), MAX_TAG);
            if (tag == null) {
                throw new InvalidRequestException("tags[" + i + "]", InputProblem.BLANK_ENTRY, "a tag cannot be blank");
            }
            tags.putIfAbsent(Topics.key(tag), tag);
        }
        return new Valid(contact.kind(), country, name, externalId, tags, attributes(contact.attributes()),
                addresses(contact.addresses()));
    }

    private static String optionalText(String field, String text, int maxLength) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String stripped = text.strip();
        if (stripped.length() > maxLength) {
            throw new InvalidRequestException(field, InputProblem.TOO_LONG, "is longer than " + maxLength + " characters", maxLength);
        }
        return StorableText.check(field, stripped);
    }

    /** The attributes as compact JSON text; they must form one object. */
    private static String attributes(String json) {
        if (json == null || json.isBlank()) {
            return "{}";
        }
        JsonNode tree;
        try {
            tree = JsonObjectFields.tree(json.getBytes(StandardCharsets.UTF_8));
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException("attributes", e.problem());
        }
        if (!tree.isObject()) {
            throw new InvalidRequestException("attributes", "expected a JSON object of free fields");
        }
        return StorableText.check("attributes", tree.toString());
    }

    private static List<NormalisedAddress> addresses(List<NewAddress> addresses) {
        Map<String, NormalisedAddress> byKey = new LinkedHashMap<>();
        for (int i = 0; i < addresses.size(); i++) {
            NewAddress address = addresses.get(i);
            String field = "addresses[" + i + "]";
            if (address == null) {
                throw new InvalidRequestException(field, "expected an address");
            }
            if (address.channel() == null) {
                throw new InvalidRequestException(field + ".channel", InputProblem.REQUIRED, "required field is missing");
            }
            if (address.address() == null) {
                throw new InvalidRequestException(field + ".address", InputProblem.REQUIRED, "required field is missing");
            }
            NormalisedAddress normalised = NormalisedAddress.of(field + ".address", address.channel(), address.address());
            byKey.putIfAbsent(normalised.channel() + " " + normalised.key(), normalised);
        }
        return List.copyOf(byKey.values());
    }

    // --- writing

    private long insert(Valid contact) {
        OffsetDateTime now = now();
        var keyHolder = new GeneratedKeyHolder();
        jdbc.sql(ContactsSql.INSERT_CONTACT)
                .param("kind", contact.kind().name())
                .param("country", contact.country())
                .param("name", contact.name())
                .param("externalId", contact.externalId())
                .param("attributes", contact.attributes())
                .param("now", now)
                .update(keyHolder, "id");
        long id = keyHolder.getKeyAs(Number.class).longValue();
        contact.tagsByKey().forEach((key, tag) -> jdbc.sql(ContactsSql.INSERT_TAG)
                .param("contactId", id)
                .param("tag", tag)
                .param("tagKey", key)
                .update());
        for (NormalisedAddress address : contact.addresses()) {
            insertAddress(id, address, now);
        }
        return id;
    }

    private Contact addAddresses(long id, List<NormalisedAddress> addresses) {
        transaction.executeWithoutResult(status -> {
            jdbc.sql(ContactsSql.LOCK_CONTACT).param("id", id).query(Long.class).single();
            Set<String> present = new HashSet<>(jdbc.sql(ContactsSql.ADDRESS_KEYS)
                    .param("contactId", id)
                    .query((row, n) -> row.getString("channel") + " " + row.getString("address_key"))
                    .list());
            OffsetDateTime now = now();
            for (NormalisedAddress address : addresses) {
                if (present.add(address.channel() + " " + address.key())) {
                    insertAddress(id, address, now);
                }
            }
        });
        return find(id).orElseThrow();
    }

    private void insertAddress(long contactId, NormalisedAddress address, OffsetDateTime now) {
        jdbc.sql(ContactsSql.INSERT_ADDRESS)
                .param("contactId", contactId)
                .param("channel", address.channel().name())
                .param("address", address.address())
                .param("addressKey", address.key())
                .param("asciiDomain", address.asciiDomain())
                .param("now", now)
                .update();
    }

    /** Database time precision is microseconds; truncating first makes what we keep what we read. */
    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    // --- reading

    private Optional<Long> idByExternalId(String externalId) {
        return jdbc.sql(ContactsSql.ID_BY_EXTERNAL_ID).param("externalId", externalId).query(Long.class).optional();
    }

    /** The contact table's columns; addresses and tags are added for a whole page at once. */
    private record ContactRow(long id, RecipientKind kind, String country, String name, String externalId, String attributes,
                              Instant createdAt) {
    }

    private ContactRow contactRow(ResultSet row, int n) throws SQLException {
        return new ContactRow(row.getLong("id"), RecipientKind.valueOf(row.getString("kind")), row.getString("country"),
                row.getString("name"), row.getString("external_id"), row.getString("attributes"), instant(row, "created_at"));
    }

    private List<Contact> withDetails(List<ContactRow> rows) {
        return withDetails(rows, null);
    }

    /** @param channel only the addresses on this channel; null: all */
    private List<Contact> withDetails(List<ContactRow> rows, Channel channel) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Collection<Long> ids = rows.stream().map(ContactRow::id).toList();
        Map<Long, List<ContactAddress>> addresses = new HashMap<>();
        jdbc.sql(ContactsSql.ADDRESSES_OF_ON).param("contactIds", ids).param("anyChannel", channel == null)
                .param("channel", channel == null ? "" : channel.name()).query(row -> {
            addresses.computeIfAbsent(row.getLong("contact_id"), id -> new ArrayList<>()).add(new ContactAddress(
                    Channel.valueOf(row.getString("channel")), row.getString("address"), row.getString("ascii_domain"),
                    instant(row, "added_at")));
        });
        Map<Long, List<String>> tags = new HashMap<>();
        jdbc.sql(ContactsSql.TAGS_OF).param("contactIds", ids).query(row -> {
            tags.computeIfAbsent(row.getLong("contact_id"), id -> new ArrayList<>()).add(row.getString("tag"));
        });
        return rows.stream().map(row -> new Contact(row.id(), row.kind(), row.country(), row.name(), row.externalId(),
                tags.getOrDefault(row.id(), List.of()), row.attributes(), row.createdAt(),
                addresses.getOrDefault(row.id(), List.of()))).toList();
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }

    /** Makes a user's text match literally in LIKE: % and _ are letters in a name or address. */
    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
