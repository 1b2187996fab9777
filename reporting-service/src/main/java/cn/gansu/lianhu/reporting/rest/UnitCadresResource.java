package cn.gansu.lianhu.reporting.rest;

import java.util.UUID;

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
 * Drill-down to cadres (issue 5 point 3): {@code GET /api/v1/units/{id}/cadres?from=&to=&page&size}, a unit's cadres
 * with their coverage and visit figures. Rooted at its full path, beside {@link VisitFiguresResource}'s
 * {@code /api/v1} root.
 *
 * <p>Errors: 400 id not a UUID, from/to not a date, page/size not an integer ({@code param.type}), from after to
 * ({@code from}, {@code period}), page/size out of range; 404 unit not received or outside the caller's scope.
 *
 * <p>Downloads (issue 5 point 4; {@link Exports}): the whole list (page and size ignored), one row per cadre with the
 * figures of the JSON flattened to columns ({@link ExportTable#cadres}), file {@code cadres-<unit id>-<today>}; 400
 * {@code format} / {@code export.format}, {@code headers} / {@code export.headers}.
 */
@Path("/api/v1/units/{id}/cadres")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Trends and drill-down")
public class UnitCadresResource {

    @Inject
    DrillDownService drillDown;

    @Inject
    Exports exports;

    /**
     * @return 200 {@link DrillDown.CadrePage} as JSON, or the whole list as CSV / XLSX; 400 / 404 problems as in the
     *         class comment
     */
    @GET
    @Produces({ MediaType.APPLICATION_JSON, Exports.CSV, Exports.XLSX })
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.UNIT_ADMIN, Roles.AUDITOR, Roles.INTEGRATION })
    @Operation(operationId = "listUnitCadreFigures", summary = "A unit's cadres with their figures",
            description = "The unit's cadres of every status (ACTIVE first, then by name and id), each with the"
                    + " minimum of households pairing-service set for them, their ACTIVE pairings, whether they are"
                    + " below the minimum (ACTIVE only, as cadres-below-minimum), and their visit figures for the period"
                    + " (as getCadreVisitFigures; default 1 January of to's year .. today). Page from 0, size 1–500."
                    + " As CSV or XLSX: every cadre, one row each, every figure a column (visit figures: one column per"
                    + " month of the period)."
                    + Access.UNIT)
    @APIResponse(responseCode = "200", description = "A page of cadres",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DrillDown.CadrePage.class),
                    examples = @ExampleObject(name = "one cadre", value = "{\"unitId\":\"9e8d7c6b-5a49-4382-a1b0-"
                            + "c9d8e7f6a5b4\",\"unitName\":\"永昌县民政局\",\"items\":[" + DrillDown.CADRE_EXAMPLE
                            + "],\"page\":0,\"size\":50,\"total\":1,\"asOf\":\"2026-11-29T03:12:45.120Z\"}")),
                    @Content(mediaType = Exports.CSV, schema = @Schema(type = SchemaType.STRING),
                            examples = @ExampleObject(name = "csv", value = ExportExamples.UNIT_CADRES_CSV)),
                    @Content(mediaType = Exports.XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary"),
                            examples = @ExampleObject(name = "xlsx", value = Exports.XLSX_EXAMPLE)) })
    @APIResponse(responseCode = "400", description = "id not a UUID, from/to not a date or page/size not an integer "
            + "(param.type), from after to (from, period), page or size out of range (min, max 500), unknown format "
            + "(format, export.format) or headers (headers, export.headers)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "not a UUID", value = VisitFiguresResource.ID_400),
                            @ExampleObject(name = "not a date", value = VisitFiguresResource.DATE_400),
                            @ExampleObject(name = "from after to", value = VisitFiguresResource.PERIOD_400),
                            @ExampleObject(name = "page too large", value = VisitFiguresResource.SIZE_400),
                            @ExampleObject(name = "unknown format", value = Exports.FORMAT_400) }))
    @APIResponse(responseCode = "404", description = "Reporting has not received this unit from pairing-service"
            + ", or it is outside the caller's scope (answered alike)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown unit", value = VisitFiguresResource.UNIT_404)))
    public Response cadres(
            @Parameter(description = "unit id (pairing-service)", example = "9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4")
            @PathParam("id") UUID id,
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
        LocalDate f = VisitFiguresResource.date("from", from);
        LocalDate t = VisitFiguresResource.date("to", to);
        if (file == null) {
            return Response.ok(drillDown.cadres(id, f, t, page, size), MediaType.APPLICATION_JSON).build();
        }
        LocalDate last = exports.periodTo(t);
        return exports.list(file, chinese, "cadres", id.toString(), ExportTable.cadres(Exports.periodFrom(f, last), last),
                i -> drillDown.cadres(id, f, t, i, Exports.CHUNK).items());
    }
}
