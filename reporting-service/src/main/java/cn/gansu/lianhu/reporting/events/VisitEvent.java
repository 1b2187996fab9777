package cn.gansu.lianhu.reporting.events;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A visit-service event that passed every check and can be applied (issue 4 point 7).
 *
 * @param id   CloudEvent id (the inbox key)
 * @param type {@code visit.visit.logged / corrected.v1} or {@code visit.demand.opened / changed.v1}
 * @param time when visit-service committed the change (UTC); always set
 * @param data its payload, the full state after the change: a {@code VisitData} or {@code DemandData} of
 *             lianhu-events
 */
public record VisitEvent(UUID id, String type, OffsetDateTime time, Object data) {
}
