package cn.gansu.lianhu.reporting.rest;

import java.time.LocalDate;

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
import cn.gansu.lianhu.reporting.service.DrillDown;
import cn.gansu.lianhu.reporting.service.DrillDownService;
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
 * Drill-down to units (issue 5 point 3): {@code GET /api/v1/regions/{code}/units?level=&from=&to=&page&size}, the
 * units sitting under a region with their coverage (参与范围) and visit figures.
 *
 * <p>Errors: 400 malformed code ({@code code}, {@code region-code.format}), level not a unit level ({@code level},
 * {@code enum.value}), from/to not a date or page/size not an integer ({@code param.type}), from after to
 * ({@code from}, {@code period}), page/size out of range ({@code min}/{@code max}); 404 region not received or outside the caller's scope.
 *
 * <p>Downloads (issue 5 point 4; {@link Exports}): the whole list (page and size ignored), one row per unit with the
 * figures of the JSON flattened to columns ({@link ExportTable#units}), file {@code units-<code>-<today>}; 400
 * {@code format} / {@code export.format}, {@code headers} / {@code export.headers}.
 */
@Path("/api/v1/regions/{code}/units")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Trends and drill-down")
public class RegionUnitsResource {

    static final String LEVEL_400 = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"level must be one of PROVINCE, PREFECTURE, COUNTY, TOWNSHIP, not 'VILLAGE'",
             "instance":"/api/v1/regions/6203/units",
             "errors":[{"field":"level","rule":"enum.value",
                        "message":"level must be one of PROVINCE, PREFECTURE, COUNTY, TOWNSHIP, not 'VILLAGE'"}]}""";
    static final String PAGE_400 = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"page must be an integer, not 'x'","instance":"/api/v1/regions/6203/units",
             "errors":[{"field":"page","rule":"param.type","message":"page must be an integer, not 'x'"}]}""";

    @Inject
    DrillDownService drillDown;

    @Inject
    Exports exports;

    /**
     * @return 200 {@link DrillDown.UnitPage} as JSON, or the whole list as CSV / XLSX; 400 / 404 problems as in the
     *         class comment
     */
    @GET
    @Produces({ MediaType.APPLICATION_JSON, Exports.CSV, Exports.XLSX })
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.AUDITOR, Roles.INTEGRATION })
    @Operation(operationId = "listRegionUnitFigures", summary = "Units under a region with their figures",
            description = "Units whose region (where the unit sits) is under the region, optionally only of one level,"
                    + " ordered by region code, name and id; each with required villages and active village links,"
                    + " ACTIVE cadres, those below their minimum and those without households, ACTIVE pairings the"
                    + " unit made, and its visit figures for the period (as getUnitVisitFigures; default 1 January of"
                    + " to's year .. today). Page from 0, size 1–500. As CSV or XLSX: every unit, one row each, every"
                    + " figure a column (visit figures: one column per month of the period)."
                    + Access.REGION)
    @APIResponse(responseCode = "200", description = "A page of units",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DrillDown.UnitPage.class),
                    examples = @ExampleObject(name = "one unit", value = "{\"items\":[" + DrillDown.UNIT_EXAMPLE
                            + "],\"page\":0,\"size\":50,\"total\":1,\"asOf\":\"2026-11-29T03:12:45.120Z\"}")),
                    @Content(mediaType = Exports.CSV, schema = @Schema(type = SchemaType.STRING),
                            examples = @ExampleObject(name = "csv", value = ExportExamples.REGION_UNITS_CSV)),
                    @Content(mediaType = Exports.XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary"),
                            examples = @ExampleObject(name = "xlsx", value = Exports.XLSX_EXAMPLE)) })
    @APIResponse(responseCode = "400", description = "Malformed code (code, region-code.format), unknown level "
            + "(level, enum.value), from/to not a date or page/size not an integer (param.type), from after to "
            + "(from, period), page or size out of range (min, max 500), unknown format (format, export.format) or "
            + "headers (headers, export.headers)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "malformed code", value = VisitFiguresResource.CODE_400),
                            @ExampleObject(name = "unknown level", value = LEVEL_400),
                            @ExampleObject(name = "page not an integer", value = PAGE_400),
                            @ExampleObject(name = "not a date", value = VisitFiguresResource.DATE_400),
                            @ExampleObject(name = "page too large", value = VisitFiguresResource.SIZE_400),
                            @ExampleObject(name = "unknown format", value = Exports.FORMAT_400) }))
    @APIResponse(responseCode = "404", description = "Reporting has not received this region from the registry"
            + ", or it is outside the caller's scope (answered alike)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown region", value = VisitFiguresResource.REGION_404)))
    public Response units(
            @Parameter(description = "NBS division code, short (2/4/6/9 digits) or 12 digits", example = "6203")
            @PathParam("code") String code,
            @Parameter(description = "only units of this level", example = "COUNTY",
                    schema = @Schema(type = SchemaType.STRING, enumeration = { "PROVINCE", "PREFECTURE", "COUNTY",
                            "TOWNSHIP" }))
            @QueryParam("level") String level,
            @Parameter(description = "first visit date, inclusive (yyyy-MM-dd); default 1 January of to's year",
                    example = "2026-01-01", schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("from") String from,
            @Parameter(description = "last visit date, inclusive (yyyy-MM-dd); default today", example = "2026-11-29",
                    schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("to") String to,
            @Parameter(description = "Page index from 0") @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @Parameter(description = "Page size, 1–500") @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size,
            @Parameter(description = Exports.FORMAT_PARAM, schema = @Schema(enumeration = { "csv", "xlsx", "json" }))
            @QueryParam("format") String format,
            @Parameter(description = Exports.HEADERS_PARAM, schema = @Schema(enumeration = { "en", "zh" }))
            @QueryParam("headers") String headers,
            @Context Request request) {
        boolean chinese = Exports.chinese(headers);
        ExportWriter.Format file = exports.format(format, request);
        String lvl = level == null || level.isEmpty() ? null : level;
        LocalDate f = VisitFiguresResource.date("from", from);
        LocalDate t = VisitFiguresResource.date("to", to);
        if (file == null) {
            return Response.ok(drillDown.units(code, lvl, f, t, page, size), MediaType.APPLICATION_JSON).build();
        }
        LocalDate last = exports.periodTo(t);
        return exports.list(file, chinese, "units", Exports.shortCode(code),
                ExportTable.units(Exports.periodFrom(f, last), last),
                i -> drillDown.units(code, lvl, f, t, i, Exports.CHUNK).items());
    }
}
