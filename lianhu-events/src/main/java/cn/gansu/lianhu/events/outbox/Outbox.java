package cn.gansu.lianhu.events.outbox;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gansu.lianhu.events.contract.CloudEvent;
import cn.gansu.lianhu.events.correlation.CorrelationId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Writes events into the outbox table inside the caller's transaction, so a state change and its event
 * commit or roll back together (DESIGN.md §3). {@link OutboxRelay} publishes them afterwards.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "lianhu.events.source")
    String source;

    @Inject
    jakarta.enterprise.event.Event<OutboxWritten> written;

    /** Builds the CloudEvent envelope for a payload, stamped now (UTC) with a fresh id. */
    public CloudEvent envelope(String type, String subject, Object data) {
        return new CloudEvent(CloudEvent.SPEC_VERSION, UUID.randomUUID().toString(), source, type, subject,
                OffsetDateTime.now(Clock.systemUTC()).withOffsetSameInstant(ZoneOffset.UTC), CloudEvent.JSON,
                mapper.valueToTree(data));
    }

    /** Tells the relay that the current transaction wrote rows in bulk (e.g. with COPY); call inside it. */
    public void notifyWritten(String topic) {
        written.fire(new OutboxWritten(topic));
    }

    /** Serialises an envelope to the JSON written on the topic. */
    public String toJson(CloudEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + event.type() + " cannot be serialised", e);
        }
    }

    /**
     * Records an event for {@code topic}, keyed by {@code key}. Must run inside the transaction of the
     * state change. The current correlation id ({@link CorrelationId#current()}, the REST call's) is stored with
     * the row and travels as Kafka header {@code correlation-id}.
     *
     * @return the envelope as it will be published
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public CloudEvent publish(String topic, String key, String type, Object data) {
        CloudEvent event = envelope(type, key, data);
        OutboxEvent row = new OutboxEvent();
        row.eventId = UUID.fromString(event.id());
        row.topic = topic;
        row.eventKey = key;
        row.eventType = type;
        row.payload = toJson(event);
        row.createdAt = event.time();
        row.correlationId = CorrelationId.current();
        row.persist();
        written.fire(new OutboxWritten(topic));
        return event;
    }
}
