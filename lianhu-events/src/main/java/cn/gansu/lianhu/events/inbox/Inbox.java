package cn.gansu.lianhu.events.inbox;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.hibernate.Session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Remembers which events a consumer has applied, so redelivery after a crash or a rebalance applies
 * nothing twice (DESIGN.md §3). Call {@link #firstDelivery} in the same transaction as the event's
 * effect: if that transaction rolls back, so does the mark.
 */
@ApplicationScoped
public class Inbox {

    @Inject
    EntityManager em;

    /**
     * @return true if this event id has not been applied by {@code consumer} before (and marks it);
     *         false for a duplicate, whose effect the caller must skip
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(UUID eventId, String consumer) {
        int inserted = em.createNativeQuery(
                "insert into processed_event (event_id, consumer, processed_at) values (?1, ?2, ?3) "
                        + "on conflict (event_id) do nothing")
                .setParameter(1, eventId)
                .setParameter(2, consumer)
                .setParameter(3, OffsetDateTime.now())
                .executeUpdate();
        return inserted == 1;
    }

    /**
     * {@link #firstDelivery} for a whole polled batch in one JDBC batch (per-event round trips make 400,000
     * events take far too long).
     *
     * @return for each id, in order, true if it is delivered for the first time; an id repeated inside the
     *         batch is true only at its first place
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean[] firstDeliveries(List<UUID> eventIds, String consumer) {
        boolean[] fresh = new boolean[eventIds.size()];
        if (eventIds.isEmpty()) {
            return fresh;
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement mark = connection.prepareStatement(
                    "insert into processed_event (event_id, consumer, processed_at) values (?, ?, ?) "
                            + "on conflict (event_id) do nothing")) {
                Timestamp now = Timestamp.from(Instant.now());
                for (UUID id : eventIds) {
                    mark.setObject(1, id);
                    mark.setString(2, consumer);
                    mark.setTimestamp(3, now);
                    mark.addBatch();
                }
                int[] inserted = mark.executeBatch();
                for (int i = 0; i < inserted.length; i++) {
                    fresh[i] = inserted[i] == 1;
                }
            }
        });
        return fresh;
    }
}
