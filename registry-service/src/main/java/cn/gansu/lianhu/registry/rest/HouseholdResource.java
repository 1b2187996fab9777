package cn.gansu.lianhu.registry.rest;

import cn.gansu.lianhu.api.IfMatch;
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

import cn.gansu.lianhu.api.ApiException;
import cn.gansu.lianhu.api.Page;
import cn.gansu.lianhu.api.Problem;
import cn.gansu.lianhu.registry.domain.HouseholdStatus;
import cn.gansu.lianhu.registry.domain.PovertyCause;
import cn.gansu.lianhu.registry.service.HouseholdService;
import cn.gansu.lianhu.registry.service.HouseholdService.Saved;
import cn.gansu.lianhu.api.security.Caller;
import cn.gansu.lianhu.api.security.Roles;
import jakarta.annotation.security.RolesAllowed;
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
 * Extremely poor households (特困户) of the poor villages: registration, details and members, poverty status
 * (DESIGN.md §1, §2, §4; issue points 6 and 8). ID numbers and phones leave masked (in full beside the masked
 * ones only for the {@code pii} claim). Errors are RFC 9457
 * problems: 400 field rules (ID number check character, birth date, sex/birth date agreement, one head, page
 * size), 404 unknown household, 409 duplicate person / 建档立卡 number / stale version, 422 domain rules
 * (village unknown or not poor, status transition, dates).
 *
 * <p>Security (issue 6): reads are for every role within its scope ({@link cn.gansu.lianhu.registry.service.HouseholdScope});
 * writes for PROVINCE_ADMIN and REGION_ADMIN (villages under its prefix) only, each audited ({@code household},
 * CREATED / UPDATED / STATUS_CHANGED). A household out of scope answers 404 exactly like an unknown one, a village
 * out of scope 422 {@code village.unknown}. Full ID and phone numbers only with the {@code pii} claim.
 */
