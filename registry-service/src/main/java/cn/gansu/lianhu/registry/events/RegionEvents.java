package cn.gansu.lianhu.registry.events;

import cn.gansu.lianhu.events.correlation.CorrelationId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import cn.gansu.lianhu.events.contract.CloudEvent;
import cn.gansu.lianhu.events.contract.RegionData;
import cn.gansu.lianhu.events.contract.Topics;
import cn.gansu.lianhu.events.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Writes region events ({@code registry.regions}, key = 12-digit code, data {@link RegionData}) into the
 * transactional outbox with one {@code COPY}, on the connection of the import's transaction, so the regions and
 * their events commit or roll back together (DESIGN.md §3). Envelopes and JSON come from
 * {@link Outbox#envelope} and {@link Outbox#toJson}, exactly as {@link Outbox#publish} builds them; the
 * bulk path exists because the first import writes ~28,000 events (one per region plus one per
 * designation), which one entity insert each (identity ids, no Hibernate batching) would make slow.
 */
@ApplicationScoped
public class RegionEvents {

    /** One event to write: the region's code (record key), its CloudEvents type and its new state. */
    public record Pending(String code, String type, RegionData data) {
    }

    private static final String TABLE = "outbox_event (event_id, topic, event_key, event_type, payload, created_at)";

    @Inject
    Outbox outbox;

    /**
     * Appends the events to the outbox, in list order (ids ascending, so the relay publishes in that order).
     *
     * @param connection the connection enlisted in the caller's transaction
     */
    public void write(Connection connection, List<Pending> events) throws SQLException {
        // envelopes and JSON are built in parallel (pure CPU work), then copied in list order
        List<String> lines = events.parallelStream().map(e -> {
            CloudEvent event = outbox.envelope(e.type(), e.code(), e.data());
            StringBuilder line = new StringBuilder(700);
            RegionCopy.field(line, event.id(), false);
            RegionCopy.field(line, Topics.REGISTRY_REGIONS, false);
            RegionCopy.field(line, e.code(), false);
            RegionCopy.field(line, e.type(), false);
            RegionCopy.field(line, outbox.toJson(event), false);
            RegionCopy.field(line, event.time(), true);
            return line.toString();
        }).toList();
        StringBuilder csv = new StringBuilder(lines.size() * 700);
        lines.forEach(csv::append);
        // the request's (or import's) correlation id for these rows (column default, issue 9 point 5)
        CorrelationId.setLocal(connection);
        RegionCopy.copy(connection, TABLE, csv);
    }
}
