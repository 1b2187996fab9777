package cn.gansu.lianhu.visit.service;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import cn.gansu.lianhu.events.contract.CloudEvent;
import cn.gansu.lianhu.events.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

/**
 * Writes several outbox events of one transaction in one statement (issue 7: one round trip instead of one per
 * event). The rows are those {@link Outbox#publish} writes — the envelope from {@link Outbox#envelope}, its JSON from
 * {@link Outbox#toJson}, {@code created_at} = the event time — in the order given, so the relay publishes them in that
 * order ({@code outbox_event.id} is assigned row by row).
 */
@ApplicationScoped
public class OutboxRows {

    /** An event to write: as the arguments of {@link Outbox#publish}. */
    public record Pending(String topic, String key, String type, Object data) {
    }

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    /** Writes the events in the caller's transaction, in list order, and wakes the relay when it commits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(List<Pending> events) {
        if (events.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder(
                "insert into outbox_event (event_id, topic, event_key, event_type, payload, created_at) values ");
        for (int i = 0; i < events.size(); i++) {
            int p = i * 6;
            sql.append(i == 0 ? "" : ", ").append("(?").append(p + 1).append(", ?").append(p + 2).append(", ?")
                    .append(p + 3).append(", ?").append(p + 4).append(", ?").append(p + 5).append(", ?").append(p + 6)
                    .append(')');
        }
        Query insert = em.createNativeQuery(sql.toString());
        Set<String> topics = new LinkedHashSet<>();
        for (int i = 0; i < events.size(); i++) {
            Pending e = events.get(i);
            CloudEvent event = outbox.envelope(e.type(), e.key(), e.data());
            int p = i * 6;
            insert.setParameter(p + 1, UUID.fromString(event.id())).setParameter(p + 2, e.topic())
                    .setParameter(p + 3, e.key()).setParameter(p + 4, e.type())
                    .setParameter(p + 5, outbox.toJson(event)).setParameter(p + 6, event.time());
            topics.add(e.topic());
        }
        insert.executeUpdate();
        topics.forEach(outbox::notifyWritten);
    }
}
