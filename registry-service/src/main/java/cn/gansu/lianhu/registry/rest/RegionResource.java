package cn.gansu.lianhu.registry.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.gansu.lianhu.api.Page;
import cn.gansu.lianhu.api.Problem;
import cn.gansu.lianhu.registry.service.RegionCounts;
import cn.gansu.lianhu.registry.service.RegionQueryService;
import cn.gansu.lianhu.api.security.Roles;
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
import jakarta.ws.rs.core.MediaType;

/**
 * Administrative regions of Gansu and their poverty designations (DESIGN.md §1, issue point 5):
 * {@code /api/v1/regions}. Codes are NBS statistical division codes; every operation accepts the short form
 * (2/4/6/9 digits: 62, 6211, 621121, 621121100) or the 12-digit form. Errors are RFC 9457 problems: a
 * malformed code is 400 with {@code errors[0] = {field: "code", rule: "region-code.format"}}, an unknown code
 * 404. Public NBS reference data: every operation is open to any authenticated role (issue 6).
 */
@Path("/api/v1/regions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Regions", description = "Administrative regions of Gansu (province → prefecture → county → township →"
        + " village, NBS codes) and their poverty designations (58 poor counties, 8,790 poor villages)")
public class RegionResource {

    static final String CODE_400 = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"code must be an NBS division code of 2, 4, 6, 9 or 12 digits, not '62x'",
             "instance":"/api/v1/regions/62x","errors":[{"field":"code","rule":"region-code.format",
             "message":"code must be an NBS division code of 2, 4, 6, 9 or 12 digits, not '62x'"}]}""";
    static final String CODE_404 = """
            {"type":"urn:lianhu:problem:not-found","title":"Not found","status":404,
             "detail":"region 629900000000 does not exist","instance":"/api/v1/regions/6299","errors":[]}""";
    static final String PAGE_EXAMPLE = """
            {"items":[{"code":"620102001000","shortCode":"620102001","name":"酒泉路街道","level":"TOWNSHIP",
              "parentCode":"620102000000","kind":"subdistrict","poorCounty":false,"contiguousArea":null,
              "nationalKeyCounty":false,"poorVillage":false}],"page":0,"size":1,"total":28}""";
    static final String SEARCH_EXAMPLE = """
            {"items":[{"code":"620121100000","shortCode":"620121100","name":"城关镇","level":"TOWNSHIP",
              "parentCode":"620121000000","kind":"town","poorCounty":false,"contiguousArea":null,
              "nationalKeyCounty":false,"poorVillage":false}],"page":0,"size":1,"total":20}""";
    static final String COUNTY_EXAMPLE = """
            {"code":"620121000000","shortCode":"620121","name":"永登县","level":"COUNTY","parentCode":"620100000000",
             "kind":"county","poorCounty":true,"contiguousArea":"六盘山区","nationalKeyCounty":false,
             "poorVillage":false}""";
    static final String VILLAGE_EXAMPLE = """
            {"code":"620121100201","shortCode":"620121100201","name":"南街村委会","level":"VILLAGE",
             "parentCode":"620121100000","kind":"village_committee","poorCounty":false,"contiguousArea":null,
             "nationalKeyCounty":false,"poorVillage":true}""";
    static final String COUNTY_COUNTS = """
            {"code":"620121000000","name":"永登县","level":"COUNTY","prefectures":0,"counties":0,"poorCounties":0,
             "townships":15,"villages":196,"poorVillages":130}""";
    static final String PREFECTURE_COUNTS = """
            {"code":"621100000000","name":"定西市","level":"PREFECTURE","prefectures":0,"counties":7,"poorCounties":7,
             "townships":122,"villages":1987,"poorVillages":1326}""";
    static final String PROVINCE_COUNTS = """
            {"code":"620000000000","name":"甘肃省","level":"PROVINCE","prefectures":14,"counties":88,"poorCounties":58,
             "townships":1403,"villages":17718,"poorVillages":8790}""";
    static final String PARAM_TYPE_400 = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"page must be an integer, not 'abc'","instance":"/api/v1/regions/620121/children",
             "errors":[{"field":"page","rule":"param.type","message":"page must be an integer, not 'abc'"}]}""";

    @Inject
    RegionQueryService regions;

    /**
     * One region.
     *
     * @param code 2/4/6/9/12-digit NBS code
     * @return the region; 400 malformed code; 404 unknown code
     */
    @GET
    @Path("/{code}")
    @RolesAllowed(Roles.ANY)
    @Operation(operationId = "getRegion", summary = "Get a region by its NBS code",
            description = "Returns one region (province, prefecture, county, township or village) with its poverty"
                    + " designation. The code may be short (62, 6211, 621121, 621121100) or 12 digits."
                    + " Who may call: any authenticated role (public reference data).")
    @APIResponse(responseCode = "200", description = "The region", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RegionView.class),
            examples = { @ExampleObject(name = "county", summary = "620121 永登县, a poor county", value = COUNTY_EXAMPLE),
                    @ExampleObject(name = "village", summary = "620121100201 南街村委会, a poor village",
                            value = VILLAGE_EXAMPLE) }))
    @APIResponse(responseCode = "400", description = "The code is not 2, 4, 6, 9 or 12 digits (rule region-code.format)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "malformed code", value = CODE_400)))
    @APIResponse(responseCode = "404", description = "No region has this code",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown code", value = CODE_404)))
    public RegionView get(
            @Parameter(description = "NBS code, short or 12 digits", example = "621121") @PathParam("code") String code) {
        return RegionView.of(regions.get(code));
    }

    /**
     * Direct children of a region, ordered by code.
     *
     * @return a page of regions; 400 malformed code or page parameters; 404 unknown code
     */
    @GET
    @Path("/{code}/children")
    @RolesAllowed(Roles.ANY)
    @Operation(operationId = "listRegionChildren", summary = "List the direct children of a region",
            description = "Prefectures of the province, counties of a prefecture, townships of a county or villages of"
                    + " a township, ordered by code, one page at a time (page from 0, size 1–" + Page.MAX_SIZE + ")."
                    + " Who may call: any authenticated role (public reference data).")
    @APIResponse(responseCode = "200", description = "A page of child regions",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RegionPage.class),
                    examples = @ExampleObject(name = "townships of 城关区", value = PAGE_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Malformed code (region-code.format), page/size out of range"
            + " (min, max), or a path or query parameter has the wrong type (param.type, e.g. page=abc)",
            content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "malformed code", value = CODE_400),
                            @ExampleObject(name = "wrong parameter type", value = PARAM_TYPE_400) }))
    @APIResponse(responseCode = "404", description = "No region has this code",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown code", value = CODE_404)))
    public Page<RegionView> children(
            @Parameter(description = "NBS code of the parent, short or 12 digits", example = "620102")
            @PathParam("code") String code,
            @Parameter(description = "Page index from 0") @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @Parameter(description = "Page size, at most " + Page.MAX_SIZE) @QueryParam("size") @DefaultValue("50")
            @Min(1) @Max(Page.MAX_SIZE) int size) {
        return map(regions.children(code, page, size));
    }

    /**
     * Search and filter regions.
     *
     * @return a page of regions ordered by code; 400 naming the parameter that breaks a rule
     */
    @GET
    @RolesAllowed(Roles.ANY)
    @Operation(operationId = "searchRegions", summary = "Search regions by name and filter them",
            description = "All filters are optional and combine with AND: q = part of the name (城关镇 finds the"
                    + " 城关镇 of 20 counties; names are not unique, use the code); level; poorCounty / poorVillage ="
                    + " true|false; under = code whose descendants are searched (the region itself excluded)."
                    + " Ordered by code; page from 0, size 1–" + Page.MAX_SIZE + "."
                    + " Who may call: any authenticated role (public reference data).")
    @APIResponse(responseCode = "200", description = "A page of matching regions",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RegionPage.class),
                    examples = @ExampleObject(name = "search", summary = "q=城关镇&level=TOWNSHIP&size=1",
                            value = SEARCH_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "A parameter breaks a rule: level (region-level.unknown),"
            + " poorCounty/poorVillage (boolean.format), under (region-code.format), page (min), size (min, max);"
            + " a path or query parameter has the wrong type (param.type, e.g. size=ten)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "page too large", value = """
                            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
                             "detail":"must be less than or equal to 500","instance":"/api/v1/regions",
                             "errors":[{"field":"size","rule":"max","message":"must be less than or equal to 500"}]}"""),
                            @ExampleObject(name = "wrong parameter type", value = """
                            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
                             "detail":"size must be an integer, not 'ten'","instance":"/api/v1/regions",
                             "errors":[{"field":"size","rule":"param.type","message":"size must be an integer, not 'ten'"}]}""") }))
    public Page<RegionView> search(
            @Parameter(description = "Part of the name", example = "城关镇") @QueryParam("q") String q,
            @Parameter(description = "PROVINCE, PREFECTURE, COUNTY, TOWNSHIP or VILLAGE", example = "TOWNSHIP")
            @QueryParam("level") String level,
            @Parameter(description = "true: designated poor counties only; false: others", example = "true")
            @QueryParam("poorCounty") String poorCounty,
            @Parameter(description = "true: designated poor villages only; false: others")
            @QueryParam("poorVillage") String poorVillage,
            @Parameter(description = "Code (short or 12 digits) whose descendants are searched", example = "6211")
            @QueryParam("under") String under,
            @Parameter(description = "Page index from 0") @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @Parameter(description = "Page size, at most " + Page.MAX_SIZE) @QueryParam("size") @DefaultValue("50")
            @Min(1) @Max(Page.MAX_SIZE) int size) {
        return map(regions.search(q, level, poorCounty, poorVillage, under, page, size));
    }

    /**
     * Counts below a region.
     *
     * @return the counts; 400 malformed code; 404 unknown code
     */
    @GET
    @Path("/{code}/counts")
    @RolesAllowed(Roles.ANY)
    @Operation(operationId = "countRegions", summary = "Count the regions and poverty designations below a region",
            description = "Numbers of prefectures, counties, poor counties, townships, villages and poor villages"
                    + " strictly below the region (the region itself is not counted). Under 62 (Gansu): 14, 88, 58,"
                    + " 1403, 17718, 8790."
                    + " Who may call: any authenticated role (public reference data).")
    @APIResponse(responseCode = "200", description = "The counts", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RegionCounts.class),
            examples = { @ExampleObject(name = "county", summary = "620121 永登县", value = COUNTY_COUNTS),
                    @ExampleObject(name = "prefecture", summary = "6211 定西市", value = PREFECTURE_COUNTS),
                    @ExampleObject(name = "province", summary = "62 甘肃省", value = PROVINCE_COUNTS) }))
    @APIResponse(responseCode = "400", description = "The code is not 2, 4, 6, 9 or 12 digits (rule region-code.format)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "malformed code", value = CODE_400)))
    @APIResponse(responseCode = "404", description = "No region has this code",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown code", value = CODE_404)))
    public RegionCounts counts(
            @Parameter(description = "NBS code, short or 12 digits", example = "6211") @PathParam("code") String code) {
        return regions.counts(code);
    }

    private static Page<RegionView> map(Page<cn.gansu.lianhu.registry.domain.Region> page) {
        return new Page<>(page.items().stream().map(RegionView::of).toList(), page.page(), page.size(), page.total());
    }
}
