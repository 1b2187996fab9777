package cn.gansu.lianhu.visit.rest;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.gansu.lianhu.api.ApiException;
import cn.gansu.lianhu.api.Page;
import cn.gansu.lianhu.api.Problem;
import cn.gansu.lianhu.visit.config.VisitConfig;
import cn.gansu.lianhu.visit.domain.PlanItemStatus;
import cn.gansu.lianhu.visit.service.PlanViews;
import cn.gansu.lianhu.visit.service.VisitPlans;
import cn.gansu.lianhu.visit.service.VisitQueries;
import cn.gansu.lianhu.api.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Visit plans and batches (分期分批进村入户, DESIGN.md §1, issue 4 point 1): a unit plans batches of visits — a
 * period, the villages or households, the cadres going — and follows each batch's progress (planned, visited,
 * pending, cancelled). Items become VISITED by themselves when the pairing's cadre logs an in-person visit (IN_HOME or
 * VILLAGE_MEETING: 进村入户 means entering villages and households; a phone call does not count) dated inside the
 * period, and CANCELLED when the pairing ends (issue 4 point 5).
 */
@Path("/api/v1/visit-plans")
@Tag(name = "Visit plans", description = "A unit's visits planned in phases and batches (分期分批) and their progress")
@Produces(MediaType.APPLICATION_JSON)
public class VisitPlanResource {
    private static final String PARAM_TYPE_EXAMPLE = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"id must be a UUID, not 'abc'","instance":"/api/v1/visit-plans/abc",
             "errors":[{"field":"id","rule":"param.type","message":"id must be a UUID, not 'abc'"}]}""";
    private static final String PLAN_NOT_FOUND_EXAMPLE = """
            {"type":"urn:lianhu:problem:not-found","title":"Not found","status":404,
             "detail":"visit plan 1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b does not exist",
             "instance":"/api/v1/visit-plans/1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b","errors":[]}""";
    private static final String BATCH_NOT_FOUND_EXAMPLE = """
            {"type":"urn:lianhu:problem:not-found","title":"Not found","status":404,
             "detail":"visit batch 4b2a9c1d-7e6f-4a5b-8c9d-0e1f2a3b4c5d does not exist",
             "instance":"/api/v1/visit-plans/1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b/batches/4b2a9c1d-7e6f-4a5b-8c9d-0e1f2a3b4c5d",
             "errors":[]}""";
    private static final String SIZE_EXAMPLE = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"must be less than or equal to 500","instance":"/api/v1/visit-plans",
             "errors":[{"field":"size","rule":"max","message":"must be less than or equal to 500"}]}""";

    @Inject
    VisitPlans plans;

    @Inject
    VisitConfig config;

    /**
     * Creates an empty plan for a unit (version 1); batches are added one by one. 422
     * {@code visit-plan.unknown-unit} if visit-service knows no pairing of the unit.
     *
     * @return 201 with Location and the plan
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.UNIT_ADMIN })
    @Operation(operationId = "createVisitPlan", summary = "Create a visit plan",
            description = "PROVINCE_ADMIN; REGION_ADMIN for a unit with a known pairing under its prefix; UNIT_ADMIN for its own unit; CADRE, AUDITOR, INTEGRATION: 403. A unit outside the caller's scope answers like an unknown one (422 visit-plan.unknown-unit). "
                        + "Creates a unit's plan of visits (分期分批), empty until batches are added. The unit must "
                    + "have at least one pairing known to visit-service (learnt from pairing events, any status).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PlanRequest.class),
            examples = @ExampleObject(name = "plan", value = PlanRequest.EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Plan created; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PlanViews.Plan.class),
                    examples = @ExampleObject(name = "new plan", value = """
                            {"id":"1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b","unitId":"9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4",
                             "name":"2026年冬季走访","createdAt":"2026-11-29T01:00:00Z","version":1,
                             "progress":{"planned":0,"visited":0,"pending":0,"cancelled":0,"households":0},"batches":[]}""")))
    @APIResponse(responseCode = "400", description = "Body invalid: unitId missing (not-null), name blank or longer "
            + "than 200 (not-blank, size), or an unreadable body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "no unit", value = """
                            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
                             "detail":"must not be null","instance":"/api/v1/visit-plans",
                             "errors":[{"field":"unitId","rule":"not-null","message":"must not be null"}]}""")))
    @APIResponse(responseCode = "422", description = "The unit has no pairing known to visit-service "
            + "(visit-plan.unknown-unit)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown unit", value = """
                            {"type":"urn:lianhu:problem:rule","title":"A domain rule forbids this","status":422,
                             "detail":"unit 9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4 has no pairing known to visit-service: a plan for it could never get a batch",
                             "instance":"/api/v1/visit-plans","errors":[{"field":"unitId","rule":"visit-plan.unknown-unit",
                             "message":"unit 9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4 has no pairing known to visit-service: a plan for it could never get a batch"}]}""")))
    public Response create(@NotNull @Valid PlanRequest request) {
        PlanViews.Plan plan = plans.create(request);
        return Response.created(URI.create("/api/v1/visit-plans/" + plan.id())).entity(plan).build();
    }

    /**
     * Adds a batch: one item per ACTIVE pairing of the plan's unit in the villages or households given (and of the
     * cadres given, if any), leaving out pairings already in an overlapping non-cancelled batch of the plan; items of pairings already visited in person inside the period are VISITED at once.
     *
     * @return 201 with Location and the batch with its progress
     */
    @POST
    @Path("/{id}/batches")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.UNIT_ADMIN })
    @Operation(operationId = "addVisitBatch", summary = "Add a batch of visits to a plan",
            description = "PROVINCE_ADMIN; REGION_ADMIN and UNIT_ADMIN for plans in their scope (a REGION_ADMIN's batch selects only households under its prefix); CADRE, AUDITOR, INTEGRATION: 403. Out of the caller's scope answers 404 exactly like an unknown id. "
                        + "Plans one batch (分期分批): a period (startsOn..endsOn, inclusive, at most "
                    + "lianhu.visit.plan.max-days days, not ended before today) and the pairings to visit in it — every "
                    + "ACTIVE pairing of the plan's unit whose household is in villageCodes (division codes; a shorter "
                    + "code selects every village under it) or householdIds, and whose cadre is in cadreIds when given. "
                    + "At most lianhu.visit.plan.max-items pairings. A pairing already visited in person (IN_HOME or "
                    + "VILLAGE_MEETING; 进村入户 — phone calls and other modes do not count) by its cadre inside the "
                    + "period is VISITED at once; the others are PENDING until such a visit is logged. No double "
                    + "planning: a pairing already in another non-cancelled batch of this plan whose period overlaps "
                    + "is left out (a code or id repeated in the request selects its pairings once).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BatchRequest.class),
            examples = @ExampleObject(name = "two villages, one cadre", value = BatchRequest.EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Batch created; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PlanViews.Batch.class),
                    examples = @ExampleObject(name = "batch", value = """
                            {"id":"4b2a9c1d-7e6f-4a5b-8c9d-0e1f2a3b4c5d","planId":"1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b",
                             "name":"第一批","startsOn":"2026-12-01","endsOn":"2026-12-31","status":"ACTIVE",
                             "createdAt":"2026-11-29T02:00:00Z","cancelledOn":null,
                             "progress":{"planned":3,"visited":0,"pending":3,"cancelled":0,"households":3}}""")))
    @APIResponse(responseCode = "400", description = "Body invalid: a field rule (not-null, not-blank, size), neither "
            + "villageCodes nor householdIds (visit-batch.scope-required), endsOn before startsOn (visit-batch.period), "
            + "a village code that is no division code (region.code); or the plan id is not a UUID (param.type)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "no scope", value = """
                            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
                             "detail":"give villageCodes or householdIds (or both): the households this batch visits",
                             "instance":"/api/v1/visit-plans/1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b/batches",
                             "errors":[{"field":"villageCodes","rule":"visit-batch.scope-required",
                             "message":"give villageCodes or householdIds (or both): the households this batch visits"}]}"""),
                            @ExampleObject(name = "end before start", value = """
                            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
                             "detail":"endsOn 2026-11-30 is before startsOn 2026-12-01",
                             "instance":"/api/v1/visit-plans/1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b/batches",
                             "errors":[{"field":"endsOn","rule":"visit-batch.period",
                             "message":"endsOn 2026-11-30 is before startsOn 2026-12-01"}]}"""),
                            @ExampleObject(name = "wrong parameter type", value = PARAM_TYPE_EXAMPLE) }))
    @APIResponse(responseCode = "404", description = "No plan with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown plan", value = PLAN_NOT_FOUND_EXAMPLE)))
    @APIResponse(responseCode = "422", description = "A planning rule: visit-batch.period-too-long (more than "
            + "lianhu.visit.plan.max-days days), visit-batch.ended-in-past (endsOn before today), visit-batch.empty (no "
            + "ACTIVE pairing of the unit matches, or every one that matches is already planned in an overlapping "
            + "non-cancelled batch of the plan; the message says how many), visit-batch.too-large (more than "
            + "lianhu.visit.plan.max-items left to plan)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "nothing matched", value = """
                            {"type":"urn:lianhu:problem:rule","title":"A domain rule forbids this","status":422,
                             "detail":"no ACTIVE pairing of unit 9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4 matches the villages, households and cadres given",
                             "instance":"/api/v1/visit-plans/1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b/batches",
                             "errors":[{"field":"villageCodes","rule":"visit-batch.empty",
                             "message":"no ACTIVE pairing of unit 9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4 matches the villages, households and cadres given"}]}"""),
                            @ExampleObject(name = "all already planned", value = """
                            {"type":"urn:lianhu:problem:rule","title":"A domain rule forbids this","status":422,
                             "detail":"all 3 ACTIVE pairings of unit 9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4 matching the villages, households and cadres given are already planned in another batch of this plan whose period overlaps 2026-12-01..2026-12-31",
                             "instance":"/api/v1/visit-plans/1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b/batches",
                             "errors":[{"field":"villageCodes","rule":"visit-batch.empty",
                             "message":"all 3 ACTIVE pairings of unit 9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4 matching the villages, households and cadres given are already planned in another batch of this plan whose period overlaps 2026-12-01..2026-12-31"}]}"""),
                            @ExampleObject(name = "ended in the past", value = """
                            {"type":"urn:lianhu:problem:rule","title":"A domain rule forbids this","status":422,
                             "detail":"endsOn 2026-11-28 is before today (2026-11-29)",
                             "instance":"/api/v1/visit-plans/1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b/batches",
                             "errors":[{"field":"endsOn","rule":"visit-batch.ended-in-past",
                             "message":"endsOn 2026-11-28 is before today (2026-11-29)"}]}""") }))
    public Response addBatch(
            @Parameter(description = "plan id", example = "1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b") @PathParam("id") UUID id,
            @NotNull @Valid BatchRequest request) {
        PlanViews.Batch batch = plans.addBatch(id, request);
        return Response.created(URI.create("/api/v1/visit-plans/" + id + "/batches/" + batch.id())).entity(batch)
                .build();
    }

    /**
     * One plan with its batches and their progress.
     *
     * @throws ApiException 404 if unknown
     */
    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ANY })
    @Operation(operationId = "getVisitPlan", summary = "Get a visit plan with its batches and progress",
            description = "Any role, in its scope (REGION_ADMIN: every item under its prefix and the unit paired there; UNIT_ADMIN: its unit's plans; CADRE: plans with an item of its own). Out of the caller's scope answers 404 exactly like an unknown id. "
                        + "The plan, its batches by start date, and the progress of each batch and of the whole plan: "
                    + "planned items (one per pairing per batch), visited, pending, cancelled, distinct households.")
    @APIResponse(responseCode = "200", description = "The plan",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PlanViews.Plan.class),
                    examples = @ExampleObject(name = "plan", value = PlanViews.PLAN_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "id is not a UUID (param.type)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "wrong parameter type", value = PARAM_TYPE_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No plan with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown plan", value = PLAN_NOT_FOUND_EXAMPLE)))
    public PlanViews.Plan get(
            @Parameter(description = "plan id", example = "1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b") @PathParam("id") UUID id) {
        return plans.get(id);
    }

    /**
     * Lists plans, newest first, by unit and village (division code prefix).
     *
     * @param village division code (2/4/6/9/12 digits): plans with an item in a village under it; 400
     *               {@code region.code} otherwise
     */
    @GET
    @RolesAllowed({ Roles.ANY })
    @Operation(operationId = "listVisitPlans", summary = "List visit plans",
            description = "Any role. Lists only plans in the caller's scope (REGION_ADMIN: every item under its prefix and the unit paired there; UNIT_ADMIN: its unit's; CADRE: plans with an item of its own). "
                        + "One page of plans, newest first, each with its number of batches and its progress. "
                    + "Filters: unit; village (a division code, 2/4/6/9/12 digits: plans with at least one item in a "
                    + "village under it).")
    @APIResponse(responseCode = "200", description = "One page of plans",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Page.class),
                    examples = @ExampleObject(name = "one plan", value = """
                            {"items":[{"id":"1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b","unitId":"9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4",
                             "name":"2026年冬季走访","createdAt":"2026-11-29T01:00:00Z","version":2,"batches":1,
                             "progress":{"planned":3,"visited":1,"pending":1,"cancelled":1,"households":3}}],
                             "page":0,"size":50,"total":1}""")))
    @APIResponse(responseCode = "400", description = "page or size out of range (min, max), village not a division "
            + "code (region.code), or unit not a UUID / page, size not integers (param.type)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "size too large", value = SIZE_EXAMPLE),
                            @ExampleObject(name = "wrong parameter type", value = """
                            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
                             "detail":"unit must be a UUID, not 'abc'","instance":"/api/v1/visit-plans",
                             "errors":[{"field":"unit","rule":"param.type","message":"unit must be a UUID, not 'abc'"}]}""") }))
    public Page<PlanViews.PlanSummary> list(
            @Parameter(description = "planning unit", example = "9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4") @QueryParam("unit") UUID unit,
            @Parameter(description = "plans with an item in a village under this division code, 2/4/6/9/12 digits", example = "6211") @QueryParam("village") String village,
            @Parameter(description = "zero-based page index", example = "0") @QueryParam("page") @Min(0) @Max(Page.MAX_PAGE) Integer page,
            @Parameter(description = "page size, 1..500 (default 50)", example = "50") @QueryParam("size") @Min(1) @Max(Page.MAX_SIZE) Integer size) {
        return plans.list(unit, VisitQueries.regionPrefix("village", village), Optional.ofNullable(page).orElse(0),
                Optional.ofNullable(size).orElse(config.defaultPageSize()));
    }

    /**
     * One batch with its progress.
     *
     * @throws ApiException 404 unknown plan or batch
     */
    @GET
    @Path("/{id}/batches/{batchId}")
    @RolesAllowed({ Roles.ANY })
    @Operation(operationId = "getVisitBatch", summary = "Get a batch of a visit plan",
            description = "Any role, for a plan in its scope. Out of the caller's scope answers 404 exactly like an unknown id. "
                        + "One batch with its period, status and progress (planned, visited, pending, cancelled, "
                    + "distinct households).")
    @APIResponse(responseCode = "200", description = "The batch",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PlanViews.Batch.class),
                    examples = @ExampleObject(name = "batch", value = PlanViews.BATCH_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "id or batchId is not a UUID (param.type)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "wrong parameter type", value = PARAM_TYPE_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No plan with this id, or no such batch in it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown batch", value = BATCH_NOT_FOUND_EXAMPLE)))
    public PlanViews.Batch batch(
            @Parameter(description = "plan id", example = "1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b") @PathParam("id") UUID id,
            @Parameter(description = "batch id", example = "4b2a9c1d-7e6f-4a5b-8c9d-0e1f2a3b4c5d") @PathParam("batchId") UUID batchId) {
        return plans.batch(id, batchId);
    }

    /**
     * Lists a batch's items by village, household and pairing.
     *
     * @param status PENDING, VISITED or CANCELLED; 400 {@code enum} otherwise
     */
    @GET
    @Path("/{id}/batches/{batchId}/items")
    @RolesAllowed({ Roles.ANY })
    @Operation(operationId = "listVisitBatchItems", summary = "List the pairings of a batch",
            description = "Any role, for a plan in its scope (a CADRE sees only its own items). Out of the caller's scope answers 404 exactly like an unknown id. "
                        + "One page of a batch's items (one per pairing) by village, household and pairing, filtered "
                    + "by status (PENDING, VISITED, CANCELLED) and cadre. A VISITED item names the earliest in-person visit (IN_HOME, VILLAGE_MEETING) of the "
                    + "pairing inside the period; a CANCELLED one its reason (BATCH_CANCELLED, WITHDRAWN or the "
                    + "pairing's end reason) and day.")
    @APIResponse(responseCode = "200", description = "One page of items",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Page.class),
                    examples = @ExampleObject(name = "one item", value = """
                            {"items":[{"pairingId":"3a0d7f52-6c1b-4e8a-9f20-1d2c3b4a5e6f","cadreId":"0b1e7c62-3a55-4a43-9c1e-7f1a2b3c4d5e",
                             "householdId":"7c6f0e1a-8b2d-4f3e-a1b2-c3d4e5f60718","villageCode":"621121100201",
                             "status":"CANCELLED","visitId":null,"visitedOn":null,"cancelledReason":"HOUSEHOLD_DISSOLVED",
                             "cancelledOn":"2026-12-05"}],"page":0,"size":50,"total":1}""")))
    @APIResponse(responseCode = "400", description = "status not one of PENDING, VISITED, CANCELLED (enum), page or "
            + "size out of range (min, max), or a parameter of the wrong type (param.type)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "unknown status", value = """
                            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
                             "detail":"status 'DONE' is not one of PENDING, VISITED, CANCELLED",
                             "instance":"/api/v1/visit-plans/1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b/batches/4b2a9c1d-7e6f-4a5b-8c9d-0e1f2a3b4c5d/items",
                             "errors":[{"field":"status","rule":"enum","message":"status 'DONE' is not one of PENDING, VISITED, CANCELLED"}]}"""),
                            @ExampleObject(name = "wrong parameter type", value = PARAM_TYPE_EXAMPLE) }))
    @APIResponse(responseCode = "404", description = "No plan with this id, or no such batch in it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown batch", value = BATCH_NOT_FOUND_EXAMPLE)))
    public Page<PlanViews.Item> items(
            @Parameter(description = "plan id", example = "1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b") @PathParam("id") UUID id,
            @Parameter(description = "batch id", example = "4b2a9c1d-7e6f-4a5b-8c9d-0e1f2a3b4c5d") @PathParam("batchId") UUID batchId,
            @Parameter(description = "PENDING, VISITED or CANCELLED", example = "PENDING",
                    schema = @Schema(implementation = PlanItemStatus.class)) @QueryParam("status") String status,
            @Parameter(description = "only this cadre's items", example = "0b1e7c62-3a55-4a43-9c1e-7f1a2b3c4d5e") @QueryParam("cadre") UUID cadre,
            @Parameter(description = "zero-based page index", example = "0") @QueryParam("page") @Min(0) @Max(Page.MAX_PAGE) Integer page,
            @Parameter(description = "page size, 1..500 (default 50)", example = "50") @QueryParam("size") @Min(1) @Max(Page.MAX_SIZE) Integer size) {
        PlanItemStatus only = status == null ? null : Arrays.stream(PlanItemStatus.values())
                .filter(s -> s.name().equals(status)).findFirst()
                .orElseThrow(() -> ApiException.invalid("status", "enum",
                        "status '" + status + "' is not one of PENDING, VISITED, CANCELLED"));
        return plans.items(id, batchId, only, cadre, Optional.ofNullable(page).orElse(0),
                Optional.ofNullable(size).orElse(config.defaultPageSize()));
    }

    /**
     * Cancels a batch: pending items CANCELLED with reason BATCH_CANCELLED; visited items stay.
     *
     * @throws ApiException 404 unknown plan or batch; 409 {@code visit-batch.already-cancelled}
     */
    @POST
    @Path("/{id}/batches/{batchId}/cancel")
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.UNIT_ADMIN })
    @Operation(operationId = "cancelVisitBatch", summary = "Cancel a batch of visits",
            description = "PROVINCE_ADMIN; REGION_ADMIN and UNIT_ADMIN for plans in their scope; CADRE, AUDITOR, INTEGRATION: 403. Out of the caller's scope answers 404 exactly like an unknown id. "
                        + "Cancels the batch (status CANCELLED, cancelledOn today): its PENDING items become CANCELLED "
                    + "with reason BATCH_CANCELLED; VISITED items keep their visit. The plan's version goes up by one.")
    @APIResponse(responseCode = "200", description = "The cancelled batch with its progress",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PlanViews.Batch.class),
                    examples = @ExampleObject(name = "cancelled", value = """
                            {"id":"4b2a9c1d-7e6f-4a5b-8c9d-0e1f2a3b4c5d","planId":"1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b",
                             "name":"第一批","startsOn":"2026-12-01","endsOn":"2026-12-31","status":"CANCELLED",
                             "createdAt":"2026-11-29T02:00:00Z","cancelledOn":"2026-11-29",
                             "progress":{"planned":3,"visited":1,"pending":0,"cancelled":2,"households":3}}""")))
    @APIResponse(responseCode = "400", description = "id or batchId is not a UUID (param.type)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "wrong parameter type", value = PARAM_TYPE_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No plan with this id, or no such batch in it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown batch", value = BATCH_NOT_FOUND_EXAMPLE)))
    @APIResponse(responseCode = "409", description = "The batch is already cancelled (visit-batch.already-cancelled)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "already cancelled", value = """
                            {"type":"urn:lianhu:problem:conflict","title":"Conflicts with stored data","status":409,
                             "detail":"visit batch 4b2a9c1d-7e6f-4a5b-8c9d-0e1f2a3b4c5d is already cancelled",
                             "instance":"/api/v1/visit-plans/1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b/batches/4b2a9c1d-7e6f-4a5b-8c9d-0e1f2a3b4c5d/cancel",
                             "errors":[{"field":"batchId","rule":"visit-batch.already-cancelled",
                             "message":"visit batch 4b2a9c1d-7e6f-4a5b-8c9d-0e1f2a3b4c5d is already cancelled"}]}""")))
    public PlanViews.Batch cancel(
            @Parameter(description = "plan id", example = "1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b") @PathParam("id") UUID id,
            @Parameter(description = "batch id", example = "4b2a9c1d-7e6f-4a5b-8c9d-0e1f2a3b4c5d") @PathParam("batchId") UUID batchId) {
        return plans.cancelBatch(id, batchId);
    }
}
