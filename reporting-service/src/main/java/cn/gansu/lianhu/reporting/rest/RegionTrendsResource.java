package cn.gansu.lianhu.reporting.rest;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.gansu.lianhu.api.ApiException;
import cn.gansu.lianhu.api.Problem;
import cn.gansu.lianhu.api.security.Roles;
import cn.gansu.lianhu.reporting.service.ExportTable;
import cn.gansu.lianhu.reporting.service.ExportWriter;
import cn.gansu.lianhu.reporting.service.Trends;
import cn.gansu.lianhu.reporting.service.TrendsService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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
 * Monthly series of a region (issue 5 point 2): {@code GET /api/v1/regions/{code}/trends?from=yyyy-MM&to=yyyy-MM}.
 * Rooted at its full path (a request is matched to one root resource class only; see {@link VisitFiguresResource}).
 *
 * <p>Errors: 400 malformed code ({@code code}, {@code region-code.format}); from/to not a month ({@code param.type});
 * from after to or more than 60 months ({@code from}, {@code period}); to after the current month ({@code to},
 * {@code period}); 404 region not received or outside the caller's scope. Downloads (issue 5 point 4; {@link Exports}): one row per month, file
 * {@code trends-<code>-<today>.csv|xlsx}; 400 {@code format} / {@code export.format}, {@code headers} /
 * {@code export.headers}.
 */
@Path("/api/v1/regions/{code}/trends")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Trends and drill-down", description = "Monthly series per region, and every figure opened to child "
        + "regions, units and cadres (issue 5 points 2–3), built from events")
public class RegionTrendsResource {

    static final String MONTH_400 = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"from must be a month yyyy-MM, not '2026-13'","instance":"/api/v1/regions/6203/trends",
             "errors":[{"field":"from","rule":"param.type","message":"from must be a month yyyy-MM, not '2026-13'"}]}""";
    static final String LONG_400 = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"the period from 2021-01 to 2026-11 has 71 months, more than 60","instance":"/api/v1/regions/6203/trends",
             "errors":[{"field":"from","rule":"period","message":"the period from 2021-01 to 2026-11 has 71 months, more than 60"}]}""";
    static final String AFTER_400 = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"from 2026-11 is after to 2026-03","instance":"/api/v1/regions/6203/trends",
             "errors":[{"field":"from","rule":"period","message":"from 2026-11 is after to 2026-03"}]}""";

    @Inject
    TrendsService trends;

    @Inject
    Exports exports;

    /**
     * @return 200 {@link Trends} as JSON, or its months as CSV / XLSX ({@link Exports}); 400 / 404 problems as in
     *         the class comment
     */
    @GET
    @Produces({ MediaType.APPLICATION_JSON, Exports.CSV, Exports.XLSX })
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.AUDITOR, Roles.INTEGRATION })
    @Operation(operationId = "getRegionTrends", summary = "Monthly series of a region",
            description = "One entry per month from..to (default January of to's year .. the current month; at most"
                    + " 60 months; to not after the current month): households to cover and covered at the month's"
                    + " end (today for the current month; covered = with a pairing active then: started on or before,"
                    + " not ended on or before), active pairings then, visits and in-person visits (IN_HOME,"
                    + " VILLAGE_MEETING) dated in the month, demands opened and resolved in it, development help in"
                    + " yuan, households lifted out of poverty (IN_POVERTY/RELAPSED → LIFTED) and relapsed (LIFTED →"
                    + " RELAPSED) in it, from the status history of registry events. The current month's"
                    + " householdsToCover/householdsCovered equal getRegionCoverage's. asOf: time of the latest event"
                    + " applied. As CSV or XLSX: one row per month."
                    + Access.REGION)
    @APIResponse(responseCode = "200", description = "The series",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Trends.class),
                    examples = @ExampleObject(name = "county", summary = "a county, two months", value = Trends.EXAMPLE)),
                    @Content(mediaType = Exports.CSV, schema = @Schema(type = SchemaType.STRING),
                            examples = @ExampleObject(name = "csv", value = ExportExamples.TRENDS_CSV)),
                    @Content(mediaType = Exports.XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary"),
                            examples = @ExampleObject(name = "xlsx", value = Exports.XLSX_EXAMPLE)) })
    @APIResponse(responseCode = "400", description = "Malformed code (code, region-code.format), from/to not a month "
            + "yyyy-MM (param.type), from after to or more than 60 months (from, period), to after the current month "
            + "(to, period), unknown format (format, export.format) or headers (headers, export.headers)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "malformed code", value = VisitFiguresResource.CODE_400),
                            @ExampleObject(name = "not a month", value = MONTH_400),
                            @ExampleObject(name = "from after to", value = AFTER_400),
                            @ExampleObject(name = "too long", value = LONG_400),
                            @ExampleObject(name = "unknown format", value = Exports.FORMAT_400) }))
    @APIResponse(responseCode = "404", description = "Reporting has not received this region from the registry"
            + ", or it is outside the caller's scope (answered alike)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown region", value = VisitFiguresResource.REGION_404)))
    public Response trends(
            @Parameter(description = "NBS division code, short (2/4/6/9 digits) or 12 digits", example = "6203")
            @PathParam("code") String code,
            @Parameter(description = "first month (yyyy-MM); default January of to's year", example = "2026-01",
                    schema = @Schema(type = SchemaType.STRING, pattern = "^[0-9]{4}-[0-9]{2}$"))
            @QueryParam("from") String from,
            @Parameter(description = "last month (yyyy-MM), not after the current month; default the current month",
                    example = "2026-11", schema = @Schema(type = SchemaType.STRING, pattern = "^[0-9]{4}-[0-9]{2}$"))
            @QueryParam("to") String to,
            @Parameter(description = Exports.FORMAT_PARAM, schema = @Schema(enumeration = { "csv", "xlsx", "json" }))
            @QueryParam("format") String format,
            @Parameter(description = Exports.HEADERS_PARAM, schema = @Schema(enumeration = { "en", "zh" }))
            @QueryParam("headers") String headers,
            @Context Request request) {
        boolean chinese = Exports.chinese(headers);
        ExportWriter.Format file = exports.format(format, request);
        Trends result = trends.region(code, month("from", from), month("to", to));
        if (file == null) {
            return Response.ok(result, MediaType.APPLICATION_JSON).build();
        }
        return exports.rows(file, chinese, "trends", Exports.shortCode(result.region().code()), ExportTable.TRENDS,
                result.months(), result.asOf());
    }

    /** A yyyy-MM query parameter, or null if absent; 400 {@code param.type} naming it otherwise. */
    static YearMonth month(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            if (value.length() == 7) {
                return YearMonth.parse(value);
            }
        } catch (DateTimeParseException e) {
            // below
        }
        throw ApiException.invalid(name, "param.type", name + " must be a month yyyy-MM, not '"
                + (value.length() > 60 ? value.substring(0, 57) + "..." : value) + "'");
    }
}
