package cn.gansu.lianhu.pairing.rest;

import jakarta.annotation.security.RolesAllowed;
import cn.gansu.lianhu.api.security.Roles;
import static cn.gansu.lianhu.pairing.rest.PairingExamples.*;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.gansu.lianhu.api.Problem;
import cn.gansu.lianhu.pairing.service.PairingService;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Confirming a unit's pairings, once (一次确定联系对象, DESIGN.md §1; issue 3 point 6). Its own class because the
 * unit resource itself ({@code /api/v1/units}) belongs to the units and cadres area.
 */
@Path("/api/v1/units/{id}/pairings/confirm")
@Tag(name = "Pairings", description = "Cadre ↔ household pairings (干部联户), confirmation, ends and hand-overs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UnitPairingConfirmResource {

    @Inject
    PairingService service;

    /**
     * Confirms the unit's pairings: all or nothing, once.
     *
     * @param id   unit id
     * @param body who confirms
     * @return the unit, when and by whom, and how many drafts became ACTIVE
     */
    @POST
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.UNIT_ADMIN })
    @Operation(operationId = "confirmUnitPairings", summary = "Confirm a unit's pairings (一次确定联系对象)",
            description = "Callers: PROVINCE_ADMIN; REGION_ADMIN (unit in its region); UNIT_ADMIN (its own unit). Out of scope answers 404 exactly like an unknown id. " + "Once per unit (409 unit.already-confirmed the second time). All or nothing (422 listing every "
                    + "broken rule, nothing changes): every ACTIVE cadre of the unit has at least its rank minimum of "
                    + "live pairings (lianhu.pairing.rules.min-households-*: PROVINCIAL_LEADER 5, PREFECTURE_BUREAU 3, "
                    + "COUNTY_DIVISION 2, OTHER 1; rule pairing.cadre-below-minimum, field cadres[<id>], one error per "
                    + "cadre by name), and every household IN_POVERTY or RELAPSED of the unit's linked villages has a live "
                    + "pairing (rule pairing.household-uncovered, field villages[<code>], one error per village with the "
                    + "count). Then the unit records when and by whom, every DRAFT pairing of the unit becomes ACTIVE "
                    + "from today, and from now on its new pairings are ACTIVE at once and pairings end only with a "
                    + "reason. Events pairing.unit.pairings-confirmed.v1 and pairing.pairing.activated.v1 per pairing.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ConfirmRequest.class),
            examples = @ExampleObject(name = "confirm", value = CONFIRM)))
    @APIResponse(responseCode = "200", description = "Confirmed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = UnitConfirmationView.class),
                    examples = @ExampleObject(name = "confirmed", value = CONFIRMED)))
    @APIResponse(responseCode = "400", description = "confirmedBy missing; a path parameter has the wrong type "
            + "(param.type: id not a UUID)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "no confirmer", value = P400_CONFIRMED_BY),
                            @ExampleObject(name = "id not a UUID", value = """
                                    {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
                                     "detail":"id must be a UUID, not '42'","instance":"/api/v1/units/42/pairings/confirm",
                                     "errors":[{"field":"id","rule":"param.type","message":"id must be a UUID, not '42'"}]}""") }))
    @APIResponse(responseCode = "404", description = "No such unit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown", value = P404_UNIT)))
    @APIResponse(responseCode = "409", description = "Already confirmed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "already confirmed", value = P409_CONFIRMED)))
    @APIResponse(responseCode = "422", description = "Cadres below their minimum and/or households without a cadre",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "rules broken", value = P422_BELOW)))
    public UnitConfirmationView confirm(
            @Parameter(description = "unit id", example = "c4a1e9b2-7d3f-4a8e-b6c5-0f1e2d3c4b5a") @PathParam("id") UUID id,
            @NotNull @Valid ConfirmRequest body) {
        return service.confirm(id, body.confirmedBy());
    }
}
