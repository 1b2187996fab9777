package cn.gansu.lianhu.reporting.rest;

import java.util.List;
import java.util.function.Function;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.gansu.lianhu.api.ApiException;
import cn.gansu.lianhu.api.Page;
import cn.gansu.lianhu.api.Problem;
import cn.gansu.lianhu.api.security.Roles;
import cn.gansu.lianhu.reporting.service.CoverageService;
import cn.gansu.lianhu.reporting.service.ExportTable;
import cn.gansu.lianhu.reporting.service.ExportWriter;
import cn.gansu.lianhu.reporting.service.Uncovered;
import cn.gansu.lianhu.reporting.service.UncoveredKind;
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
 * Lists naming who is not yet covered under a region, one per figure of two-way coverage (issue 3 point 9;
 * DESIGN.md §1 全覆盖: "who is not yet covered — on either side"), so a county office can act on them. Rules of
 * each list: {@link UncoveredKind}. Every list is paginated (page from 0, size 1–500), its {@code total} equals
 * the figure of the same name in {@code GET /api/v1/regions/{code}/coverage}, and {@code asOf} says up to when
 * the data is complete.
 *
 * <p>Errors, the same for every list: 400 problem for a malformed code ({@code code}, {@code region-code.format}),
 * page or size out of range ({@code page}/{@code size}, {@code min}/{@code max}) or not an integer
 * ({@code param.type}); 404 problem for a region reporting has not received or one
 * outside the caller's scope (the same answer); 400 problem naming {@code kind}
 * (rule {@code uncovered.kind}) for a list that does not exist.
 */
@Path("/api/v1/regions/{code}/uncovered")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Coverage")
public class UncoveredResource {

