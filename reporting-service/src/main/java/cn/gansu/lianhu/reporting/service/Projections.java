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
                events_applied = events_applied + ?
            where topic = ?""";

    private Projections() {
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
     * Moves the topic's freshness to the latest event time of the applied events and counts them.
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
