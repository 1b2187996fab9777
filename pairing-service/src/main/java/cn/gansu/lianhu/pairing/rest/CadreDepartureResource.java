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
import cn.gansu.lianhu.pairing.service.HandOverService;
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
 * A cadre leaving, with the hand-over of every household to named successors in the same request (DESIGN.md §1:
 * "when a cadre leaves, the household is handed over to a successor in the same step, so coverage never has a
 * gap"; issue 3 point 6). Its own class because the cadre resource itself ({@code /api/v1/cadres}) belongs to the
 * units and cadres area.
 */
@Path("/api/v1/cadres/{id}/departure")
@Tag(name = "Pairings", description = "Cadre ↔ household pairings (干部联户), confirmation, ends and hand-overs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CadreDepartureResource {

    @Inject
    HandOverService service;

    /**
     * Records the departure and the hand-over, atomically.
     *
     * @param id   the leaving cadre
     * @param body new status, date, note and one hand-over per household
     * @return the cadre's new state and one entry per household handed over
     */
    @POST
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.REGION_ADMIN, Roles.UNIT_ADMIN })
    @Operation(operationId = "recordCadreDeparture", summary = "A cadre leaves and hands every household over",
            description = "Callers: PROVINCE_ADMIN; REGION_ADMIN for cadres of units in its region; UNIT_ADMIN for its own unit's cadres (successors likewise; one out of scope is handover.successor-unknown). Out of scope answers 404 exactly like an unknown id. " + "Atomically (issue 3 point 6, no household is ever uncovered): every live pairing of the cadre "
                    + "ends — ACTIVE ones ENDED with reason CADRE_TRANSFERRED / CADRE_RETIRED / CADRE_DECEASED (from the "
                    + "new status) on the given date, drafts WITHDRAWN —, each named successor gets a new pairing with "
                    + "that household (ACTIVE from the same date if the successor's unit has confirmed its pairings, "
                    + "else DRAFT; the primary responsible cadre flag moves with it; the old pairing's successorId "
                    + "points to it), the cadre gets the new status and leftOn, and its active leader links (联县联村) "
                    + "end with the same reason. Rules, all checked before anything is written and reported together "
                    + "(422): every household of the cadre named exactly once (handover.household-missing, "
                    + "handover.household-not-paired, handover.household-duplicate); each successor exists, is ACTIVE, "
                    + "is not the leaving cadre, may pair in that household's village by the same rule as a new pairing "
                    + "(handover.successor-outside-villages) and is not already paired with it "
                    + "(handover.successor-already-paired); the date is not in the future nor before any of the "
                    + "cadre's pairings started. A cadre with no live pairing leaves with no hand-over. Events "
                    + "pairing.cadre.left.v1, pairing.pairing.ended/withdrawn/activated/drafted.v1, "
                    + "pairing.leader-link.ended.v1, pairing.unit.updated.v1.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DepartureRequest.class),
            examples = { @ExampleObject(name = "transferred", value = DEPARTURE),
                    @ExampleObject(name = "retired, no households", value = """
                            {"status":"RETIRED","date":"2026-11-28","handovers":[]}""") }))
    @APIResponse(responseCode = "200", description = "The cadre left; households handed over",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DepartureView.class),
                    examples = @ExampleObject(name = "handed over", value = DEPARTED)))
    @APIResponse(responseCode = "400", description = "Status or date missing, status ACTIVE, a hand-over without "
            + "householdId or successorCadreId; a path parameter has the wrong type (param.type: id not a UUID)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "status ACTIVE", value = P400_DEPARTURE),
                            @ExampleObject(name = "id not a UUID", value = """
                                    {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
                                     "detail":"id must be a UUID, not '42'","instance":"/api/v1/cadres/42/departure",
                                     "errors":[{"field":"id","rule":"param.type","message":"id must be a UUID, not '42'"}]}""") }))
    @APIResponse(responseCode = "404", description = "No such cadre",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown", value = P404_CADRE)))
    @APIResponse(responseCode = "409", description = "The cadre already left",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "already left", value = P409_LEFT)))
    @APIResponse(responseCode = "422", description = "Hand-over incomplete or not allowed; date in the future or "
            + "before a pairing started",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "hand-over rules broken", value = P422_HANDOVER)))
    public DepartureView depart(
            @Parameter(description = "cadre id", example = "3f2b8c1e-5d4a-4e7b-9c10-2a6d8e4f1b33") @PathParam("id") UUID id,
            @NotNull @Valid DepartureRequest body) {
        return service.depart(id, body);
    }
}
