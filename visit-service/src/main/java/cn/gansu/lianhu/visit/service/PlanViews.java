package cn.gansu.lianhu.visit.service;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import cn.gansu.lianhu.visit.domain.BatchStatus;
import cn.gansu.lianhu.visit.domain.PlanItemStatus;

/** What the visit-plan API returns (分期分批, issue 4 point 1). */
public final class PlanViews {
    private PlanViews() {
    }

    static final String PROGRESS_EXAMPLE = """
            {"planned":3,"visited":1,"pending":1,"cancelled":1,"households":3}""";

    /** JSON of one batch (examples of the API). */
    public static final String BATCH_EXAMPLE = """
            {"id":"4b2a9c1d-7e6f-4a5b-8c9d-0e1f2a3b4c5d","planId":"1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b",
             "name":"第一批","startsOn":"2026-12-01","endsOn":"2026-12-31","status":"ACTIVE",
             "createdAt":"2026-11-29T02:00:00Z","cancelledOn":null,
             "progress":{"planned":3,"visited":1,"pending":1,"cancelled":1,"households":3}}""";

    /** JSON of one plan with its batches (examples of the API). */
    public static final String PLAN_EXAMPLE = """
            {"id":"1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b","unitId":"9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4",
             "name":"2026年冬季走访","createdAt":"2026-11-29T01:00:00Z","version":2,
             "progress":{"planned":3,"visited":1,"pending":1,"cancelled":1,"households":3},
             "batches":[""" + BATCH_EXAMPLE + "]}";

    /**
     * Progress of a batch or of a whole plan: items (one per pairing per batch) by state, and distinct households.
     *
     * @param planned    items in all
     * @param visited    items VISITED (an in-person visit — IN_HOME, VILLAGE_MEETING — of the pairing dated inside the
     *                   batch period)
     * @param pending    items still PENDING
     * @param cancelled  items CANCELLED (batch cancelled, pairing ended or withdrawn)
     * @param households distinct households of the items
     */
    @Schema(name = "VisitPlanProgress", example = PROGRESS_EXAMPLE)
    public record Progress(long planned, long visited, long pending, long cancelled, long households) {
        static final Progress NONE = new Progress(0, 0, 0, 0, 0);
    }

    /**
     * One batch of a plan.
     *
     * @param id          batch id
     * @param planId      its plan
     * @param name        name of the batch
     * @param startsOn    first day of the period
     * @param endsOn      last day of the period (inclusive)
     * @param status      ACTIVE or CANCELLED
     * @param createdAt   when it was created
     * @param cancelledOn day it was cancelled (Beijing time), or null
     * @param progress    its items by state
     */
    @Schema(name = "VisitBatch", example = BATCH_EXAMPLE)
    public record Batch(UUID id, UUID planId, String name, LocalDate startsOn, LocalDate endsOn, BatchStatus status,
            OffsetDateTime createdAt, LocalDate cancelledOn, Progress progress) {
    }

    /**
     * A plan with its batches, oldest period first.
     *
     * @param id        plan id
     * @param unitId    the planning unit
     * @param name      name of the plan
     * @param createdAt when it was created
     * @param version   1, +1 per batch added or cancelled
     * @param progress  items of all batches by state; households distinct over all batches
     * @param batches   its batches by start date
     */
    @Schema(name = "VisitPlan", example = PLAN_EXAMPLE)
    public record Plan(UUID id, UUID unitId, String name, OffsetDateTime createdAt, long version, Progress progress,
            List<Batch> batches) {
    }

    /**
     * One plan in a list (without its batches).
     *
     * @param id        plan id
     * @param unitId    the planning unit
     * @param name      name of the plan
     * @param createdAt when it was created
     * @param version   1, +1 per batch added or cancelled
     * @param batches   number of batches
     * @param progress  items of all batches by state
     */
    @Schema(name = "VisitPlanSummary", example = """
            {"id":"1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b","unitId":"9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4",
             "name":"2026年冬季走访","createdAt":"2026-11-29T01:00:00Z","version":2,"batches":1,
             "progress":{"planned":3,"visited":1,"pending":1,"cancelled":1,"households":3}}""")
    public record PlanSummary(UUID id, UUID unitId, String name, OffsetDateTime createdAt, long version, long batches,
            Progress progress) {
    }

    /**
     * One pairing to visit in a batch.
     *
     * @param pairingId       the pairing
     * @param cadreId         its cadre
     * @param householdId     its household
     * @param villageCode     12-digit village code of the household
     * @param status          PENDING, VISITED or CANCELLED
     * @param visitId         the earliest in-person visit (IN_HOME, VILLAGE_MEETING) of the pairing inside the period
     *                        (VISITED only)
     * @param visitedOn       its date (VISITED only)
     * @param cancelledReason BATCH_CANCELLED, WITHDRAWN or the pairing's end reason (CANCELLED only)
     * @param cancelledOn     day of the cancellation (CANCELLED only)
     */
    @Schema(name = "VisitPlanItem", example = """
            {"pairingId":"3a0d7f52-6c1b-4e8a-9f20-1d2c3b4a5e6f","cadreId":"0b1e7c62-3a55-4a43-9c1e-7f1a2b3c4d5e",
             "householdId":"7c6f0e1a-8b2d-4f3e-a1b2-c3d4e5f60718","villageCode":"621121100201","status":"VISITED",
             "visitId":"5d1c9a4e-2f0b-4c1e-9d7a-1b2c3d4e5f60","visitedOn":"2026-12-03","cancelledReason":null,
             "cancelledOn":null}""")
    public record Item(UUID pairingId, UUID cadreId, UUID householdId, String villageCode, PlanItemStatus status,
            UUID visitId, LocalDate visitedOn, String cancelledReason, LocalDate cancelledOn) {
    }
}
