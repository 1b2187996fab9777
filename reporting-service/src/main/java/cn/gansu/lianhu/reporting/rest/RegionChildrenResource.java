package cn.gansu.lianhu.reporting.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.gansu.lianhu.api.Problem;
import cn.gansu.lianhu.reporting.service.DrillDown;
import cn.gansu.lianhu.reporting.service.DrillDownService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Drill-down to child regions (issue 5 point 3): {@code GET /api/v1/regions/{code}/children/coverage} and
 * {@code /children/visits?from&to}. One row per child region (province → prefectures → counties → townships →
 * villages) with the figures its own endpoint gives, plus the parent's totals; a village is a leaf and answers with
 * an empty list of children (200, {@code childLevel} null). Which figures add up: {@link DrillDown}.
 *
 * <p>Errors: 400 malformed code ({@code code}, {@code region-code.format}), from/to not a date ({@code param.type}),
 * from after to / more than 10 years ({@code from}, {@code period}), to after today ({@code to}, {@code date-future});
 * 404 region not received.
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

    /** @return 200 {@link DrillDown.CoverageChildren}; 400 / 404 problems as in the class comment */
    @GET
    @Path("/coverage")
    @Operation(operationId = "getChildRegionCoverage", summary = "Coverage of each child region",
            description = "The region's coverage figures (as getRegionCoverage) and one row per child region of the"
                    + " next level reporting has received, by code, with the same figures." + ADDITIVE)
    @APIResponse(responseCode = "200", description = "Parent and children",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DrillDown.CoverageChildren.class),
                    examples = @ExampleObject(name = "county", summary = "a county and its township",
                            value = DrillDown.COVERAGE_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Malformed code (code, region-code.format)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "malformed code", value = VisitFiguresResource.CODE_400)))
    @APIResponse(responseCode = "404", description = "Reporting has not received this region from the registry",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown region", value = VisitFiguresResource.REGION_404)))
    public DrillDown.CoverageChildren coverage(
            @Parameter(description = "NBS division code, short (2/4/6/9 digits) or 12 digits", example = "6203")
            @PathParam("code") String code) {
        return drillDown.coverage(code);
    }

    /** @return 200 {@link DrillDown.VisitChildren}; 400 / 404 problems as in the class comment */
    @GET
    @Path("/visits")
    @Operation(operationId = "getChildRegionVisitFigures", summary = "Visit figures of each child region",
            description = "The region's visit figures for the period (as getRegionVisitFigures; default 1 January of"
                    + " to's year .. today) and one row per child region of the next level, by code, with the same"
                    + " figures for the same period." + ADDITIVE)
    @APIResponse(responseCode = "200", description = "Parent and children",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DrillDown.VisitChildren.class),
                    examples = @ExampleObject(name = "township", summary = "a township and its village",
                            value = DrillDown.VISITS_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Malformed code (code, region-code.format), from/to not a date "
            + "(param.type), or from after to / more than 10 years (from, period), to after today (to, date-future)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "malformed code", value = VisitFiguresResource.CODE_400),
                            @ExampleObject(name = "not a date", value = VisitFiguresResource.DATE_400),
                            @ExampleObject(name = "from after to", value = VisitFiguresResource.PERIOD_400) }))
    @APIResponse(responseCode = "404", description = "Reporting has not received this region from the registry",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown region", value = VisitFiguresResource.REGION_404)))
    public DrillDown.VisitChildren visits(
            @Parameter(description = "NBS division code, short (2/4/6/9 digits) or 12 digits", example = "6203")
            @PathParam("code") String code,
            @Parameter(description = "first visit date, inclusive (yyyy-MM-dd); default 1 January of to's year",
                    example = "2026-01-01", schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("from") String from,
            @Parameter(description = "last visit date, inclusive (yyyy-MM-dd); default today", example = "2026-11-29",
                    schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("to") String to) {
        return drillDown.visits(code, VisitFiguresResource.date("from", from), VisitFiguresResource.date("to", to));
    }
}
