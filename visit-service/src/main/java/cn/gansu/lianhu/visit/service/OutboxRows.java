package cn.gansu.lianhu.visit.service;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import cn.gansu.lianhu.events.contract.CloudEvent;
import cn.gansu.lianhu.events.correlation.CorrelationId;
import cn.gansu.lianhu.events.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
    Outbox outbox;

    /**
     * The insert of the events (one row each, in list order), for the caller to run in its transaction (e.g. with
     * {@link RoundTrip}); then call {@link #notifyWritten}.
     */
    public RoundTrip.Statement statement(List<Pending> events) {
        // the request's correlation id goes with each row, as with Outbox#publish (issue 9 point 5); the column's
        // default (setting lianhu.correlation_id, else null) when there is none
        String correlationId = CorrelationId.current();
        StringBuilder sql = new StringBuilder("insert into outbox_event (event_id, topic, event_key, event_type, payload,"
                + " created_at, correlation_id) values ");
        List<Object> params = new ArrayList<>(events.size() * 7);
        for (Pending e : events) {
            CloudEvent event = outbox.envelope(e.type(), e.key(), e.data());
            sql.append(params.isEmpty() ? "" : ", ").append(correlationId == null ? "(?, ?, ?, ?, ?, ?, default)"
                    : "(?, ?, ?, ?, ?, ?, ?)");
            params.addAll(List.of(UUID.fromString(event.id()), e.topic(), e.key(), e.type(), outbox.toJson(event),
                    event.time()));
            if (correlationId != null) {
                params.add(correlationId);
            }
        }
        return new RoundTrip.Statement(sql.toString(), params);
    }

    /** Wakes the relay when the current transaction, which wrote these events, commits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void notifyWritten(List<Pending> events) {
        events.stream().map(Pending::topic).distinct().forEach(outbox::notifyWritten);
    }
}
