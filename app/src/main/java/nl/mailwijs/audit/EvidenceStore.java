package nl.mailwijs.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.Consent;
import nl.mailwijs.engine.request.ConsentMethod;
import nl.mailwijs.engine.request.Evidence;
import nl.mailwijs.engine.request.Interaction;
import nl.mailwijs.engine.request.InteractionType;
import nl.mailwijs.engine.request.Objection;
import nl.mailwijs.engine.request.ObjectionRoute;
import nl.mailwijs.engine.request.ObtainedBy;
import nl.mailwijs.engine.request.Proof;
import nl.mailwijs.engine.request.Purchase;

/**
 * The evidence of every contact, held column-wise in primitive arrays: per row a few ints and
 * longs, ids as bytes, repeated lists and wordings interned. The engine's records are made
 * only for the contact being decided and dropped right after.
 *
 * <p>Rows are appended in the order of their file, then {@link #seal sealed}: sorted by contact
 * (stably, so each contact's rows keep their file order). Contacts are numbered in the order of
 * the contacts file, so the audit, which goes through that file from top to bottom, reads the
 * evidence from start to end too, instead of jumping through a few hundred megabytes at random,
 * which made fetching the evidence cost more than deciding on it. Filled on one thread; after
 * sealing, read by many and never changed.
 */
final class EvidenceStore {

    /** Set on an objection's channel mask for {@code ALL} (or no channel named). */
    static final int ALL_CHANNELS = 1 << 7;
    private static final List<Set<Channel>> CHANNEL_SETS = channelSets();
    private static final Proof[] PROOFS = Proof.values();
    private static final ConsentMethod[] METHODS = ConsentMethod.values();
    private static final ObtainedBy[] OBTAINERS = ObtainedBy.values();
    private static final ObjectionRoute[] ROUTES = ObjectionRoute.values();
    private static final InteractionType[] INTERACTION_TYPES = InteractionType.values();

    private final InternTable<List<String>> lists = new InternTable<>(text -> List.copyOf(Values.list(text)));
    private final InternTable<String> wordings = new InternTable<>(text -> text);

    final Purchases purchases = new Purchases();
    final Consents consents = new Consents();
    final Objections objections = new Objections();
    final Interactions interactions = new Interactions();

    /** Everything known about one contact, in file order, as the engine takes it. Only after {@link #seal}. */
    Evidence evidenceOf(int contact) {
        return new Evidence(consents.of(contact), purchases.of(contact), interactions.of(contact), objections.of(contact));
    }

    /** Orders every table by contact; {@code contacts} is the number of contacts there are. */
    void seal(int contacts) {
        purchases.seal(contacts);
        consents.seal(contacts);
        objections.seal(contacts);
        interactions.seal(contacts);
    }

    int listRef(String raw) {
        String text = raw.strip();
        return text.isEmpty() ? -1 : lists.intern(text);
    }

    int wordingRef(String raw) {
        return raw.isBlank() ? -1 : wordings.intern(raw.strip());
    }

    static int channelMask(Set<Channel> channels) {
        int mask = 0;
        for (Channel channel : channels) {
            mask |= 1 << channel.ordinal();
        }
        return mask;
    }

    private List<String> list(int ref) {
        return ref < 0 ? List.of() : lists.get(ref);
    }

    private static Instant time(long millis) {
        return millis == Values.NO_TIME ? null : Instant.ofEpochMilli(millis);
    }

    private static byte ordinal(Enum<?> value) {
        return value == null ? -1 : (byte) value.ordinal();
    }

    /** The constant with that ordinal, null for -1 (no value). */
    private static <E extends Enum<E>> E constant(E[] constants, byte ordinal) {
        return ordinal < 0 ? null : constants[ordinal];
    }

