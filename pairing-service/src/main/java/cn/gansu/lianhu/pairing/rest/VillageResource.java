package cn.gansu.lianhu.pairing.rest;

import jakarta.annotation.security.RolesAllowed;
import cn.gansu.lianhu.api.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.gansu.lianhu.api.ApiException;
import cn.gansu.lianhu.api.Problem;
import cn.gansu.lianhu.events.contract.RegionCodes;
import cn.gansu.lianhu.pairing.service.Inputs;
import cn.gansu.lianhu.pairing.service.KnownRegistry;
import cn.gansu.lianhu.pairing.service.VillageView;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Villages as pairing-service knows them from registry events (DESIGN.md §2): whether a village is a
 * designated poor village that units may link, and how many extremely poor households it has.
 */
@Path("/api/v1/villages")
@Tag(name = "Villages", description = "Villages known to pairing-service from registry events")
@Produces(MediaType.APPLICATION_JSON)
public class VillageResource {

    @Inject
    KnownRegistry known;

    @Inject
    cn.gansu.lianhu.pairing.service.Access access;

    /**
     * What pairing knows of one village.
     *
     * @param code 12-digit NBS village code
     * @return the village: code, name, township and county codes, poor flag, household counts, the units and
     *         provincial leaders linking it now
     * @throws ApiException 400 {@code region-code.format} if the code is not 12 digits; 404 if no registry
     *                      event has named this village (yet)
     */
    @GET
    @Path("/{code}")
    @RolesAllowed(Roles.ANY)
    @Operation(operationId = "getKnownVillage", summary = "What pairing knows of a village",
            description = "Any role: REGION_ADMIN for villages of its region; UNIT_ADMIN and CADRE for villages their unit links or linked, or where they have pairings. Out of scope answers 404 exactly like an unknown id. " + "The village as learnt from registry.regions and registry.households events: name, "
                    + "township and county, whether it is a designated poor village (贫困村), and its extremely "
                    + "poor households; and who links it now: units (部门联村) and provincial leaders (联县联村). 404 "
                    + "until registry has published the village.")
    @APIResponse(responseCode = "200", description = "The village",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VillageView.class),
                    examples = { @ExampleObject(name = "poor village", summary = "621121100201 城关村民委员会, 通渭县",
                            value = """
                            {"code":"621121100201","name":"城关村民委员会","townshipCode":"621121100000",
                             "countyCode":"621121000000","poor":true,"households":12,"householdsInPoverty":11,
                             "updatedAt":"2026-11-29T08:00:00Z",
                             "units":[{"unitId":"3f9a2c71-5b8e-4d0a-9c61-2e7f1b4d8a90","name":"通渭县农业农村局",
                                       "level":"COUNTY","linkedOn":"2026-11-01"}],
                             "leaders":[]}"""),
                            @ExampleObject(name = "not a poor village", summary = "620121101205 野泉村委会, 永登县",
                                    value = """
                            {"code":"620121101205","name":"野泉村委会","townshipCode":"620121101000",
                             "countyCode":"620121000000","poor":false,"households":0,"householdsInPoverty":0,
                             "updatedAt":"2026-11-29T08:00:00Z","units":[],"leaders":[]}""") }))
    @APIResponse(responseCode = "400", description = "The code is not a 12-digit village code",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "bad code", value = """
                            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
                             "detail":"code must be a 12-digit village code","instance":"/api/v1/villages/6211",
                             "errors":[{"field":"code","rule":"region-code.format",
                                        "message":"code must be a 12-digit village code"}]}""")))
    @APIResponse(responseCode = "404", description = "No registry event named this village",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown", value = """
                            {"type":"urn:lianhu:problem:not-found","title":"Not found","status":404,
                             "detail":"village 621121999999 does not exist","instance":"/api/v1/villages/621121999999",
                             "errors":[]}""")))
    public VillageView village(
            @Parameter(description = "12-digit NBS village code", example = "621121100201") @PathParam("code") String code) {
        if (code == null || !code.matches("\\d{12}")) {
            throw ApiException.invalid("code", "region-code.format", "code must be a 12-digit village code");
        }
        return known.village(code).filter(v -> access.scope().seesVillage(code))
                .orElseThrow(() -> ApiException.notFound("village", code));
    }

    /**
     * What pairing knows under a region, for operators and the launcher: has it learnt the registry's data yet?
     *
     * @param under region code prefix, short (2/4/6/9 digits) or 12-digit; default 62 (a REGION_ADMIN's own
     *              region); out of a REGION_ADMIN's scope every count is 0, as for a region with nothing known
     * @return counts of known poor counties, villages, poor villages, households and households in poverty
     * @throws ApiException 400 {@code region-code.format} for a malformed code
     */
    @GET
    @Path("/counts")
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.AUDITOR, Roles.INTEGRATION })
    @Operation(operationId = "countKnownRegions", summary = "What pairing has learnt from registry events, counted",
            description = "PROVINCE_ADMIN, AUDITOR and INTEGRATION for any region; REGION_ADMIN for regions at or under "
                    + "its prefix (its own region by default; a region outside it counts as an unknown one: all "
                    + "zeros); UNIT_ADMIN and CADRE 403. " + "Counts of the poor counties (贫困县), villages, poor villages (贫困村), households and "
                    + "households in poverty (IN_POVERTY or RELAPSED) that pairing-service knows from the registry "
                    + "topics, under a region. Equal to registry's own counts once pairing has caught up with "
                    + "registry.regions and registry.households.")
    @APIResponse(responseCode = "200", description = "The counts",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = KnownRegistry.Counts.class),
                    examples = @ExampleObject(name = "province", value = """
                            {"under":"620000000000","poorCounties":58,"villages":17718,"poorVillages":8790,
                             "households":412,"householdsInPoverty":398}""")))
    @APIResponse(responseCode = "400", description = "under is not a region code",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "bad code", value = """
                            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
                             "detail":"under is a division code of 2, 4, 6, 9 or 12 digits, not '62x'",
                             "instance":"/api/v1/villages/counts","errors":[{"field":"under",
                             "rule":"region-code.format",
                             "message":"under is a division code of 2, 4, 6, 9 or 12 digits, not '62x'"}]}""")))
    public KnownRegistry.Counts counts(@Parameter(description = "region code prefix, short or 12-digit", example = "6211")
            @QueryParam("under") String under) {
        String prefix = Inputs.regionPrefix("under", under);
        cn.gansu.lianhu.pairing.service.Access.Scope scope = access.scope();
        if (under == null && !scope.readsAll()) {
            prefix = scope.region(); // a REGION_ADMIN's default: its own region
        }
        String full = RegionCodes.pad(prefix == null ? "62" : prefix);
        if (!scope.readsAll() && !scope.underRegion(full)) {
            return new KnownRegistry.Counts(full, 0, 0, 0, 0, 0); // out of scope: as for a region with nothing in it
        }
        return known.counts(full);
    }
}
