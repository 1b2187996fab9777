package cn.gansu.lianhu.reporting.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.gansu.lianhu.api.Page;
import cn.gansu.lianhu.api.Problem;
import cn.gansu.lianhu.api.security.Roles;
import cn.gansu.lianhu.reporting.service.Assessment;
import cn.gansu.lianhu.reporting.service.AssessmentService;
import cn.gansu.lianhu.reporting.service.ExportTable;
import cn.gansu.lianhu.reporting.service.ExportWriter;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

/**
 * The assessment (督查考核, DESIGN.md §1 长效化; issue 5 point 1): for a period, a score out of 100 per cadre, unit or
 * region from six weighted parts — coverage met, visit continuity, tasks recorded, demands closed on time,
 * households lifted out of poverty, households that did not relapse — each shown with its value, weight, points and
 * the counts it comes from, ranked within a level. Definitions: {@link AssessmentService} and
 * {@code GET /api/v1/assessment/weights}; weights: {@code lianhu.reporting.assessment.*}.
 *
 * <ul>
 * <li>{@code GET /api/v1/assessment/units/{id}/cadres} — the ACTIVE cadres of a unit;</li>
 * <li>{@code GET /api/v1/assessment/regions/{code}/units?level=} — the units of one level under a region;</li>
 * <li>{@code GET /api/v1/assessment/regions/{code}/children} — the child regions of a region (prefectures of
 * {@code 62}, counties of a prefecture, townships of a county, villages of a township);</li>
 * <li>{@code GET /api/v1/assessment/weights} — the weights and the definitions.</li>
 * </ul>
 * Every ranking takes {@code from}, {@code to} (default 1 January of to's year .. today), {@code page} (from 0) and
 * {@code size} (1–500), and is downloadable whole as CSV or XLSX ({@code format=csv|xlsx} or Accept;
 * {@code headers=zh}; {@link Exports}).
 *
 * <p>Errors: 400 problem for from/to not a date, page/size not an integer or id not a UUID ({@code param.type}), to
 * after today ({@code to}, {@code date-future}), from after to ({@code from}, {@code period}), more than 366 days
 * ({@code from}, {@code period-too-long}), level absent ({@code level}, {@code required}) or not a unit level
 * ({@code level}, {@code enum.value}), a malformed code ({@code code}, {@code region-code.format}), page/size out of
 * range ({@code min}/{@code max}), an unknown format or headers, an unknown query parameter ({@code param.unknown});
 * 404 problem for a unit or region reporting has not received, or one outside the caller's scope
 * (the same answer, {@link cn.gansu.lianhu.reporting.service.ReportScope}).
 */
@Path("/api/v1/assessment")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Assessment", description = "督查考核: scores of cadres, units and regions for a period from weighted parts "
        + "(coverage, continuity, tasks, demands on time, lifted, no relapse), each with its inputs, ranked within a "
        + "level")
public class AssessmentResource {

    static final String FROM = "first day of the period, inclusive (yyyy-MM-dd); default 1 January of to's "
            + "year; at most 366 days before to";
    static final String TO = "last day of the period, inclusive (yyyy-MM-dd), not after today; default today."
            + " Coverage and continuity are measured on this day";

