package cn.gansu.lianhu.pairing.rest;

import jakarta.annotation.security.RolesAllowed;
import cn.gansu.lianhu.api.security.Roles;
import cn.gansu.lianhu.api.IfMatch;
import static cn.gansu.lianhu.pairing.rest.Examples.*;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.gansu.lianhu.api.Page;
import cn.gansu.lianhu.api.Problem;
import cn.gansu.lianhu.pairing.domain.UnitKind;
import cn.gansu.lianhu.pairing.domain.UnitLevel;
import cn.gansu.lianhu.pairing.service.Inputs;
import cn.gansu.lianhu.pairing.service.LinkService;
import cn.gansu.lianhu.pairing.service.UnitService;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Units (单位) and their poor villages (部门联村): DESIGN.md §1 "Who takes part", "How they are linked"; issue 3
 * points 1 and 3. A unit sits in a Gansu region of its own level; how many poor villages it must link follows
 * from its ACTIVE cadre count by the configured band table ({@code lianhu.pairing.rules.village-bands}); every
 * unit view shows required vs linked. Errors are RFC 9457 problems: 400 field rules (enum values, region code
 * format, GB 32100 credit code), 404 unknown unit or link, 409 duplicates and stale versions, 422 domain rules
 * (region level, non-poor or unknown village, live pairings). Events: {@code pairing.units},
 * {@code pairing.links}.
 */
