package cn.gansu.lianhu.visit.rest;

import java.util.Optional;

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
import cn.gansu.lianhu.visit.service.VisitQueries;
import cn.gansu.lianhu.visit.service.VisitSummary;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Visit logs (DESIGN.md §1: households are visited in phases and batches, each visit recording the six
 * main tasks).
 */
@Path("/api/v1/visits")
@Tag(name = "Visits", description = "Visit logs of cadres to their paired households")
@Produces(MediaType.APPLICATION_JSON)
public class VisitResource {

    @Inject
    VisitQueries queries;

    @Inject
    VisitConfig config;

    /**
     * Lists visit logs, newest first. Empty until visits can be recorded.
     *
     * @param page zero-based page index, default 0; 400 {@code min} if negative
     * @param size page size, default 50; 400 {@code min}/{@code max} outside 1..500
     */
    @GET
    @Operation(operationId = "listVisits", summary = "List visit logs",
            description = "One page of visit logs, newest first. Empty until visits are recorded "
                    + "(they need the pairings that pairing-service will publish).")
    @APIResponse(responseCode = "200", description = "One page of visits",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Page.class),
                    examples = @ExampleObject(name = "empty", value = """
                            {"items":[],"page":0,"size":50,"total":0}""")))
    @APIResponse(responseCode = "400", description = "page or size out of range (min, max), or a path or query"
            + " parameter has the wrong type (param.type: page or size not an integer)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "size too large", value = """
                            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
                             "detail":"must be less than or equal to 500","instance":"/api/v1/visits",
                             "errors":[{"field":"size","rule":"max","message":"must be less than or equal to 500"}]}"""),
                            @ExampleObject(name = "wrong parameter type", value = """
                            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
                             "detail":"size must be an integer, not 'all'","instance":"/api/v1/visits",
                             "errors":[{"field":"size","rule":"param.type","message":"size must be an integer, not 'all'"}]}""") }))
    public Page<VisitSummary> list(
            @Parameter(description = "zero-based page index", example = "0") @QueryParam("page") @Min(0) @Max(Page.MAX_PAGE) Integer page,
            @Parameter(description = "page size, 1..500 (default 50)", example = "50") @QueryParam("size") @Min(1) @Max(Page.MAX_SIZE) Integer size) {
        return queries.list(Optional.ofNullable(page).orElse(0),
                Optional.ofNullable(size).orElse(config.defaultPageSize()));
    }
}
