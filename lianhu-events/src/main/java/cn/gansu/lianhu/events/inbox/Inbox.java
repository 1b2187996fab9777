package cn.gansu.lianhu.events.inbox;

import java.time.OffsetDateTime;
import java.util.UUID;

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
}
