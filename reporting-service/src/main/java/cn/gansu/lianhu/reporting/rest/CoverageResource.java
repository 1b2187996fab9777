package cn.gansu.lianhu.reporting.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.gansu.lianhu.api.Problem;
import cn.gansu.lianhu.reporting.service.CoverageService;
import cn.gansu.lianhu.reporting.service.RegionCoverage;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Coverage figures per region (issue point 9; DESIGN.md §1 全覆盖, §2 reporting). Built only from registry
 * events, so they lag the registry by the consumer's delay; {@code asOf} says up to when they are complete.
 */
@Path("/api/v1/regions")
@Tag(name = "Coverage", description = "Coverage figures per region, built from events")
public class CoverageResource {

    @Inject
    CoverageService coverage;

    /**
     * {@code GET /api/v1/regions/{code}/coverage}: poor counties and villages, households by poverty status
     * and their members under a region.
     *
     * @param code NBS code, short (2/4/6/9 digits) or 12 digits
     * @return 200 {@link RegionCoverage}; 400 problem (field {@code code}, rule {@code region-code.format})
     *         for a malformed code; 404 problem for a region reporting has not received
     */
    @GET
    @Path("/{code}/coverage")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getRegionCoverage", summary = "Coverage figures under a region",
            description = "Counts, under the region (by code prefix of its level: 2/4/6/9/12 digits), the "
                    + "designated poor counties (贫困县) and poor villages (贫困村), the extremely poor households "
                    + "(特困户) by poverty status (in poverty, lifted 脱贫, relapsed 返贫) and their members. "
                    + "Built only from registry events; asOf is the time of the latest event applied.")
    @APIResponse(responseCode = "200", description = "Figures under the region",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RegionCoverage.class),
                    examples = @ExampleObject(name = "prefecture", summary = "定西市 (6211)", value = """
                            {"code":"621100000000","name":"定西市","level":"PREFECTURE","poorCounties":7,
                             "poorVillages":1326,"households":{"total":61875,"inPoverty":40210,"lifted":20931,
                             "relapsed":734},"members":243117,"asOf":"2026-11-29T03:12:45.120Z"}""")))
    @APIResponse(responseCode = "400", description = "The code is not 2, 4, 6, 9 or 12 digits",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "malformed code", value = """
                            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
                             "detail":"code must be an NBS division code of 2, 4, 6, 9 or 12 digits, not '62x'",
                             "instance":"/api/v1/regions/62x/coverage",
                             "errors":[{"field":"code","rule":"region-code.format",
                                        "message":"code must be an NBS division code of 2, 4, 6, 9 or 12 digits, not '62x'"}]}""")))
    @APIResponse(responseCode = "404", description = "Reporting has not received this region from the registry",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown region", value = """
                            {"type":"urn:lianhu:problem:not-found","title":"Not found","status":404,
                             "detail":"region 639900000000 does not exist",
                             "instance":"/api/v1/regions/6399/coverage","errors":[]}""")))
    public RegionCoverage coverage(
            @Parameter(description = "NBS division code, short (2/4/6/9 digits) or 12 digits", example = "6211")
            @PathParam("code") String code) {
        return coverage.coverage(code);
    }
}
