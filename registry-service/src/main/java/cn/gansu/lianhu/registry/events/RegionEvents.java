package cn.gansu.lianhu.registry.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import cn.gansu.lianhu.events.contract.CloudEvent;
import cn.gansu.lianhu.events.contract.RegionData;
import cn.gansu.lianhu.events.contract.Topics;
import cn.gansu.lianhu.events.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Writes region events ({@code registry.regions}, key = 12-digit code, data {@link RegionData}) into the
 * transactional outbox in JDBC batches, on the connection of the import's transaction, so the regions and
 * their events commit or roll back together (DESIGN.md §3). Envelopes and JSON come from
 * {@link Outbox#envelope} and {@link Outbox#toJson}, exactly as {@link Outbox#publish} builds them; the
 * batch path exists because the first import writes ~28,000 events (one per region plus one per
 * designation), which one entity insert each (identity ids, no Hibernate batching) would make slow.
 */
@ApplicationScoped
public class RegionEvents {

    /** One event to write: the region's code (record key), its CloudEvents type and its new state. */
    public record Pending(String code, String type, RegionData data) {
    }

    private static final String INSERT = "insert into outbox_event (event_id, topic, event_key, event_type, payload,"
            + " created_at) values (?, ?, ?, ?, ?, ?)";

    @Inject
    Outbox outbox;

    /**
     * Appends the events to the outbox, in list order (the relay publishes in that order).
     *
     * @param connection the connection enlisted in the caller's transaction
     * @param batchSize  rows per JDBC batch
     */
    public void write(Connection connection, List<Pending> events, int batchSize) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(INSERT)) {
            int inBatch = 0;
            for (Pending e : events) {
                CloudEvent event = outbox.envelope(e.type(), e.code(), e.data());
                ps.setObject(1, UUID.fromString(event.id()));
                ps.setString(2, Topics.REGISTRY_REGIONS);
                ps.setString(3, e.code());
                ps.setString(4, e.type());
                ps.setString(5, outbox.toJson(event));
                ps.setObject(6, event.time());
                ps.addBatch();
                if (++inBatch == batchSize) {
                    ps.executeBatch();
                    inBatch = 0;
                }
            }
            if (inBatch > 0) {
                ps.executeBatch();
            }
        }
    }
}
