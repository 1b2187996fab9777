package cn.gansu.lianhu.events.outbox;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One row of the transactional outbox: a CloudEvent written in the same transaction as the state
 * change it describes, waiting for {@link OutboxRelay} to publish it (DESIGN.md §3).
 */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "event_id", nullable = false, unique = true)
    public UUID eventId;
    @Column(nullable = false)
    public String topic;
    @Column(name = "event_key", nullable = false)
    public String eventKey;
    @Column(name = "event_type", nullable = false)
    public String eventType;
    /** The whole CloudEvent as JSON (structured mode). */
    @Column(nullable = false, columnDefinition = "text")
    public String payload;
    /** Request/correlation id of the call that wrote it (issue 9 point 5); Kafka header {@code correlation-id}. */
    @Column(name = "correlation_id", length = 128)
    public String correlationId;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
    /** A relay has claimed this row and is publishing it until then; null when unclaimed. */
    @Column(name = "claimed_until")
    public OffsetDateTime claimedUntil;
    @Column(name = "sent_at")
    public OffsetDateTime sentAt;
}
