package cn.gansu.lianhu.events.contract;

import java.time.LocalDate;

/**
 * Payload of the {@code visit.demand.*} events: a demand (民意诉求) after the change (issue 4 point 4).
 *
 * @param id            demand id (UUID), also the record key
 * @param householdId   the household that raised it
 * @param villageCode   12-digit code of the household's village
 * @param visitId       the visit it was raised on
 * @param unitId        the unit handling it
 * @param category      what it is about (e.g. HOUSING, MEDICAL, EDUCATION, INFRASTRUCTURE, EMPLOYMENT, OTHER)
 * @param status        OPEN, ACCEPTED, IN_PROGRESS, RESOLVED or REJECTED
 * @param openedOn      date raised
 * @param deadline      date it must be closed by (from configuration)
 * @param closedOn      date RESOLVED or REJECTED, else null
 * @param satisfaction  the household's satisfaction when closed: SATISFIED, BASICALLY_SATISFIED, DISSATISFIED; else null
 * @param version       aggregate version, +1 per change
 */
public record DemandData(String id, String householdId, String villageCode, String visitId, String unitId,
        String category, String status, LocalDate openedOn, LocalDate deadline, LocalDate closedOn,
        String satisfaction, long version) {
}
