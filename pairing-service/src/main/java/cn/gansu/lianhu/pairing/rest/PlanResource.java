package cn.gansu.lianhu.pairing.rest;

import jakarta.annotation.security.RolesAllowed;
import cn.gansu.lianhu.api.security.Roles;
import java.net.URI;
import java.util.List;
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
import cn.gansu.lianhu.pairing.domain.PlanScope;
import cn.gansu.lianhu.pairing.service.PlanItemView;
import cn.gansu.lianhu.pairing.service.PlanService;
import cn.gansu.lianhu.pairing.service.PlanView;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The pairing planner (issue 3 point 7): proposes cadre ↔ household pairings (干部联户) for a unit, a county
 * or the whole province that cover every household of the linked villages and bring every ACTIVE cadre to
 * its rank minimum, within the per-household maximum and around the pairings that already exist (DESIGN.md
 * §1 "How they are linked"; the rules come from {@code LinkingRules}). The proposal is a draft to review
 * ({@code GET …/items}, {@code GET …/units}); confirming it creates the pairings ACTIVE and confirms the units
 * in scope once (一次确定联系对象). When no plan can meet every rule the draft says which rule fails where and by
 * how much ({@code shortfalls}) and cannot be confirmed.
 *
 * <p>Errors (RFC 9457): 400 field rules (scope, unitId, countyCode, confirmedBy, page, size, parameter types),
 * 404 unknown plan, unit or county, 409 {@code plan.not-draft} / {@code plan.stale}, 422 {@code plan.infeasible}.
 */