@Path("/api/v1/households")
@Tag(name = "Households", description = "Extremely poor households (特困户), members and poverty status")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class HouseholdResource {

    static final String REGISTER_EXAMPLE = """
            {"villageCode":"620121100201","householdNo":"6201211002010001","mainCause":"ILLNESS",
             "otherCauses":["LACK_OF_SKILLS"],"incomePerCapita":2860.50,"address":"永登县城关镇南街村三社12号",
             "phone":"13812345678",
             "members":[{"name":"张建国","idNumber":"620121198503150019","sex":"MALE","birthDate":"1985-03-15",
                         "relation":"HEAD","health":"CHRONIC_ILLNESS","education":"JUNIOR_SECONDARY",
                         "labourAbility":"GENERAL"},
                        {"name":"李秀英","idNumber":"620121198706220021","sex":"FEMALE","birthDate":"1987-06-22",
                         "relation":"SPOUSE","health":"HEALTHY","education":"PRIMARY","labourAbility":"GENERAL"}]}""";
    static final String UPDATE_EXAMPLE = """
            {"villageCode":"620121100201","householdNo":"6201211002010001","mainCause":"ILLNESS",
             "otherCauses":["LACK_OF_SKILLS","SCHOOLING"],"incomePerCapita":3120.00,"address":"永登县城关镇南街村三社12号",
             "phone":"13812345678","version":1,
             "members":[{"name":"张建国","idNumber":"620121198503150019","relation":"HEAD","health":"CHRONIC_ILLNESS",
                         "education":"JUNIOR_SECONDARY","labourAbility":"GENERAL"}]}""";
    static final String HOUSEHOLD_EXAMPLE = """
            {"id":"0b6f5d1e-3c1a-4a53-9a0e-1f7d2c9b8a11","villageCode":"620121100201","householdNo":"6201211002010001",
             "mainCause":"ILLNESS","otherCauses":["LACK_OF_SKILLS"],"incomePerCapita":2860.50,"status":"IN_POVERTY",
             "statusSince":"2026-11-29","address":"永登县城关镇南街村三社12号","phoneMasked":"138****5678","version":1,
             "createdAt":"2026-11-29T04:00:00Z","updatedAt":"2026-11-29T04:00:00Z",
             "members":[{"id":"5c1e7f0a-2b7d-4e8f-9a61-0d3c2b1a9e88","name":"张建国","idNumberMasked":"620121********0019",
                         "sex":"MALE","birthYear":1985,"relation":"HEAD","health":"CHRONIC_ILLNESS",
                         "education":"JUNIOR_SECONDARY","labourAbility":"GENERAL"},
                        {"id":"9d2a4c61-7e0b-4f3a-8c5d-6b1e2f3a4d55","name":"李秀英","idNumberMasked":"620121********0021",
                         "sex":"FEMALE","birthYear":1987,"relation":"SPOUSE","health":"HEALTHY",
                         "education":"PRIMARY","labourAbility":"GENERAL"}]}""";
    static final String PAGE_EXAMPLE = """
            {"items":[{"id":"0b6f5d1e-3c1a-4a53-9a0e-1f7d2c9b8a11","villageCode":"620121100201",
                       "householdNo":"6201211002010001","headName":"张建国","headIdNumberMasked":"620121********0019",
                       "memberCount":2,"mainCause":"ILLNESS","otherCauses":["LACK_OF_SKILLS"],"incomePerCapita":2860.50,
                       "status":"IN_POVERTY","statusSince":"2026-11-29","version":1}],
             "page":0,"size":50,"total":1}""";
    static final String HISTORY_EXAMPLE = """
            [{"fromStatus":null,"toStatus":"IN_POVERTY","effectiveDate":"2026-03-01","basis":null,
              "recordedAt":"2026-03-01T02:00:00Z"},
             {"fromStatus":"IN_POVERTY","toStatus":"LIFTED","effectiveDate":"2026-10-31",
              "basis":"村民代表大会评议通过，人均纯收入4210元","recordedAt":"2026-11-29T04:00:00Z"}]""";
    static final String P400_ID = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"check character should be 9, not 3","instance":"/api/v1/households",
             "errors":[{"field":"members[0].idNumber","rule":"id-number.check-digit",
                        "message":"check character should be 9, not 3"}]}""";
    static final String P400_SEX = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"sex FEMALE does not agree with ID number 620121********0019 (MALE)","instance":"/api/v1/households",
             "errors":[{"field":"members[0].sex","rule":"id-number.sex-mismatch",
                        "message":"sex FEMALE does not agree with ID number 620121********0019 (MALE)"}]}""";
    static final String P400_HEAD = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"a household needs exactly one member with relation HEAD (户主); none given",
             "instance":"/api/v1/households","errors":[{"field":"members","rule":"member.head-missing",
             "message":"a household needs exactly one member with relation HEAD (户主); none given"}]}""";
    static final String P400_TYPE = """
            {"type":"urn:lianhu:problem:malformed-request","title":"Request body cannot be read","status":400,
             "detail":"value 'abc' is not a valid number","instance":"/api/v1/households",
             "errors":[{"field":"incomePerCapita","rule":"json.type","message":"value 'abc' is not a valid number"}]}""";
    static final String P400_LIFT = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"lifting a household out of poverty needs the basis of the decision",
             "instance":"/api/v1/households/0b6f5d1e-3c1a-4a53-9a0e-1f7d2c9b8a11/status",
             "errors":[{"field":"basis","rule":"status.basis-required",
                        "message":"lifting a household out of poverty needs the basis of the decision"}]}""";
    static final String P400_SIZE = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"must be less than or equal to 500","instance":"/api/v1/households",
             "errors":[{"field":"size","rule":"max","message":"must be less than or equal to 500"}]}""";
    static final String P400_ID_TYPE = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"id must be a UUID, not '42'","instance":"/api/v1/households/42",
             "errors":[{"field":"id","rule":"param.type","message":"id must be a UUID, not '42'"}]}""";
    static final String P400_PAGE_TYPE = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"page must be an integer, not 'last'","instance":"/api/v1/households",
             "errors":[{"field":"page","rule":"param.type","message":"page must be an integer, not 'last'"}]}""";
    static final String P404 = """
            {"type":"urn:lianhu:problem:not-found","title":"Not found","status":404,
             "detail":"household 0b6f5d1e-3c1a-4a53-9a0e-1f7d2c9b8a11 does not exist",
             "instance":"/api/v1/households/0b6f5d1e-3c1a-4a53-9a0e-1f7d2c9b8a11","errors":[]}""";
    static final String P409_PERSON = """
            {"type":"urn:lianhu:problem:conflict","title":"Conflicts with stored data","status":409,
             "detail":"ID number 620121********0019 is already an active member of household 7f3e2d1c-0b9a-4876-a5c4-3b2a19087f6e",
             "instance":"/api/v1/households","errors":[{"field":"members[0].idNumber","rule":"member.duplicate-person",
             "message":"ID number 620121********0019 is already an active member of household 7f3e2d1c-0b9a-4876-a5c4-3b2a19087f6e"}]}""";
    /** The same conflict when the other household lies outside the caller's scope: it is not named (issue 6). */
    static final String P409_PERSON_ELSEWHERE = """
            {"type":"urn:lianhu:problem:conflict","title":"Conflicts with stored data","status":409,
             "detail":"ID number 620121********0019 is already an active member of another household",
             "instance":"/api/v1/households","errors":[{"field":"members[0].idNumber","rule":"member.duplicate-person",
             "message":"ID number 620121********0019 is already an active member of another household"}]}""";
    static final String P409_VERSION = """
            {"type":"urn:lianhu:problem:conflict","title":"Conflicts with stored data","status":409,
             "detail":"household 0b6f5d1e-3c1a-4a53-9a0e-1f7d2c9b8a11 is at version 2, not 1: read it again and repeat the change",
             "instance":"/api/v1/households/0b6f5d1e-3c1a-4a53-9a0e-1f7d2c9b8a11","errors":[{"field":"version",
             "rule":"version.stale","message":"household 0b6f5d1e-3c1a-4a53-9a0e-1f7d2c9b8a11 is at version 2, not 1: read it again and repeat the change"}]}""";
    static final String P422_VILLAGE = """
            {"type":"urn:lianhu:problem:domain-rule","title":"A domain rule forbids this","status":422,
             "detail":"village 620121101205 野泉村委会 is not a poor village (贫困村)","instance":"/api/v1/households",
             "errors":[{"field":"villageCode","rule":"village.not-poor",
                        "message":"village 620121101205 野泉村委会 is not a poor village (贫困村)"}]}""";
    static final String P422_TRANSITION = """
            {"type":"urn:lianhu:problem:domain-rule","title":"A domain rule forbids this","status":422,
             "detail":"a household cannot go from IN_POVERTY to RELAPSED (allowed: IN_POVERTY→LIFTED, LIFTED→RELAPSED, RELAPSED→LIFTED)",
             "instance":"/api/v1/households/0b6f5d1e-3c1a-4a53-9a0e-1f7d2c9b8a11/status",
             "errors":[{"field":"status","rule":"status.transition",
             "message":"a household cannot go from IN_POVERTY to RELAPSED (allowed: IN_POVERTY→LIFTED, LIFTED→RELAPSED, RELAPSED→LIFTED)"}]}""";

    @Inject
    HouseholdService service;
    @Inject
    Caller caller;

    static final String WRITERS = " Who may call: PROVINCE_ADMIN anywhere, REGION_ADMIN for households and villages under"
            + " its region prefix (others 403); a household or village out of the caller's scope answers 404 / 422"
            + " village.unknown exactly like an unknown one. Audited (GET /api/v1/audit?entity=household).";
    static final String READERS = " Who may call: any role, within its scope (PROVINCE_ADMIN, AUDITOR, INTEGRATION:"
            + " all; REGION_ADMIN: villages under its prefix; UNIT_ADMIN: households paired with its cadres or in"
            + " villages it is linked to; CADRE: its own paired households); a household out of scope answers 404"
            + " exactly like an unknown one. Full ID and phone numbers (idNumber, phone) only with the pii claim.";

    /**
     * Registers a household in a poor village. 201 with the household (masked ID numbers and phone),
     * {@code Location} and {@code ETag} (the version). Status IN_POVERTY since {@code statusSince} (default today).
     */
    @POST
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN })
    @Operation(operationId = "registerHousehold", summary = "Register an extremely poor household",
            description = "Registers a household (特困户) of a poor village with its members, exactly one head (户主). "
                    + "ID numbers are checked (GB 11643: check character, real birth date not in the future, region "
                    + "prefix) and must agree with sex and birth date; one person can be an active member of one "
                    + "household only. Status starts IN_POVERTY. Writes event household.registered.v1." + WRITERS)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = HouseholdRequest.class),
            examples = @ExampleObject(name = "two members", value = REGISTER_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Registered",
            headers = { @Header(name = "Location", description = "URL of the household"),
                    @Header(name = "ETag", description = "version, quoted") },
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = HouseholdView.class),
                    examples = @ExampleObject(name = "registered", value = HOUSEHOLD_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Malformed body or a field rule broken (ID number, head, sex/birth date)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "check character", value = P400_ID),
                            @ExampleObject(name = "sex mismatch", value = P400_SEX),
                            @ExampleObject(name = "no head", value = P400_HEAD),
                            @ExampleObject(name = "wrong type", value = P400_TYPE) }))
    @APIResponse(responseCode = "409", description = "A member is already an active member of another household"
            + " (province-wide; that household's id is named only when it lies in the caller's scope), or the"
            + " 建档立卡 number is taken",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "duplicate person", value = P409_PERSON),
                            @ExampleObject(name = "duplicate person, other household out of scope",
                                    value = P409_PERSON_ELSEWHERE) }))
    @APIResponse(responseCode = "422", description = "Village unknown, not a village, not a poor village; statusSince in the future",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "not a poor village", value = P422_VILLAGE)))
    public Response register(@NotNull @Valid HouseholdRequest body) {
        Saved saved = service.register(body);
        return Response.created(URI.create("/api/v1/households/" + saved.household().id))
                .tag(String.valueOf(saved.household().version))
                .entity(HouseholdView.of(saved.household(), saved.members(), caller.seesPersonalNumbers())).build();
    }

    /** The household with its active members (masked); 404 when unknown. */
    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.ANY)
    @Operation(operationId = "getHousehold", summary = "Read a household",
            description = "The household, its active members (head first) with masked ID numbers, masked phone. "
                    + "The ETag header carries the version for updates." + READERS)
    @APIResponse(responseCode = "200", description = "The household",
            headers = @Header(name = "ETag", description = "version, quoted"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = HouseholdView.class),
                    examples = @ExampleObject(name = "household", value = HOUSEHOLD_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "A path or query parameter has the wrong type (param.type):"
            + " the id is not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "id not a UUID", value = P400_ID_TYPE)))
    @APIResponse(responseCode = "404", description = "No such household",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown", value = P404)))
    public Response get(@Parameter(description = "household id", example = "0b6f5d1e-3c1a-4a53-9a0e-1f7d2c9b8a11")
            @PathParam("id") UUID id) {
        Saved saved = service.get(id);
        return Response.ok(HouseholdView.of(saved.household(), saved.members(), caller.seesPersonalNumbers()))
                .tag(String.valueOf(saved.household().version)).build();
    }

    /**
     * Replaces details and members. Members are matched by ID number; members left out become inactive.
     * Optimistic concurrency: {@code If-Match} or body {@code version}; a stale one gets 409.
     */
    @PUT
    @Path("/{id}")
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN })
    @Operation(operationId = "updateHousehold", summary = "Update a household's details and members",
            description = "Replaces village, 建档立卡 number, causes, income, address, phone and the member list. "
                    + "Members are matched by ID number: listed ones are updated or added, members left out become "
                    + "inactive (kept, never deleted). Same checks as registration. Needs the version read "
                    + "(If-Match header or body field version): a stale version gets 409. The status is changed "
                    + "with the status operation. Writes event household.updated.v1." + WRITERS)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = HouseholdRequest.class),
            examples = @ExampleObject(name = "spouse removed", value = UPDATE_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Updated",
            headers = @Header(name = "ETag", description = "new version, quoted"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = HouseholdView.class),
                    examples = @ExampleObject(name = "updated", value = HOUSEHOLD_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Malformed body, field rule broken, version missing;"
            + " a path or query parameter has the wrong type (param.type: id not a UUID)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "check character", value = P400_ID),
                            @ExampleObject(name = "no head", value = P400_HEAD),
                            @ExampleObject(name = "id not a UUID", value = P400_ID_TYPE) }))
    @APIResponse(responseCode = "404", description = "No such household",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown", value = P404)))
    @APIResponse(responseCode = "409", description = "Stale version, duplicate person (the other household's id"
            + " named only when it lies in the caller's scope) or 建档立卡 number taken",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "stale version", value = P409_VERSION),
                            @ExampleObject(name = "duplicate person", value = P409_PERSON),
                            @ExampleObject(name = "duplicate person, other household out of scope",
                                    value = P409_PERSON_ELSEWHERE) }))
    @APIResponse(responseCode = "422", description = "Village unknown, not a village or not a poor village",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "not a poor village", value = P422_VILLAGE)))
    public Response update(@Parameter(description = "household id") @PathParam("id") UUID id,
            @Parameter(description = "version read, e.g. \"1\" (as sent in ETag)", example = "\"1\"")
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid HouseholdRequest body) {
        Saved saved = service.update(id, body, IfMatch.parse(ifMatch));
        return Response.ok(HouseholdView.of(saved.household(), saved.members(), caller.seesPersonalNumbers()))
                .tag(String.valueOf(saved.household().version)).build();
    }

    /** Page of households filtered by region prefix, status and cause; sorted by village, registration, id. */
    @GET
    @RolesAllowed(Roles.ANY)
    @Operation(operationId = "listHouseholds", summary = "List households",
            description = "Filters: region (code prefix in short 2/4/6/9-digit or 12-digit form: 62 province, 6201 "
                    + "prefecture, 620121 county, 620121100 township, 620121100201 village), status, cause (main or "
                    + "other cause). Sorted by village code, registration time and id (stable across pages). "
                    + "size at most 500. Only households in the caller's scope are listed and counted." + READERS)
    @APIResponse(responseCode = "200", description = "One page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = HouseholdPageDoc.class),
                    examples = @ExampleObject(name = "page", value = PAGE_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Bad region code, status, cause, page or size; a path or query"
            + " parameter has the wrong type (param.type: page or size not an integer)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "size too large", value = P400_SIZE),
                            @ExampleObject(name = "wrong parameter type", value = P400_PAGE_TYPE) }))
    public Page<HouseholdSummary> list(
            @Parameter(description = "region code prefix, short or 12-digit", example = "620121")
            @QueryParam("region") String region,
            @Parameter(description = "IN_POVERTY, LIFTED, RELAPSED (or 贫困, 脱贫, 返贫)", example = "IN_POVERTY")
            @QueryParam("status") String status,
            @Parameter(description = "poverty cause, main or other (English name or Chinese term)", example = "ILLNESS")
            @QueryParam("cause") String cause,
            @Parameter(description = "zero-based page", example = "0") @QueryParam("page") @DefaultValue("0")
            @Min(0) @Max(Page.MAX_PAGE) int page,
            @Parameter(description = "page size, 1–500", example = "50") @QueryParam("size") @DefaultValue("50")
            @Min(1) @Max(Page.MAX_SIZE) int size) {
        String prefix = null;
        if (region != null && !region.isBlank()) {
            prefix = regionPrefix(region.trim());
        }
        HouseholdStatus s = null;
        if (status != null && !status.isBlank()) {
            s = HouseholdStatus.parse(status);
            if (s == null) {
                throw ApiException.invalid("status", "enum.value",
                        "status is one of IN_POVERTY, LIFTED, RELAPSED, not '" + status + "'");
            }
        }
        PovertyCause c = null;
        if (cause != null && !cause.isBlank()) {
            c = PovertyCause.parse(cause);
            if (c == null) {
                throw ApiException.invalid("cause", "enum.value", "'" + cause + "' is not a poverty cause");
            }
        }
        return service.list(prefix, s, c, page, size);
    }

    /** Changes the poverty status: lift out (脱贫), relapse (返贫), lift again. */
    @POST
    @Path("/{id}/status")
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN })
    @Operation(operationId = "changeHouseholdStatus", summary = "Lift a household out of poverty, or record a relapse",
            description = "Allowed: IN_POVERTY→LIFTED, LIFTED→RELAPSED, RELAPSED→LIFTED (else 422 status.transition). "
                    + "Lifting needs effectiveDate and basis (400). The date may not be in the future nor before the "
                    + "date of the current status (422). Optional If-Match/version (409 when stale). Writes event "
                    + "household.status-changed.v1." + WRITERS)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = StatusChangeRequest.class),
            examples = @ExampleObject(name = "lifted", value = """
                    {"status":"LIFTED","effectiveDate":"2026-10-31","basis":"村民代表大会评议通过，人均纯收入4210元"}""")))
    @APIResponse(responseCode = "200", description = "Status changed; the household",
            headers = @Header(name = "ETag", description = "new version, quoted"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = HouseholdView.class),
                    examples = @ExampleObject(name = "household", value = HOUSEHOLD_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Status missing; lifting without date or basis; a path or query"
            + " parameter has the wrong type (param.type: id not a UUID)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "no basis", value = P400_LIFT),
                            @ExampleObject(name = "id not a UUID", value = P400_ID_TYPE) }))
    @APIResponse(responseCode = "404", description = "No such household",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown", value = P404)))
    @APIResponse(responseCode = "409", description = "Stale version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "stale version", value = P409_VERSION)))
    @APIResponse(responseCode = "422", description = "Transition not allowed; date in the future or before the current status date",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "transition", value = P422_TRANSITION)))
    public Response changeStatus(@Parameter(description = "household id") @PathParam("id") UUID id,
            @Parameter(description = "optional version read, e.g. \"1\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid StatusChangeRequest body) {
        Saved saved = service.changeStatus(id, body, IfMatch.parse(ifMatch));
        return Response.ok(HouseholdView.of(saved.household(), saved.members(), caller.seesPersonalNumbers()))
                .tag(String.valueOf(saved.household().version)).build();
    }

    /** Dated status history, registration first. */
    @GET
    @Path("/{id}/status-history")
    @RolesAllowed(Roles.ANY)
    @Operation(operationId = "getHouseholdStatusHistory", summary = "Status history of a household",
            description = "Every status step with its effective date and basis, oldest first; the first entry is the "
                    + "registration (fromStatus null → IN_POVERTY)." + READERS)
    @APIResponse(responseCode = "200", description = "The history",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = StatusChangeView.class),
                    examples = @ExampleObject(name = "lifted", value = HISTORY_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "A path or query parameter has the wrong type (param.type):"
            + " the id is not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "id not a UUID", value = P400_ID_TYPE)))
    @APIResponse(responseCode = "404", description = "No such household",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown", value = P404)))
    public List<StatusChangeView> history(@Parameter(description = "household id") @PathParam("id") UUID id) {
        return service.history(id).stream().map(StatusChangeView::of).toList();
    }


    /** Significant digits of a region code for prefix matching: 62 → 62, 620121000000 → 620121; 400 if not a code. */
    static String regionPrefix(String code) {
        if (!code.matches("\\d{2}|\\d{4}|\\d{6}|\\d{9}|\\d{12}")) {
            throw ApiException.invalid("region", "region-code.format",
                    "region is a division code of 2, 4, 6, 9 or 12 digits, not '" + code + "'");
        }
        if (code.length() == 12) {
            for (int digits : new int[] { 2, 4, 6, 9 }) {
                if (code.substring(digits).chars().allMatch(ch -> ch == '0')) {
                    return code.substring(0, digits);
                }
            }
        }
        return code;
    }

    /** Documentation-only shape of {@code Page<HouseholdSummary>}. */
    @Schema(name = "HouseholdPage")
    static final class HouseholdPageDoc {
        public List<HouseholdSummary> items;
        @Schema(description = "zero-based page index", example = "0")
        public int page;
        @Schema(description = "page size asked for", example = "50")
        public int size;
        @Schema(description = "households matching the filters, all pages", example = "1")
        public long total;
    }
}
