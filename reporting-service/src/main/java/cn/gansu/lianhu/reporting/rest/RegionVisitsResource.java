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
import cn.gansu.lianhu.reporting.service.ExportTable;
import cn.gansu.lianhu.reporting.service.ExportWriter;
import cn.gansu.lianhu.reporting.service.VisitFigures;
import cn.gansu.lianhu.reporting.service.VisitFiguresService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Visit figures under a region (issue 4 point 7): see {@link VisitFiguresResource} for the figures, the errors and
 * why each root path has its own class (a request is matched to one root resource class only).
 */
@Path("/api/v1/regions/{code}/visits")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Visits and continuity")
public class RegionVisitsResource {

    @Inject
    VisitFiguresService figures;

    @Inject
    Exports exports;

    /**
     * {@code GET /api/v1/regions/{code}/visits?from=&to=}: visit figures under a region (visits to, demands of and
     * pairings with households of its villages).
     *
     * @return 200 {@link VisitFigures}; 400 / 404 problems as in {@link VisitFiguresResource}
     */
    @GET
    @Produces({ MediaType.APPLICATION_JSON, Exports.CSV, Exports.XLSX })
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.AUDITOR, Roles.INTEGRATION })
    @Operation(operationId = "getRegionVisitFigures", summary = "Visit figures under a region",
            description = "Figures of visits to households of the villages under the region (by code prefix of its"
                    + " level: 2/4/6/9/12 digits), the demands they raised and their pairings." + VisitFiguresResource.FIGURES_DESCRIPTION
                    + Access.REGION)
    @APIResponse(responseCode = "200", description = "Figures under the region",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = VisitFigures.class),
                    examples = @ExampleObject(name = "village", summary = "a village (621121100201)",
                            value = VisitFigures.EXAMPLE)),
            @Content(mediaType = Exports.CSV, schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "csv", value = Exports.VISITS_CSV)),
            @Content(mediaType = Exports.XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary"),
                    examples = @ExampleObject(name = "xlsx", value = Exports.XLSX_EXAMPLE)) })
    @APIResponse(responseCode = "400", description = "Malformed code (code, region-code.format), from/to not a date "
            + "(param.type), or from after to / more than 10 years (from, period), to after today (to, date-future)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "malformed code", value = VisitFiguresResource.CODE_400),
                            @ExampleObject(name = "not a date", value = VisitFiguresResource.DATE_400),
                            @ExampleObject(name = "from after to", value = VisitFiguresResource.PERIOD_400),
                            @ExampleObject(name = "unknown format", value = Exports.FORMAT_400) }))
    @APIResponse(responseCode = "404", description = "Reporting has not received this region from the registry"
            + ", or it is outside the caller's scope (answered alike)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown region", value = VisitFiguresResource.REGION_404)))
    public Response region(
            @Parameter(description = "NBS division code, short (2/4/6/9 digits) or 12 digits", example = "6211")
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
        VisitFigures result = figures.region(code, VisitFiguresResource.date("from", from), VisitFiguresResource.date("to", to));
        if (file == null) {
            return Response.ok(result, MediaType.APPLICATION_JSON).build();
        }
        return exports.figures(file, chinese, "visits", Exports.shortCode(result.scope().id()), ExportTable.visits(result), result.asOf());
    }
}