    static final String BAD_REQUEST = "Malformed code (code, region-code.format), page or size out of range (page: min;"
            + " size: min, max 500), or page/size not an integer (param.type)";
    static final String CODE_400 = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"code must be an NBS division code of 2, 4, 6, 9 or 12 digits, not '62x'",
             "instance":"/api/v1/regions/62x/uncovered/villages-without-unit",
             "errors":[{"field":"code","rule":"region-code.format",
                        "message":"code must be an NBS division code of 2, 4, 6, 9 or 12 digits, not '62x'"}]}""";
    static final String SIZE_400 = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"must be less than or equal to 500","instance":"/api/v1/regions/6229/uncovered/households-without-cadre",
             "errors":[{"field":"size","rule":"max","message":"must be less than or equal to 500"}]}""";
    static final String PARAM_TYPE_400 = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"page must be an integer, not 'abc'","instance":"/api/v1/regions/6229/uncovered/units-below-required",
             "errors":[{"field":"page","rule":"param.type","message":"page must be an integer, not 'abc'"}]}""";
    static final String REGION_404 = """
            {"type":"urn:lianhu:problem:not-found","title":"Not found","status":404,
             "detail":"region 629700000000 does not exist",
             "instance":"/api/v1/regions/6297/uncovered/villages-without-unit","errors":[]}""";
    static final String NOT_FOUND = "Reporting has not received this region from the registry, or it is outside the "
            + "caller's scope (answered alike)";

    @Inject
    CoverageService coverage;

    @Inject
    Exports exports;

    /** A page of the list as JSON, or the whole list as CSV / XLSX ({@link Exports}). */
    private <T, P> Response respond(String code, UncoveredKind kind, int page, int size,
            Function<Uncovered.Page<T>, P> pageOf, List<ExportTable.Column<T>> columns, String format, String headers,
            Request request) {
        boolean chinese = Exports.chinese(headers);
        ExportWriter.Format file = exports.format(format, request);
        if (file == null) {
            return Response.ok(coverage.uncovered(code, kind, page, size, pageOf), MediaType.APPLICATION_JSON).build();
        }
        return exports.list(file, chinese, kind.segment, Exports.shortCode(code), columns,
                i -> coverage.<T, List<T>>uncovered(code, kind, i, Exports.CHUNK, Uncovered.Page::items));
    }

    /**
     * Poor counties without a provincial leader: designated poor counties (贫困县) under the region with no active
     * leader link (联县联村联户), ordered by code.
     *
     * @return 200 {@link Uncovered.CountyPage}; 400 / 404 problems as in the class comment
     */
    @GET
    @Produces({ MediaType.APPLICATION_JSON, Exports.CSV, Exports.XLSX })
    @Path("/counties-without-leader")
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.AUDITOR, Roles.INTEGRATION })
    @Operation(operationId = "listCountiesWithoutLeader", summary = "Poor counties without a provincial leader",
            description = "Designated poor counties (贫困县) under the region that no provincial leader links (no active"
                    + " leader link, 联县联村联户), ordered by code, with their prefecture and number of poor villages."
                    + " total equals targets.poorCountiesWithoutLeader of getRegionCoverage. Page from 0, size 1–500."
                    + Access.REGION)
    @APIResponse(responseCode = "200", description = "A page of poor counties without a leader",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Uncovered.CountyPage.class),
                    examples = @ExampleObject(name = "临夏回族自治州", summary = "6229: 康乐县 has no leader", value = """
                            {"items":[{"code":"622922000000","name":"康乐县","prefectureCode":"622900000000",
                              "prefectureName":"临夏回族自治州","poorVillages":2}],
                             "page":0,"size":50,"total":1,"asOf":"2026-11-29T03:12:45.120Z"}""")),
            @Content(mediaType = Exports.CSV, schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "csv", value = ExportExamples.COUNTIES_CSV)),
            @Content(mediaType = Exports.XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary"),
                    examples = @ExampleObject(name = "xlsx", value = Exports.XLSX_EXAMPLE)) })
    @APIResponse(responseCode = "400", description = BAD_REQUEST,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "malformed code", value = CODE_400),
                            @ExampleObject(name = "page too large", value = SIZE_400),
                            @ExampleObject(name = "wrong parameter type", value = PARAM_TYPE_400),
                            @ExampleObject(name = "unknown format", value = Exports.FORMAT_400) }))
    @APIResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown region", value = REGION_404)))
    public Response countiesWithoutLeader(
            @Parameter(description = "NBS division code, short (2/4/6/9 digits) or 12 digits", example = "6229")
            @PathParam("code") String code,
            @Parameter(description = "Page index from 0") @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @Parameter(description = "Page size, 1–500") @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size,
            @Parameter(description = Exports.FORMAT_PARAM, schema = @Schema(enumeration = { "csv", "xlsx", "json" }))
            @QueryParam("format") String format,
            @Parameter(description = Exports.HEADERS_PARAM, schema = @Schema(enumeration = { "en", "zh" }))
            @QueryParam("headers") String headers,
            @Context Request request) {
        return respond(code, UncoveredKind.COUNTIES_WITHOUT_LEADER, page, size, Uncovered.CountyPage::of, ExportTable.COUNTIES, format, headers,
                request);
    }

    /**
     * Poor villages without a unit: designated poor villages (贫困村) under the region that no unit links
     * (部门联村), ordered by code.
     *
     * @return 200 {@link Uncovered.VillagePage}; 400 / 404 problems as in the class comment
     */
    @GET
    @Produces({ MediaType.APPLICATION_JSON, Exports.CSV, Exports.XLSX })
    @Path("/villages-without-unit")
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.AUDITOR, Roles.INTEGRATION })
    @Operation(operationId = "listVillagesWithoutUnit", summary = "Poor villages without a unit",
            description = "Designated poor villages (贫困村) under the region with no active unit ↔ village link"
                    + " (部门联村), ordered by code, with township and county names and the households to cover in"
                    + " each. total equals targets.poorVillagesWithoutUnit of getRegionCoverage. Page from 0, size 1–500."
                    + Access.REGION)
    @APIResponse(responseCode = "200", description = "A page of poor villages no unit links",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Uncovered.VillagePage.class),
                    examples = @ExampleObject(name = "临夏回族自治州", summary = "6229: two villages without a unit",
                            value = """
                            {"items":[{"code":"622921100203","name":"磨川村委会","townshipName":"韩集镇",
                               "countyCode":"622921000000","countyName":"临夏县","householdsToCover":1},
                              {"code":"622922100204","name":"新集村委会","townshipName":"附城镇",
                               "countyCode":"622922000000","countyName":"康乐县","householdsToCover":0}],
                             "page":0,"size":50,"total":2,"asOf":"2026-11-29T03:12:45.120Z"}""")),
            @Content(mediaType = Exports.CSV, schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "csv", value = ExportExamples.VILLAGES_CSV)),
            @Content(mediaType = Exports.XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary"),
                    examples = @ExampleObject(name = "xlsx", value = Exports.XLSX_EXAMPLE)) })
    @APIResponse(responseCode = "400", description = BAD_REQUEST,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "malformed code", value = CODE_400),
                            @ExampleObject(name = "page too large", value = SIZE_400),
                            @ExampleObject(name = "wrong parameter type", value = PARAM_TYPE_400),
                            @ExampleObject(name = "unknown format", value = Exports.FORMAT_400) }))
    @APIResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown region", value = REGION_404)))
    public Response villagesWithoutUnit(
            @Parameter(description = "NBS division code, short (2/4/6/9 digits) or 12 digits", example = "6229")
            @PathParam("code") String code,
            @Parameter(description = "Page index from 0") @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @Parameter(description = "Page size, 1–500") @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size,
            @Parameter(description = Exports.FORMAT_PARAM, schema = @Schema(enumeration = { "csv", "xlsx", "json" }))
            @QueryParam("format") String format,
            @Parameter(description = Exports.HEADERS_PARAM, schema = @Schema(enumeration = { "en", "zh" }))
            @QueryParam("headers") String headers,
            @Context Request request) {
        return respond(code, UncoveredKind.VILLAGES_WITHOUT_UNIT, page, size, Uncovered.VillagePage::of, ExportTable.VILLAGES, format, headers,
                request);
    }

    /**
     * Households without a cadre: households to cover (IN_POVERTY or RELAPSED, in a designated poor village) under
     * the region with no ACTIVE pairing, ordered by village code, then id.
     *
     * @return 200 {@link Uncovered.HouseholdPage}; 400 / 404 problems as in the class comment
     */
    @GET
    @Produces({ MediaType.APPLICATION_JSON, Exports.CSV, Exports.XLSX })
    @Path("/households-without-cadre")
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.AUDITOR, Roles.INTEGRATION })
    @Operation(operationId = "listHouseholdsWithoutCadre", summary = "Households without a cadre",
            description = "Extremely poor households (特困户) with status IN_POVERTY or RELAPSED in a designated poor"
                    + " village under the region that no cadre covers: no ACTIVE pairing (干部联户). A DRAFT pairing"
                    + " does not cover (draftPairings shows how many are proposed); an ENDED or WITHDRAWN one no"
                    + " longer does. Ordered by village code, then id, with head of household, village, township and"
                    + " county names. total equals targets.householdsWithoutCadre of getRegionCoverage. Page from 0,"
                    + " size 1–500."
                    + Access.REGION)
    @APIResponse(responseCode = "200", description = "A page of households without a cadre",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Uncovered.HouseholdPage.class),
                    examples = @ExampleObject(name = "临夏县", summary = "622921: one household with only a draft",
                            value = """
                            {"items":[{"id":"5b0c3c38-5f0e-4bb1-a6a2-1d3a4f6e7c21","headName":"马*",
                               "status":"IN_POVERTY","memberCount":5,"draftPairings":1,"villageCode":"622921100203",
                               "villageName":"磨川村委会","townshipName":"韩集镇","countyName":"临夏县"}],
                             "page":0,"size":50,"total":1,"asOf":"2026-11-29T03:12:45.120Z"}""")),
            @Content(mediaType = Exports.CSV, schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "csv", value = ExportExamples.HOUSEHOLDS_CSV)),
            @Content(mediaType = Exports.XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary"),
                    examples = @ExampleObject(name = "xlsx", value = Exports.XLSX_EXAMPLE)) })
    @APIResponse(responseCode = "400", description = BAD_REQUEST,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "malformed code", value = CODE_400),
                            @ExampleObject(name = "page too large", value = SIZE_400),
                            @ExampleObject(name = "wrong parameter type", value = PARAM_TYPE_400),
                            @ExampleObject(name = "unknown format", value = Exports.FORMAT_400) }))
    @APIResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown region", value = REGION_404)))
    public Response householdsWithoutCadre(
            @Parameter(description = "NBS division code, short (2/4/6/9 digits) or 12 digits", example = "622921")
            @PathParam("code") String code,
            @Parameter(description = "Page index from 0") @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @Parameter(description = "Page size, 1–500") @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size,
            @Parameter(description = Exports.FORMAT_PARAM, schema = @Schema(enumeration = { "csv", "xlsx", "json" }))
            @QueryParam("format") String format,
            @Parameter(description = Exports.HEADERS_PARAM, schema = @Schema(enumeration = { "en", "zh" }))
            @QueryParam("headers") String headers,
            @Context Request request) {
        return respond(code, UncoveredKind.HOUSEHOLDS_WITHOUT_CADRE, page, size, Uncovered.HouseholdPage::of, ExportTable.HOUSEHOLDS, format, headers,
                request);
    }

    /**
     * Units below their required village count: units sitting under the region with fewer active village links
     * than pairing requires of them, ordered by region code, name, id.
     *
     * @return 200 {@link Uncovered.UnitPage}; 400 / 404 problems as in the class comment
     */
    @GET
    @Produces({ MediaType.APPLICATION_JSON, Exports.CSV, Exports.XLSX })
    @Path("/units-below-required")
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.AUDITOR, Roles.INTEGRATION })
    @Operation(operationId = "listUnitsBelowRequired", summary = "Units linking fewer villages than required",
            description = "Units (单位) whose region (where the unit sits) is under the region and that link fewer"
                    + " poor villages (active links, 部门联村) than the number pairing-service requires of them from"
                    + " their cadre count (requiredVillages, its band table). Ordered by region code, name, id, with"
                    + " required vs linked. total equals participants.unitsBelowRequired of getRegionCoverage. Page"
                    + " from 0, size 1–500."
                    + Access.REGION)
    @APIResponse(responseCode = "200", description = "A page of units below their required village count",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Uncovered.UnitPage.class),
                    examples = @ExampleObject(name = "临夏回族自治州", summary = "6229: one unit lacks a village", value = """
                            {"items":[{"id":"0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9","name":"临夏县农业农村局",
                               "level":"COUNTY","regionCode":"622921000000","regionName":"临夏县","activeCadres":1,
                               "requiredVillages":1,"linkedVillages":0}],
                             "page":0,"size":50,"total":1,"asOf":"2026-11-29T03:12:45.120Z"}""")),
            @Content(mediaType = Exports.CSV, schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "csv", value = ExportExamples.UNITS_CSV)),
            @Content(mediaType = Exports.XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary"),
                    examples = @ExampleObject(name = "xlsx", value = Exports.XLSX_EXAMPLE)) })
    @APIResponse(responseCode = "400", description = BAD_REQUEST,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "malformed code", value = CODE_400),
                            @ExampleObject(name = "page too large", value = SIZE_400),
                            @ExampleObject(name = "wrong parameter type", value = PARAM_TYPE_400),
                            @ExampleObject(name = "unknown format", value = Exports.FORMAT_400) }))
    @APIResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown region", value = REGION_404)))
    public Response unitsBelowRequired(
            @Parameter(description = "NBS division code, short (2/4/6/9 digits) or 12 digits", example = "6229")
            @PathParam("code") String code,
            @Parameter(description = "Page index from 0") @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @Parameter(description = "Page size, 1–500") @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size,
            @Parameter(description = Exports.FORMAT_PARAM, schema = @Schema(enumeration = { "csv", "xlsx", "json" }))
            @QueryParam("format") String format,
            @Parameter(description = Exports.HEADERS_PARAM, schema = @Schema(enumeration = { "en", "zh" }))
            @QueryParam("headers") String headers,
            @Context Request request) {
        return respond(code, UncoveredKind.UNITS_BELOW_REQUIRED, page, size, Uncovered.UnitPage::of, ExportTable.UNITS, format, headers,
                request);
    }

    /**
     * Cadres below their minimum: ACTIVE cadres of units under the region with fewer ACTIVE pairings than the
     * minimum of their rank (those with none included), ordered by unit region code, unit name, unit id, cadre
     * name, cadre id.
     *
     * @return 200 {@link Uncovered.CadrePage}; 400 / 404 problems as in the class comment
     */
    @GET
    @Produces({ MediaType.APPLICATION_JSON, Exports.CSV, Exports.XLSX })
    @Path("/cadres-below-minimum")
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.AUDITOR, Roles.INTEGRATION })
    @Operation(operationId = "listCadresBelowMinimum", summary = "Cadres pairing with fewer households than their minimum",
            description = "ACTIVE cadres (干部) of units under the region with fewer ACTIVE pairings (干部联户) than the"
                    + " minimum of their rank (minimumHouseholds, pairing-service's configuration: e.g."
                    + " PREFECTURE_BUREAU 3, COUNTY_DIVISION 2, OTHER 1, PROVINCIAL_LEADER 5). Cadres with none are"
                    + " included. Ordered by unit (region code, name, id), then cadre name and id, with minimum vs"
                    + " paired. total equals participants.cadresBelowMinimum of getRegionCoverage. Page from 0, size"
                    + " 1–500."
                    + Access.REGION)
    @APIResponse(responseCode = "200", description = "A page of cadres below their minimum",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Uncovered.CadrePage.class),
                    examples = @ExampleObject(name = "康乐县", summary = "622922: one cadre below the minimum", value = """
                            {"items":[{"id":"9a8b7c6d-5e4f-4321-a0b9-c8d7e6f5a4b3","name":"马国强","rank":"OTHER",
                               "unitId":"1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f","unitName":"康乐县卫生健康局",
                               "unitRegionCode":"622922000000","unitRegionName":"康乐县","minimumHouseholds":1,
                               "pairedHouseholds":0}],
                             "page":0,"size":50,"total":1,"asOf":"2026-11-29T03:12:45.120Z"}""")),
            @Content(mediaType = Exports.CSV, schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "csv", value = ExportExamples.CADRES_CSV)),
            @Content(mediaType = Exports.XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary"),
                    examples = @ExampleObject(name = "xlsx", value = Exports.XLSX_EXAMPLE)) })
    @APIResponse(responseCode = "400", description = BAD_REQUEST,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "malformed code", value = CODE_400),
                            @ExampleObject(name = "page too large", value = SIZE_400),
                            @ExampleObject(name = "wrong parameter type", value = PARAM_TYPE_400),
                            @ExampleObject(name = "unknown format", value = Exports.FORMAT_400) }))
    @APIResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown region", value = REGION_404)))
    public Response cadresBelowMinimum(
            @Parameter(description = "NBS division code, short (2/4/6/9 digits) or 12 digits", example = "622922")
            @PathParam("code") String code,
            @Parameter(description = "Page index from 0") @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @Parameter(description = "Page size, 1–500") @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size,
            @Parameter(description = Exports.FORMAT_PARAM, schema = @Schema(enumeration = { "csv", "xlsx", "json" }))
            @QueryParam("format") String format,
            @Parameter(description = Exports.HEADERS_PARAM, schema = @Schema(enumeration = { "en", "zh" }))
            @QueryParam("headers") String headers,
            @Context Request request) {
        return respond(code, UncoveredKind.CADRES_BELOW_MINIMUM, page, size, Uncovered.CadrePage::of, ExportTable.CADRES, format, headers,
                request);
    }

    /**
     * Cadres without households: ACTIVE cadres of units under the region with no ACTIVE pairing at all, ordered as
     * {@link #cadresBelowMinimum}.
     *
     * @return 200 {@link Uncovered.CadrePage}; 400 / 404 problems as in the class comment
     */
    @GET
    @Produces({ MediaType.APPLICATION_JSON, Exports.CSV, Exports.XLSX })
    @Path("/cadres-without-households")
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.AUDITOR, Roles.INTEGRATION })
    @Operation(operationId = "listCadresWithoutHouseholds", summary = "Cadres pairing with no household",
            description = "ACTIVE cadres (干部) of units under the region with no ACTIVE pairing (干部联户) at all; a"
                    + " DRAFT pairing does not count. Ordered by unit (region code, name, id), then cadre name and id."
                    + " total equals participants.cadresWithoutHouseholds of getRegionCoverage. Page from 0, size"
                    + " 1–500."
                    + Access.REGION)
    @APIResponse(responseCode = "200", description = "A page of cadres with no household",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Uncovered.CadrePage.class),
                    examples = @ExampleObject(name = "康乐县", summary = "622922: one cadre with none", value = """
                            {"items":[{"id":"9a8b7c6d-5e4f-4321-a0b9-c8d7e6f5a4b3","name":"马国强","rank":"OTHER",
                               "unitId":"1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f","unitName":"康乐县卫生健康局",
                               "unitRegionCode":"622922000000","unitRegionName":"康乐县","minimumHouseholds":1,
                               "pairedHouseholds":0}],
                             "page":0,"size":50,"total":1,"asOf":"2026-11-29T03:12:45.120Z"}""")),
            @Content(mediaType = Exports.CSV, schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "csv", value = ExportExamples.CADRES_CSV)),
            @Content(mediaType = Exports.XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary"),
                    examples = @ExampleObject(name = "xlsx", value = Exports.XLSX_EXAMPLE)) })
    @APIResponse(responseCode = "400", description = BAD_REQUEST,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "malformed code", value = CODE_400),
                            @ExampleObject(name = "page too large", value = SIZE_400),
                            @ExampleObject(name = "wrong parameter type", value = PARAM_TYPE_400),
                            @ExampleObject(name = "unknown format", value = Exports.FORMAT_400) }))
    @APIResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown region", value = REGION_404)))
    public Response cadresWithoutHouseholds(
            @Parameter(description = "NBS division code, short (2/4/6/9 digits) or 12 digits", example = "622922")
            @PathParam("code") String code,
            @Parameter(description = "Page index from 0") @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @Parameter(description = "Page size, 1–500") @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size,
            @Parameter(description = Exports.FORMAT_PARAM, schema = @Schema(enumeration = { "csv", "xlsx", "json" }))
            @QueryParam("format") String format,
            @Parameter(description = Exports.HEADERS_PARAM, schema = @Schema(enumeration = { "en", "zh" }))
            @QueryParam("headers") String headers,
            @Context Request request) {
        return respond(code, UncoveredKind.CADRES_WITHOUT_HOUSEHOLDS, page, size, Uncovered.CadrePage::of, ExportTable.CADRES, format, headers,
                request);
    }

    /**
     * Any other list name: 400 problem naming the path parameter {@code kind} (rule {@code uncovered.kind}) and
     * the lists that exist. Not in the OpenAPI document: the six lists above are the whole API.
     */
    @GET
    @Path("/{kind}")
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.AUDITOR, Roles.INTEGRATION })
    @Operation(hidden = true)
    public Object unknownKind(@PathParam("code") String code, @PathParam("kind") String kind) {
        throw ApiException.invalid("kind", "uncovered.kind", "kind must be one of " + UncoveredKind.segments()
                + ", not '" + (kind.length() > 40 ? kind.substring(0, 37) + "..." : kind) + "'");
    }
}
