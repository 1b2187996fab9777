package cn.gansu.lianhu.visit.service;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A demand (民意诉求) with its handling history (issue 4 point 4).
 *
 * @param id           demand id
 * @param visitId      the visit it was raised on
 * @param householdId  the household that raised it
 * @param villageCode  12-digit code of the household's village
 * @param unitId       the unit handling it (the pairing's unit when raised)
 * @param category     HOUSING, MEDICAL, EDUCATION, INFRASTRUCTURE, EMPLOYMENT or OTHER
 * @param description  what was asked
 * @param status       OPEN, ACCEPTED, IN_PROGRESS, RESOLVED or REJECTED
 * @param openedOn     day raised (the visit date)
 * @param deadline     day it must be closed by: openedOn + {@code lianhu.visit.demand.deadline-days} (30)
 * @param closedOn     day RESOLVED or REJECTED, else null
 * @param answer       the answer given (required when closing), else null
 * @param satisfaction SATISFIED, BASICALLY_SATISFIED or DISSATISFIED once the household gave it, else null
 * @param overdue      not closed and today is after the deadline
 * @param closedLate   closed after the deadline
 * @param version      1 when opened, + 1 per change (also sent as ETag)
 * @param createdAt    when it was opened (UTC)
 * @param updatedAt    when it last changed (UTC)
 * @param history      the changes, oldest first
 */
@Schema(name = "Demand", example = DemandView.EXAMPLE)
public record DemandView(UUID id, UUID visitId, UUID householdId, String villageCode, UUID unitId, String category,
        String description, String status, LocalDate openedOn, LocalDate deadline, LocalDate closedOn, String answer,
        String satisfaction, boolean overdue, boolean closedLate, long version, OffsetDateTime createdAt,
        OffsetDateTime updatedAt, List<Change> history) {

    /** Example of a demand in the OpenAPI document. */
    public static final String EXAMPLE = """
        {"id":"2a3b4c5d-6e7f-4809-9a1b-2c3d4e5f6a7b","visitId":"5d1c9a4e-2f0b-4c1e-9d7a-1b2c3d4e5f60",
         "householdId":"7c6f0e1a-8b2d-4f3e-a1b2-c3d4e5f60718","villageCode":"621121100201",
         "unitId":"9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4","category":"HOUSING","description":"危房改造",
         "status":"RESOLVED","openedOn":"2026-11-20","deadline":"2026-12-20","closedOn":"2026-11-28",
         "answer":"已纳入2027年危房改造计划","satisfaction":"SATISFIED","overdue":false,"closedLate":false,"version":4,
         "createdAt":"2026-11-20T09:30:00Z","updatedAt":"2026-11-28T08:00:00Z",
         "history":[{"version":2,"fromStatus":"OPEN","toStatus":"ACCEPTED","changedOn":"2026-11-21","answer":null,
                     "satisfaction":null,"note":"乡镇受理","changedAt":"2026-11-21T01:00:00Z","changedBy":"zhangsan"},
                    {"version":3,"fromStatus":"ACCEPTED","toStatus":"IN_PROGRESS","changedOn":"2026-11-22","answer":null,
                     "satisfaction":null,"note":null,"changedAt":"2026-11-22T01:00:00Z","changedBy":"zhangsan"},
                    {"version":4,"fromStatus":"IN_PROGRESS","toStatus":"RESOLVED","changedOn":"2026-11-28",
                     "answer":"已纳入2027年危房改造计划","satisfaction":"SATISFIED","note":null,
                     "changedAt":"2026-11-28T08:00:00Z","changedBy":"zhangsan"}]}""";

    /**
     * One change of a demand: a transition, or (fromStatus = toStatus) the household's satisfaction given later.
     *
     * @param version      the demand version it produced
     * @param fromStatus   status before
     * @param toStatus     status after
     * @param changedOn    day of the change
     * @param answer       answer given with it, or null
     * @param satisfaction satisfaction given with it, or null
     * @param note         free note, or null
     * @param changedAt    when it was recorded (UTC)
     * @param changedBy    who: the actor named by the caller's token (issue 6 point 4); null for changes recorded
     *                     before tokens were required
     */
    @Schema(name = "DemandChange")
    public record Change(long version, String fromStatus, String toStatus, LocalDate changedOn, String answer,
            String satisfaction, String note, OffsetDateTime changedAt, String changedBy) {
    }
}
