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
import cn.gansu.lianhu.pairing.domain.CadreRank;
import cn.gansu.lianhu.pairing.domain.CadreStatus;
import cn.gansu.lianhu.pairing.service.CadreService;
import cn.gansu.lianhu.pairing.service.Inputs;
import cn.gansu.lianhu.pairing.service.LinkService;
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
 * Cadres (干部) and the provincial leaders' county links (联县联村): DESIGN.md §1 "Who takes part", "How they are
 * linked", §4 (ID numbers never returned in full); issue 3 points 2 and 4. A cadre belongs to one unit and has a
 * rank that sets the minimum households they pair with (configuration). ID numbers and phones leave only masked.
 * Errors are RFC 9457 problems: 400 field rules (ID number, enum values, phone, codes), 404 unknown cadre or link,
 * 409 duplicate ID number / county / stale version, 422 domain rules (unknown unit, status changes, live pairings,
 * leader rules). Events: {@code pairing.cadres}, {@code pairing.units}, {@code pairing.links}.
 */
@Path("/api/v1/cadres")
@Tag(name = "Cadres", description = "Cadres (干部) and provincial leaders' poor counties and villages (联县联村)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CadreResource {

    @Inject
    CadreService cadres;

    @Inject
    LinkService links;

    /** Registers an ACTIVE cadre. 201 with the cadre (masked), {@code Location} and {@code ETag}. */
    @POST
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.UNIT_ADMIN })
    @Operation(operationId = "registerCadre", summary = "Register a cadre",
            description = "Callers: PROVINCE_ADMIN; REGION_ADMIN (unit in its region); UNIT_ADMIN (its own unit); a unit out of scope is 422 cadre.unknown-unit like an unknown one. " + "Registers a cadre (干部) of an existing unit, status ACTIVE. The ID number is checked "
                    + "(GB 11643: format, region prefix, real birth date not after today, check character), stored "
                    + "normalised and unique province-wide (409 cadre.duplicate-id-number, naming the other cadre's id only "
                    + "when the caller may see that cadre, else 'another cadre'); it is returned only masked. rank "
                    + "(English name or Chinese term) sets minimumHouseholds. Writes pairing.cadre.registered.v1 and, "
                    + "as the unit's ACTIVE cadre count changed, pairing.unit.updated.v1.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CadreRequest.class),
            examples = { @ExampleObject(name = "county/division cadre", value = """
                    {"name":"王建华","idNumber":"620102198003150013","unitId":"3f9a2c71-5b8e-4d0a-9c61-2e7f1b4d8a90",
                     "rank":"COUNTY_DIVISION","phone":"13893112345"}"""),
                    @ExampleObject(name = "provincial leader, Chinese rank", value = """
                            {"name":"张志远","idNumber":"620102197506120030","unitId":"3f9a2c71-5b8e-4d0a-9c61-2e7f1b4d8a90",
                             "rank":"省级领导"}""") }))
    @APIResponse(responseCode = "201", description = "Registered",
            headers = { @Header(name = "Location", description = "URL of the cadre"),
                    @Header(name = "ETag", description = "version, quoted") },
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CadreView.class),
                    examples = @ExampleObject(name = "registered", value = CadreView.EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Malformed body; ID number, rank, status or phone breaks a field rule",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "check character", value = P400_ID_NUMBER),
                            @ExampleObject(name = "phone", value = P400_PHONE) }))
    @APIResponse(responseCode = "409", description = "The ID number is already a cadre's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "duplicate ID number", value = P409_ID_NUMBER),
                            @ExampleObject(name = "duplicate ID number, other cadre out of scope",
                                    value = P409_ID_NUMBER_ELSEWHERE) }))
    @APIResponse(responseCode = "422", description = "Unknown unit; a status other than ACTIVE",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "unknown unit", value = P422_UNKNOWN_UNIT),
                            @ExampleObject(name = "not ACTIVE", value = P422_STATUS_CREATE) }))
    public Response register(@NotNull @Valid CadreRequest body) {
        CadreView c = cadres.register(body);
        return Response.created(URI.create("/api/v1/cadres/" + c.id())).tag(String.valueOf(c.version())).entity(c)
                .build();
    }

    /** One cadre (masked), with minimum, live pairings and, for a leader, the linked counties. */
    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.ANY)
    @Operation(operationId = "getCadre", summary = "Read a cadre",
            description = "Any role: REGION_ADMIN sees cadres of units in its region, UNIT_ADMIN its unit's, CADRE itself. Out of scope answers 404 exactly like an unknown id. idNumber and phone in full only with the pii claim. " + "The cadre with masked ID number and phone, minimumHouseholds for the rank (0 unless "
                    + "ACTIVE), livePairings (DRAFT or ACTIVE) and, for a PROVINCIAL_LEADER, the linked poor counties "
                    + "and villages and whether the leader meets the minimum county count.")
    @APIResponse(responseCode = "200", description = "The cadre", headers = @Header(name = "ETag", description = "version, quoted"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CadreView.class),
                    examples = { @ExampleObject(name = "cadre", value = CadreView.EXAMPLE),
                            @ExampleObject(name = "provincial leader", value = LEADER) }))
    @APIResponse(responseCode = "400", description = "A path parameter has the wrong type (param.type): id not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "id not a UUID", value = P400_CADRE_ID_TYPE)))
    @APIResponse(responseCode = "404", description = "No such cadre",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown", value = P404_CADRE)))
    public Response get(@Parameter(description = "cadre id", example = CADRE_ID) @PathParam("id") UUID id) {
        CadreView c = cadres.get(id);
        return Response.ok(c).tag(String.valueOf(c.version())).build();
    }

    /** Replaces name, ID number, unit, rank and phone. */
    @PUT
    @Path("/{id}")
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.UNIT_ADMIN })
    @Operation(operationId = "updateCadre", summary = "Update a cadre",
            description = "Callers: PROVINCE_ADMIN; REGION_ADMIN (unit in its region, before and after); UNIT_ADMIN (its own unit). Out of scope answers 404 exactly like an unknown id. " + "Replaces name, ID number, unit, rank and phone, with the registration checks. The status "
                    + "cannot change here (422 cadre.status-via-departure: use the departure/hand-over operation). The "
                    + "unit can change only while the cadre has no live (DRAFT/ACTIVE) pairing (422 "
                    + "cadre.has-live-pairings); so can the rank to or from PROVINCIAL_LEADER, which also needs no "
                    + "active county link (422 cadre.has-leader-links). Optional If-Match or body version (409 when "
                    + "stale). Writes pairing.cadre.updated.v1; moving an ACTIVE cadre also writes "
                    + "pairing.unit.updated.v1 for both units.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CadreRequest.class),
            examples = @ExampleObject(name = "promoted", value = """
                    {"name":"王建华","idNumber":"620102198003150013","unitId":"3f9a2c71-5b8e-4d0a-9c61-2e7f1b4d8a90",
                     "rank":"PREFECTURE_BUREAU","phone":"13893112345","version":1}""")))
    @APIResponse(responseCode = "200", description = "Updated", headers = @Header(name = "ETag", description = "version, quoted"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CadreView.class),
                    examples = @ExampleObject(name = "updated", value = CadreView.EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Malformed body or a field rule broken; If-Match not a version; a "
            + "path parameter has the wrong type (param.type: id not a UUID)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "check character", value = P400_ID_NUMBER),
                            @ExampleObject(name = "id not a UUID", value = P400_CADRE_ID_TYPE) }))
    @APIResponse(responseCode = "404", description = "No such cadre",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown", value = P404_CADRE)))
    @APIResponse(responseCode = "409", description = "Stale version; ID number taken by another cadre",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "stale version", value = P409_CADRE_VERSION),
                            @ExampleObject(name = "duplicate ID number", value = P409_ID_NUMBER),
                            @ExampleObject(name = "duplicate ID number, other cadre out of scope",
                                    value = P409_ID_NUMBER_ELSEWHERE) }))
    @APIResponse(responseCode = "422", description = "Status change; unit change with live pairings; unknown unit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "status", value = P422_STATUS),
                            @ExampleObject(name = "live pairings", value = P422_LIVE_PAIRINGS),
                            @ExampleObject(name = "unknown unit", value = P422_UNKNOWN_UNIT) }))
    public Response update(@Parameter(description = "cadre id", example = CADRE_ID) @PathParam("id") UUID id,
            @Parameter(description = "version read, e.g. \"1\" (as sent in ETag)", example = "\"1\"")
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid CadreRequest body) {
        CadreView c = cadres.update(id, body, IfMatch.parse(ifMatch));
        return Response.ok(c).tag(String.valueOf(c.version())).build();
    }

    /** Page of cadres by unit, rank, status, region of their unit and name part; sorted by name and id. */
    @GET
    @RolesAllowed(Roles.ANY)
    @Operation(operationId = "listCadres", summary = "List cadres",
            description = "Any role; the list holds only cadres the caller may see (REGION_ADMIN: units in its region; UNIT_ADMIN: its unit; CADRE: itself) and total counts only those. " + "Filters: unit (id), rank, status (English name or Chinese term), region (prefix of the "
                    + "cadre's unit's region code, short or 12-digit: 62, 6230, 623021), q (part of the name). Sorted by "
                    + "name and id. ID numbers and phones masked. size at most 500.")
    @APIResponse(responseCode = "200", description = "One page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CadrePageDoc.class),
                    examples = @ExampleObject(name = "page", value = CADRE_PAGE)))
    @APIResponse(responseCode = "400", description = "Bad region code, rank, status, page or size; a query parameter has "
            + "the wrong type (param.type: unit not a UUID, page or size not an integer)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "unit not a UUID", value = P400_UNIT_FILTER_TYPE),
                            @ExampleObject(name = "wrong parameter type", value = P400_PAGE_TYPE),
                            @ExampleObject(name = "size too large", value = P400_SIZE) }))
    public Page<CadreView> list(
            @Parameter(description = "unit id", example = UNIT_ID) @QueryParam("unit") UUID unit,
            @Parameter(description = "PROVINCIAL_LEADER, PREFECTURE_BUREAU, COUNTY_DIVISION, OTHER (or 省级领导, 地厅级, 县处级, 其他)",
                    example = "COUNTY_DIVISION") @QueryParam("rank") String rank,
            @Parameter(description = "ACTIVE, TRANSFERRED, RETIRED, DECEASED (or 在岗, 调离, 退休, 去世)", example = "ACTIVE")
            @QueryParam("status") String status,
            @Parameter(description = "prefix of the unit's region code, short or 12-digit", example = "6230")
            @QueryParam("region") String region,
            @Parameter(description = "part of the name", example = "王") @QueryParam("q") String q,
            @Parameter(description = "zero-based page", example = "0") @QueryParam("page") @DefaultValue("0")
            @Min(0) @Max(Page.MAX_PAGE) int page,
            @Parameter(description = "page size, 1–500", example = "50") @QueryParam("size") @DefaultValue("50")
            @Min(1) @Max(Page.MAX_SIZE) int size) {
        return cadres.list(unit, Inputs.enumValue(CadreRank.class, "rank", rank),
                Inputs.enumValue(CadreStatus.class, "status", status), Inputs.regionPrefix("region", region), q, page,
                size);
    }

    /** Links a poor county and one poor village in it to a provincial leader. 201 with the link. */
    @POST
    @Path("/{id}/counties")
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN })
    @Operation(operationId = "linkLeaderCounty", summary = "Link a poor county and village to a provincial leader (联县联村)",
            description = "Callers: PROVINCE_ADMIN; REGION_ADMIN when the leader's unit and the village are in its region (a village outside is leader-link.not-poor-village like an unknown one). Out of scope answers 404 exactly like an unknown id. " + "An ACTIVE PROVINCIAL_LEADER links a poor county and exactly one poor village inside it, both "
                    + "known from registry events. At most lianhu.pairing.rules.leader-max-counties (default 2) active "
                    + "counties per leader (422 leader-link.too-many-counties); the same county twice is 409. Other "
                    + "rules (422): leader-link.not-provincial-leader, leader-link.village-outside-county, "
                    + "leader-link.not-poor-county, leader-link.not-poor-village, date.future. Writes "
                    + "pairing.leader-link.linked.v1 on pairing.links.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = LeaderLinkRequest.class),
            examples = @ExampleObject(name = "舟曲县 庙沟村", value = """
                    {"countyCode":"623023","villageCode":"623023100200","linkedOn":"2026-11-01"}""")))
    @APIResponse(responseCode = "201", description = "Linked", headers = @Header(name = "Location", description = "the leader's county links"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeaderLinkView.class),
                    examples = @ExampleObject(name = "linked", value = LeaderLinkView.EXAMPLE)))
    @APIResponse(responseCode = "400", description = "County or village code malformed; malformed body; a path "
            + "parameter has the wrong type (param.type: id not a UUID)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "not a county code", value = P400_COUNTY_CODE),
                            @ExampleObject(name = "id not a UUID", value = P400_CADRE_ID_TYPE) }))
    @APIResponse(responseCode = "404", description = "No such cadre",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown", value = P404_CADRE)))
    @APIResponse(responseCode = "409", description = "The leader already links this county",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "same county", value = P409_LEADER_COUNTY)))
    @APIResponse(responseCode = "422", description = "Not an active provincial leader; county or village not poor or "
            + "unknown; village outside the county; too many counties; linkedOn in the future",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "third county", value = P422_TOO_MANY),
                            @ExampleObject(name = "not a leader", value = P422_NOT_LEADER),
                            @ExampleObject(name = "not a poor county", value = P422_NOT_POOR_COUNTY),
                            @ExampleObject(name = "village outside county", value = P422_OUTSIDE_COUNTY),
                            @ExampleObject(name = "not a poor village", value = P422_LEADER_NOT_POOR_VILLAGE) }))
    public Response linkCounty(@Parameter(description = "cadre id", example = CADRE_ID) @PathParam("id") UUID id,
            @NotNull @Valid LeaderLinkRequest body) {
        LeaderLinkView l = links.linkCounty(id, body);
        return Response.created(URI.create("/api/v1/cadres/" + id + "/counties")).entity(l).build();
    }

    /** The leader's county links, oldest first. */
    @GET
    @Path("/{id}/counties")
    @RolesAllowed(Roles.ANY)
    @Operation(operationId = "listLeaderCounties", summary = "The poor counties and villages a leader links",
            description = "Any role that may see the cadre (REGION_ADMIN: only links to villages in its region). Out of scope answers 404 exactly like an unknown id. " + "The cadre's county links (county and its one village, with names), oldest first; "
                    + "active=true only current links, active=false only ended ones, absent both.")
    @APIResponse(responseCode = "200", description = "The links",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = LeaderLinkView.class),
                    examples = @ExampleObject(name = "one county", value = LEADER_LINKS)))
    @APIResponse(responseCode = "400", description = "active not true/false; a path parameter has the wrong type "
            + "(param.type: id not a UUID)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "id not a UUID", value = P400_CADRE_ID_TYPE)))
    @APIResponse(responseCode = "404", description = "No such cadre",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown", value = P404_CADRE)))
    public List<LeaderLinkView> counties(@Parameter(description = "cadre id", example = CADRE_ID) @PathParam("id") UUID id,
            @Parameter(description = "true: current links only; false: ended only", example = "true")
            @QueryParam("active") Boolean active) {
        return links.listLeaderLinks(id, active);
    }

    /** Ends the leader's active link to a county, with a reason and a date. */
    @POST
    @Path("/{id}/counties/{countyCode}/end")
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN })
    @Operation(operationId = "endLeaderCounty", summary = "End a leader's link to a county",
            description = "Callers: PROVINCE_ADMIN; REGION_ADMIN when the leader's unit and the village are in its region. Out of scope answers 404 exactly like an unknown id. " + "Ends the leader's active link to the county (and its village) with a reason and a date. "
                    + "Allowed reasons: CORRECTION_APPROVED (with approvedBy), CADRE_TRANSFERRED, CADRE_RETIRED, "
                    + "CADRE_DECEASED. The date may not be in the future nor before the link began. Refused (422 "
                    + "leader-link.has-live-pairings) while the leader has DRAFT or ACTIVE pairings in that village. "
                    + "Writes pairing.leader-link.ended.v1.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = LinkEndRequest.class),
            examples = @ExampleObject(name = "correction", value = """
                    {"reason":"CORRECTION_APPROVED","date":"2026-11-29","approvedBy":"省联村联户办 李明"}""")))
    @APIResponse(responseCode = "200", description = "Ended",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeaderLinkView.class),
                    examples = @ExampleObject(name = "ended", value = LEADER_LINK_ENDED)))
    @APIResponse(responseCode = "400", description = "Reason, date or approver missing; unknown reason; county code "
            + "malformed; a path parameter has the wrong type (param.type: id not a UUID)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "no approver", value = P400_APPROVER),
                            @ExampleObject(name = "id not a UUID", value = P400_CADRE_ID_TYPE) }))
    @APIResponse(responseCode = "404", description = "No such cadre, or no active link to the county",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "no active link", value = P404_LEADER_LINK),
                            @ExampleObject(name = "unknown cadre", value = P404_CADRE) }))
    @APIResponse(responseCode = "422", description = "Live pairings in the village; reason not applicable; date in the "
            + "future or before the link began",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "live pairings", value = P422_LEADER_LINK_LIVE)))
    public LeaderLinkView endCounty(@Parameter(description = "cadre id", example = CADRE_ID) @PathParam("id") UUID id,
            @Parameter(description = "county code, 6 or 12 digits", example = "623023") @PathParam("countyCode") String countyCode,
            @NotNull @Valid LinkEndRequest body) {
        return links.endLeaderLink(id, countyCode, body);
    }

    /** Documentation-only shape of {@code Page<CadreView>}. */
    @Schema(name = "CadrePage")
    static final class CadrePageDoc {
        public List<CadreView> items;
        @Schema(description = "zero-based page index", example = "0")
        public int page;
        @Schema(description = "page size asked for", example = "50")
        public int size;
        @Schema(description = "cadres matching the filters, all pages", example = "1")
        public long total;
    }
}
