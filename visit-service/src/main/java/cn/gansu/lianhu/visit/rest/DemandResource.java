package cn.gansu.lianhu.visit.rest;

import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
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
import cn.gansu.lianhu.visit.domain.DemandStatus;
import cn.gansu.lianhu.visit.service.DemandSummary;
import cn.gansu.lianhu.visit.service.DemandView;
import cn.gansu.lianhu.visit.service.Demands;
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
 * Demands (民意诉求) raised on visits and their handling (DESIGN.md §1 task 2 "reflect public opinion — demands
 * raised by households, tracked until answered"; issue 4 point 4). Demands are opened by logging a visit with
 * PUBLIC_OPINION; here they are read, moved along OPEN → ACCEPTED → IN_PROGRESS → RESOLVED | REJECTED and given the
 * household's satisfaction. Rules: {@link Demands}.
 */
@Path("/api/v1/demands")
@Tag(name = "Demands", description = "Demands raised by households on visits (民意诉求), handled by the pairing's unit")
@Produces(MediaType.APPLICATION_JSON)
public class DemandResource {
    private static final String ID = "2a3b4c5d-6e7f-4809-9a1b-2c3d4e5f6a7b";
    private static final String ID_TYPE_EXAMPLE = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"id must be a UUID, not 'abc'","instance":"/api/v1/demands/abc",
             "errors":[{"field":"id","rule":"param.type","message":"id must be a UUID, not 'abc'"}]}""";
    private static final String NOT_FOUND_EXAMPLE = """
            {"type":"urn:lianhu:problem:not-found","title":"Not found","status":404,
             "detail":"demand 2a3b4c5d-6e7f-4809-9a1b-2c3d4e5f6a7b does not exist",
             "instance":"/api/v1/demands/2a3b4c5d-6e7f-4809-9a1b-2c3d4e5f6a7b","errors":[]}""";
    private static final String STALE_EXAMPLE = """
            {"type":"urn:lianhu:problem:conflict","title":"Conflicts with stored data","status":409,
             "detail":"demand 2a3b4c5d-6e7f-4809-9a1b-2c3d4e5f6a7b is at version 3, not 2: read it again and repeat the change",
             "instance":"/api/v1/demands/2a3b4c5d-6e7f-4809-9a1b-2c3d4e5f6a7b/transitions","errors":[{"field":"version",
             "rule":"version.stale","message":"demand 2a3b4c5d-6e7f-4809-9a1b-2c3d4e5f6a7b is at version 3, not 2: read it again and repeat the change"}]}""";

    @Inject
    Demands demands;

    @Inject
    VisitConfig config;

    /**
     * One demand with overdue, closedLate and its history; {@code ETag} carries its version.
     *
     * @throws ApiException 404 if unknown
     */
    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ANY })
    @Operation(operationId = "getDemand", summary = "Get a demand",
            description = "Any role, in its scope (REGION_ADMIN: households under its prefix; UNIT_ADMIN: demands its unit handles; CADRE: demands raised on its own visits). Out of the caller's scope answers 404 exactly like an unknown id. "
                        + "One demand with its status, deadline, answer, satisfaction, overdue (not closed and today "
                    + "after the deadline), closedLate (closed after the deadline) and its history, oldest first.")
    @APIResponse(responseCode = "200", description = "The demand",
            headers = @Header(name = "ETag", description = "version, quoted"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DemandView.class),
                    examples = @ExampleObject(name = "resolved", value = DemandView.EXAMPLE)))
    @APIResponse(responseCode = "400", description = "id is not a UUID (param.type)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "wrong parameter type", value = ID_TYPE_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No demand with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown", value = NOT_FOUND_EXAMPLE)))
    public Response get(@Parameter(description = "demand id", example = ID) @PathParam("id") UUID id) {
        DemandView d = demands.get(id);
        return Response.ok(d).tag(String.valueOf(d.version())).build();
    }

    /**
     * Lists demands, newest opened first, filtered by village (division code prefix, 2/4/6/9/12 digits), unit,
     * household, status and overdue (query parameters {@code village}, {@code unit}, {@code household}).
     */
    @GET
    @RolesAllowed({ Roles.ANY })
    @Operation(operationId = "listDemands", summary = "List demands",
            description = "Any role. Lists only the caller's scope (REGION_ADMIN: households under its prefix; UNIT_ADMIN: demands its unit handles; CADRE: demands raised on its own visits). "
                        + "One page of demands, newest opened first. Filters: village (division code, 2/4/6/9/12 "
                    + "digits: demands of households in that region), unit (handling unit), household, status "
                    + "(OPEN, ACCEPTED, IN_PROGRESS, RESOLVED, REJECTED), overdue (true: not closed and past the "
                    + "deadline; false: the others).")
    @APIResponse(responseCode = "200", description = "One page of demands",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Page.class),
                    examples = @ExampleObject(name = "one overdue demand", value = """
                            {"items":[{"id":"2a3b4c5d-6e7f-4809-9a1b-2c3d4e5f6a7b","visitId":"5d1c9a4e-2f0b-4c1e-9d7a-1b2c3d4e5f60",
                             "householdId":"7c6f0e1a-8b2d-4f3e-a1b2-c3d4e5f60718","villageCode":"621121100201",
                             "unitId":"9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4","category":"HOUSING","description":"危房改造",
                             "status":"ACCEPTED","openedOn":"2026-10-20","deadline":"2026-11-19","closedOn":null,
                             "satisfaction":null,"overdue":true,"closedLate":false,"version":2}],"page":0,"size":50,"total":1}""")))
    @APIResponse(responseCode = "400", description = "village not a division code (region.code), status not a demand "
            + "status (enum), page or size out of range (min, max), or a parameter of the wrong type (param.type: "
            + "unit or household not a UUID, overdue not true/false, page or size not an integer)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "unknown status", value = """
                            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
                             "detail":"status 'DONE' is not one of OPEN, ACCEPTED, IN_PROGRESS, RESOLVED, REJECTED",
                             "instance":"/api/v1/demands","errors":[{"field":"status","rule":"enum",
                             "message":"status 'DONE' is not one of OPEN, ACCEPTED, IN_PROGRESS, RESOLVED, REJECTED"}]}"""),
                            @ExampleObject(name = "wrong parameter type", value = """
                            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
                             "detail":"unit must be a UUID, not 'abc'","instance":"/api/v1/demands",
                             "errors":[{"field":"unit","rule":"param.type","message":"unit must be a UUID, not 'abc'"}]}""") }))
    public Page<DemandSummary> list(
            @Parameter(description = "region of the household's village: division code, 2/4/6/9/12 digits",
                    example = "6211") @QueryParam("village") String village,
            @Parameter(description = "handling unit", example = "9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4") @QueryParam("unit") UUID unit,
            @Parameter(description = "household that raised it", example = "7c6f0e1a-8b2d-4f3e-a1b2-c3d4e5f60718") @QueryParam("household") UUID household,
            @Parameter(description = "OPEN, ACCEPTED, IN_PROGRESS, RESOLVED or REJECTED", example = "OPEN",
                    schema = @Schema(implementation = DemandStatus.class)) @QueryParam("status") String status,
            @Parameter(description = "true: only overdue (not closed, today after the deadline); false: only not "
                    + "overdue", example = "true") @QueryParam("overdue") Boolean overdue,
            @Parameter(description = "zero-based page index", example = "0") @QueryParam("page") @Min(0) @Max(Page.MAX_PAGE) Integer page,
            @Parameter(description = "page size, 1..500 (default 50)", example = "50") @QueryParam("size") @Min(1) @Max(Page.MAX_SIZE) Integer size) {
        DemandStatus only = null;
        if (status != null) {
            try {
                only = DemandStatus.valueOf(status);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("status", "enum", "status '" + (status.length() > 40
                        ? status.substring(0, 40) + "…" : status)
                        + "' is not one of OPEN, ACCEPTED, IN_PROGRESS, RESOLVED, REJECTED");
            }
        }
        return demands.list(new Demands.Filter(VisitQueries.regionPrefix("village", village), unit, household, only,
                overdue), Optional.ofNullable(page).orElse(0), Optional.ofNullable(size).orElse(config.defaultPageSize()));
    }

    /**
     * Moves a demand along its workflow; rules and their order in {@link Demands#transition}.
     *
     * @param ifMatch version read, as sent in ETag (strong tag); wins over the body's; one of them is required
     *                ({@link Versions}: 400 {@code version.required}, {@code if-match.weak})
     * @return 200 with the demand after the change and its new ETag
     */
    @POST
    @Path("/{id}/transitions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.UNIT_ADMIN })
    @Operation(operationId = "transitionDemand", summary = "Move a demand to its next status",
            description = "PROVINCE_ADMIN; REGION_ADMIN (household under its prefix); UNIT_ADMIN (its unit handles the demand); CADRE, AUDITOR, INTEGRATION: 403. Out of the caller's scope answers 404 exactly like an unknown id. The history records the token's actor (changedBy). "
                        + "Allowed: OPEN → ACCEPTED | REJECTED, ACCEPTED → IN_PROGRESS | REJECTED, IN_PROGRESS → "
                    + "RESOLVED | REJECTED; RESOLVED and REJECTED are final. An answer is required for RESOLVED and "
                    + "REJECTED; satisfaction may come with them. 'on' (default today) is neither after today nor "
                    + "before the day the demand was opened or last changed. Publishes DEMAND_CHANGED.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DemandTransition.class),
            examples = { @ExampleObject(name = "accept", value = """
                    {"to":"ACCEPTED","on":"2026-11-21","note":"乡镇受理","version":1}"""),
                    @ExampleObject(name = "resolve", value = """
                    {"to":"RESOLVED","on":"2026-11-28","answer":"已纳入2027年危房改造计划","satisfaction":"SATISFIED","version":3}""") }))
    @APIResponse(responseCode = "200", description = "Changed; version + 1",
            headers = @Header(name = "ETag", description = "the new version, quoted"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DemandView.class),
                    examples = @ExampleObject(name = "resolved", value = DemandView.EXAMPLE)))
    @APIResponse(responseCode = "400", description = "to missing or not a status (notnull, enum), answer missing for "
            + "RESOLVED or REJECTED (demand.answer-required), satisfaction with another status "
            + "(demand.satisfaction-not-closing), answer or note too long (size), " + Versions.DESCRIPTION
            + ", id not a UUID (param.type)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "answer missing", value = """
                            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
                             "detail":"answer is required to move a demand to RESOLVED",
                             "instance":"/api/v1/demands/2a3b4c5d-6e7f-4809-9a1b-2c3d4e5f6a7b/transitions",
                             "errors":[{"field":"answer","rule":"demand.answer-required","message":"answer is required to move a demand to RESOLVED"}]}"""),
                            @ExampleObject(name = "no version", value = Versions.DEMAND_REQUIRED_EXAMPLE),
                            @ExampleObject(name = "wrong parameter type", value = ID_TYPE_EXAMPLE) }))
    @APIResponse(responseCode = "404", description = "No demand with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown", value = NOT_FOUND_EXAMPLE)))
    @APIResponse(responseCode = "409", description = "The demand changed since it was read (version.stale), or the "
            + "move is not allowed from its status (demand.transition-not-allowed, naming from and to)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "not allowed", value = """
                            {"type":"urn:lianhu:problem:conflict","title":"Conflicts with stored data","status":409,
                             "detail":"demand 2a3b4c5d-6e7f-4809-9a1b-2c3d4e5f6a7b is RESOLVED: RESOLVED → OPEN is not allowed (from RESOLVED: none)",
                             "instance":"/api/v1/demands/2a3b4c5d-6e7f-4809-9a1b-2c3d4e5f6a7b/transitions","errors":[{"field":"to",
                             "rule":"demand.transition-not-allowed","message":"demand 2a3b4c5d-6e7f-4809-9a1b-2c3d4e5f6a7b is RESOLVED: RESOLVED → OPEN is not allowed (from RESOLVED: none)"}]}"""),
                            @ExampleObject(name = "stale", value = STALE_EXAMPLE) }))
    @APIResponse(responseCode = "422", description = "on after today (demand.date-future) or before the day the "
            + "demand was opened or last changed (demand.date-before-last-change)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "before last change", value = """
                            {"type":"urn:lianhu:problem:rule","title":"A domain rule forbids this","status":422,
                             "detail":"on 2026-11-19 is before 2026-11-20, the day demand 2a3b4c5d-6e7f-4809-9a1b-2c3d4e5f6a7b was opened or last changed",
                             "instance":"/api/v1/demands/2a3b4c5d-6e7f-4809-9a1b-2c3d4e5f6a7b/transitions","errors":[{"field":"on",
                             "rule":"demand.date-before-last-change","message":"on 2026-11-19 is before 2026-11-20, the day demand 2a3b4c5d-6e7f-4809-9a1b-2c3d4e5f6a7b was opened or last changed"}]}""")))
    public Response transition(@Parameter(description = "demand id", example = ID) @PathParam("id") UUID id,
            @Parameter(description = "version read, e.g. \"1\" (strong tag as sent in ETag; W/ tags are refused); "
                    + "required unless the body gives version", example = "\"1\"")
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid DemandTransition body) {
        DemandView d = demands.transition(id, body, Versions.required(ifMatch, body.version()));
        return Response.ok(d).tag(String.valueOf(d.version())).build();
    }

    /**
     * Records the household's satisfaction with a closed demand, once.
     *
     * @param ifMatch version read, as sent in ETag (strong tag); wins over the body's; one of them is required
     *                ({@link Versions})
     * @return 200 with the demand and its new ETag
     */
    @PUT
    @Path("/{id}/satisfaction")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.UNIT_ADMIN, Roles.CADRE })
    @Operation(operationId = "setDemandSatisfaction", summary = "Record the household's satisfaction",
            description = "PROVINCE_ADMIN; REGION_ADMIN (household under its prefix); UNIT_ADMIN (handling unit); CADRE (raised on its own visit); AUDITOR, INTEGRATION: 403. Out of the caller's scope answers 404 exactly like an unknown id. The history records the token's actor (changedBy). "
                        + "For a RESOLVED or REJECTED demand whose satisfaction was not given when it was closed: "
                    + "SATISFIED, BASICALLY_SATISFIED or DISSATISFIED, once. Publishes DEMAND_CHANGED.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DemandSatisfaction.class),
            examples = @ExampleObject(name = "basically satisfied", value = """
                    {"satisfaction":"BASICALLY_SATISFIED","version":4}""")))
    @APIResponse(responseCode = "200", description = "Recorded; version + 1",
            headers = @Header(name = "ETag", description = "the new version, quoted"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DemandView.class),
                    examples = @ExampleObject(name = "resolved", value = DemandView.EXAMPLE)))
    @APIResponse(responseCode = "400", description = "satisfaction missing or unknown (notnull, enum), "
            + Versions.DESCRIPTION + ", id not a UUID (param.type)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "no version", value = Versions.DEMAND_REQUIRED_EXAMPLE),
                            @ExampleObject(name = "wrong parameter type", value = ID_TYPE_EXAMPLE) }))
    @APIResponse(responseCode = "404", description = "No demand with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown", value = NOT_FOUND_EXAMPLE)))
    @APIResponse(responseCode = "409", description = "Stale version (version.stale), demand not closed "
            + "(demand.not-closed) or satisfaction already given (demand.satisfaction-given)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "not closed", value = """
                            {"type":"urn:lianhu:problem:conflict","title":"Conflicts with stored data","status":409,
                             "detail":"demand 2a3b4c5d-6e7f-4809-9a1b-2c3d4e5f6a7b is IN_PROGRESS: satisfaction is given once it is RESOLVED or REJECTED",
                             "instance":"/api/v1/demands/2a3b4c5d-6e7f-4809-9a1b-2c3d4e5f6a7b/satisfaction","errors":[{"field":"satisfaction",
                             "rule":"demand.not-closed","message":"demand 2a3b4c5d-6e7f-4809-9a1b-2c3d4e5f6a7b is IN_PROGRESS: satisfaction is given once it is RESOLVED or REJECTED"}]}""")))
    public Response satisfaction(@Parameter(description = "demand id", example = ID) @PathParam("id") UUID id,
            @Parameter(description = "version read, e.g. \"4\" (strong tag as sent in ETag; W/ tags are refused); "
                    + "required unless the body gives version", example = "\"4\"")
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid DemandSatisfaction body) {
        DemandView d = demands.satisfaction(id, body, Versions.required(ifMatch, body.version()));
        return Response.ok(d).tag(String.valueOf(d.version())).build();
    }
}
