package cn.gansu.lianhu.reporting.rest;

import java.time.LocalDate;
import java.util.UUID;

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
import cn.gansu.lianhu.reporting.service.OverduePairing;
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
 * Visit figures (issue 4 point 7; DESIGN.md §1 the six tasks, 全年联系不断) of a region, a unit or a cadre, for any
 * period: visits by mode and month, counts per task, development help in yuan by kind, demands opened / closed /
 * open / overdue with the median resolution time, and continuity — the share of active pairings visited in person
 * within the window of the shared rule (lianhu-events ContinuityRule). The list of overdue pairings names cadre,
 * unit, household (head masked) and days since the last in-person visit. Field by field: {@link VisitFigures},
 * {@link OverduePairing}. Built only from events; {@code asOf} says up to when they are complete.
 *
 * <p>Errors: 400 problem for a malformed region code ({@code code}, {@code region-code.format}), a unit or cadre id
 * that is not a UUID or a date that is not yyyy-MM-dd ({@code param.type}), to after today ({@code to},
 * {@code date-future}), from after to or a period longer than 10 years ({@code from}, {@code period}), page or size out of range ({@code min}/{@code max}); 404 problem for a
 * region, unit or cadre reporting has not received, or one outside the caller's scope (the same answer).
 *
 * <p>This class serves the unit and cadre figures; the region's figures and the overdue list are served by
 * {@link RegionVisitsResource} and {@link OverduePairingsResource}, each rooted at its full path: a request is
 * matched to one root resource class only, and a root {@code /api/v1/regions/{code}} would take
 * {@code /coverage} away from {@link CoverageResource}.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Visits and continuity", description = "Visits by mode and month, the six tasks, development help, "
        + "demands and year-round continuity per region, unit and cadre, with the overdue pairings, built from events")
public class VisitFiguresResource {

