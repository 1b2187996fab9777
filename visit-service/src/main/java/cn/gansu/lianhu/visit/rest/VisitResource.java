package cn.gansu.lianhu.visit.rest;

import java.net.URI;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
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
import cn.gansu.lianhu.visit.domain.VisitTask;
import cn.gansu.lianhu.visit.service.CorrectionView;
import cn.gansu.lianhu.visit.service.VisitCorrections;
import cn.gansu.lianhu.visit.service.VisitLogging;
import cn.gansu.lianhu.visit.service.VisitQueries;
import cn.gansu.lianhu.visit.service.VisitSummary;
import cn.gansu.lianhu.visit.service.VisitView;
import cn.gansu.lianhu.api.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Visit logs (DESIGN.md §1: households are visited in phases and batches, each visit recording the six
 * main tasks; issue 4 points 2 and 3).
 */
@Path("/api/v1/visits")
@Tag(name = "Visits", description = "Visit logs of cadres to their paired households")
@Produces(MediaType.APPLICATION_JSON)
public class VisitResource {
    private static final String PARAM_TYPE_EXAMPLE = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"cadre must be a UUID, not 'abc'","instance":"/api/v1/visits",
             "errors":[{"field":"cadre","rule":"param.type","message":"cadre must be a UUID, not 'abc'"}]}""";

    /** 422 example of a help item over a limit (fresh-clone review point 2). */
    static final String HELP_AMOUNT_EXAMPLE = """
            {"type":"urn:lianhu:problem:rule","title":"A domain rule forbids this","status":422,
             "detail":"tasks[2].help[0].amountYuan 20000000 yuan is more than 10000000 yuan for one help item",
             "instance":"/api/v1/visits","errors":[{"field":"tasks[2].help[0].amountYuan","rule":"visit.help-amount-too-large",
             "message":"tasks[2].help[0].amountYuan 20000000 yuan is more than 10000000 yuan for one help item"}]}""";
    private static final String HELP_LIMITS = "; help over a limit (lianhu.visit.help.*): "
            + "visit.help-amount-too-large (an item above max-amount-yuan, 10000000 yuan), visit.help-people-too-many "
            + "(an item above max-people, 10000 people benefiting), visit.help-too-many-items (more than max-items, 20, "
            + "help items on the visit); the field names the item, e.g. tasks[2].help[0].amountYuan";

    @Inject
    VisitQueries queries;

    @Inject
    VisitLogging logging;

    @Inject
    VisitConfig config;

    @Inject
    VisitCorrections corrections;

    /**
     * Logs a visit with one or more of the six tasks (issue 4 points 2, 3). In one transaction: the visit, its
     * tasks, help items, demands (OPEN, deadline = visitedOn + {@code lianhu.visit.demand.deadline-days}, handled
     * by the pairing's unit) and the events VISIT_LOGGED, HELP_RECORDED per help item, DEMAND_OPENED per demand.
     *
     * @param idempotencyKey optional, per cadre (V6: unique on cadre and key; two cadres may use the same key); the
     *                       same cadre's key with the same body answers 200 with the first visit, with another body
     *                       409 {@code visit.idempotency-key-reused}
     * @return 201 with Location and the visit; 200 for an idempotent replay
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.UNIT_ADMIN, Roles.CADRE })
    @Operation(operationId = "logVisit", summary = "Log a visit",
            description = "PROVINCE_ADMIN; REGION_ADMIN for a household under its prefix; UNIT_ADMIN for its unit's cadres; CADRE only as itself (issue 6). A pairing outside the caller's scope — e.g. a CADRE naming another cadre — answers exactly like no pairing: 422 visit.not-paired. AUDITOR, INTEGRATION: 403. "
                        + "Records a cadre's visit to a household with its tasks. The cadre must be actively paired "
                    + "with the household on visitedOn (pairing ACTIVE or ENDED with startedOn ≤ visitedOn < endedOn); "
                    + "visitedOn must not be after today (Beijing time). Each task at most once, with the details of "
                    + "its kind: policies (POLICY_PUBLICITY), demands (PUBLIC_OPINION; each opens a demand), help "
                    + "(DEVELOPMENT; amounts in yuan), grievance (EMOTION_EASING), grassroots (GRASSROOTS), model "
                    + "(MODEL_PROMOTION). Each help item at most 10000000 yuan and 10000 people benefiting, at most 20 help "
                    + "items per visit (lianhu.visit.help.*). An Idempotency-Key header makes a retry log one visit; keys are per cadre: another cadre's use "
                    + "of the same key is a different request.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = VisitRequest.class),
            examples = @ExampleObject(name = "six tasks", value = VisitRequest.EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Visit logged; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VisitView.class),
                    examples = @ExampleObject(name = "visit", value = VisitView.EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Replay: the same Idempotency-Key and body were logged before; "
            + "the first visit", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = VisitView.class),
                    examples = @ExampleObject(name = "visit", value = VisitView.EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Body invalid: a field rule (notnull, min, max, size, "
            + "decimal-min for a negative amount), an unknown task (enum), a task given twice (visit.task-repeated), "
            + "details missing or of another kind (visit.task-details), or an unreadable body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "unknown task", value = """
                            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
                             "detail":"tasks[0].task 'DANCING' is not one of POLICY_PUBLICITY, PUBLIC_OPINION, DEVELOPMENT, EMOTION_EASING, GRASSROOTS, MODEL_PROMOTION",
                             "instance":"/api/v1/visits","errors":[{"field":"tasks[0].task","rule":"enum",
                             "message":"tasks[0].task 'DANCING' is not one of POLICY_PUBLICITY, PUBLIC_OPINION, DEVELOPMENT, EMOTION_EASING, GRASSROOTS, MODEL_PROMOTION"}]}"""),
                            @ExampleObject(name = "negative amount", value = """
                            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
                             "detail":"must be greater than or equal to 0","instance":"/api/v1/visits",
                             "errors":[{"field":"tasks[0].help[0].amountYuan","rule":"decimal-min",
                             "message":"must be greater than or equal to 0"}]}""") }))
    @APIResponse(responseCode = "409", description = "Idempotency-Key already used by the same cadre with a "
            + "different body (visit.idempotency-key-reused; names that cadre's own visit)", content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "key reused",
                            value = """
                            {"type":"urn:lianhu:problem:conflict","title":"Conflicts with stored data","status":409,
                             "detail":"Idempotency-Key 'k-1' was already used for visit 5d1c9a4e-2f0b-4c1e-9d7a-1b2c3d4e5f60 with a different body",
                             "instance":"/api/v1/visits","errors":[{"field":"Idempotency-Key","rule":"visit.idempotency-key-reused",
                             "message":"Idempotency-Key 'k-1' was already used for visit 5d1c9a4e-2f0b-4c1e-9d7a-1b2c3d4e5f60 with a different body"}]}""")))
    @APIResponse(responseCode = "422", description = "A domain rule: visit.date-future (visitedOn after today) or "
            + "visit.not-paired (the cadre was not actively paired with the household on visitedOn)" + HELP_LIMITS,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "not paired", value = """
                            {"type":"urn:lianhu:problem:rule","title":"A domain rule forbids this","status":422,
                             "detail":"cadre 0b1e7c62-3a55-4a43-9c1e-7f1a2b3c4d5e was not actively paired with household 7c6f0e1a-8b2d-4f3e-a1b2-c3d4e5f60718 on 2026-11-20",
                             "instance":"/api/v1/visits","errors":[{"field":"cadreId","rule":"visit.not-paired",
                             "message":"cadre 0b1e7c62-3a55-4a43-9c1e-7f1a2b3c4d5e was not actively paired with household 7c6f0e1a-8b2d-4f3e-a1b2-c3d4e5f60718 on 2026-11-20"}]}"""),
                            @ExampleObject(name = "future date", value = """
                            {"type":"urn:lianhu:problem:rule","title":"A domain rule forbids this","status":422,
                             "detail":"visitedOn 2026-12-01 is after today (2026-11-29)","instance":"/api/v1/visits",
                             "errors":[{"field":"visitedOn","rule":"visit.date-future",
                             "message":"visitedOn 2026-12-01 is after today (2026-11-29)"}]}"""),
                            @ExampleObject(name = "help amount too large", value = HELP_AMOUNT_EXAMPLE) }))
    public Response log(
            @Parameter(description = "client-chosen key, 1..200 characters, making a retried request log one visit; "
                    + "unique per cadre",
                    example = "visit-2026-11-20-wang") @HeaderParam("Idempotency-Key") String idempotencyKey,
            @NotNull @Valid VisitRequest request) {
        VisitLogging.Logged logged;
        try {
            logged = logging.log(request, idempotencyKey);
        } catch (RuntimeException e) {
            if (idempotencyKey == null || !VisitLogging.isIdempotencyKeyTaken(e)) {
                throw e;
            }
            // a concurrent request with the same key committed first: now a replay (200) or a 409
            logged = logging.log(request, idempotencyKey);
        }
        if (!logged.created()) {
            return Response.ok(logged.visit()).build();
        }
        return Response.created(URI.create("/api/v1/visits/" + logged.visit().id())).entity(logged.visit()).build();
    }

    /**
     * One visit with its tasks, help items and demands; {@code ETag} carries its version (as for a demand), to send
     * back in {@code If-Match} when correcting it.
     *
     * @throws cn.gansu.lianhu.api.ApiException 404 if unknown
     */
    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ANY })
    @Operation(operationId = "getVisit", summary = "Get a visit",
            description = "Any role, in its scope (PROVINCE_ADMIN, AUDITOR, INTEGRATION: all; REGION_ADMIN: households in villages under its prefix; UNIT_ADMIN: its unit's; CADRE: its own). Out of the caller's scope answers 404 exactly like an unknown id. "
                        + "One visit log with its tasks as logged, its help items (yuan) and the demands it opened.")
    @APIResponse(responseCode = "200", description = "The visit",
            headers = @Header(name = "ETag", description = "version, quoted (strong tag, e.g. \"2\")"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VisitView.class),
                    examples = @ExampleObject(name = "visit", value = VisitView.EXAMPLE)))
    @APIResponse(responseCode = "400", description = "id is not a UUID (param.type)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "wrong parameter type", value = """
                            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
                             "detail":"id must be a UUID, not 'abc'","instance":"/api/v1/visits/abc",
                             "errors":[{"field":"id","rule":"param.type","message":"id must be a UUID, not 'abc'"}]}""")))
    @APIResponse(responseCode = "404", description = "No visit with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown", value = """
                            {"type":"urn:lianhu:problem:not-found","title":"Not found","status":404,
                             "detail":"visit 5d1c9a4e-2f0b-4c1e-9d7a-1b2c3d4e5f60 does not exist",
                             "instance":"/api/v1/visits/5d1c9a4e-2f0b-4c1e-9d7a-1b2c3d4e5f60","errors":[]}""")))
    public Response get(@Parameter(description = "visit id", example = "5d1c9a4e-2f0b-4c1e-9d7a-1b2c3d4e5f60")
    @PathParam("id") UUID id) {
        VisitView v = queries.get(id);
        return Response.ok(v).tag(String.valueOf(v.version())).build();
    }

    /**
     * Corrects a visit within the correction window (issue 4 point 3): date, mode, duration, location, notes, tasks
     * and help items are replaced; the correction is audited with the visit before and after, and VISIT_CORRECTED
     * is published with the new version. Rules and their order: {@link VisitCorrections}.
     *
     * @param ifMatch version read, as sent in ETag / the visit's {@code version} ({@code "1"}, strong tag); wins over
     *                the body's; one of them is required ({@link Versions}: 400 {@code version.required},
     *                {@code if-match.weak})
     * @return 200 with the corrected visit and {@code ETag} (its new version)
     */
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.UNIT_ADMIN, Roles.CADRE })
    @Operation(operationId = "correctVisit", summary = "Correct a visit",
            description = "PROVINCE_ADMIN; REGION_ADMIN, UNIT_ADMIN, CADRE for visits in their scope (REGION_ADMIN: households in villages under its prefix; UNIT_ADMIN: its unit's; CADRE: its own); AUDITOR, INTEGRATION: 403. Out of the caller's scope answers 404 exactly like an unknown id. The corrector recorded (correctedBy, audit trail) is the token's actor; the body's correctedBy is ignored. "
                        + "Replaces a logged visit's date, mode, duration, location, notes, tasks and help items, "
                    + "within lianhu.visit.correction.window-days (7) of the day it was logged (Beijing time). Cadre "
                    + "and household stay; the cadre must be paired with the household on the new visitedOn (the "
                    + "pairing may differ from before). PUBLIC_OPINION stays if the visit had it, written as "
                    + "{\"task\":\"PUBLIC_OPINION\"} without demands: its demands stay those opened when it was "
                    + "logged. A reason is required; the correction is audited (GET /api/v1/visits/{id}/corrections). "
                    + "The version read is required: If-Match with the strong tag from ETag (\"1\"), or version in the "
                    + "body; without either 400 version.required, a weak tag W/\"1\" is 400 if-match.weak, a stale "
                    + "version 409 version.stale.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = VisitCorrection.class),
            examples = @ExampleObject(name = "date and help kind corrected", value = VisitCorrection.EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Corrected; version + 1",
            headers = @Header(name = "ETag", description = "the new version, quoted"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VisitView.class),
                    examples = @ExampleObject(name = "visit", value = VisitView.EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Body invalid as when logging (notnull, min, max, size, enum, "
            + "visit.task-repeated, visit.task-details), reason missing (not-blank) or longer than 500 (size), "
            + Versions.DESCRIPTION + ", or id not a UUID (param.type)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "reason missing", value = """
                            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
                             "detail":"must not be blank","instance":"/api/v1/visits/5d1c9a4e-2f0b-4c1e-9d7a-1b2c3d4e5f60",
                             "errors":[{"field":"reason","rule":"not-blank","message":"must not be blank"}]}"""),
                            @ExampleObject(name = "no version", value = Versions.VISIT_REQUIRED_EXAMPLE),
                            @ExampleObject(name = "wrong parameter type", value = """
                            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
                             "detail":"id must be a UUID, not 'abc'","instance":"/api/v1/visits/abc",
                             "errors":[{"field":"id","rule":"param.type","message":"id must be a UUID, not 'abc'"}]}""") }))
    @APIResponse(responseCode = "404", description = "No visit with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown", value = """
                            {"type":"urn:lianhu:problem:not-found","title":"Not found","status":404,
                             "detail":"visit 5d1c9a4e-2f0b-4c1e-9d7a-1b2c3d4e5f60 does not exist",
                             "instance":"/api/v1/visits/5d1c9a4e-2f0b-4c1e-9d7a-1b2c3d4e5f60","errors":[]}""")))
    @APIResponse(responseCode = "409", description = "The visit changed since it was read (version.stale)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "stale", value = """
                            {"type":"urn:lianhu:problem:conflict","title":"Conflicts with stored data","status":409,
                             "detail":"visit 5d1c9a4e-2f0b-4c1e-9d7a-1b2c3d4e5f60 is at version 2, not 1: read it again and repeat the correction",
                             "instance":"/api/v1/visits/5d1c9a4e-2f0b-4c1e-9d7a-1b2c3d4e5f60","errors":[{"field":"version",
                             "rule":"version.stale","message":"visit 5d1c9a4e-2f0b-4c1e-9d7a-1b2c3d4e5f60 is at version 2, not 1: read it again and repeat the correction"}]}""")))
    @APIResponse(responseCode = "422", description = "A domain rule: visit.correction-window-closed (logged more than "
            + "window-days ago), visit.date-future, visit.correction-demands (PUBLIC_OPINION added, removed or given "
            + "demands), visit.not-paired (not paired on the new visitedOn)" + HELP_LIMITS,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "window closed", value = """
                            {"type":"urn:lianhu:problem:rule","title":"A domain rule forbids this","status":422,
                             "detail":"visit 5d1c9a4e-2f0b-4c1e-9d7a-1b2c3d4e5f60 was logged on 2026-11-20 and could be corrected up to and including 2026-11-27 (7 days); today is 2026-11-29",
                             "instance":"/api/v1/visits/5d1c9a4e-2f0b-4c1e-9d7a-1b2c3d4e5f60","errors":[{"field":"id",
                             "rule":"visit.correction-window-closed","message":"visit 5d1c9a4e-2f0b-4c1e-9d7a-1b2c3d4e5f60 was logged on 2026-11-20 and could be corrected up to and including 2026-11-27 (7 days); today is 2026-11-29"}]}"""),
                            @ExampleObject(name = "demands in a correction", value = """
                            {"type":"urn:lianhu:problem:rule","title":"A domain rule forbids this","status":422,
                             "detail":"a correction carries no demands: the demands of visit 5d1c9a4e-2f0b-4c1e-9d7a-1b2c3d4e5f60 stay those opened when it was logged and are handled under /api/v1/demands",
                             "instance":"/api/v1/visits/5d1c9a4e-2f0b-4c1e-9d7a-1b2c3d4e5f60","errors":[{"field":"tasks[0].demands",
                             "rule":"visit.correction-demands","message":"a correction carries no demands: the demands of visit 5d1c9a4e-2f0b-4c1e-9d7a-1b2c3d4e5f60 stay those opened when it was logged and are handled under /api/v1/demands"}]}""") }))
    public Response correct(@Parameter(description = "visit id", example = "5d1c9a4e-2f0b-4c1e-9d7a-1b2c3d4e5f60")
    @PathParam("id") UUID id,
            @Parameter(description = "version read, e.g. \"1\" (strong tag as sent in ETag; W/ tags are refused); "
                    + "required unless the body gives version", example = "\"1\"")
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid VisitCorrection body) {
        VisitView v = corrections.correct(id, body, Versions.required(ifMatch, body.version()));
        return Response.ok(v).tag(String.valueOf(v.version())).build();
    }

    /**
     * The audited corrections of a visit, oldest first (issue 4 point 3).
     *
     * @throws cn.gansu.lianhu.api.ApiException 404 if the visit is unknown
     */
    @GET
    @Path("/{id}/corrections")
    @RolesAllowed({ Roles.ANY })
    @Operation(operationId = "listVisitCorrections", summary = "List a visit's corrections",
            description = "Any role, for a visit in its scope. Out of the caller's scope answers 404 exactly like an unknown id. "
                        + "Every correction of the visit, oldest first: the version it produced, when, why, by whom, "
                    + "and the visit before and after (shape of Visit).")
    @APIResponse(responseCode = "200", description = "The corrections (empty if never corrected)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = CorrectionView.class),
                    examples = @ExampleObject(name = "one correction", value = "[" + CorrectionView.EXAMPLE + "]")))
    @APIResponse(responseCode = "400", description = "id is not a UUID (param.type)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "wrong parameter type", value = """
                            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
                             "detail":"id must be a UUID, not 'abc'","instance":"/api/v1/visits/abc/corrections",
                             "errors":[{"field":"id","rule":"param.type","message":"id must be a UUID, not 'abc'"}]}""")))
    @APIResponse(responseCode = "404", description = "No visit with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown", value = """
                            {"type":"urn:lianhu:problem:not-found","title":"Not found","status":404,
                             "detail":"visit 5d1c9a4e-2f0b-4c1e-9d7a-1b2c3d4e5f60 does not exist",
                             "instance":"/api/v1/visits/5d1c9a4e-2f0b-4c1e-9d7a-1b2c3d4e5f60/corrections","errors":[]}""")))
    public java.util.List<CorrectionView> corrections(
            @Parameter(description = "visit id", example = "5d1c9a4e-2f0b-4c1e-9d7a-1b2c3d4e5f60") @PathParam("id") UUID id) {
        return corrections.corrections(id);
    }

    /** A yyyy-MM-dd query parameter; 400 {@code param.type} naming it otherwise. */
    private static LocalDate date(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.invalid(name, "param.type",
                    name + " must be a date yyyy-MM-dd, not '" + (value.length() > 60 ? value.substring(0, 57) + "..." : value) + "'");
        }
    }

    /**
     * Lists visit logs, newest visit date first, filtered by cadre, household, region (village code prefix), date
     * range (inclusive) and task.
     *
     * @param page zero-based page index, default 0; 400 {@code min} if negative
     * @param size page size, default 50; 400 {@code min}/{@code max} outside 1..500
     */
    @GET
    @RolesAllowed({ Roles.ANY })
    @Operation(operationId = "listVisits", summary = "List visit logs",
            description = "Any role. Lists only the caller's scope — PROVINCE_ADMIN, AUDITOR, INTEGRATION: all; REGION_ADMIN: households in villages under its prefix; UNIT_ADMIN: its unit's; CADRE: its own (totals count only those). "
                        + "One page of visit logs, newest visit date first. Filters: cadre, household, village "
                    + "(a division code, 2/4/6/9/12 digits: visits in that region), from/to (visitedOn, inclusive), "
                    + "task (one of the six).")
    @APIResponse(responseCode = "200", description = "One page of visits",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Page.class),
                    examples = @ExampleObject(name = "one visit", value = """
                            {"items":[{"id":"5d1c9a4e-2f0b-4c1e-9d7a-1b2c3d4e5f60","cadreId":"0b1e7c62-3a55-4a43-9c1e-7f1a2b3c4d5e",
                             "unitId":"9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4","householdId":"7c6f0e1a-8b2d-4f3e-a1b2-c3d4e5f60718",
                             "villageCode":"621121100201","visitedOn":"2026-11-20","mode":"IN_HOME","durationMinutes":90,
                             "tasks":["POLICY_PUBLICITY","PUBLIC_OPINION"]}],"page":0,"size":50,"total":1}""")))
    @APIResponse(responseCode = "400", description = "page or size out of range (min, max), village not a division "
            + "code (region.code), task not one of the six (enum), or a query parameter has the wrong type (param.type: page or size "
            + "not an integer, cadre or household not a UUID, from/to not a date), or from after to (field from, "
            + "rule period)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "size too large", value = """
                            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
                             "detail":"must be less than or equal to 500","instance":"/api/v1/visits",
                             "errors":[{"field":"size","rule":"max","message":"must be less than or equal to 500"}]}"""),
                            @ExampleObject(name = "wrong parameter type", value = PARAM_TYPE_EXAMPLE) }))
    public Page<VisitSummary> list(
            @Parameter(description = "visiting cadre", example = "0b1e7c62-3a55-4a43-9c1e-7f1a2b3c4d5e") @QueryParam("cadre") UUID cadre,
            @Parameter(description = "household visited", example = "7c6f0e1a-8b2d-4f3e-a1b2-c3d4e5f60718") @QueryParam("household") UUID household,
            @Parameter(description = "region of the village: division code, 2/4/6/9/12 digits", example = "6211") @QueryParam("village") String village,
            @Parameter(description = "first visit date, inclusive (yyyy-MM-dd)", example = "2026-11-01",
                    schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("from") String from,
            @Parameter(description = "last visit date, inclusive (yyyy-MM-dd)", example = "2026-11-30",
                    schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("to") String to,
            @Parameter(description = "only visits with this task: POLICY_PUBLICITY, PUBLIC_OPINION, DEVELOPMENT, "
                    + "EMOTION_EASING, GRASSROOTS or MODEL_PROMOTION", example = "DEVELOPMENT",
                    schema = @Schema(implementation = VisitTask.class)) @QueryParam("task") String task,
            @Parameter(description = "zero-based page index", example = "0") @QueryParam("page") @Min(0) @Max(Page.MAX_PAGE) Integer page,
            @Parameter(description = "page size, 1..500 (default 50)", example = "50") @QueryParam("size") @Min(1) @Max(Page.MAX_SIZE) Integer size) {
        VisitTask only = task == null ? null : VisitTask.of(task).orElseThrow(() -> ApiException.invalid("task", "enum",
                "task '" + task + "' is not one of POLICY_PUBLICITY, PUBLIC_OPINION, DEVELOPMENT, EMOTION_EASING, "
                        + "GRASSROOTS, MODEL_PROMOTION"));
        LocalDate first = date("from", from);
        LocalDate last = date("to", to);
        if (first != null && last != null && first.isAfter(last)) {
            // as reporting answers a reversed period: an empty page would look like "no visits"
            throw ApiException.invalid("from", "period", "from " + first + " is after to " + last);
        }
        return queries.list(new VisitQueries.Filter(cadre, household, VisitQueries.regionPrefix("village", village),
                first, last, only), Optional.ofNullable(page).orElse(0),
                Optional.ofNullable(size).orElse(config.defaultPageSize()));
    }
}