    static final String FUTURE_400 = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"to 2026-12-31 is after today 2026-11-29: an assessment covers days that have passed",
             "instance":"/api/v1/assessment/regions/6206/children",
             "errors":[{"field":"to","rule":"date-future",
                        "message":"to 2026-12-31 is after today 2026-11-29: an assessment covers days that have passed"}]}""";
    static final String PERIOD_400 = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"from 2026-11-01 is after to 2026-10-31","instance":"/api/v1/assessment/regions/6206/children",
             "errors":[{"field":"from","rule":"period","message":"from 2026-11-01 is after to 2026-10-31"}]}""";
    static final String TOO_LONG_400 = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"the period from 2025-01-01 to 2026-11-29 has 698 days, more than 366",
             "instance":"/api/v1/assessment/regions/6206/children",
             "errors":[{"field":"from","rule":"period-too-long",
                        "message":"the period from 2025-01-01 to 2026-11-29 has 698 days, more than 366"}]}""";
    static final String DATE_400 = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"to must be a date yyyy-MM-dd, not '20261129'","instance":"/api/v1/assessment/regions/6206/children",
             "errors":[{"field":"to","rule":"param.type","message":"to must be a date yyyy-MM-dd, not '20261129'"}]}""";
    static final String LEVEL_400 = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"level is required: one of PROVINCE, PREFECTURE, COUNTY, TOWNSHIP (units are ranked within a level)",
             "instance":"/api/v1/assessment/regions/6206/units",
             "errors":[{"field":"level","rule":"required","message":"level is required: one of PROVINCE, PREFECTURE, COUNTY, TOWNSHIP (units are ranked within a level)"}]}""";
    static final String ID_400 = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"id must be a UUID, not 'abc'","instance":"/api/v1/assessment/units/abc/cadres",
             "errors":[{"field":"id","rule":"param.type","message":"id must be a UUID, not 'abc'"}]}""";
    static final String UNKNOWN_400 = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"query parameter 'year' is not known here; known: format, from, headers, page, size, to",
             "instance":"/api/v1/assessment/regions/6206/children",
             "errors":[{"field":"year","rule":"param.unknown",
                        "message":"query parameter 'year' is not known here; known: format, from, headers, page, size, to"}]}""";
    static final String UNIT_404 = """
            {"type":"urn:lianhu:problem:not-found","title":"Not found","status":404,
             "detail":"unit 9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4 does not exist",
             "instance":"/api/v1/assessment/units/9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4/cadres","errors":[]}""";
    static final String REGION_404 = """
            {"type":"urn:lianhu:problem:not-found","title":"Not found","status":404,
             "detail":"region 629700000000 does not exist","instance":"/api/v1/assessment/regions/6297/children",
             "errors":[]}""";
    static final String RANKING_CSV = """
            Rank,Name,Id,Score,Coverage value,Coverage points,Continuity value,Continuity points,Tasks value,\
            Tasks points,Demands on time value,Demands on time points,Lifted value,Lifted points,No relapse value,\
            No relapse points
            1,张伟,0b1e7c62-3a55-4a43-9c1e-7f1a2b3c4d5e,87.5,1.0000,25.0000,0.5000,12.5000,1.0000,15.0000,1.0000,\
            15.0000,1.0000,10.0000,,""";
    static final String CHILDREN_EXAMPLE = """
            {"scope":{"kind":"REGION","id":"620600000000","name":"武威市"},"level":"COUNTY","unitLevel":null,
             "from":"2026-01-01","to":"2026-11-29",
             "weights":{"coverage":25,"continuity":25,"tasks":15,"demandsOnTime":15,"lifted":10,"noRelapse":10},
             "liftedTargetShare":0.2,
             "items":[{"rank":1,"subject":{"kind":"REGION","id":"620623000000","name":"天祝藏族自治县"},"score":72.9,
               "parts":{"coverage":{"value":0.8333,"weight":25,"points":20.8325,"reason":null,
                          "inputs":{"householdsToCover":3,"householdsCovered":2,"poorVillages":2,"poorVillagesLinked":2}},
                        "continuity":{"value":0.5000,"weight":25,"points":12.5000,"reason":null,
                          "inputs":{"activePairings":2,"visitedWithinWindow":1}},
                        "tasks":{"value":0.4167,"weight":15,"points":6.2505,"reason":null,
                          "inputs":{"activePairings":2,"averageTasks":2.50}},
                        "demandsOnTime":{"value":1.0000,"weight":15,"points":15.0000,"reason":null,
                          "inputs":{"due":1,"onTime":1}},
                        "lifted":{"value":1.0000,"weight":10,"points":10.0000,"reason":null,
                          "inputs":{"households":4,"lifted":1,"targetShare":0.2}},
                        "noRelapse":{"value":1.0000,"weight":10,"points":10.0000,"reason":null,
                          "inputs":{"liftedHouseholds":1,"relapsed":0}}}}],
             "page":0,"size":50,"total":1,"asOf":"2026-11-29T03:12:45.120Z"}""";

    @Inject
    AssessmentService assessment;

    @Inject
    Exports exports;

    /**
     * {@code GET /api/v1/assessment/units/{id}/cadres}: the ranking of the unit's ACTIVE cadres.
     *
     * @return 200 {@link Assessment.Ranking} (or the whole ranking as CSV/XLSX); 400 / 404 as in the class comment
     */
    @GET
    @Path("/units/{id}/cadres")
    @Produces({ MediaType.APPLICATION_JSON, Exports.CSV, Exports.XLSX })
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.UNIT_ADMIN, Roles.AUDITOR, Roles.INTEGRATION })
    @Operation(operationId = "rankUnitCadres", summary = "Assessment ranking of a unit's cadres",
            description = "Scores of the unit's ACTIVE cadres for the period (default 1 January of to's year .. today;"
                    + " to not after today; at most 366 days), each with its six parts (value 0–1 with 4 decimals,"
                    + " weight, points = weight × value, the inputs; a part with nothing to measure is null with a"
                    + " reason and the score is rescaled over the others), ordered by score (highest first, none"
                    + " last), name and id; equal scores share a rank. Coverage: pairings active on to against the"
                    + " cadre's minimum; continuity and tasks: the cadre's pairings active on to; demands: those"
                    + " raised on the cadre's visits; lifted and no relapse: the households of the cadre's pairings"
                    + " active in the period. Page from 0, size 1–500; format=csv|xlsx downloads the whole ranking."
                    + Access.UNIT)
    @APIResponse(responseCode = "200", description = "The ranking (one page), or the whole ranking as a file",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Assessment.Ranking.class),
                    examples = @ExampleObject(name = "one cadre", value = Assessment.RANKING_EXAMPLE)),
            @Content(mediaType = Exports.CSV, schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "csv", value = RANKING_CSV)),
            @Content(mediaType = Exports.XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary"),
                    examples = @ExampleObject(name = "xlsx", value = Exports.XLSX_EXAMPLE)) })
    @APIResponse(responseCode = "400", description = "id not a UUID, from/to not a date or page/size not an integer "
            + "(param.type), to after today (to, date-future), from after to (from, period), more than 366 days "
            + "(from, period-too-long), page/size out of range (min, max), unknown format or headers, unknown query "
            + "parameter (param.unknown)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "not a UUID", value = ID_400),
                            @ExampleObject(name = "not a date", value = DATE_400),
                            @ExampleObject(name = "to in the future", value = FUTURE_400),
                            @ExampleObject(name = "from after to", value = PERIOD_400),
                            @ExampleObject(name = "too long", value = TOO_LONG_400),
                            @ExampleObject(name = "page too large", value = VisitFiguresResource.SIZE_400),
                            @ExampleObject(name = "unknown format", value = Exports.FORMAT_400),
                            @ExampleObject(name = "unknown parameter", value = UNKNOWN_400) }))
    @APIResponse(responseCode = "404", description = "Reporting has not received this unit from pairing-service"
            + ", or it is outside the caller's scope (answered alike)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown unit", value = UNIT_404)))
    public Response unitCadres(
            @Parameter(description = "unit id (pairing-service)", example = "9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4")
            @PathParam("id") UUID id,
            @Parameter(description = FROM, example = "2026-01-01", schema = @Schema(type = SchemaType.STRING,
                    format = "date")) @QueryParam("from") String from,
            @Parameter(description = TO, example = "2026-11-29", schema = @Schema(type = SchemaType.STRING,
                    format = "date")) @QueryParam("to") String to,
            @Parameter(description = "Page index from 0") @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @Parameter(description = "Page size, 1–500") @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size,
            @Parameter(description = Exports.FORMAT_PARAM, schema = @Schema(enumeration = { "csv", "xlsx", "json" }))
            @QueryParam("format") String format,
            @Parameter(description = Exports.HEADERS_PARAM, schema = @Schema(enumeration = { "en", "zh" }))
            @QueryParam("headers") String headers,
            @Context Request request) {
        boolean chinese = Exports.chinese(headers);
        ExportWriter.Format file = exports.format(format, request);
        var fromDate = VisitFiguresResource.date("from", from);
        var toDate = VisitFiguresResource.date("to", to);
        if (file == null) {
            return Response.ok(assessment.unitCadres(id, fromDate, toDate, page, size), MediaType.APPLICATION_JSON)
                    .build();
        }
        return exports.list(file, chinese, "assessment-unit-cadres", id.toString(), ExportTable.assessment(false),
                whole(() -> assessment.unitCadres(id, fromDate, toDate, 0, Integer.MAX_VALUE)));
    }

    /**
     * {@code GET /api/v1/assessment/regions/{code}/units?level=}: the ranking of the units of one level under a
     * region.
     *
     * @return 200 {@link Assessment.Ranking} (or the whole ranking as CSV/XLSX); 400 / 404 as in the class comment
     */
    @GET
    @Path("/regions/{code}/units")
    @Produces({ MediaType.APPLICATION_JSON, Exports.CSV, Exports.XLSX })
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.AUDITOR, Roles.INTEGRATION })
    @Operation(operationId = "rankRegionUnits", summary = "Assessment ranking of the units of a level under a region",
            description = "Scores of the units of the level (required: units are ranked within their level) whose"
                    + " region (where the unit sits) is under the region, for the period, with their six parts, in"
                    + " the order and ranks of rankUnitCadres. Coverage: mean of min(1, active village links /"
                    + " required villages) and the share of its ACTIVE cadres meeting their minimum on to; continuity"
                    + " and tasks: the pairings the unit made; demands: those the unit handles; lifted and no relapse:"
                    + " the households of the unit's pairings active in the period. Page from 0, size 1–500;"
                    + " format=csv|xlsx downloads the whole ranking."
                    + Access.REGION)
    @APIResponse(responseCode = "200", description = "The ranking (one page), or the whole ranking as a file",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Assessment.Ranking.class),
                    examples = @ExampleObject(name = "ranking", value = Assessment.RANKING_EXAMPLE)),
            @Content(mediaType = Exports.CSV, schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "csv", value = RANKING_CSV)),
            @Content(mediaType = Exports.XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary"),
                    examples = @ExampleObject(name = "xlsx", value = Exports.XLSX_EXAMPLE)) })
    @APIResponse(responseCode = "400", description = "Malformed code (code, region-code.format), level absent (level, "
            + "required) or not a unit level (level, enum.value), from/to not a date or page/size not an integer "
            + "(param.type), to after today (to, date-future), from after to (from, period), more than 366 days "
            + "(from, period-too-long), page/size out of range, unknown format, headers or query parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "malformed code", value = VisitFiguresResource.CODE_400),
                            @ExampleObject(name = "level absent", value = LEVEL_400),
                            @ExampleObject(name = "unknown level", value = RegionUnitsResource.LEVEL_400),
                            @ExampleObject(name = "page not an integer", value = RegionUnitsResource.PAGE_400),
                            @ExampleObject(name = "to in the future", value = FUTURE_400),
                            @ExampleObject(name = "too long", value = TOO_LONG_400),
                            @ExampleObject(name = "unknown format", value = Exports.FORMAT_400) }))
    @APIResponse(responseCode = "404", description = "Reporting has not received this region from the registry"
            + ", or it is outside the caller's scope (answered alike)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown region", value = REGION_404)))
    public Response regionUnits(
            @Parameter(description = "NBS division code, short (2/4/6/9 digits) or 12 digits", example = "6206")
            @PathParam("code") String code,
            @Parameter(description = "the level of the units ranked (required)", example = "COUNTY",
                    schema = @Schema(type = SchemaType.STRING, enumeration = { "PROVINCE", "PREFECTURE", "COUNTY",
                            "TOWNSHIP" }))
            @QueryParam("level") String level,
            @Parameter(description = FROM, example = "2026-01-01", schema = @Schema(type = SchemaType.STRING,
                    format = "date")) @QueryParam("from") String from,
            @Parameter(description = TO, example = "2026-11-29", schema = @Schema(type = SchemaType.STRING,
                    format = "date")) @QueryParam("to") String to,
            @Parameter(description = "Page index from 0") @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @Parameter(description = "Page size, 1–500") @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size,
            @Parameter(description = Exports.FORMAT_PARAM, schema = @Schema(enumeration = { "csv", "xlsx", "json" }))
            @QueryParam("format") String format,
            @Parameter(description = Exports.HEADERS_PARAM, schema = @Schema(enumeration = { "en", "zh" }))
            @QueryParam("headers") String headers,
            @Context Request request) {
        boolean chinese = Exports.chinese(headers);
        ExportWriter.Format file = exports.format(format, request);
        var fromDate = VisitFiguresResource.date("from", from);
        var toDate = VisitFiguresResource.date("to", to);
        if (file == null) {
            return Response.ok(assessment.regionUnits(code, level, fromDate, toDate, page, size),
                    MediaType.APPLICATION_JSON).build();
        }
        return exports.list(file, chinese, "assessment-units", Exports.shortCode(code), ExportTable.assessment(false),
                whole(() -> assessment.regionUnits(code, level, fromDate, toDate, 0, Integer.MAX_VALUE)));
    }

    /**
     * {@code GET /api/v1/assessment/regions/{code}/children}: the ranking of the child regions.
     *
     * @return 200 {@link Assessment.Ranking} (or the whole ranking as CSV/XLSX); 400 / 404 as in the class comment
     */
    @GET
    @Path("/regions/{code}/children")
    @Produces({ MediaType.APPLICATION_JSON, Exports.CSV, Exports.XLSX })
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.AUDITOR, Roles.INTEGRATION })
    @Operation(operationId = "rankRegionChildren", summary = "Assessment ranking of the child regions of a region",
            description = "Scores of the child regions (prefectures of 62, counties of a prefecture, townships of a"
                    + " county, villages of a township; a village has none: empty items, level null) for the period,"
                    + " with their six parts, in the order and ranks of rankUnitCadres. Coverage: mean of the share"
                    + " of households to cover on to (IN_POVERTY or RELAPSED, in poor villages) with a pairing active"
                    + " on to, and of poor villages with an active unit link (a half with 0/0 left out; null when"
                    + " both are: a region with nothing to cover has no coverage points); continuity and tasks:"
                    + " the pairings of households under the child; demands: of households under it; lifted and no"
                    + " relapse: every household under it. Page from 0, size 1–500; format=csv|xlsx downloads the"
                    + " whole ranking."
                    + Access.REGION)
    @APIResponse(responseCode = "200", description = "The ranking (one page), or the whole ranking as a file",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Assessment.Ranking.class),
                    examples = @ExampleObject(name = "counties of 武威市", value = CHILDREN_EXAMPLE)),
            @Content(mediaType = Exports.CSV, schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "csv", value = """
                            Rank,Region,Region code,Score,Coverage value,Coverage points,...
                            1,天祝藏族自治县,620623000000,72.9,0.8333,20.8325,...""")),
            @Content(mediaType = Exports.XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary"),
                    examples = @ExampleObject(name = "xlsx", value = Exports.XLSX_EXAMPLE)) })
    @APIResponse(responseCode = "400", description = "Malformed code (code, region-code.format), from/to not a date or "
            + "page/size not an integer (param.type), to after today (to, date-future), from after to (from, "
            + "period), more than 366 days (from, period-too-long), page/size out of range, unknown format, headers "
            + "or query parameter (param.unknown)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "malformed code", value = VisitFiguresResource.CODE_400),
                            @ExampleObject(name = "page not an integer", value = RegionUnitsResource.PAGE_400),
                            @ExampleObject(name = "not a date", value = DATE_400),
                            @ExampleObject(name = "to in the future", value = FUTURE_400),
                            @ExampleObject(name = "from after to", value = PERIOD_400),
                            @ExampleObject(name = "too long", value = TOO_LONG_400),
                            @ExampleObject(name = "unknown parameter", value = UNKNOWN_400) }))
    @APIResponse(responseCode = "404", description = "Reporting has not received this region from the registry"
            + ", or it is outside the caller's scope (answered alike)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown region", value = REGION_404)))
    public Response regionChildren(
            @Parameter(description = "NBS division code, short (2/4/6/9 digits) or 12 digits", example = "6206")
            @PathParam("code") String code,
            @Parameter(description = FROM, example = "2026-01-01", schema = @Schema(type = SchemaType.STRING,
                    format = "date")) @QueryParam("from") String from,
            @Parameter(description = TO, example = "2026-11-29", schema = @Schema(type = SchemaType.STRING,
                    format = "date")) @QueryParam("to") String to,
            @Parameter(description = "Page index from 0") @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @Parameter(description = "Page size, 1–500") @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size,
            @Parameter(description = Exports.FORMAT_PARAM, schema = @Schema(enumeration = { "csv", "xlsx", "json" }))
            @QueryParam("format") String format,
            @Parameter(description = Exports.HEADERS_PARAM, schema = @Schema(enumeration = { "en", "zh" }))
            @QueryParam("headers") String headers,
            @Context Request request) {
        boolean chinese = Exports.chinese(headers);
        ExportWriter.Format file = exports.format(format, request);
        var fromDate = VisitFiguresResource.date("from", from);
        var toDate = VisitFiguresResource.date("to", to);
        if (file == null) {
            return Response.ok(assessment.regionChildren(code, fromDate, toDate, page, size),
                    MediaType.APPLICATION_JSON).build();
        }
        return exports.list(file, chinese, "assessment-children", Exports.shortCode(code), ExportTable.assessment(true),
                whole(() -> assessment.regionChildren(code, fromDate, toDate, 0, Integer.MAX_VALUE)));
    }

    /**
     * {@code GET /api/v1/assessment/weights}: the weights and the target share as configured, with what each part
     * measures for a cadre, a unit and a region.
     *
     * @return 200 {@link Assessment.WeightsView}; 400 for an unknown query parameter
     */
    @GET
    @Path("/weights")
    @RolesAllowed(Roles.ANY)
    @Operation(operationId = "getAssessmentWeights", summary = "Weights and definitions of the assessment",
            description = "The points of each part (lianhu.reporting.assessment.weights.*, summing to 100), the share"
                    + " of lifted households that earns the whole lifted part, how a score and a ranking are"
                    + " computed, and what each part measures for a cadre, a unit and a region, with the names of the"
                    + " inputs the rankings show and when the part has no value."
                    + Access.ANY)
    @APIResponse(responseCode = "200", description = "The weights and the definitions",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Assessment.WeightsView.class),
                    examples = @ExampleObject(name = "weights", value = Assessment.WEIGHTS_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "A query parameter was given (param.unknown): this operation "
            + "takes none",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown parameter", value = """
                            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
                             "detail":"query parameter 'level' is not known here; this operation takes none",
                             "instance":"/api/v1/assessment/weights",
                             "errors":[{"field":"level","rule":"param.unknown",
                                        "message":"query parameter 'level' is not known here; this operation takes none"}]}""")))
    public Assessment.WeightsView weights() {
        return assessment.definitions();
    }

    /**
     * The chunks of a whole ranking for {@link Exports#list}: computed when the first chunk is asked for (after the
     * download's as-of time is read), then cut into chunks of {@link Exports#CHUNK} rows.
     */
    private static IntFunction<List<Assessment.Item>> whole(Supplier<Assessment.Ranking> ranking) {
        List<List<Assessment.Item>> held = new ArrayList<>(1);
        return i -> {
            if (held.isEmpty()) {
                held.add(ranking.get().items());
            }
            List<Assessment.Item> items = held.get(0);
            int first = Math.min(i * Exports.CHUNK, items.size());
            return items.subList(first, Math.min(first + Exports.CHUNK, items.size()));
        };
    }
}