@Path("/api/v1/plans")
@Tag(name = "Planner", description = "Propose, review and confirm cadre ↔ household pairings for a unit, a county "
        + "or the province (issue 3 point 7)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PlanResource {

    static final String PLAN_ID = "5b2c8e1a-9f3d-4c7b-8a6e-1d2f3a4b5c6d";
    static final String PLAN_EXAMPLE = """
            {"id":"5b2c8e1a-9f3d-4c7b-8a6e-1d2f3a4b5c6d",
             "scope":{"kind":"COUNTY","unitId":null,"unitName":null,"countyCode":"621125000000","countyName":"漳县"},
             "status":"DRAFT","feasible":true,
             "figures":{"householdsInScope":4210,"householdsAlreadyCovered":12,"householdsCoveredAfter":4210,"villages":95,
                        "units":48,"cadres":3650,"leaders":1,"cadresBelowMinimum":3641,"cadresBelowMinimumAfter":0,
                        "existingPairings":15,"pairingsProposed":5230,"primaryProposed":4198,"maxCadresPerHousehold":3},
             "shortfalls":[],"shortfallCount":0,
             "units":[{"unitId":"3f9a1c52-7b0e-4d21-9c8a-2e5f6a7b8c90","name":"甘肃省财政厅","alreadyConfirmed":false,
                       "villages":2,"households":84,"cadres":60,"cadresBelowMinimum":60,"cadresBelowMinimumAfter":0,
                       "existingPairings":0,"proposedPairings":97}],
             "unitCount":48,"timings":{"loadMs":180,"planMs":25,"storeMs":140},"confirmation":null,
             "createdAt":"2026-11-29T08:00:00Z","decidedAt":null,"decidedBy":null}""";
    static final String INFEASIBLE_EXAMPLE = """
            {"id":"7d4e2f1a-0b3c-4d5e-9f6a-7b8c9d0e1f2a",
             "scope":{"kind":"UNIT","unitId":"3f9a1c52-7b0e-4d21-9c8a-2e5f6a7b8c90","unitName":"甘肃省财政厅",
                      "countyCode":null,"countyName":null},
             "status":"DRAFT","feasible":false,
             "figures":{"householdsInScope":4,"householdsAlreadyCovered":0,"householdsCoveredAfter":4,"villages":1,
                        "units":1,"cadres":5,"leaders":0,"cadresBelowMinimum":5,"cadresBelowMinimumAfter":3,
                        "existingPairings":0,"pairingsProposed":12,"primaryProposed":4,"maxCadresPerHousehold":3},
             "shortfalls":[{"rule":"plan.household-maximum",
                            "where":{"kind":"UNIT","id":"3f9a1c52-7b0e-4d21-9c8a-2e5f6a7b8c90","name":"甘肃省财政厅"},
                            "figures":{"villages":1,"households":4,"cadres":5,"pairingsNeeded":15,"pairingsAllowed":12,
                                       "short":3,"maxCadresPerHousehold":3},
                            "message":"unit 甘肃省财政厅: 4 households in its 1 village, its 5 cadres need at least 15 more pairings; with at most 3 cadres per household (the per-household maximum) and each cadre paired once with a household, only 12 are possible: 3 short"},
                           {"rule":"plan.village-uncovered",
                            "where":{"kind":"VILLAGE","id":"621125100202","name":"董家庄村民委员会 (漳县)"},
                            "figures":{"households":40},
                            "message":"village 621125100202 董家庄村民委员会 (漳县): 40 households without a cadre, no unit links it"}],
             "shortfallCount":2,"units":[],"unitCount":1,"timings":{"loadMs":12,"planMs":1,"storeMs":9},
             "confirmation":null,"createdAt":"2026-11-29T08:00:00Z","decidedAt":null,"decidedBy":null}""";
    static final String CONFIRMED_EXAMPLE = """
            {"id":"5b2c8e1a-9f3d-4c7b-8a6e-1d2f3a4b5c6d",
             "scope":{"kind":"COUNTY","unitId":null,"unitName":null,"countyCode":"621125000000","countyName":"漳县"},
             "status":"CONFIRMED","feasible":true,
             "figures":{"householdsInScope":4210,"householdsAlreadyCovered":12,"householdsCoveredAfter":4210,"villages":95,
                        "units":48,"cadres":3650,"leaders":1,"cadresBelowMinimum":3641,"cadresBelowMinimumAfter":0,
                        "existingPairings":15,"pairingsProposed":5230,"primaryProposed":4198,"maxCadresPerHousehold":3},
             "shortfalls":[],"shortfallCount":0,"units":[],"unitCount":48,
             "timings":{"loadMs":180,"planMs":25,"storeMs":140},
             "confirmation":{"pairingsCreated":5230,"draftsActivated":15,"unitsConfirmed":48,"durationMs":1450},
             "createdAt":"2026-11-29T08:00:00Z","decidedAt":"2026-11-29T09:30:00Z","decidedBy":"漳县联村联户办公室 李明"}""";
    static final String ITEMS_EXAMPLE = """
            {"items":[{"seq":0,"cadreId":"8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f","cadreName":"王建军",
                       "cadreRank":"COUNTY_DIVISION","unitId":"3f9a1c52-7b0e-4d21-9c8a-2e5f6a7b8c90","unitName":"甘肃省财政厅",
                       "householdId":"0b6f5d1e-3c1a-4a53-9a0e-1f7d2c9b8a11","villageCode":"621125100201","primary":true}],
             "page":0,"size":50,"total":5230}""";
    static final String UNITS_EXAMPLE = """
            {"items":[{"unitId":"3f9a1c52-7b0e-4d21-9c8a-2e5f6a7b8c90","name":"甘肃省财政厅","alreadyConfirmed":false,
                       "villages":2,"households":84,"cadres":60,"cadresBelowMinimum":60,"cadresBelowMinimumAfter":0,
                       "existingPairings":0,"proposedPairings":97}],
             "page":0,"size":50,"total":48}""";
    static final String P400_SCOPE = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"scope COUNTY needs countyCode","instance":"/api/v1/plans",
             "errors":[{"field":"countyCode","rule":"plan.county-required","message":"scope COUNTY needs countyCode"}]}""";
    static final String P400_COUNTY = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"countyCode is a Gansu county code of 6 or 12 digits (621125 or 621125000000), not '6211'",
             "instance":"/api/v1/plans","errors":[{"field":"countyCode","rule":"region-code.format",
             "message":"countyCode is a Gansu county code of 6 or 12 digits (621125 or 621125000000), not '6211'"}]}""";
    static final String P400_ENUM = """
            {"type":"urn:lianhu:problem:malformed-request","title":"Request body cannot be read","status":400,
             "detail":"expected one of UNIT, COUNTY, PROVINCE at scope","instance":"/api/v1/plans",
             "errors":[{"field":"scope","rule":"json.type","message":"expected one of UNIT, COUNTY, PROVINCE at scope"}]}""";
    static final String P404_UNIT = """
            {"type":"urn:lianhu:problem:not-found","title":"Not found","status":404,
             "detail":"unit 3f9a1c52-7b0e-4d21-9c8a-2e5f6a7b8c90 does not exist","instance":"/api/v1/plans","errors":[]}""";
    static final String P404_COUNTY = """
            {"type":"urn:lianhu:problem:not-found","title":"Not found","status":404,
             "detail":"county 621199000000 does not exist","instance":"/api/v1/plans","errors":[]}""";
    static final String P404_PLAN = """
            {"type":"urn:lianhu:problem:not-found","title":"Not found","status":404,
             "detail":"plan 5b2c8e1a-9f3d-4c7b-8a6e-1d2f3a4b5c6d does not exist",
             "instance":"/api/v1/plans/5b2c8e1a-9f3d-4c7b-8a6e-1d2f3a4b5c6d","errors":[]}""";
    static final String P400_ID_TYPE = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"id must be a UUID, not '42'","instance":"/api/v1/plans/42",
             "errors":[{"field":"id","rule":"param.type","message":"id must be a UUID, not '42'"}]}""";
    static final String P400_PAGE = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"must be less than or equal to 500","instance":"/api/v1/plans/5b2c8e1a-9f3d-4c7b-8a6e-1d2f3a4b5c6d/items",
             "errors":[{"field":"size","rule":"max","message":"must be less than or equal to 500"}]}""";
    static final String P400_VILLAGE = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"village must be a 12-digit village code, not '6211'",
             "instance":"/api/v1/plans/5b2c8e1a-9f3d-4c7b-8a6e-1d2f3a4b5c6d/items",
             "errors":[{"field":"village","rule":"region-code.format","message":"village must be a 12-digit village code, not '6211'"}]}""";
    static final String P400_CONFIRMED_BY = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"must not be blank","instance":"/api/v1/plans/5b2c8e1a-9f3d-4c7b-8a6e-1d2f3a4b5c6d/confirm",
             "errors":[{"field":"confirmedBy","rule":"not-blank","message":"must not be blank"}]}""";
    static final String P409_NOT_DRAFT = """
            {"type":"urn:lianhu:problem:conflict","title":"Conflicts with stored data","status":409,
             "detail":"plan 5b2c8e1a-9f3d-4c7b-8a6e-1d2f3a4b5c6d is CONFIRMED; only a DRAFT plan can be confirmed or discarded",
             "instance":"/api/v1/plans/5b2c8e1a-9f3d-4c7b-8a6e-1d2f3a4b5c6d/confirm",
             "errors":[{"field":"id","rule":"plan.not-draft",
                        "message":"plan 5b2c8e1a-9f3d-4c7b-8a6e-1d2f3a4b5c6d is CONFIRMED; only a DRAFT plan can be confirmed or discarded"}]}""";
    static final String P409_STALE = """
            {"type":"urn:lianhu:problem:conflict","title":"Conflicts with stored data","status":409,
             "detail":"plan 5b2c8e1a-9f3d-4c7b-8a6e-1d2f3a4b5c6d is stale: 2 pairing changes since it was made; make a new plan",
             "instance":"/api/v1/plans/5b2c8e1a-9f3d-4c7b-8a6e-1d2f3a4b5c6d/confirm",
             "errors":[{"field":"id","rule":"plan.stale",
                        "message":"plan 5b2c8e1a-9f3d-4c7b-8a6e-1d2f3a4b5c6d is stale: 2 pairing changes since it was made; make a new plan"}]}""";
    static final String P422_INFEASIBLE = """
            {"type":"urn:lianhu:problem:domain-rule","title":"A domain rule forbids this","status":422,
             "detail":"plan 7d4e2f1a-0b3c-4d5e-9f6a-7b8c9d0e1f2a cannot be confirmed: it breaks 1 rule",
             "instance":"/api/v1/plans/7d4e2f1a-0b3c-4d5e-9f6a-7b8c9d0e1f2a/confirm",
             "errors":[{"field":"id","rule":"plan.infeasible",
                        "message":"plan 7d4e2f1a-0b3c-4d5e-9f6a-7b8c9d0e1f2a cannot be confirmed: it breaks 1 rule"},
                       {"field":"units[3f9a1c52-7b0e-4d21-9c8a-2e5f6a7b8c90]","rule":"plan.household-maximum",
                        "message":"unit 甘肃省财政厅: 4 households in its 1 village, its 5 cadres need at least 15 more pairings; with at most 3 cadres per household (the per-household maximum) and each cadre paired once with a household, only 12 are possible: 3 short"}]}""";

    @Inject
    PlanService service;

    /**
     * Request body of {@code createPlan}.
     *
     * @param scope      UNIT, COUNTY or PROVINCE
     * @param unitId     the unit, for scope UNIT only
     * @param countyCode the county, short (621125) or 12-digit (621125000000), for scope COUNTY only
     */
    @Schema(name = "PlanRequest", example = """
            {"scope":"COUNTY","countyCode":"621125"}""")
    public record PlanRequest(
            @NotNull @Schema(required = true, description = "UNIT, COUNTY or PROVINCE", example = "COUNTY") PlanScope scope,
            @Schema(description = "the unit (scope UNIT)", example = "3f9a1c52-7b0e-4d21-9c8a-2e5f6a7b8c90") UUID unitId,
            @Schema(description = "county code, 6 or 12 digits (scope COUNTY)", example = "621125") String countyCode) {
    }

    /**
     * Request body of {@code confirmPlan}.
     *
     * @param confirmedBy the person confirming (recorded on every pairing's history and on the units)
     */
    @Schema(name = "PlanConfirmRequest", example = """
            {"confirmedBy":"漳县联村联户办公室 李明"}""")
    public record ConfirmRequest(
            @NotBlank @Size(max = 100) @Schema(required = true, maxLength = 100, example = "漳县联村联户办公室 李明")
            String confirmedBy) {
    }

    /** Plans pairings for a unit, a county or the province and stores the proposal as a DRAFT. */
    @POST
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.UNIT_ADMIN })
    @Operation(operationId = "createPlan", summary = "Plan pairings for a unit, a county or the province",
            description = "Callers: scope UNIT — PROVINCE_ADMIN, REGION_ADMIN (unit in its region), UNIT_ADMIN (its unit); COUNTY — PROVINCE_ADMIN, REGION_ADMIN (county in its region); PROVINCE — PROVINCE_ADMIN only (others 403 role.not-allowed). A unit or county out of scope answers 404 like an unknown one. " + "Proposes new cadre ↔ household pairings (干部联户) so that every household (IN_POVERTY or "
                    + "RELAPSED) in scope has a cadre, one of them primary (帮扶责任人), every ACTIVE cadre in scope "
                    + "reaches its rank minimum (provincial leader 5, 地厅级 3, 县处级 2, other 1 by default), no "
                    + "household exceeds the per-household maximum (3 by default) and a cadre pairs only households "
                    + "of its unit's linked villages (a provincial leader: its own leader-link villages). Existing "
                    + "DRAFT/ACTIVE pairings stay and count on both sides. Scope UNIT: the unit's cadres and its "
                    + "villages' households. COUNTY: every unit linking a village of the county (and the county's "
                    + "provincial leaders); the county's households and those of the other villages these units link. "
                    + "PROVINCE: everything. Cadres with the most remaining need go first, households with the fewest "
                    + "cadres, and a cadre's households stay in as few villages as possible; the same data give the "
                    + "same plan. If no plan can meet every rule, the draft is stored with feasible=false and "
                    + "shortfalls naming the rule, where (unit, units sharing villages, leader, village) and by how "
                    + "much; it cannot be confirmed. The whole province (400,000 households and cadres) plans in "
                    + "seconds.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PlanRequest.class),
            examples = { @ExampleObject(name = "county", value = "{\"scope\":\"COUNTY\",\"countyCode\":\"621125\"}"),
                    @ExampleObject(name = "unit",
                            value = "{\"scope\":\"UNIT\",\"unitId\":\"3f9a1c52-7b0e-4d21-9c8a-2e5f6a7b8c90\"}"),
                    @ExampleObject(name = "province", value = "{\"scope\":\"PROVINCE\"}") }))
    @APIResponse(responseCode = "201", description = "The plan (a DRAFT, feasible or not)",
            headers = @Header(name = "Location", description = "/api/v1/plans/{id}"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PlanView.class),
                    examples = { @ExampleObject(name = "feasible county plan", value = PLAN_EXAMPLE),
                            @ExampleObject(name = "infeasible unit plan", value = INFEASIBLE_EXAMPLE) }))
    @APIResponse(responseCode = "400", description = "scope missing or unknown; unitId/countyCode missing for their "
            + "scope or given for another; countyCode not a county code",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "county missing", value = P400_SCOPE),
                            @ExampleObject(name = "bad county code", value = P400_COUNTY),
                            @ExampleObject(name = "unknown scope", value = P400_ENUM) }))
    @APIResponse(responseCode = "404", description = "Unknown unit, or a county no registry event has named",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "unknown unit", value = P404_UNIT),
                            @ExampleObject(name = "unknown county", value = P404_COUNTY) }))
    public Response create(@NotNull @Valid PlanRequest body) {
        String county = null;
        switch (body.scope()) {
            case UNIT -> {
                if (body.unitId() == null) {
                    throw ApiException.invalid("unitId", "plan.unit-required", "scope UNIT needs unitId");
                }
                if (body.countyCode() != null) {
                    throw mismatch("countyCode", "COUNTY", body.scope());
                }
            }
            case COUNTY -> {
                if (body.countyCode() == null || body.countyCode().isBlank()) {
                    throw ApiException.invalid("countyCode", "plan.county-required", "scope COUNTY needs countyCode");
                }
                if (body.unitId() != null) {
                    throw mismatch("unitId", "UNIT", body.scope());
                }
                county = countyCode(body.countyCode().trim());
            }
            case PROVINCE -> {
                if (body.unitId() != null) {
                    throw mismatch("unitId", "UNIT", body.scope());
                }
                if (body.countyCode() != null) {
                    throw mismatch("countyCode", "COUNTY", body.scope());
                }
            }
        }
        PlanView plan = service.create(body.scope(), body.unitId(), county);
        return Response.created(URI.create("/api/v1/plans/" + plan.id())).entity(plan).build();
    }

    private static ApiException mismatch(String field, String scope, PlanScope given) {
        return ApiException.invalid(field, "plan.scope-mismatch", field + " is only for scope " + scope + ", not "
                + given);
    }

    /** 621125 or 621125000000 → 621125000000; 400 unless a Gansu county code (not a prefecture's 6201 / 620100). */
    static String countyCode(String code) {
        String six = code.length() == 6 ? code
                : code.length() == 12 && code.endsWith("000000") ? code.substring(0, 6) : null;
        if (six == null || !six.matches("62\\d{4}") || six.endsWith("00")) {
            throw ApiException.invalid("countyCode", "region-code.format", "countyCode is a Gansu county code of 6 or "
                    + "12 digits (621125 or 621125000000), not '" + code + "'");
        }
        return six + "000000";
    }

    /** One plan. */
    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.UNIT_ADMIN, Roles.AUDITOR, Roles.INTEGRATION })
    @Operation(operationId = "getPlan", summary = "A plan: status, figures, shortfalls",
            description = "Callers: who could make the plan, plus AUDITOR and INTEGRATION. Out of scope answers 404 exactly like an unknown id. " + "Scope, status (DRAFT, CONFIRMED, DISCARDED, STALE), whether it meets every rule, figures "
                    + "(households in scope, already covered, covered after, cadres, below minimum before/after, "
                    + "pairings proposed), the shortfalls (first 200; shortfallCount gives all), the first 100 units "
                    + "by name (unitCount gives all; GET /api/v1/plans/{id}/units pages them), timings and, once "
                    + "confirmed, what confirming created.")
    @APIResponse(responseCode = "200", description = "The plan",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PlanView.class),
                    examples = { @ExampleObject(name = "draft", value = PLAN_EXAMPLE),
                            @ExampleObject(name = "infeasible", value = INFEASIBLE_EXAMPLE),
                            @ExampleObject(name = "confirmed", value = CONFIRMED_EXAMPLE) }))
    @APIResponse(responseCode = "400", description = "id is not a UUID (param.type)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "wrong parameter type", value = P400_ID_TYPE)))
    @APIResponse(responseCode = "404", description = "No such plan",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown", value = P404_PLAN)))
    public PlanView get(@Parameter(description = "plan id", example = PLAN_ID) @PathParam("id") UUID id) {
        return service.get(id);
    }

    /** A page of a plan's proposals. */
    @GET
    @Path("/{id}/items")
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.UNIT_ADMIN, Roles.AUDITOR, Roles.INTEGRATION })
    @Operation(operationId = "listPlanItems", summary = "The pairings a plan proposes",
            description = "Callers: as for getPlan. Out of scope answers 404 exactly like an unknown id. " + "Proposals in plan order (village code, then household): cadre id, name and rank, unit, "
                    + "household id, village, and whether the cadre would be the household's primary responsible "
                    + "cadre. Filter by unit id and/or 12-digit village code. size at most 500.")
    @APIResponse(responseCode = "200", description = "One page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PlanItemPageDoc.class),
                    examples = @ExampleObject(name = "page", value = ITEMS_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "id or unit not a UUID, page or size not an integer (param.type); "
            + "size over 500; village not a 12-digit code",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "wrong parameter type", value = P400_ID_TYPE),
                            @ExampleObject(name = "size too large", value = P400_PAGE),
                            @ExampleObject(name = "bad village", value = P400_VILLAGE) }))
    @APIResponse(responseCode = "404", description = "No such plan",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown", value = P404_PLAN)))
    public Page<PlanItemView> items(
            @Parameter(description = "plan id", example = PLAN_ID) @PathParam("id") UUID id,
            @Parameter(description = "only this unit's cadres", example = "3f9a1c52-7b0e-4d21-9c8a-2e5f6a7b8c90")
            @QueryParam("unit") UUID unit,
            @Parameter(description = "only households of this village (12 digits)", example = "621125100201")
            @QueryParam("village") String village,
            @Parameter(description = "zero-based page", example = "0") @QueryParam("page") @DefaultValue("0")
            @Min(0) @Max(Page.MAX_PAGE) int page,
            @Parameter(description = "page size, 1–500", example = "50") @QueryParam("size") @DefaultValue("50")
            @Min(1) @Max(Page.MAX_SIZE) int size) {
        String v = null;
        if (village != null && !village.isBlank()) {
            v = village.trim();
            if (!v.matches("\\d{12}")) {
                throw ApiException.invalid("village", "region-code.format",
                        "village must be a 12-digit village code, not '" + village + "'");
            }
        }
        return service.items(id, unit, v, page, size);
    }

    /** A page of a plan's per-unit summary. */
    @GET
    @Path("/{id}/units")
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.UNIT_ADMIN, Roles.AUDITOR, Roles.INTEGRATION })
    @Operation(operationId = "listPlanUnits", summary = "The units of a plan, with their figures",
            description = "Callers: as for getPlan. Out of scope answers 404 exactly like an unknown id. " + "Every unit in the plan's scope (the units confirming the plan confirms), by name: villages "
                    + "linked, households in them, ACTIVE cadres, cadres below minimum before and with the plan, "
                    + "existing and proposed pairings. size at most 500.")
    @APIResponse(responseCode = "200", description = "One page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PlanUnitPageDoc.class),
                    examples = @ExampleObject(name = "page", value = UNITS_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "id not a UUID, page or size not an integer (param.type); size "
            + "over 500",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "wrong parameter type", value = P400_ID_TYPE),
                            @ExampleObject(name = "size too large", value = P400_PAGE) }))
    @APIResponse(responseCode = "404", description = "No such plan",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown", value = P404_PLAN)))
    public Page<PlanView.UnitSummary> units(
            @Parameter(description = "plan id", example = PLAN_ID) @PathParam("id") UUID id,
            @Parameter(description = "zero-based page", example = "0") @QueryParam("page") @DefaultValue("0")
            @Min(0) @Max(Page.MAX_PAGE) int page,
            @Parameter(description = "page size, 1–500", example = "50") @QueryParam("size") @DefaultValue("50")
            @Min(1) @Max(Page.MAX_SIZE) int size) {
        return service.units(id, page, size);
    }

    /** Confirms a feasible DRAFT plan. */
    @POST
    @Path("/{id}/confirm")
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.UNIT_ADMIN })
    @Operation(operationId = "confirmPlan", summary = "Confirm a plan: create its pairings and confirm its units",
            description = "Callers: who could make the plan. Out of scope answers 404 exactly like an unknown id. " + "In one transaction: every proposed pairing is created ACTIVE (startedOn today, planId set) "
                    + "with a history row (ACTIVATED, relatedId = the plan) and a pairing.pairing.activated.v1 event on "
                    + "pairing.pairings; then every unit in scope not yet confirmed is confirmed (一次确定联系对象: "
                    + "pairingsConfirmedAt/By set, its DRAFT pairings ACTIVE with their events, "
                    + "pairing.unit.pairings-confirmed.v1 on pairing.units). 422 plan.infeasible if the plan does not "
                    + "meet every rule (errors: the shortfalls). 409 plan.stale if any pairing changed since the plan "
                    + "was made, or a proposal's cadre, household or village link no longer holds (the plan becomes "
                    + "STALE; plan again). 409 plan.not-draft if it was already confirmed, discarded or stale.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ConfirmRequest.class),
            examples = @ExampleObject(name = "confirm", value = "{\"confirmedBy\":\"漳县联村联户办公室 李明\"}")))
    @APIResponse(responseCode = "200", description = "Confirmed; the plan with what confirming created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PlanView.class),
                    examples = @ExampleObject(name = "confirmed", value = CONFIRMED_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "confirmedBy missing, blank or over 100 characters; id not a UUID "
            + "(param.type)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "who confirms", value = P400_CONFIRMED_BY),
                            @ExampleObject(name = "wrong parameter type", value = P400_ID_TYPE) }))
    @APIResponse(responseCode = "404", description = "No such plan",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown", value = P404_PLAN)))
    @APIResponse(responseCode = "409", description = "plan.not-draft, or plan.stale (pairings changed since planning)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "stale", value = P409_STALE),
                            @ExampleObject(name = "not a draft", value = P409_NOT_DRAFT) }))
    @APIResponse(responseCode = "422", description = "plan.infeasible: the plan does not meet every rule; errors list "
            + "the shortfalls",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "infeasible", value = P422_INFEASIBLE)))
    public PlanView confirm(@Parameter(description = "plan id", example = PLAN_ID) @PathParam("id") UUID id,
            @NotNull @Valid ConfirmRequest body) {
        return service.confirm(id, body.confirmedBy().trim());
    }

    /** Discards a DRAFT plan. */
    @POST
    @Path("/{id}/discard")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.UNIT_ADMIN })
    @Operation(operationId = "discardPlan", summary = "Discard a draft plan",
            description = "Callers: who could make the plan. Out of scope answers 404 exactly like an unknown id. " + "The plan becomes DISCARDED; nothing else changes. Its proposals stay readable. 409 "
                    + "plan.not-draft unless it is a DRAFT.")
    @APIResponse(responseCode = "200", description = "Discarded; the plan",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PlanView.class),
                    examples = @ExampleObject(name = "discarded", value = PLAN_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "id not a UUID (param.type)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "wrong parameter type", value = P400_ID_TYPE)))
    @APIResponse(responseCode = "404", description = "No such plan",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown", value = P404_PLAN)))
    @APIResponse(responseCode = "409", description = "plan.not-draft",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "not a draft", value = P409_NOT_DRAFT)))
    public PlanView discard(@Parameter(description = "plan id", example = PLAN_ID) @PathParam("id") UUID id) {
        return service.discard(id);
    }

    /** Documentation-only shape of {@code Page<PlanItemView>}. */
    @Schema(name = "PlanItemPage")
    static final class PlanItemPageDoc {
        public List<PlanItemView> items;
        @Schema(description = "zero-based page index", example = "0")
        public int page;
        @Schema(description = "page size asked for", example = "50")
        public int size;
        @Schema(description = "proposals matching the filters, all pages", example = "5230")
        public long total;
    }

    /** Documentation-only shape of {@code Page<PlanView.UnitSummary>}. */
    @Schema(name = "PlanUnitPage")
    static final class PlanUnitPageDoc {
        public List<PlanView.UnitSummary> items;
        @Schema(description = "zero-based page index", example = "0")
        public int page;
        @Schema(description = "page size asked for", example = "50")
        public int size;
        @Schema(description = "units in the plan's scope", example = "48")
        public long total;
    }
}