    static final String PERIOD_400 = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"from 2026-12-01 is after to 2026-11-29","instance":"/api/v1/regions/6211/visits",
             "errors":[{"field":"from","rule":"period","message":"from 2026-12-01 is after to 2026-11-29"}]}""";
    static final String DATE_400 = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"to must be a date yyyy-MM-dd, not '20261129'","instance":"/api/v1/regions/6211/visits",
             "errors":[{"field":"to","rule":"param.type","message":"to must be a date yyyy-MM-dd, not '20261129'"}]}""";
    static final String CODE_400 = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"code must be an NBS division code of 2, 4, 6, 9 or 12 digits, not '62x'",
             "instance":"/api/v1/regions/62x/visits",
             "errors":[{"field":"code","rule":"region-code.format",
                        "message":"code must be an NBS division code of 2, 4, 6, 9 or 12 digits, not '62x'"}]}""";
    static final String ID_400 = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"id must be a UUID, not 'abc'","instance":"/api/v1/units/abc/visits",
             "errors":[{"field":"id","rule":"param.type","message":"id must be a UUID, not 'abc'"}]}""";
    static final String SIZE_400 = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"must be less than or equal to 500","instance":"/api/v1/regions/6211/overdue-pairings",
             "errors":[{"field":"size","rule":"max","message":"must be less than or equal to 500"}]}""";
    static final String UNIT_FILTER_400 = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"unit must be a UUID, not 'abc'","instance":"/api/v1/regions/6211/overdue-pairings",
             "errors":[{"field":"unit","rule":"param.type","message":"unit must be a UUID, not 'abc'"}]}""";
    static final String REGION_404 = """
            {"type":"urn:lianhu:problem:not-found","title":"Not found","status":404,
             "detail":"region 629700000000 does not exist","instance":"/api/v1/regions/6297/visits","errors":[]}""";
    static final String UNIT_404 = """
            {"type":"urn:lianhu:problem:not-found","title":"Not found","status":404,
             "detail":"unit 9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4 does not exist",
             "instance":"/api/v1/units/9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4/visits","errors":[]}""";
    static final String CADRE_404 = """
            {"type":"urn:lianhu:problem:not-found","title":"Not found","status":404,
             "detail":"cadre 0b1e7c62-3a55-4a43-9c1e-7f1a2b3c4d5e does not exist",
             "instance":"/api/v1/cadres/0b1e7c62-3a55-4a43-9c1e-7f1a2b3c4d5e/visits","errors":[]}""";
    static final String FIGURES_DESCRIPTION = " For the period from..to (visit dates, inclusive; default 1 January of"
            + " to's year .. today, Beijing time): visits by mode (IN_HOME, BY_PHONE, VILLAGE_MEETING, OTHER) and by"
            + " month (every month of the period); visits with each of the six tasks; development help in yuan"
            + " (from each visit's latest version, so corrections count as corrected) by kind, and people benefiting;"
            + " demands opened in the period, RESOLVED / REJECTED closed in it, open now (opened by to), overdue now"
            + " (open and deadline before today), median days to resolve; continuity on min(to, today): active"
            + " pairings, those visited in person within the window N (lianhu.continuity: 90 days, 180 for a"
            + " household lifted out of poverty), their share (4 decimals, null when no pairing) and the overdue"
            + " ones. Every mode, task and kind is present (0 when none). Built only from events; asOf is the time of"
            + " the latest event applied.";

    @Inject
    VisitFiguresService figures;

    @Inject
    Exports exports;

    /**
     * {@code GET /api/v1/units/{id}/visits?from=&to=}: visit figures of a unit (visits by its cadres, demands it
     * handles, pairings it made).
     *
     * @return 200 {@link VisitFigures}; 400 / 404 problems as in the class comment
     */
    @GET
    @Produces({ MediaType.APPLICATION_JSON, Exports.CSV, Exports.XLSX })
    @Path("/units/{id}/visits")
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.UNIT_ADMIN, Roles.AUDITOR, Roles.INTEGRATION })
    @Operation(operationId = "getUnitVisitFigures", summary = "Visit figures of a unit",
            description = "Figures of the visits made by the unit's cadres (the unit each visit event names), the"
                    + " demands the unit handles and the pairings it made." + FIGURES_DESCRIPTION
                    + Access.UNIT)
    @APIResponse(responseCode = "200", description = "Figures of the unit",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = VisitFigures.class),
                    examples = @ExampleObject(name = "unit", summary = "a unit", value = VisitFigures.EXAMPLE)),
            @Content(mediaType = Exports.CSV, schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "csv", value = Exports.VISITS_CSV)),
            @Content(mediaType = Exports.XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary"),
                    examples = @ExampleObject(name = "xlsx", value = Exports.XLSX_EXAMPLE)) })
    @APIResponse(responseCode = "400", description = "id not a UUID or from/to not a date (param.type), or from after "
            + "to / more than 10 years (from, period), to after today (to, date-future)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "not a UUID", value = ID_400),
                            @ExampleObject(name = "not a date", value = DATE_400),
                            @ExampleObject(name = "from after to", value = PERIOD_400),
                            @ExampleObject(name = "unknown format", value = Exports.FORMAT_400) }))
    @APIResponse(responseCode = "404", description = "Reporting has not received this unit from pairing-service"
            + ", or it is outside the caller's scope (answered alike)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown unit", value = UNIT_404)))
    public Response unit(
            @Parameter(description = "unit id (pairing-service)", example = "9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4")
            @PathParam("id") UUID id,
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
        VisitFigures result = figures.unit(id, date("from", from), date("to", to));
        if (file == null) {
            return Response.ok(result, MediaType.APPLICATION_JSON).build();
        }
        return exports.figures(file, chinese, "visits-unit", id.toString(), ExportTable.visits(result), result.asOf());
    }

    /**
     * {@code GET /api/v1/cadres/{id}/visits?from=&to=}: visit figures of a cadre (their visits, demands raised on
     * them, their pairings).
     *
     * @return 200 {@link VisitFigures}; 400 / 404 problems as in the class comment
     */
    @GET
    @Produces({ MediaType.APPLICATION_JSON, Exports.CSV, Exports.XLSX })
    @Path("/cadres/{id}/visits")
    @RolesAllowed(Roles.ANY)
    @Operation(operationId = "getCadreVisitFigures", summary = "Visit figures of a cadre",
            description = "Figures of the cadre's own visits, the demands raised on them and the cadre's pairings."
                    + FIGURES_DESCRIPTION
                    + Access.CADRE)
    @APIResponse(responseCode = "200", description = "Figures of the cadre",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = VisitFigures.class),
                    examples = @ExampleObject(name = "cadre", summary = "a cadre", value = VisitFigures.EXAMPLE)),
            @Content(mediaType = Exports.CSV, schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "csv", value = Exports.VISITS_CSV)),
            @Content(mediaType = Exports.XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary"),
                    examples = @ExampleObject(name = "xlsx", value = Exports.XLSX_EXAMPLE)) })
    @APIResponse(responseCode = "400", description = "id not a UUID or from/to not a date (param.type), or from after "
            + "to / more than 10 years (from, period), to after today (to, date-future)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "not a UUID", value = ID_400),
                            @ExampleObject(name = "not a date", value = DATE_400),
                            @ExampleObject(name = "from after to", value = PERIOD_400),
                            @ExampleObject(name = "unknown format", value = Exports.FORMAT_400) }))
    @APIResponse(responseCode = "404", description = "Reporting has not received this cadre from pairing-service"
            + ", or it is outside the caller's scope (answered alike)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown cadre", value = CADRE_404)))
    public Response cadre(
            @Parameter(description = "cadre id (pairing-service)", example = "0b1e7c62-3a55-4a43-9c1e-7f1a2b3c4d5e")
            @PathParam("id") UUID id,
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
        VisitFigures result = figures.cadre(id, date("from", from), date("to", to));
        if (file == null) {
            return Response.ok(result, MediaType.APPLICATION_JSON).build();
        }
        return exports.figures(file, chinese, "visits-cadre", id.toString(), ExportTable.visits(result), result.asOf());
    }

    /** A yyyy-MM-dd query parameter, or null if absent; 400 {@code param.type} naming it otherwise. */
    static LocalDate date(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.invalid(name, "param.type", name + " must be a date yyyy-MM-dd, not '"
                    + (value.length() > 60 ? value.substring(0, 57) + "..." : value) + "'");
        }
    }
}
