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
import cn.gansu.lianhu.api.security.Roles;
import cn.gansu.lianhu.reporting.service.CoverageService;
import cn.gansu.lianhu.reporting.service.ExportTable;
import cn.gansu.lianhu.reporting.service.ExportWriter;
import cn.gansu.lianhu.reporting.service.RegionCoverage;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.MediaType;

/**
 * Coverage figures per region (issue point 9; issue 3 point 9; DESIGN.md §1 全覆盖, §2 reporting). Built only
 * from registry and pairing events, so they lag those services by the consumers' delay; {@code asOf} says up to
 * when they are complete. The lists naming who is uncovered: {@link UncoveredResource}.
 */
@Path("/api/v1/regions")
@Tag(name = "Coverage", description = "Coverage figures per region and lists of who is not yet covered, "
        + "built from events")
public class CoverageResource {

    @Inject
    CoverageService coverage;

    @Inject
    Exports exports;

    /**
     * {@code GET /api/v1/regions/{code}/coverage}: poor counties and villages, households by poverty status
     * and their members under a region, and two-way coverage (issue 3 point 9): on the side of those to be linked,
     * poor counties without a provincial leader, poor villages without a unit and households without a cadre; on
     * the side of those taking part, units below their required village count, cadres below their minimum and
     * cadres with none; with totals for percentages. Field by field: {@link RegionCoverage}.
     *
     * @param code NBS code, short (2/4/6/9 digits) or 12 digits
     * @return 200 {@link RegionCoverage}; 400 problem (field {@code code}, rule {@code region-code.format})
     *         for a malformed code; 404 problem for a region reporting has not received or
     *         one outside the caller's scope (the same answer)
     */
    @GET
    @Path("/{code}/coverage")
    @Produces({ MediaType.APPLICATION_JSON, Exports.CSV, Exports.XLSX })
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.AUDITOR, Roles.INTEGRATION })
    @Operation(operationId = "getRegionCoverage", summary = "Coverage figures under a region",
            description = "Counts, under the region (by code prefix of its level: 2/4/6/9/12 digits), the "
                    + "designated poor counties (贫困县) and poor villages (贫困村), the extremely poor households "
                    + "(特困户) by poverty status (in poverty, lifted 脱贫, relapsed 返贫) and their members; and "
                    + "two-way coverage (全覆盖). targets: poor counties without an active provincial leader link, "
                    + "poor villages without an active unit link, households to cover (IN_POVERTY or RELAPSED in "
                    + "poor villages) covered by at least one ACTIVE pairing or by none (DRAFT does not cover), and "
                    + "the active leader links, village links and pairings there. participants: units sitting under "
                    + "the region, those linking fewer villages than pairing requires, their ACTIVE cadres, those "
                    + "with fewer ACTIVE pairings than their minimum and those with none. Each uncovered figure has "
                    + "a list under /api/v1/regions/{code}/uncovered/… whose total equals it. Built only from "
                    + "registry and pairing events; asOf is the time of the latest of those events applied (a body "
                    + "served again from the result cache keeps the asOf of its computation)."
                    + Access.REGION)
    @APIResponse(responseCode = "200", description = "Figures under the region",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RegionCoverage.class),
                    examples = @ExampleObject(name = "prefecture", summary = "临夏回族自治州 (6229)",
                            value = RegionCoverage.EXAMPLE)),
            @Content(mediaType = Exports.CSV, schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "csv", value = Exports.COVERAGE_CSV)),
            @Content(mediaType = Exports.XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary"),
                    examples = @ExampleObject(name = "xlsx", value = Exports.XLSX_EXAMPLE)) })
    @APIResponse(responseCode = "400", description = "The code is not 2, 4, 6, 9 or 12 digits (code, "
            + "region-code.format), or format / headers not known (export.format, export.headers)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "unknown format", value = Exports.FORMAT_400),
                            @ExampleObject(name = "malformed code", value = """
                            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
                             "detail":"code must be an NBS division code of 2, 4, 6, 9 or 12 digits, not '62x'",
                             "instance":"/api/v1/regions/62x/coverage",
                             "errors":[{"field":"code","rule":"region-code.format",
                                        "message":"code must be an NBS division code of 2, 4, 6, 9 or 12 digits, not '62x'"}]}""") }))
    @APIResponse(responseCode = "404", description = "Reporting has not received this region from the registry"
            + ", or it is outside the caller's scope (answered alike)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown region", value = """
                            {"type":"urn:lianhu:problem:not-found","title":"Not found","status":404,
                             "detail":"region 639900000000 does not exist",
                             "instance":"/api/v1/regions/6399/coverage","errors":[]}""")))
    public Response coverage(
            @Parameter(description = "NBS division code, short (2/4/6/9 digits) or 12 digits", example = "6211")
            @PathParam("code") String code,
            @Parameter(description = Exports.FORMAT_PARAM, schema = @Schema(enumeration = { "csv", "xlsx", "json" }))
            @QueryParam("format") String format,
            @Parameter(description = Exports.HEADERS_PARAM, schema = @Schema(enumeration = { "en", "zh" }))
            @QueryParam("headers") String headers,
            @Context Request request) {
        boolean chinese = Exports.chinese(headers);
        ExportWriter.Format file = exports.format(format, request);
        RegionCoverage result = coverage.coverage(code);
        if (file == null) {
            return Response.ok(result, MediaType.APPLICATION_JSON).build();
        }
        return exports.figures(file, chinese, "coverage", Exports.shortCode(result.code()),
                ExportTable.coverage(result), result.asOf());
    }
}
