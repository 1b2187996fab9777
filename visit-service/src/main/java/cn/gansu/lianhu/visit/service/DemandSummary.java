package cn.gansu.lianhu.visit.service;

import java.time.LocalDate;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A demand in a list (issue 4 point 4): the fields of {@link DemandView} without the answer text and history.
 *
 * @param overdue    not closed and today is after the deadline
 * @param closedLate closed after the deadline
 */
@Schema(name = "DemandSummary")
public record DemandSummary(UUID id, UUID visitId, UUID householdId, String villageCode, UUID unitId, String category,
        String description, String status, LocalDate openedOn, LocalDate deadline, LocalDate closedOn,
        String satisfaction, boolean overdue, boolean closedLate, long version) {
}
