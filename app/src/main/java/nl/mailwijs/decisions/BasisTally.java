package nl.mailwijs.decisions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

import nl.mailwijs.contacts.Contacts;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.engine.decision.Basis;
import nl.mailwijs.engine.decision.Decision;
import nl.mailwijs.engine.decision.Denial;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.Purpose;

/**
 * The overview's figures over every contact: per channel, of the contacts with an address on it,
 * how many may be mailed about what they bought now and on what basis, how many may not and why,
 * and whose basis lapses this month. Every contact is decided as its contact page decides it
 * ({@link ContactDecisions#basisOfEveryContact}); only the counts are kept, and nothing is stored.
 */
@Service
public class BasisTally {

    /**
     * One channel's figures.
     *
     * @param total   contacts with an address on the channel
     * @param byBasis the allowed ones per basis, in the order of {@link Basis}
     * @param byDenial the others per reason, in the order of {@link Denial}
     * @param lapsing the allowed ones whose basis lapses before the end of the month
     */
    public record ChannelCount(Channel channel, long total, long allowed, Map<Basis, Long> byBasis, Map<Denial, Long> byDenial,
                               long lapsing) {

        /** The share of the channel's contacts, in whole percent; at least 1 for any, so a few still show. */
        public long percent(long count) {
            return total == 0 || count == 0 ? 0 : Math.max(1, Math.round(count * 100.0 / total));
        }
    }

    /**
     * A tally over all contacts.
     *
     * @param decidedAt     the moment every contact was decided for
     * @param lapsingBefore the end of that moment's month: a basis valid until before then lapses this month
     * @param contacts      the contacts read (erased ones are not counted)
     * @param channels      per channel that any contact has an address on, in the order of {@link Channel}
     * @param took          how long reading and deciding took
     */
    public record Result(Instant decidedAt, Instant lapsingBefore, long contacts, List<ChannelCount> channels, Duration took) {

        public Result {
            channels = List.copyOf(channels);
        }
    }

    /** Hears how far a tally is: contacts read of about how many there are. */
    @FunctionalInterface
    public interface Progress {
        void read(long contacts, long of);
    }

    private final ContactDecisions decisions;
    private final Contacts contacts;
    private final Clock clock;

    BasisTally(ContactDecisions decisions, Contacts contacts, Clock clock) {
        this.decisions = decisions;
        this.contacts = contacts;
        this.clock = clock;
    }

    /**
     * Decides every contact now and counts.
     *
     * @param zone where "this month" is (the sender's time zone)
     * @throws InvalidRequestException when there are no sender settings yet
     */
    public Result count(ZoneId zone, Progress progress) {
        long started = System.nanoTime();
        Instant now = clock.instant();
        Instant endOfMonth = YearMonth.from(now.atZone(zone)).plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        // Counted first, for the progress: contacts added while the tally runs may still be read, so "of" grows with them.
        long expected = contacts.count();
        progress.read(0, expected);
        Map<Channel, Counts> counts = new EnumMap<>(Channel.class);
        long read = decisions.basisOfEveryContact(Purpose.COMMERCIAL, now, made -> made.forEach(one ->
                counts.computeIfAbsent(one.channel(), channel -> new Counts()).add(one.decision(), endOfMonth)),
                done -> progress.read(done, Math.max(done, expected)));
        List<ChannelCount> channels = new ArrayList<>();
        counts.forEach((channel, count) -> channels.add(count.of(channel)));
        return new Result(now, endOfMonth, read, channels, Duration.ofNanos(System.nanoTime() - started));
    }

    private static final class Counts {
        long total;
        long allowed;
        long lapsing;
        final Map<Basis, Long> byBasis = new EnumMap<>(Basis.class);
        final Map<Denial, Long> byDenial = new EnumMap<>(Denial.class);

        void add(Decision decision, Instant lapsingBefore) {
            total++;
            if (decision.allowed()) {
                allowed++;
                byBasis.merge(decision.basis(), 1L, Long::sum);
                if (decision.basisValidUntil() != null && decision.basisValidUntil().isBefore(lapsingBefore)) {
                    lapsing++;
                }
            } else {
                byDenial.merge(decision.denial(), 1L, Long::sum);
            }
        }

        ChannelCount of(Channel channel) {
            return new ChannelCount(channel, total, allowed, Collections.unmodifiableMap(new LinkedHashMap<>(byBasis)),
                    Collections.unmodifiableMap(new LinkedHashMap<>(byDenial)), lapsing);
        }
    }
}