    private static List<Set<Channel>> channelSets() {
        List<Set<Channel>> sets = new ArrayList<>();
        for (int mask = 0; mask < 1 << Channel.values().length; mask++) {
            EnumSet<Channel> set = EnumSet.noneOf(Channel.class);
            for (Channel channel : Channel.values()) {
                if ((mask & 1 << channel.ordinal()) != 0) {
                    set.add(channel);
                }
            }
            sets.add(Set.copyOf(set));
        }
        return List.copyOf(sets);
    }

    /**
     * What every table shares: the contact of each row (until sealed), the line it came from,
     * its id as bytes, and after sealing where each contact's rows start.
     */
    abstract static class Table {

        private static final int INITIAL_CAPACITY = 1 << 10;

        private String source = "";
        private int size;
        /** The length of every column array; the subclasses size theirs by it. */
        int capacity = INITIAL_CAPACITY;
        private int[] contact = new int[INITIAL_CAPACITY];
        private int[] line = new int[INITIAL_CAPACITY];
        /** Index into {@link #ids}, or -1 when the row has no id of its own. */
        private int[] id = new int[INITIAL_CAPACITY];
        private TextColumn ids = new TextColumn();
        /** After sealing: contact c's rows are {@code start[c]} up to {@code start[c + 1]}. */
        private int[] start;

        /** The file the rows came from, used in ids made from a line. */
        void source(String name) {
            source = name;
        }

        /** Starts a row for the contact and returns its number; the subclass then fills its columns. */
        int append(int contactIndex, int lineNumber, String rowId) {
            if (start != null) {
                throw new IllegalStateException("sealed: no rows can be added");
            }
            if (size == capacity) {
                capacity *= 2;
                contact = Arrays.copyOf(contact, capacity);
                line = Arrays.copyOf(line, capacity);
                id = Arrays.copyOf(id, capacity);
                grow(capacity);
            }
            int row = size++;
            contact[row] = contactIndex;
            line[row] = lineNumber;
            id[row] = rowId.isEmpty() ? -1 : ids.add(rowId);
            return row;
        }

        abstract void grow(int newCapacity);

        /**
         * Moves every column into contact order: row r goes to {@code position[r]}. A counting
         * sort, stable, so each contact's rows keep the order of the file.
         */
        void seal(int contacts) {
            int[] begin = new int[contacts + 1];
            for (int row = 0; row < size; row++) {
                begin[contact[row] + 1]++;
            }
            for (int c = 0; c < contacts; c++) {
                begin[c + 1] += begin[c];
            }
            int[] next = Arrays.copyOf(begin, contacts);
            int[] position = new int[size];
            for (int row = 0; row < size; row++) {
                position[row] = next[contact[row]]++;
            }
            line = permute(line, position);
            int[] idRefs = new int[size];
            int[] rowAt = new int[size];
            for (int row = 0; row < size; row++) {
                rowAt[position[row]] = row;
            }
            TextColumn sortedIds = new TextColumn();
            for (int at = 0; at < size; at++) {
                int ref = id[rowAt[at]];
                idRefs[at] = ref < 0 ? -1 : sortedIds.addFrom(ids, ref);
            }
            id = idRefs;
            ids = sortedIds;
            permuteColumns(position);
            contact = null;
            capacity = size;
            start = begin;
        }

        abstract void permuteColumns(int[] position);

        /** The first of the contact's rows; the rows run up to {@link #end}. */
        int begin(int contactIndex) {
            return start[contactIndex];
        }

        int end(int contactIndex) {
            return start[contactIndex + 1];
        }

        /** The row's id, or where it is ({@code purchases.csv:17}) when its file gave none. */
        String idOf(int row) {
            return id[row] < 0 ? source + ":" + line[row] : ids.get(id[row]);
        }

        static int[] permute(int[] values, int[] position) {
            int[] sorted = new int[position.length];
            for (int row = 0; row < position.length; row++) {
                sorted[position[row]] = values[row];
            }
            return sorted;
        }