@Path("/api/v1/units")
@Tag(name = "Units", description = "Units (单位) and the poor villages they link (部门联村)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UnitResource {

    @Inject
    UnitService units;

    @Inject
    LinkService links;

    /**
     * Registers a unit. 201 with the unit, {@code Location} and {@code ETag} (version 1).
     *
     * @param body name, level, kind, regionCode, creditCode (see {@link UnitRequest})
     */
    @POST
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN })
    @Operation(operationId = "registerUnit", summary = "Register a unit",
            description = "Callers: PROVINCE_ADMIN; REGION_ADMIN for a region in its own (else 422 unit.region-outside-scope). " + "Registers a unit (单位) of one of four levels and seven kinds (English name or Chinese "
                    + "term). regionCode is the Gansu region it sits in, short or 12-digit, of the unit's level: "
                    + "PROVINCE 62, PREFECTURE 4 digits, COUNTY 6, TOWNSHIP 9. creditCode (optional) is checked "
                    + "against GB 32100 (format and check character) and must be unique; the name must be unique in "
                    + "its region. Writes event pairing.unit.registered.v1 on pairing.units.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = UnitRequest.class),
            examples = { @ExampleObject(name = "provincial department", value = """
                    {"name":"甘肃省农业农村厅","level":"PROVINCE","kind":"PARTY_GOVERNMENT","regionCode":"62",
                     "creditCode":"11620000013918592M"}"""),
                    @ExampleObject(name = "county unit, Chinese terms", value = """
                            {"name":"临潭县人民医院","level":"县区","kind":"事业单位","regionCode":"623021"}""") }))
    @APIResponse(responseCode = "201", description = "Registered",
            headers = { @Header(name = "Location", description = "URL of the unit"),
                    @Header(name = "ETag", description = "version, quoted") },
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UnitView.class),
                    examples = @ExampleObject(name = "registered", value = UnitView.EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Malformed body, unknown level or kind, region code not 2/4/6/9/12 "
            + "digits, credit code of the wrong form or with a wrong check character",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "check character", value = P400_CREDIT),
                            @ExampleObject(name = "unknown level", value = P400_LEVEL) }))
    @APIResponse(responseCode = "409", description = "Credit code taken, or the same name in the same region",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "credit code taken", value = P409_CREDIT),
                            @ExampleObject(name = "same name in region", value = P409_NAME) }))
    @APIResponse(responseCode = "422", description = "Region outside Gansu, or not of the unit's level",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "level mismatch", value = P422_REGION_LEVEL),
                            @ExampleObject(name = "outside Gansu", value = P422_REGION_GANSU) }))
    public Response register(@NotNull @Valid UnitRequest body) {
        UnitView u = units.register(body);
        return Response.created(URI.create("/api/v1/units/" + u.id())).tag(String.valueOf(u.version())).entity(u)
                .build();
    }

    /** One unit with its figures; 404 when unknown. */
    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.ANY)
    @Operation(operationId = "getUnit", summary = "Read a unit",
            description = "Any role: REGION_ADMIN sees units of its region, UNIT_ADMIN and CADRE their own unit. Out of scope answers 404 exactly like an unknown id. " + "The unit with activeCadres, requiredVillages (band table), linkedVillages (active links), "
                    + "villagesShort = max(0, required − linked), whether its pairings are confirmed, and its version "
                    + "(also as ETag).")
    @APIResponse(responseCode = "200", description = "The unit", headers = @Header(name = "ETag", description = "version, quoted"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UnitView.class),
                    examples = @ExampleObject(name = "unit one village short", value = UnitView.EXAMPLE)))
    @APIResponse(responseCode = "400", description = "A path parameter has the wrong type (param.type): id not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "id not a UUID", value = P400_UNIT_ID_TYPE)))
    @APIResponse(responseCode = "404", description = "No such unit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown", value = P404_UNIT)))
    public Response get(@Parameter(description = "unit id", example = UNIT_ID) @PathParam("id") UUID id) {
        UnitView u = units.get(id);
        return Response.ok(u).tag(String.valueOf(u.version())).build();
    }

    /**
     * Replaces a unit's name, level, kind, region and credit code; same checks as registration. Optional
     * {@code If-Match} or body {@code version}: a stale one gets 409.
     */
    @PUT
    @Path("/{id}")
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.UNIT_ADMIN })
    @Operation(operationId = "updateUnit", summary = "Update a unit",
            description = "Callers: PROVINCE_ADMIN; REGION_ADMIN (unit in its region before and after, else 422 unit.region-outside-scope for the new region); UNIT_ADMIN (its own unit, keeping its region and level: else 403 role.not-allowed). Out of scope answers 404 exactly like an unknown id. " + "Replaces name, level, kind, regionCode and creditCode with the same checks as "
                    + "registration. Optional optimistic concurrency: If-Match header or body version (409 when "
                    + "stale). A request that changes nothing writes no event; otherwise the version grows by one and "
                    + "pairing.unit.updated.v1 is written.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = UnitRequest.class),
            examples = @ExampleObject(name = "renamed", value = """
                    {"name":"甘肃省农业农村厅（甘肃省乡村振兴局）","level":"PROVINCE","kind":"PARTY_GOVERNMENT",
                     "regionCode":"620000000000","creditCode":"11620000013918592M","version":33}""")))
    @APIResponse(responseCode = "200", description = "Updated", headers = @Header(name = "ETag", description = "version, quoted"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UnitView.class),
                    examples = @ExampleObject(name = "updated", value = UnitView.EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Malformed body or a field rule broken; If-Match not a version; "
            + "a path parameter has the wrong type (param.type: id not a UUID)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "check character", value = P400_CREDIT),
                            @ExampleObject(name = "id not a UUID", value = P400_UNIT_ID_TYPE) }))
    @APIResponse(responseCode = "404", description = "No such unit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown", value = P404_UNIT)))
    @APIResponse(responseCode = "409", description = "Stale version; credit code or name taken",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "stale version", value = P409_UNIT_VERSION),
                            @ExampleObject(name = "same name in region", value = P409_NAME) }))
    @APIResponse(responseCode = "422", description = "Region outside Gansu, or not of the unit's level",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "level mismatch", value = P422_REGION_LEVEL)))
    public Response update(@Parameter(description = "unit id", example = UNIT_ID) @PathParam("id") UUID id,
            @Parameter(description = "version read, e.g. \"1\" (as sent in ETag)", example = "\"1\"")
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid UnitRequest body) {
        UnitView u = units.update(id, body, IfMatch.parse(ifMatch));
        return Response.ok(u).tag(String.valueOf(u.version())).build();
    }

    /** Page of units by region prefix, level, kind, name part and village shortfall; sorted by region, name, id. */
    @GET
    @RolesAllowed(Roles.ANY)
    @Operation(operationId = "listUnits", summary = "List units",
            description = "Any role; only the units the caller may see (REGION_ADMIN: its region; UNIT_ADMIN and CADRE: their unit), total counting only those. " + "Filters: region (prefix of the unit's region code, short 2/4/6/9-digit or 12-digit form: "
                    + "62 all of Gansu, 6230 甘南州, 623021 临潭县), level, kind (English name or Chinese term), q (part "
                    + "of the name), belowRequired (true: units linking fewer poor villages than their cadre count "
                    + "requires; false: the others). Sorted by region code, name and id. size at most 500.")
    @APIResponse(responseCode = "200", description = "One page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UnitPageDoc.class),
                    examples = @ExampleObject(name = "page", value = UNIT_PAGE)))
    @APIResponse(responseCode = "400", description = "Bad region code, level, kind, belowRequired, page or size; a query "
            + "parameter has the wrong type (param.type: page or size not an integer)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "bad region", value = P400_REGION_FORMAT),
                            @ExampleObject(name = "size too large", value = P400_SIZE),
                            @ExampleObject(name = "wrong parameter type", value = P400_PAGE_TYPE) }))
    public Page<UnitView> list(
            @Parameter(description = "region code prefix, short or 12-digit", example = "6230") @QueryParam("region") String region,
            @Parameter(description = "PROVINCE, PREFECTURE, COUNTY, TOWNSHIP (or 省直, 市州, 县区, 乡镇)", example = "COUNTY")
            @QueryParam("level") String level,
            @Parameter(description = "unit kind, English name or Chinese term", example = "PUBLIC_INSTITUTION")
            @QueryParam("kind") String kind,
            @Parameter(description = "part of the name", example = "农业") @QueryParam("q") String q,
            @Parameter(description = "true: only units short of villages; false: only the others", example = "true")
            @QueryParam("belowRequired") Boolean belowRequired,
            @Parameter(description = "zero-based page", example = "0") @QueryParam("page") @DefaultValue("0")
            @Min(0) @Max(Page.MAX_PAGE) int page,
            @Parameter(description = "page size, 1–500", example = "50") @QueryParam("size") @DefaultValue("50")
            @Min(1) @Max(Page.MAX_SIZE) int size) {
        return units.list(Inputs.regionPrefix("region", region), Inputs.enumValue(UnitLevel.class, "level", level),
                Inputs.enumValue(UnitKind.class, "kind", kind), q, belowRequired, page, size);
    }

    /** The configured cadre-count band table. */
    @GET
    @Path("/village-bands")
    @RolesAllowed(Roles.ANY)
    @Operation(operationId = "getVillageBands", summary = "How many poor villages a unit must link",
            description = "Any role. " + "The cadre-count band table (部门联村, configuration lianhu.pairing.rules.village-bands), "
                    + "lowest band first: a unit with activeCadres in [minCadres, maxCadres] must link `villages` poor "
                    + "villages; below the first band none.")
    @APIResponse(responseCode = "200", description = "The bands",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = VillageBandView.class),
                    examples = @ExampleObject(name = "defaults", value = BANDS)))
    public List<VillageBandView> villageBands() {
        return units.villageBands();
    }

    /** Links a poor village to the unit. 201 with the link. */
    @POST
    @Path("/{id}/villages")
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN })
    @Operation(operationId = "linkUnitVillage", summary = "Link a poor village to a unit (部门联村)",
            description = "Callers: PROVINCE_ADMIN; REGION_ADMIN when unit and village are in its region (a village outside is 422 village-link.unknown-village like an unknown one). Out of scope answers 404 exactly like an unknown id. " + "Only villages known from registry events and designated poor can be linked (422 "
                    + "village-link.unknown-village / village-link.not-poor-village). A unit links a village once at "
                    + "a time (409 village-link.duplicate); several units may share a village. linkedOn defaults to "
                    + "today and may not be in the future. Writes pairing.village-link.linked.v1 on pairing.links.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = VillageLinkRequest.class),
            examples = @ExampleObject(name = "link", value = """
                    {"villageCode":"623021100201","linkedOn":"2026-11-01"}""")))
    @APIResponse(responseCode = "201", description = "Linked", headers = @Header(name = "Location", description = "the unit's village links"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VillageLinkView.class),
                    examples = @ExampleObject(name = "linked", value = VillageLinkView.EXAMPLE)))
    @APIResponse(responseCode = "400", description = "villageCode not 12 digits; malformed body; a path parameter has "
            + "the wrong type (param.type: id not a UUID)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "not a village code", value = P400_VILLAGE_CODE),
                            @ExampleObject(name = "id not a UUID", value = P400_UNIT_ID_TYPE) }))
    @APIResponse(responseCode = "404", description = "No such unit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown", value = P404_UNIT)))
    @APIResponse(responseCode = "409", description = "The unit already links the village",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "already linked", value = P409_VILLAGE_LINK)))
    @APIResponse(responseCode = "422", description = "Village unknown or not poor; linkedOn in the future",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "not a poor village", value = P422_NOT_POOR_VILLAGE),
                            @ExampleObject(name = "unknown village", value = P422_UNKNOWN_VILLAGE),
                            @ExampleObject(name = "future date", value = P422_FUTURE) }))
    public Response linkVillage(@Parameter(description = "unit id", example = UNIT_ID) @PathParam("id") UUID id,
            @NotNull @Valid VillageLinkRequest body) {
        VillageLinkView l = links.linkVillage(id, body);
        return Response.created(URI.create("/api/v1/units/" + id + "/villages")).entity(l).build();
    }

    /** The unit's village links, oldest first. */
    @GET
    @Path("/{id}/villages")
    @RolesAllowed(Roles.ANY)
    @Operation(operationId = "listUnitVillages", summary = "The villages a unit links",
            description = "Any role that may see the unit (REGION_ADMIN: only links to villages of its region). Out of scope answers 404 exactly like an unknown id. " + "The unit's village links, oldest first, with village names; active=true only current "
                    + "links, active=false only ended ones, absent both.")
    @APIResponse(responseCode = "200", description = "The links",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = VillageLinkView.class),
                    examples = @ExampleObject(name = "one village", value = VILLAGE_LINKS)))
    @APIResponse(responseCode = "400", description = "active not true/false; a path parameter has the wrong type "
            + "(param.type: id not a UUID)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "id not a UUID", value = P400_UNIT_ID_TYPE)))
    @APIResponse(responseCode = "404", description = "No such unit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown", value = P404_UNIT)))
    public List<VillageLinkView> villageLinks(@Parameter(description = "unit id", example = UNIT_ID) @PathParam("id") UUID id,
            @Parameter(description = "true: current links only; false: ended only", example = "true")
            @QueryParam("active") Boolean active) {
        return links.villageLinks(id, active);
    }

    /** Ends the unit's active link to a village, with a reason and a date. */
    @POST
    @Path("/{id}/villages/{villageCode}/end")
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN })
    @Operation(operationId = "endUnitVillage", summary = "End a unit's link to a village",
            description = "Callers: PROVINCE_ADMIN; REGION_ADMIN when unit and village are in its region. Out of scope answers 404 exactly like an unknown id. " + "Ends the unit's active link to the village with a reason and a date (不脱钩). Allowed "
                    + "reason: CORRECTION_APPROVED (批准更正) with approvedBy. The date may not be in the future nor "
                    + "before the link began. Refused (422 village-link.has-live-pairings) while the unit still has "
                    + "DRAFT or ACTIVE pairings in the village. Writes pairing.village-link.ended.v1.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = LinkEndRequest.class),
            examples = @ExampleObject(name = "correction", value = """
                    {"reason":"CORRECTION_APPROVED","date":"2026-11-29","approvedBy":"省联村联户办 李明"}""")))
    @APIResponse(responseCode = "200", description = "Ended",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VillageLinkView.class),
                    examples = @ExampleObject(name = "ended", value = VILLAGE_LINK_ENDED)))
    @APIResponse(responseCode = "400", description = "Reason, date or approver missing; unknown reason; villageCode not "
            + "12 digits; a path parameter has the wrong type (param.type: id not a UUID)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "no reason", value = P400_REASON),
                            @ExampleObject(name = "id not a UUID", value = P400_UNIT_ID_TYPE) }))
    @APIResponse(responseCode = "404", description = "No such unit, or it has no active link to the village",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "no active link", value = P404_VILLAGE_LINK),
                            @ExampleObject(name = "unknown unit", value = P404_UNIT) }))
    @APIResponse(responseCode = "422", description = "Live pairings in the village; reason not applicable; date in the "
            + "future or before the link began",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "live pairings", value = P422_VILLAGE_LINK_LIVE),
                            @ExampleObject(name = "reason not applicable", value = P422_REASON) }))
    public VillageLinkView endVillageLink(@Parameter(description = "unit id", example = UNIT_ID) @PathParam("id") UUID id,
            @Parameter(description = "12-digit village code", example = "623021100201") @PathParam("villageCode") String villageCode,
            @NotNull @Valid LinkEndRequest body) {
        return links.endVillageLink(id, villageCode, body);
    }

    /** Documentation-only shape of {@code Page<UnitView>}. */
    @Schema(name = "UnitPage")
    static final class UnitPageDoc {
        public List<UnitView> items;
        @Schema(description = "zero-based page index", example = "0")
        public int page;
        @Schema(description = "page size asked for", example = "50")
        public int size;
        @Schema(description = "units matching the filters, all pages", example = "1")
        public long total;
    }
}
