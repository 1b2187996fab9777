package cn.gansu.lianhu.reporting.rest;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.gansu.lianhu.api.Problem;
import cn.gansu.lianhu.api.security.Roles;
import cn.gansu.lianhu.reporting.service.DrillDown;
import cn.gansu.lianhu.reporting.service.DrillDownService;
import cn.gansu.lianhu.reporting.service.ExportTable.ChildRow;
import cn.gansu.lianhu.reporting.service.ExportTable;
import cn.gansu.lianhu.reporting.service.ExportWriter;
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
 * Drill-down to child regions (issue 5 point 3): {@code GET /api/v1/regions/{code}/children/coverage} and
 * {@code /children/visits?from&to}. One row per child region (province → prefectures → counties → townships →
 * villages) with the figures its own endpoint gives, plus the parent's totals; a village is a leaf and answers with
 * an empty list of children (200, {@code childLevel} null). Which figures add up: {@link DrillDown}.
 *
 * <p>Errors: 400 malformed code ({@code code}, {@code region-code.format}), from/to not a date ({@code param.type}),
 * from after to / more than 10 years ({@code from}, {@code period}), to after today ({@code to}, {@code date-future});
 * 404 region not received or outside the caller's scope.
 *
 * <p>Downloads (issue 5 point 4; {@link Exports}): the parent first (column Row {@code TOTAL}), then one row per child
 * region (Row {@code CHILD}), with the figures of the JSON flattened to columns ({@link ExportTable#COVERAGE_FIGURES},
 * {@link ExportTable#visitColumns}); files {@code children-coverage-<code>-<today>} and
 * {@code children-visits-<code>-<today>}; 400 {@code format} / {@code export.format}, {@code headers} /
 * {@code export.headers}.
 */
@Path("/api/v1/regions/{code}/children")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Trends and drill-down")
public class RegionChildrenResource {

    private static final String ADDITIVE = " Children add up to the parent for every figure counted on something below"
            + " the parent's level (households, members, to cover / covered / without a cadre, poor villages, village"
            + " links, pairings, every visit, task, help, demand and continuity count; poor counties and leader links"
            + " down to counties); not for what sits at the parent itself (e.g. a unit whose region is the prefecture"
            + " counts in none of its counties). Parent and children are read on one snapshot. A village is a leaf:"
            + " children is empty and childLevel null.";

    @Inject
    DrillDownService drillDown;

    @Inject
    Exports exports;

    private static final String DOWNLOAD = " As CSV or XLSX: the parent first (Row TOTAL), then one row per child"
            + " region (Row CHILD), every figure a column.";

    /** The parent (TOTAL) and the children (CHILD) as rows of a file. */
    private static <T> List<ChildRow<T>> rows(T parent, List<T> children) {
        List<ChildRow<T>> rows = new ArrayList<>(children.size() + 1);
        rows.add(new ChildRow<>("TOTAL", parent));
        children.forEach(c -> rows.add(new ChildRow<>("CHILD", c)));
        return rows;
    }

    /**
     * @return 200 {@link DrillDown.CoverageChildren} as JSON, or as CSV / XLSX; 400 / 404 problems as in the class
     *         comment
     */
    @GET
    @Produces({ MediaType.APPLICATION_JSON, Exports.CSV, Exports.XLSX })
    @Path("/coverage")
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.AUDITOR, Roles.INTEGRATION })
    @Operation(operationId = "getChildRegionCoverage", summary = "Coverage of each child region",
            description = "The region's coverage figures (as getRegionCoverage) and one row per child region of the"
                    + " next level reporting has received, by code, with the same figures." + ADDITIVE + DOWNLOAD
                    + Access.REGION)
    @APIResponse(responseCode = "200", description = "Parent and children",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DrillDown.CoverageChildren.class),
                    examples = @ExampleObject(name = "county", summary = "a county and its township",
                            value = DrillDown.COVERAGE_EXAMPLE)),
                    @Content(mediaType = Exports.CSV, schema = @Schema(type = SchemaType.STRING),
                            examples = @ExampleObject(name = "csv", value = ExportExamples.CHILDREN_COVERAGE_CSV)),
                    @Content(mediaType = Exports.XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary"),
                            examples = @ExampleObject(name = "xlsx", value = Exports.XLSX_EXAMPLE)) })
    @APIResponse(responseCode = "400", description = "Malformed code (code, region-code.format), unknown format "
            + "(format, export.format) or headers (headers, export.headers)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "malformed code", value = VisitFiguresResource.CODE_400),
                            @ExampleObject(name = "unknown format", value = Exports.FORMAT_400) }))
    @APIResponse(responseCode = "404", description = "Reporting has not received this region from the registry"
            + ", or it is outside the caller's scope (answered alike)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown region", value = VisitFiguresResource.REGION_404)))
    public Response coverage(
            @Parameter(description = "NBS division code, short (2/4/6/9 digits) or 12 digits", example = "6203")
            @PathParam("code") String code,
            @Parameter(description = Exports.FORMAT_PARAM, schema = @Schema(enumeration = { "csv", "xlsx", "json" }))
            @QueryParam("format") String format,
            @Parameter(description = Exports.HEADERS_PARAM, schema = @Schema(enumeration = { "en", "zh" }))
            @QueryParam("headers") String headers,
            @Context Request request) {
        boolean chinese = Exports.chinese(headers);
        ExportWriter.Format file = exports.format(format, request);
        DrillDown.CoverageChildren result = drillDown.coverage(code);
        if (file == null) {
            return Response.ok(result, MediaType.APPLICATION_JSON).build();
        }
        return exports.rows(file, chinese, "children-coverage", Exports.shortCode(result.region().code()),
                ExportTable.children(ExportTable.COVERAGE_FIGURES), rows(result.region(), result.children()),
                result.asOf());
    }

    /**
     * @return 200 {@link DrillDown.VisitChildren} as JSON, or as CSV / XLSX; 400 / 404 problems as in the class
     *         comment
     */
    @GET
    @Produces({ MediaType.APPLICATION_JSON, Exports.CSV, Exports.XLSX })
    @Path("/visits")
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.AUDITOR, Roles.INTEGRATION })
    @Operation(operationId = "getChildRegionVisitFigures", summary = "Visit figures of each child region",
            description = "The region's visit figures for the period (as getRegionVisitFigures; default 1 January of"
                    + " to's year .. today) and one row per child region of the next level, by code, with the same"
                    + " figures for the same period." + ADDITIVE + DOWNLOAD + " Months: one column per month of the"
                    + " period."
                    + Access.REGION)
    @APIResponse(responseCode = "200", description = "Parent and children",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DrillDown.VisitChildren.class),
                    examples = @ExampleObject(name = "township", summary = "a township and its village",
                            value = DrillDown.VISITS_EXAMPLE)),
                    @Content(mediaType = Exports.CSV, schema = @Schema(type = SchemaType.STRING),
                            examples = @ExampleObject(name = "csv", value = ExportExamples.CHILDREN_VISITS_CSV)),
                    @Content(mediaType = Exports.XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary"),
                            examples = @ExampleObject(name = "xlsx", value = Exports.XLSX_EXAMPLE)) })
    @APIResponse(responseCode = "400", description = "Malformed code (code, region-code.format), from/to not a date "
            + "(param.type), from after to / more than 10 years (from, period), to after today (to, date-future), "
            + "unknown format (format, export.format) or headers (headers, export.headers)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "malformed code", value = VisitFiguresResource.CODE_400),
                            @ExampleObject(name = "not a date", value = VisitFiguresResource.DATE_400),
                            @ExampleObject(name = "from after to", value = VisitFiguresResource.PERIOD_400),
                            @ExampleObject(name = "unknown format", value = Exports.FORMAT_400) }))
    @APIResponse(responseCode = "404", description = "Reporting has not received this region from the registry"
            + ", or it is outside the caller's scope (answered alike)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown region", value = VisitFiguresResource.REGION_404)))
    public Response visits(
            @Parameter(description = "NBS division code, short (2/4/6/9 digits) or 12 digits", example = "6203")
            @PathParam("code") String code,
            @Parameter(description = "first visit date, inclusive (yyyy-MM-dd); default 1 January of to's year",
                    example = "2026-01-01", schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("from") String from,
            @Parameter(description = "last visit date, inclusive (yyyy-MM-dd); default today", example = "2026-11-29",
                    schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("to") String to,
            @Parameter(description = Exports.FORMAT_PARAM, schema = @Schema(enumeration = { "csv", "xlsx", "json" }))
            @QueryParam("format") String format,
            @Parameter(description = Exports.HEADERS_PARAM, schema = @Schema(enumeration = { "en", "zh" }))
            @QueryParam("headers") String headers,
            @Context Request request) {
        boolean chinese = Exports.chinese(headers);
        ExportWriter.Format file = exports.format(format, request);
        DrillDown.VisitChildren result = drillDown.visits(code, VisitFiguresResource.date("from", from),
                VisitFiguresResource.date("to", to));
        if (file == null) {
            return Response.ok(result, MediaType.APPLICATION_JSON).build();
        }
        return exports.rows(file, chinese, "children-visits", Exports.shortCode(result.region().scope().id()),
                ExportTable.children(ExportTable.visitColumns(result.from(), result.to())),
                rows(result.region(), result.children()), result.asOf());
    }
}
