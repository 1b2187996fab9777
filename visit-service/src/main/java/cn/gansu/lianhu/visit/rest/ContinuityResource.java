package cn.gansu.lianhu.visit.rest;

import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.gansu.lianhu.api.Page;
import cn.gansu.lianhu.api.Problem;
import cn.gansu.lianhu.visit.config.VisitConfig;
import cn.gansu.lianhu.visit.service.Continuity;
import cn.gansu.lianhu.visit.service.ContinuityViews;
import cn.gansu.lianhu.visit.service.VisitQueries;
import cn.gansu.lianhu.api.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Year-round contact (全年联系不断, DESIGN.md §1, issue 4 point 5): the share of active pairings visited in person
 * within their window and the overdue pairings, per region, unit and cadre. "Overdue" is the one rule of lianhu-events
 * {@code ContinuityRule}: more than {@code lianhu.continuity.overdue-days} (90) days — for households lifted out of
 * poverty {@code lianhu.continuity.lifted-overdue-days} (180) — since the latest in-person visit (IN_HOME,
 * VILLAGE_MEETING), or since the pairing started if there was none.
 */
@Path("/api/v1/continuity")
@Tag(name = "Continuity", description = "Year-round contact (全年联系不断): pairings visited in person within their "
        + "window, and the overdue ones")
@Produces(MediaType.APPLICATION_JSON)
public class ContinuityResource {
    private static final String BAD_PARAMS_DESCRIPTION = "village not a division code of 2/4/6/9/12 digits "
            + "(region.code), or unit / cadre not a UUID (param.type)";
    private static final String REGION_EXAMPLE = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"village must be a division code of 2, 4, 6, 9 or 12 digits, not '62x'",
             "instance":"/api/v1/continuity","errors":[{"field":"village","rule":"region.code",
             "message":"village must be a division code of 2, 4, 6, 9 or 12 digits, not '62x'"}]}""";
    private static final String PARAM_TYPE_EXAMPLE = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"cadre must be a UUID, not 'abc'","instance":"/api/v1/continuity",
             "errors":[{"field":"cadre","rule":"param.type","message":"cadre must be a UUID, not 'abc'"}]}""";

    @Inject
    Continuity continuity;

    @Inject
    VisitConfig config;

    /**
     * Continuity figures today for the active pairings under a region, of a unit, of a cadre (filters combine).
     *
     * @param village division code, 2/4/6/9/12 digits (400 {@code region.code} otherwise); all regions if absent
     */
    @GET
    @RolesAllowed({ Roles.ANY })
    @Operation(operationId = "getContinuity", summary = "Continuity of contact (全年联系不断)",
            description = "Any role; only the pairings in the caller's scope count (REGION_ADMIN: households under its prefix; UNIT_ADMIN: its unit's; CADRE: its own). "
                        + "For the pairings ACTIVE today (Beijing time) in the scope: how many had an in-person visit "
                    + "(IN_HOME or VILLAGE_MEETING) within their window (overdueDays; liftedOverdueDays for households "
                    + "lifted out of poverty), the share (0..1, 4 decimals, null without pairings), how many are "
                    + "overdue and how many were never visited in person. Filters combine: village (division "
                    + "code prefix, 2/4/6/9/12 digits), unit, cadre.")
    @APIResponse(responseCode = "200", description = "The figures",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ContinuityViews.Summary.class),
                    examples = @ExampleObject(name = "county", value = """
                            {"day":"2026-11-29","overdueDays":90,"liftedOverdueDays":180,"activePairings":4,
                             "visitedWithinWindow":2,"share":0.5000,"overdue":1,"neverVisited":1}""")))
    @APIResponse(responseCode = "400", description = BAD_PARAMS_DESCRIPTION,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "bad region", value = REGION_EXAMPLE),
                            @ExampleObject(name = "wrong parameter type", value = PARAM_TYPE_EXAMPLE) }))
    public ContinuityViews.Summary summary(
            @Parameter(description = "region of the village: division code, 2/4/6/9/12 digits", example = "621121") @QueryParam("village") String village,
            @Parameter(description = "the cadres' unit", example = "9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4") @QueryParam("unit") UUID unit,
            @Parameter(description = "one cadre", example = "0b1e7c62-3a55-4a43-9c1e-7f1a2b3c4d5e") @QueryParam("cadre") UUID cadre) {
        return continuity.summary(new Continuity.Scope(VisitQueries.regionPrefix("village", village), unit, cadre));
    }

    /**
     * The overdue active pairings, most days since the last in-person visit first.
     *
     * @param page zero-based page index, default 0
     * @param size page size, default 50, at most 500
     */
    @GET
    @Path("/overdue")
    @RolesAllowed({ Roles.ANY })
    @Operation(operationId = "listOverduePairings", summary = "List overdue pairings",
            description = "Any role; lists only the pairings in the caller's scope (REGION_ADMIN: households under its prefix; UNIT_ADMIN: its unit's; CADRE: its own). "
                        + "One page of the ACTIVE pairings overdue today: more days than their window since the latest "
                    + "in-person visit (or since the pairing started, if never visited in person), most days first. "
                    + "Each names the cadre, unit, household, village, household status, the last in-person visit, "
                    + "the days since and the window that applies. Filters combine: village (division code prefix), unit, cadre.")
    @APIResponse(responseCode = "200", description = "One page of overdue pairings",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Page.class),
                    examples = @ExampleObject(name = "one overdue pairing", value = """
                            {"items":[{"pairingId":"3a0d7f52-6c1b-4e8a-9f20-1d2c3b4a5e6f","cadreId":"0b1e7c62-3a55-4a43-9c1e-7f1a2b3c4d5e",
                             "unitId":"9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4","householdId":"7c6f0e1a-8b2d-4f3e-a1b2-c3d4e5f60718",
                             "villageCode":"621121100201","householdStatus":"IN_POVERTY","startedOn":"2026-03-01",
                             "lastInPersonOn":"2026-07-01","daysSinceLastVisit":151,"windowDays":90}],
                             "page":0,"size":50,"total":1}""")))
    @APIResponse(responseCode = "400", description = BAD_PARAMS_DESCRIPTION + ", or page / size out of range (min, "
            + "max) or not integers (param.type)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "bad region", value = REGION_EXAMPLE),
                            @ExampleObject(name = "wrong parameter type", value = PARAM_TYPE_EXAMPLE) }))
    public Page<ContinuityViews.OverduePairing> overdue(
            @Parameter(description = "region of the village: division code, 2/4/6/9/12 digits", example = "621121") @QueryParam("village") String village,
            @Parameter(description = "the cadres' unit", example = "9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4") @QueryParam("unit") UUID unit,
            @Parameter(description = "one cadre", example = "0b1e7c62-3a55-4a43-9c1e-7f1a2b3c4d5e") @QueryParam("cadre") UUID cadre,
            @Parameter(description = "zero-based page index", example = "0") @QueryParam("page") @Min(0) @Max(Page.MAX_PAGE) Integer page,
            @Parameter(description = "page size, 1..500 (default 50)", example = "50") @QueryParam("size") @Min(1) @Max(Page.MAX_SIZE) Integer size) {
        return continuity.overdue(new Continuity.Scope(VisitQueries.regionPrefix("village", village), unit, cadre),
                Optional.ofNullable(page).orElse(0), Optional.ofNullable(size).orElse(config.defaultPageSize()));
    }
}
