package cn.gansu.lianhu.reporting.rest;

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
import cn.gansu.lianhu.reporting.service.ExportTable;
import cn.gansu.lianhu.reporting.service.ExportWriter;
import cn.gansu.lianhu.reporting.service.OverduePairing;
import cn.gansu.lianhu.reporting.service.VisitFiguresService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
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
 * The pairings under a region overdue for an in-person visit today (issue 4 point 7; 全年联系不断): see
 * {@link VisitFiguresResource} for the errors and {@link OverduePairing} for the rows.
 */
@Path("/api/v1/regions/{code}/overdue-pairings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Visits and continuity")
public class OverduePairingsResource {

    @Inject
    VisitFiguresService figures;

    @Inject
    Exports exports;

    /**
     * {@code GET /api/v1/regions/{code}/overdue-pairings?unit=&cadre=&page&size}: the pairings under a region
     * overdue today, most days since the last in-person visit first.
     *
     * @return 200 {@link OverduePairing.Page}; 400 / 404 problems as in {@link VisitFiguresResource}
     */
    @GET
    @Produces({ MediaType.APPLICATION_JSON, Exports.CSV, Exports.XLSX })
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.AUDITOR, Roles.INTEGRATION })
    @Operation(operationId = "listOverduePairings", summary = "Pairings overdue for an in-person visit",
            description = "ACTIVE pairings with households of the villages under the region that are overdue today by"
                    + " the shared rule (全年联系不断, lianhu.continuity): more than N days (90; 180 for a household"
                    + " lifted out of poverty) since the cadre's latest in-person visit (IN_HOME, VILLAGE_MEETING), or"
                    + " since the pairing started if there was none. Optionally only those made by a unit or of a"
                    + " cadre. Each names the cadre, the unit, the household with its head masked (first character,"
                    + " then * per further character), the last in-person visit and the days since. Ordered by days"
                    + " since, most first, then pairing id. Without filters, total equals continuity.overdue of"
                    + " getRegionVisitFigures for today. Page from 0, size 1–500."
                    + Access.OVERDUE)
    @APIResponse(responseCode = "200", description = "A page of overdue pairings",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OverduePairing.Page.class),
                    examples = @ExampleObject(name = "one overdue pairing", value = """
                            {"items":[{"pairingId":"3f2e1d0c-9b8a-4765-a4b3-c2d1e0f9a8b7",
                              "cadreId":"0b1e7c62-3a55-4a43-9c1e-7f1a2b3c4d5e","cadreName":"王立新",
                              "unitId":"9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4","unitName":"定西市民政局",
                              "householdId":"7c6f0e1a-8b2d-4f3e-a1b2-c3d4e5f60718","householdHead":"马**",
                              "householdStatus":"IN_POVERTY","villageCode":"621121100201","startedOn":"2026-03-01",
                              "lastInPersonOn":"2026-08-20","daysSinceLastVisit":101,"windowDays":90}],
                             "page":0,"size":50,"total":1,"asOf":"2026-11-29T03:12:45.120Z"}""")),
            @Content(mediaType = Exports.CSV, schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "csv", value = ExportExamples.OVERDUE_CSV)),
            @Content(mediaType = Exports.XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary"),
                    examples = @ExampleObject(name = "xlsx", value = Exports.XLSX_EXAMPLE)) })
    @APIResponse(responseCode = "400", description = "Malformed code (code, region-code.format), unit or cadre not"
            + " a UUID or page/size not an integer (param.type), page or size out of range (min, max 500)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "malformed code", value = VisitFiguresResource.CODE_400),
                            @ExampleObject(name = "not a UUID", value = VisitFiguresResource.UNIT_FILTER_400),
                            @ExampleObject(name = "page too large", value = VisitFiguresResource.SIZE_400),
                            @ExampleObject(name = "unknown format", value = Exports.FORMAT_400) }))
    @APIResponse(responseCode = "404", description = "Reporting has not received this region, unit or cadre"
            + ", or it is outside the caller's scope (answered alike)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "unknown region", value = VisitFiguresResource.REGION_404),
                            @ExampleObject(name = "unknown unit", value = VisitFiguresResource.UNIT_404) }))
    public Response overduePairings(
            @Parameter(description = "NBS division code, short (2/4/6/9 digits) or 12 digits", example = "6211")
            @PathParam("code") String code,
            @Parameter(description = "only pairings made by this unit", example = "9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4")
            @QueryParam("unit") UUID unitId,
            @Parameter(description = "only pairings of this cadre", example = "0b1e7c62-3a55-4a43-9c1e-7f1a2b3c4d5e")
            @QueryParam("cadre") UUID cadreId,
            @Parameter(description = "Page index from 0") @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @Parameter(description = "Page size, 1–500") @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size,
            @Parameter(description = Exports.FORMAT_PARAM, schema = @Schema(enumeration = { "csv", "xlsx", "json" }))
            @QueryParam("format") String format,
            @Parameter(description = Exports.HEADERS_PARAM, schema = @Schema(enumeration = { "en", "zh" }))
            @QueryParam("headers") String headers,
            @Context Request request) {
        boolean chinese = Exports.chinese(headers);
        ExportWriter.Format file = exports.format(format, request);
        if (file == null) {
            return Response.ok(figures.overdue(code, unitId, cadreId, page, size), MediaType.APPLICATION_JSON).build();
        }
        return exports.list(file, chinese, "overdue-pairings", Exports.shortCode(code), ExportTable.OVERDUE,
                i -> figures.overdue(code, unitId, cadreId, i, Exports.CHUNK).items());
    }
}