        static long[] permute(long[] values, int[] position) {
            long[] sorted = new long[position.length];
            for (int row = 0; row < position.length; row++) {
                sorted[position[row]] = values[row];
            }
            return sorted;
        }

        static byte[] permute(byte[] values, int[] position) {
            byte[] sorted = new byte[position.length];
            for (int row = 0; row < position.length; row++) {
                sorted[position[row]] = values[row];
            }
            return sorted;
        }
    }

    final class Purchases extends Table {

        private static final byte COLLECTED_IN_SALE = 1;
        private static final byte OBJECTION_OFFERED = 2;

        private long[] date = new long[capacity];
        private int[] categories = new int[capacity];
        private byte[] proof = new byte[capacity];
        private byte[] flags = new byte[capacity];

        void add(int contactIndex, int lineNumber, String orderId, long dateMillis, String rawCategories, Proof proofOf,
                 boolean collectedInSale, boolean offered) {
            int row = append(contactIndex, lineNumber, orderId);
            date[row] = dateMillis;
            categories[row] = listRef(rawCategories);
            proof[row] = ordinal(proofOf);
            flags[row] = (byte) ((collectedInSale ? COLLECTED_IN_SALE : 0) | (offered ? OBJECTION_OFFERED : 0));
        }

        @Override
        void grow(int newCapacity) {
            date = Arrays.copyOf(date, newCapacity);
            categories = Arrays.copyOf(categories, newCapacity);
            proof = Arrays.copyOf(proof, newCapacity);
            flags = Arrays.copyOf(flags, newCapacity);
        }

        @Override
        void permuteColumns(int[] position) {
            date = permute(date, position);
            categories = permute(categories, position);
            proof = permute(proof, position);
            flags = permute(flags, position);
        }

        List<Purchase> of(int contactIndex) {
            int from = begin(contactIndex);
            int to = end(contactIndex);
            if (from == to) {
                return List.of();
            }
            List<Purchase> purchases = new ArrayList<>(to - from);
            for (int row = from; row < to; row++) {
                purchases.add(new Purchase(idOf(row), time(date[row]), list(categories[row]), constant(PROOFS, proof[row]),
                        (flags[row] & COLLECTED_IN_SALE) != 0, (flags[row] & OBJECTION_OFFERED) != 0));
            }
            return purchases;
        }
    }

    final class Consents extends Table {

        private long[] givenAt = new long[capacity];
        private long[] confirmedAt = new long[capacity];
        private long[] withdrawnAt = new long[capacity];
        private byte[] channels = new byte[capacity];
        private int[] topics = new int[capacity];
        private byte[] method = new byte[capacity];
        private byte[] obtainedBy = new byte[capacity];
        private int[] wording = new int[capacity];

        void add(int contactIndex, int lineNumber, String consentId, long given, Set<Channel> channelSet, String rawTopics,
                 ConsentMethod methodOf, ObtainedBy obtainer, String wordingText, long confirmed, long withdrawn) {
            int row = append(contactIndex, lineNumber, consentId);
            givenAt[row] = given;
            confirmedAt[row] = confirmed;
            withdrawnAt[row] = withdrawn;
            channels[row] = (byte) channelMask(channelSet);
            topics[row] = listRef(rawTopics);
            method[row] = ordinal(methodOf);
            obtainedBy[row] = ordinal(obtainer);
            wording[row] = wordingRef(wordingText);
        }

        @Override
        void grow(int newCapacity) {
            givenAt = Arrays.copyOf(givenAt, newCapacity);
            confirmedAt = Arrays.copyOf(confirmedAt, newCapacity);
            withdrawnAt = Arrays.copyOf(withdrawnAt, newCapacity);
            channels = Arrays.copyOf(channels, newCapacity);
            topics = Arrays.copyOf(topics, newCapacity);
            method = Arrays.copyOf(method, newCapacity);
            obtainedBy = Arrays.copyOf(obtainedBy, newCapacity);
            wording = Arrays.copyOf(wording, newCapacity);
        }

