package cn.gansu.lianhu.pairing.rest;

import jakarta.annotation.security.RolesAllowed;
import cn.gansu.lianhu.api.security.Roles;
import static cn.gansu.lianhu.pairing.rest.PairingExamples.*;

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
import cn.gansu.lianhu.pairing.domain.Pairing;
import cn.gansu.lianhu.pairing.domain.PairingStatus;
import cn.gansu.lianhu.pairing.service.PairingService;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Cadre ↔ household pairings (干部联户, DESIGN.md §1 "How they are linked"; issue 3 points 5 and 6): create,
 * read, list, history, primary responsible cadre (帮扶责任人), withdraw a draft, end a confirmed pairing with a
 * reason (不脱钩). Rules come from {@code lianhu.pairing.rules.*} ({@code LinkingRules}). Errors are RFC 9457
 * problems: 400 field rules, 404 unknown ids, 409 state clashes (duplicate, fixed once, not live), 422 domain
 * rules (outside the cadre's villages, per-household maximum, household left uncovered…).
 */
@Path("/api/v1/pairings")
@Tag(name = "Pairings", description = "Cadre ↔ household pairings (干部联户), confirmation, ends and hand-overs")
@Produces(MediaType.APPLICATION_JSON)
public class PairingResource {

    @Inject
    PairingService service;

    /**
     * Pairs a cadre with a household (issue 3 point 5). 201 with the pairing, {@code Location} and {@code ETag}.
     * DRAFT while the cadre's unit has not confirmed its pairings, else ACTIVE from today. The household's first
     * live pairing becomes its primary responsible cadre.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.UNIT_ADMIN })
    @Operation(operationId = "createPairing", summary = "Pair a cadre with a household",
            description = "Callers: PROVINCE_ADMIN; REGION_ADMIN (cadre's unit and household in its region); UNIT_ADMIN (its own cadres, households of villages it links). A cadre or household out of scope is 422 pairing.cadre-unknown / pairing.household-unknown like an unknown one. " + "Rules (DESIGN.md §1, issue 3 point 5): the cadre exists and is ACTIVE, the household is known "
                    + "from registry events, and it lives in a village its unit links through an active village link "
                    + "(部门联村) — for a PROVINCIAL_LEADER, in one of the leader's own linked villages (联县联村联户). "
                    + "The same cadre and household may be live (DRAFT or ACTIVE) once (409 pairing.duplicate); a "
                    + "household has at most lianhu.pairing.rules.max-cadres-per-household live pairings (default 3, "
                    + "422 pairing.household-maximum). DRAFT until the unit confirms its pairings, ACTIVE from today "
                    + "after that. The household's first live pairing is its primary responsible cadre (帮扶责任人). "
                    + "Writes pairing.pairing.drafted.v1 or .activated.v1.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PairingRequest.class),
            examples = @ExampleObject(name = "pair", value = CREATE)))
    @APIResponse(responseCode = "201", description = "Paired",
            headers = { @Header(name = "Location", description = "URL of the pairing"),
                    @Header(name = "ETag", description = "version, quoted") },
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PairingView.class),
                    examples = { @ExampleObject(name = "draft", summary = "unit not confirmed yet", value = DRAFT),
                            @ExampleObject(name = "active", summary = "unit already confirmed", value = ACTIVE) }))
    @APIResponse(responseCode = "400", description = "Missing or malformed cadreId / householdId",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "missing", value = P400_BODY),
                            @ExampleObject(name = "not a UUID", value = P400_JSON) }))
    @APIResponse(responseCode = "409", description = "The cadre is already live-paired with the household",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "duplicate", value = P409_DUPLICATE)))
    @APIResponse(responseCode = "422", description = "Unknown cadre or household, cadre not ACTIVE, household outside "
            + "the cadre's villages, household at its maximum of cadres",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "outside the unit's villages", value = P422_OUTSIDE),
                            @ExampleObject(name = "outside the leader's villages", value = P422_LEADER),
                            @ExampleObject(name = "household maximum", value = P422_MAXIMUM),
                            @ExampleObject(name = "unknown cadre and household", value = P422_UNKNOWN) }))
    public Response create(@NotNull @Valid PairingRequest body) {
        Pairing p = service.create(body.cadreId(), body.householdId());
        return Response.created(URI.create("/api/v1/pairings/" + p.id)).tag(String.valueOf(p.version))
                .entity(service.view(p)).build();
    }

    /** A pairing with its cadre's name and rank. */
    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.ANY)
    @Operation(operationId = "getPairing", summary = "Read a pairing",
            description = "Any role: REGION_ADMIN sees pairings of households in its region, UNIT_ADMIN its unit's, CADRE its own. Out of scope answers 404 exactly like an unknown id. " + "The pairing in any status with its cadre's name and rank (no ID number, no phone). The "
                    + "ETag header carries the version.")
    @APIResponse(responseCode = "200", description = "The pairing",
            headers = @Header(name = "ETag", description = "version, quoted"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PairingView.class),
                    examples = { @ExampleObject(name = "active", value = ACTIVE),
                            @ExampleObject(name = "ended", value = ENDED) }))
    @APIResponse(responseCode = "400", description = "A path parameter has the wrong type (param.type): id not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "id not a UUID", value = P400_ID_TYPE)))
    @APIResponse(responseCode = "404", description = "No such pairing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown", value = P404)))
    public Response get(@Parameter(description = "pairing id", example = PID) @PathParam("id") UUID id) {
        PairingView v = service.get(id);
        return Response.ok(v).tag(String.valueOf(v.version())).build();
    }

    /** Every change of a pairing, oldest first. */
    @GET
    @Path("/{id}/history")
    @RolesAllowed(Roles.ANY)
    @Operation(operationId = "getPairingHistory", summary = "History of a pairing",
            description = "Any role that may see the pairing (as getPairing). Out of scope answers 404 exactly like an unknown id. " + "Every change, oldest first (issue 3 point 6: full history kept and queryable): DRAFTED, "
                    + "ACTIVATED (with who confirmed), PRIMARY_SET / PRIMARY_CLEARED, WITHDRAWN, ENDED (reason, date, "
                    + "approver), HANDED_OVER (relatedId = the successor's pairing), TAKEN_OVER (relatedId = the "
                    + "leaving cadre's pairing).")
    @APIResponse(responseCode = "200", description = "The history",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = PairingChangeView.class),
                    examples = @ExampleObject(name = "handed over", value = HISTORY)))
    @APIResponse(responseCode = "400", description = "A path parameter has the wrong type (param.type): id not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "id not a UUID", value = P400_ID_TYPE)))
    @APIResponse(responseCode = "404", description = "No such pairing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown", value = P404)))
    public List<PairingChangeView> history(@Parameter(description = "pairing id", example = PID) @PathParam("id") UUID id) {
        return service.history(id);
    }

    /** Page of pairings filtered by cadre, unit, household, village prefix, status and primary flag. */
    @GET
    @RolesAllowed(Roles.ANY)
    @Operation(operationId = "listPairings", summary = "List pairings",
            description = "Any role; only the pairings the caller may see (REGION_ADMIN: village in its region; UNIT_ADMIN: its unit's; CADRE: its own), total counting only those. " + "Filters (all optional, combined with AND): cadre, unit, household (ids), village (region "
                    + "code prefix: 62, 6230, 623027, 623027104 or a 12-digit code), status (DRAFT, ACTIVE, WITHDRAWN, "
                    + "ENDED or 草拟, 在联, 撤回, 终止), primary (true/false). Sorted by village code, household, "
                    + "creation time and id. size at most 500.")
    @APIResponse(responseCode = "200", description = "One page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PairingPageDoc.class),
                    examples = @ExampleObject(name = "page", value = PAGE)))
    @APIResponse(responseCode = "400", description = "Bad village code, status, primary, page or size; a query "
            + "parameter has the wrong type (param.type: cadre, unit or household not a UUID, page not an integer)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "wrong parameter type", value = P400_QUERY_TYPE),
                            @ExampleObject(name = "bad village code", value = P400_VILLAGE),
                            @ExampleObject(name = "bad status", value = P400_STATUS) }))
    public Page<PairingView> list(
            @Parameter(description = "cadre id") @QueryParam("cadre") UUID cadre,
            @Parameter(description = "unit id (the cadre's unit when the pairing was made)") @QueryParam("unit") UUID unit,
            @Parameter(description = "household id") @QueryParam("household") UUID household,
            @Parameter(description = "village code prefix, short or 12-digit", example = "623027")
            @QueryParam("village") String village,
            @Parameter(description = "DRAFT, ACTIVE, WITHDRAWN, ENDED (or 草拟, 在联, 撤回, 终止)", example = "ACTIVE")
            @QueryParam("status") String status,
            @Parameter(description = "true: only primary responsible cadres; false: only the others")
            @QueryParam("primary") Boolean primary,
            @Parameter(description = "zero-based page", example = "0") @QueryParam("page") @DefaultValue("0")
            @Min(0) @Max(Page.MAX_PAGE) int page,
            @Parameter(description = "page size, 1–500", example = "50") @QueryParam("size") @DefaultValue("50")
            @Min(1) @Max(Page.MAX_SIZE) int size) {
        String prefix = village == null || village.isBlank() ? null : regionPrefix("village", village.trim());
        PairingStatus s = null;
        if (status != null && !status.isBlank()) {
            s = PairingStatus.parse(status);
            if (s == null) {
                throw ApiException.invalid("status", "enum.value",
                        "status is one of DRAFT, ACTIVE, WITHDRAWN, ENDED, not '" + status + "'");
            }
        }
        return service.list(cadre, unit, household, prefix, s, primary, page, size);
    }

    /** Makes this live pairing the household's primary responsible cadre. */
    @POST
    @Path("/{id}/primary")
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.UNIT_ADMIN })
    @Operation(operationId = "makePairingPrimary", summary = "Make a pairing the household's primary",
            description = "Callers: PROVINCE_ADMIN; REGION_ADMIN (village and unit in its region); UNIT_ADMIN (its unit's pairings). Out of scope answers 404 exactly like an unknown id. " + "The cadre of this live (DRAFT or ACTIVE) pairing becomes the household's primary "
                    + "responsible cadre (帮扶责任人); the previous primary is cleared. History PRIMARY_CLEARED and "
                    + "PRIMARY_SET, event pairing.pairing.primary-changed.v1 for both. Already primary: no change.")
    @APIResponse(responseCode = "200", description = "The pairing, now primary",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PairingView.class),
                    examples = @ExampleObject(name = "primary", value = PRIMARY)))
    @APIResponse(responseCode = "400", description = "A path parameter has the wrong type (param.type): id not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "id not a UUID", value = P400_ID_TYPE)))
    @APIResponse(responseCode = "404", description = "No such pairing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown", value = P404)))
    @APIResponse(responseCode = "409", description = "The pairing is WITHDRAWN or ENDED",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "not live", value = P409_NOT_LIVE)))
    public Response makePrimary(@Parameter(description = "pairing id", example = PID) @PathParam("id") UUID id) {
        Pairing p = service.makePrimary(id);
        return Response.ok(service.view(p)).tag(String.valueOf(p.version)).build();
    }

    /** Withdraws a draft pairing. */
    @DELETE
    @Path("/{id}")
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.UNIT_ADMIN })
    @Operation(operationId = "withdrawPairing", summary = "Withdraw a draft pairing",
            description = "Callers: PROVINCE_ADMIN; REGION_ADMIN (village and unit in its region); UNIT_ADMIN (its unit's pairings). Out of scope answers 404 exactly like an unknown id. " + "A DRAFT pairing (its unit has not confirmed yet) is withdrawn: status WITHDRAWN, kept in the "
                    + "history. A confirmed (ACTIVE) pairing is fixed once (一次确定): it ends only with a reason and a "
                    + "date through POST /api/v1/pairings/{id}/end (409 pairing.fixed-once). If the draft was the "
                    + "household's primary, the household's oldest other live pairing becomes primary. Events "
                    + "pairing.pairing.withdrawn.v1 (and primary-changed.v1).")
    @APIResponse(responseCode = "200", description = "Withdrawn; the pairing",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PairingView.class),
                    examples = @ExampleObject(name = "withdrawn", value = WITHDRAWN)))
    @APIResponse(responseCode = "400", description = "A path parameter has the wrong type (param.type): id not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "id not a UUID", value = P400_ID_TYPE)))
    @APIResponse(responseCode = "404", description = "No such pairing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown", value = P404)))
    @APIResponse(responseCode = "409", description = "ACTIVE (fixed once: end it with a reason), or already "
            + "WITHDRAWN or ENDED",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "fixed once", value = P409_FIXED),
                            @ExampleObject(name = "not live", value = P409_NOT_LIVE) }))
    public Response withdraw(@Parameter(description = "pairing id", example = PID) @PathParam("id") UUID id) {
        Pairing p = service.withdraw(id);
        return Response.ok(service.view(p)).tag(String.valueOf(p.version)).build();
    }

    /** Ends an ACTIVE pairing with a reason and a date. */
    @POST
    @Path("/{id}/end")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.UNIT_ADMIN })
    @Operation(operationId = "endPairing", summary = "End a confirmed pairing with a reason",
            description = "Callers: PROVINCE_ADMIN; REGION_ADMIN (village and unit in its region); UNIT_ADMIN (its unit's pairings). Out of scope answers 404 exactly like an unknown id. " + "不脱钩 (issue 3 point 6): an ACTIVE pairing ends only with a reason code and a date (not in "
                    + "the future, not before it started). HOUSEHOLD_DISSOLVED / HOUSEHOLD_MERGED / HOUSEHOLD_MOVED end "
                    + "every live pairing of the household in the same transaction (its drafts are withdrawn). "
                    + "CORRECTION_APPROVED needs approvedBy, ends this pairing only, and may not leave a household "
                    + "IN_POVERTY or RELAPSED without a live pairing (422 pairing.household-uncovered); when it ends the "
                    + "primary and more than one other live pairing remains, newPrimaryPairingId names the new primary "
                    + "(with exactly one other, that one becomes primary). The cadre-leaving reasons go through "
                    + "POST /api/v1/cadres/{id}/departure (422 end.use-departure). A DRAFT is withdrawn with DELETE "
                    + "(409). Events pairing.pairing.ended.v1 (and primary-changed.v1).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EndRequest.class),
            examples = { @ExampleObject(name = "correction", value = END_CORRECTION),
                    @ExampleObject(name = "household moved", value = END_MOVED),
                    @ExampleObject(name = "correction of the primary", value = END_NEW_PRIMARY) }))
    @APIResponse(responseCode = "200", description = "Ended; the pairing",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PairingView.class),
                    examples = @ExampleObject(name = "ended", value = ENDED)))
    @APIResponse(responseCode = "400", description = "Reason or date missing, approvedBy missing for a correction, "
            + "unknown reason code; a path parameter has the wrong type (param.type: id not a UUID)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "no reason", value = P400_REASON),
                            @ExampleObject(name = "no approver", value = P400_APPROVED_BY),
                            @ExampleObject(name = "id not a UUID", value = P400_ID_TYPE) }))
    @APIResponse(responseCode = "404", description = "No such pairing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown", value = P404)))
    @APIResponse(responseCode = "409", description = "A DRAFT (withdraw it instead), or already WITHDRAWN or ENDED",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "draft", value = P409_DRAFT),
                            @ExampleObject(name = "not live", value = P409_NOT_LIVE) }))
    @APIResponse(responseCode = "422", description = "A cadre-leaving reason, date in the future or before the start, "
            + "household left uncovered, new primary missing or not a live pairing of the household",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "use departure", value = P422_USE_DEPARTURE),
                            @ExampleObject(name = "household uncovered", value = P422_UNCOVERED),
                            @ExampleObject(name = "new primary required", value = P422_NEW_PRIMARY),
                            @ExampleObject(name = "future date", value = P422_DATE) }))
    public Response end(@Parameter(description = "pairing id", example = PID) @PathParam("id") UUID id,
            @NotNull @Valid EndRequest body) {
        Pairing p = service.end(id, body);
        return Response.ok(service.view(p)).tag(String.valueOf(p.version)).build();
    }

    /** Significant digits of a region code for prefix matching (623027000000 → 623027); 400 if not a code. */
    static String regionPrefix(String field, String code) {
        if (!code.matches("\\d{2}|\\d{4}|\\d{6}|\\d{9}|\\d{12}")) {
            throw ApiException.invalid(field, "region-code.format",
                    field + " is a division code of 2, 4, 6, 9 or 12 digits, not '" + code + "'");
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

    /** Documentation-only shape of {@code Page<PairingView>}. */
    @Schema(name = "PairingPage")
    static final class PairingPageDoc {
        public List<PairingView> items;
        @Schema(description = "zero-based page index", example = "0")
        public int page;
        @Schema(description = "page size asked for", example = "50")
        public int size;
        @Schema(description = "pairings matching the filters, all pages", example = "1")
        public long total;
    }
}
