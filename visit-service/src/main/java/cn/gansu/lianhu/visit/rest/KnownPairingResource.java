package cn.gansu.lianhu.visit.rest;

import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.gansu.lianhu.api.Page;
import cn.gansu.lianhu.api.Problem;
import cn.gansu.lianhu.visit.config.VisitConfig;
import cn.gansu.lianhu.visit.service.KnownPairingView;
import cn.gansu.lianhu.visit.service.KnownPairings;
import cn.gansu.lianhu.api.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * What visit-service has learnt from {@code pairing.pairings} events (issue 4 points 3 and 6), for operators
 * checking why a visit is or is not accepted.
 */
@Path("/api/v1/known-pairings")
@Tag(name = "Known pairings", description = "Pairings visit-service has learnt from pairing events")
@Produces(MediaType.APPLICATION_JSON)
public class KnownPairingResource {

    @Inject
    KnownPairings known;

    @Inject
    VisitConfig config;

    /**
     * Lists known pairings, by household, start date and id.
     *
     * @param cadre     only this cadre's pairings (UUID; 400 {@code param.type} otherwise); all if absent
     * @param household only this household's pairings (UUID); all if absent
     * @param page      zero-based page index, default 0; 400 {@code min}/{@code max}
     * @param size      page size, default 50; 400 {@code min}/{@code max} outside 1..500
     */
    @GET
    @RolesAllowed({ Roles.ANY })
    @Operation(operationId = "listKnownPairings", summary = "List the pairings visit-service knows",
            description = "Any role (issue 6). Lists only the caller's scope — PROVINCE_ADMIN, AUDITOR, INTEGRATION: all; REGION_ADMIN: households in villages under its prefix; UNIT_ADMIN: its unit's; CADRE: its own (totals count only those). "
                        + "One page of the pairings visit-service has learnt from pairing.pairings events, "
                    + "each in its latest known state (status, primary flag, startedOn, endedOn, end reason, "
                    + "version), filtered by cadre and/or household. A visit is accepted only from a cadre "
                    + "whose pairing with the household is ACTIVE or ENDED and covers the visit date: "
                    + "startedOn ≤ date < endedOn (a pairing ended on a day no longer covers that day).")
    @APIResponse(responseCode = "200", description = "One page of known pairings",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Page.class),
                    examples = @ExampleObject(name = "one pairing", value = """
                            {"items":[{"id":"3a0d7f52-6c1b-4e8a-9f20-1d2c3b4a5e6f",
                             "cadreId":"0b1e7c62-3a55-4a43-9c1e-7f1a2b3c4d5e","unitId":"9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4",
                             "householdId":"7c6f0e1a-8b2d-4f3e-a1b2-c3d4e5f60718","villageCode":"621121100201",
                             "status":"ACTIVE","primary":true,"startedOn":"2026-03-01","endedOn":null,"endReason":null,
                             "version":2,"updatedAt":"2026-03-01T02:00:00Z"}],"page":0,"size":50,"total":1}""")))
    @APIResponse(responseCode = "400", description = "page or size out of range (min, max), or cadre or household"
            + " not a UUID (param.type)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "size too large", value = """
                            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
                             "detail":"must be less than or equal to 500","instance":"/api/v1/known-pairings",
                             "errors":[{"field":"size","rule":"max","message":"must be less than or equal to 500"}]}"""),
                            @ExampleObject(name = "wrong parameter type", value = """
                            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
                             "detail":"cadre must be a UUID, not 'abc'","instance":"/api/v1/known-pairings",
                             "errors":[{"field":"cadre","rule":"param.type","message":"cadre must be a UUID, not 'abc'"}]}""") }))
    public Page<KnownPairingView> list(
            @Parameter(description = "cadre id", example = "0b1e7c62-3a55-4a43-9c1e-7f1a2b3c4d5e") @QueryParam("cadre") UUID cadre,
            @Parameter(description = "household id", example = "7c6f0e1a-8b2d-4f3e-a1b2-c3d4e5f60718") @QueryParam("household") UUID household,
            @Parameter(description = "zero-based page index", example = "0") @QueryParam("page") @Min(0) @Max(Page.MAX_PAGE) Integer page,
            @Parameter(description = "page size, 1..500 (default 50)", example = "50") @QueryParam("size") @Min(1) @Max(Page.MAX_SIZE) Integer size) {
        return known.list(cadre, household, Optional.ofNullable(page).orElse(0),
                Optional.ofNullable(size).orElse(config.defaultPageSize()));
    }
}