        @Override
        void permuteColumns(int[] position) {
            givenAt = permute(givenAt, position);
            confirmedAt = permute(confirmedAt, position);
            withdrawnAt = permute(withdrawnAt, position);
            channels = permute(channels, position);
            topics = permute(topics, position);
            method = permute(method, position);
            obtainedBy = permute(obtainedBy, position);
            wording = permute(wording, position);
        }

        List<Consent> of(int contactIndex) {
            int from = begin(contactIndex);
            int to = end(contactIndex);
            if (from == to) {
                return List.of();
            }
            List<Consent> consents = new ArrayList<>(to - from);
            for (int row = from; row < to; row++) {
                consents.add(new Consent(idOf(row), time(givenAt[row]), CHANNEL_SETS.get(channels[row]), list(topics[row]),
                        constant(METHODS, method[row]), constant(OBTAINERS, obtainedBy[row]),
                        wording[row] < 0 ? null : wordings.get(wording[row]), time(confirmedAt[row]), time(withdrawnAt[row])));
            }
            return consents;
        }
    }

    final class Objections extends Table {

        private long[] at = new long[capacity];
        private byte[] channels = new byte[capacity];
        private int[] topics = new int[capacity];
        private byte[] via = new byte[capacity];

        /** @param channelMask from {@link #channelMask}, or {@link #ALL_CHANNELS} */
        void add(int contactIndex, int lineNumber, String objectionId, long atMillis, int channelMask, String rawTopics,
                 ObjectionRoute route) {
            int row = append(contactIndex, lineNumber, objectionId);
            at[row] = atMillis;
            channels[row] = (byte) channelMask;
            topics[row] = listRef(rawTopics);
            via[row] = ordinal(route);
        }

        @Override
        void grow(int newCapacity) {
            at = Arrays.copyOf(at, newCapacity);
            channels = Arrays.copyOf(channels, newCapacity);
            topics = Arrays.copyOf(topics, newCapacity);
            via = Arrays.copyOf(via, newCapacity);
        }

        @Override
        void permuteColumns(int[] position) {
            at = permute(at, position);
            channels = permute(channels, position);
            topics = permute(topics, position);
            via = permute(via, position);
        }

        List<Objection> of(int contactIndex) {
            int from = begin(contactIndex);
            int to = end(contactIndex);
            if (from == to) {
                return List.of();
            }
            List<Objection> objections = new ArrayList<>(to - from);
            for (int row = from; row < to; row++) {
                int mask = channels[row] & 0xff;
                objections.add(new Objection(idOf(row), time(at[row]), (mask & ALL_CHANNELS) != 0,
                        CHANNEL_SETS.get(mask & ~ALL_CHANNELS), list(topics[row]), constant(ROUTES, via[row])));
            }
            return objections;
        }
    }

    final class Interactions extends Table {

        private byte[] type = new byte[capacity];
        private long[] date = new long[capacity];

        void add(int contactIndex, int lineNumber, InteractionType typeOf, long dateMillis) {
            int row = append(contactIndex, lineNumber, "");
            type[row] = ordinal(typeOf);
            date[row] = dateMillis;
        }

        @Override
        void grow(int newCapacity) {
            type = Arrays.copyOf(type, newCapacity);
            date = Arrays.copyOf(date, newCapacity);
        }

        @Override
        void permuteColumns(int[] position) {
            type = permute(type, position);
            date = permute(date, position);
        }

        List<Interaction> of(int contactIndex) {
            int from = begin(contactIndex);
            int to = end(contactIndex);
            if (from == to) {
                return List.of();
            }
            List<Interaction> interactions = new ArrayList<>(to - from);
            for (int row = from; row < to; row++) {
                interactions.add(new Interaction(idOf(row), constant(INTERACTION_TYPES, type[row]), time(date[row])));
            }
            return interactions;
        }
    }
}
