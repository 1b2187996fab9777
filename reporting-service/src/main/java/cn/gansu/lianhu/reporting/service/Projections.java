package cn.gansu.lianhu.reporting.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import cn.gansu.lianhu.events.inbox.Inbox;

/**
 * What every projection of reporting does the same way (DESIGN.md §3): keep only the first delivery of each event
 * (inbox, {@code processed_event}) and record how fresh its topic's read models are ({@code read_model_freshness}).
 */
final class Projections {

    private static final String FRESHNESS = """
            update read_model_freshness set last_event_time = greatest(last_event_time, ?),
                events_applied = events_applied + ?, changes = changes + 1
            where topic = ?""";

    /** Transaction-level advisory lock key shared by the pairing and visit projections ("LHPV"). */
    private static final long PAIRING_VISIT_LOCK = 0x4C48_5056L;

    private Projections() {
    }

    /**
     * Serialises, until the current transaction ends, the writes that derive {@code pairing.last_in_person_on}: a
     * pairing row written for the first time reads it from the visits held, and a visit recomputes it on the
     * pairing rows held. Pairing and visit events come from different topics and consumers; without the lock a new
     * pairing and its first visit committed concurrently would each miss the other (under READ COMMITTED), leaving
     * the pairing without its visit, as seen in a rebuild from the log. The lock is taken before either reads.
     */
    static void lockPairingVisits(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(?)")) {
            lock.setLong(1, PAIRING_VISIT_LOCK);
            lock.executeQuery().close();
        }
    }

    /** The events of a batch delivered for the first time to {@code consumer}, in their order (marks them). */
    static <E> List<E> firstDeliveries(Inbox inbox, String consumer, List<E> events, Function<E, UUID> id) {
        boolean[] first = inbox.firstDeliveries(events.stream().map(id).toList(), consumer);
        List<E> fresh = new ArrayList<>(events.size());
        for (int i = 0; i < first.length; i++) {
            if (first[i]) {
                fresh.add(events.get(i));
            }
        }
        return fresh;
    }

    /**
     * Moves the topic's freshness to the latest event time of the applied events, counts them, and adds 1 to the
     * topic's change counter (the inputs version of the cached reports, {@link ReportCache}), in the caller's
     * transaction: the counter moves exactly when the writes it stands for commit.
     *
     * @param times the event times of the applied events (may be empty: nothing changes then)
     */
    static void freshness(Connection connection, String topic, List<OffsetDateTime> times) throws SQLException {
        if (times.isEmpty()) {
            return;
        }
        OffsetDateTime latest = times.stream().max(OffsetDateTime::compareTo).orElseThrow();
        try (PreparedStatement freshness = connection.prepareStatement(FRESHNESS)) {
            freshness.setObject(1, latest);
            freshness.setLong(2, times.size());
            freshness.setString(3, topic);
            freshness.executeUpdate();
        }
    }
}
