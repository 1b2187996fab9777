package cn.gansu.lianhu.pairing.rest;

import jakarta.annotation.security.RolesAllowed;
import cn.gansu.lianhu.api.security.Roles;
import static cn.gansu.lianhu.pairing.rest.PairingExamples.*;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.gansu.lianhu.api.Problem;
import cn.gansu.lianhu.pairing.service.PairingService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Every pairing a household ever had (issue 3 point 6: full history kept and queryable). */
@Path("/api/v1/households/{id}/pairings")
@Tag(name = "Pairings", description = "Cadre ↔ household pairings (干部联户), confirmation, ends and hand-overs")
@Produces(MediaType.APPLICATION_JSON)
public class HouseholdPairingResource {

    @Inject
    PairingService service;

    /**
     * The household's pairings, all statuses, oldest first.
     *
     * @param id household id (registry)
     * @return every pairing with the cadre's name and rank; empty if the household is known but never paired
     */
    @GET
    @RolesAllowed(Roles.ANY)
    @Operation(operationId = "listHouseholdPairings", summary = "Every pairing of a household",
            description = "Any role; only the pairings the caller may see (REGION_ADMIN: village in its region; UNIT_ADMIN: its unit's; CADRE: its own). A household with none of them answers 404 like an unknown household (REGION_ADMIN: [] for a household of its region). " + "Every pairing the household ever had — DRAFT, ACTIVE, WITHDRAWN, ENDED — oldest first, with "
                    + "the cadre's name and rank (never their ID number or phone). A hand-over shows as an ENDED pairing "
                    + "whose successorId is the next one. 404 if the household is neither known from registry events "
                    + "nor paired.")
    @APIResponse(responseCode = "200", description = "The pairings",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = PairingView.class),
                    examples = @ExampleObject(name = "handed over", value = HOUSEHOLD_PAIRINGS)))
    @APIResponse(responseCode = "400", description = "A path parameter has the wrong type (param.type): id not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "id not a UUID", value = """
                            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
                             "detail":"id must be a UUID, not '42'","instance":"/api/v1/households/42/pairings",
                             "errors":[{"field":"id","rule":"param.type","message":"id must be a UUID, not '42'"}]}""")))
    @APIResponse(responseCode = "404", description = "Household unknown to pairing-service",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown", value = P404_HOUSEHOLD)))
    public List<PairingView> pairings(@Parameter(description = "household id", example = HID) @PathParam("id") UUID id) {
        return service.ofHousehold(id);
    }
}
