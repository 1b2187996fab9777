package cn.gansu.lianhu.reporting.rest;

import java.net.URI;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.gansu.lianhu.api.Problem;
import cn.gansu.lianhu.api.audit.Audit;
import cn.gansu.lianhu.api.security.Roles;
import cn.gansu.lianhu.reporting.service.Rebuild;
import cn.gansu.lianhu.reporting.service.RebuildService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Rebuild from the log (issue 5 point 6; docs/rebuild.md): an operator drops reporting's read models and replays them
 * from the Kafka topics, which keep their records forever. How it runs: {@link RebuildService}; what it shows:
 * {@link Rebuild}.
 */
@Path("/api/v1/admin/rebuilds")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration", description = "Operations on reporting itself: rebuilding the read models from the "
        + "event log")
public class RebuildResource {

    private static final String RUNNING_409 = """
            {"type":"urn:lianhu:problem:conflict","title":"Conflicts with stored data","status":409,
             "detail":"a rebuild of the read models is running (rebuild 5b0c7e9a-3f1d-4c2b-9a8e-7d6c5b4a3f21, started 2026-11-29T03:12:45.120Z); start another when it has SUCCEEDED or FAILED",
             "instance":"/api/v1/admin/rebuilds",
             "errors":[{"field":"rebuild","rule":"rebuild.running",
                        "message":"a rebuild of the read models is running (rebuild 5b0c7e9a-3f1d-4c2b-9a8e-7d6c5b4a3f21, started 2026-11-29T03:12:45.120Z); start another when it has SUCCEEDED or FAILED"}]}""";
    private static final String REPLICAS_409 = """
            {"type":"urn:lianhu:problem:conflict","title":"Conflicts with stored data","status":409,
             "detail":"another replica of reporting consumes beside this one (consumer group reporting-service, other members: reporting-1-visit-visits (/10.0.3.7), reporting-1-visit-demands (/10.0.3.7)); a rebuild rewinds the consumers of one replica only: scale reporting to 1 replica, then start the rebuild",
             "instance":"/api/v1/admin/rebuilds",
             "errors":[{"field":"rebuild","rule":"rebuild.replicas",
                        "message":"another replica of reporting consumes beside this one (consumer group reporting-service, other members: reporting-1-visit-visits (/10.0.3.7), reporting-1-visit-demands (/10.0.3.7)); a rebuild rewinds the consumers of one replica only: scale reporting to 1 replica, then start the rebuild"}]}""";
    private static final String ID_400 = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"id must be a UUID, not 'abc'","instance":"/api/v1/admin/rebuilds/abc",
             "errors":[{"field":"id","rule":"param.type","message":"id must be a UUID, not 'abc'"}]}""";
    private static final String ID_404 = """
            {"type":"urn:lianhu:problem:not-found","title":"Not found","status":404,
             "detail":"rebuild 0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0 does not exist",
             "instance":"/api/v1/admin/rebuilds/0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0","errors":[]}""";

    @Inject
    RebuildService rebuilds;

    @Inject
    Audit audit;

    @Context
    UriInfo uri;

    /**
     * {@code POST /api/v1/admin/rebuilds}: starts a rebuild of every read model from the log. PROVINCE_ADMIN only
     * (issue 6); the start is recorded in the audit trail (entity {@code rebuild}, action {@code REBUILT}, after = the
     * rebuild as returned), in the transaction of this request.
     *
     * @return 202 {@link Rebuild} (RUNNING) with {@code Location: /api/v1/admin/rebuilds/{id}}; 409 problem
     *         ({@code rebuild}, {@code rebuild.running}) while another rebuild runs; 409 problem ({@code rebuild},
     *         {@code rebuild.replicas}) while another replica of reporting is in its consumer group (issue 9 point 4:
     *         scale reporting to one replica before a rebuild)
     */
    @POST
    @RolesAllowed(Roles.PROVINCE_ADMIN)
    @Operation(operationId = "startRebuild", summary = "Rebuild the read models from the event log",
            description = "Pauses every consumer of reporting, truncates every read model, reporting's inbox rows "
                    + "(processed_event of consumer reporting) and the freshness, seeks every channel (all "
                    + "partitions) to the beginning of its topic and lets the consumers replay everything; the topics "
                    + "keep their records forever (retention.ms=-1, docs/rebuild.md). Returns at once: follow the "
                    + "Location. The rebuild is SUCCEEDED when every channel has applied its topic again up to the "
                    + "end offsets captured when it was rewound. Meanwhile the figures keep answering with what has "
                    + "been replayed so far; their asOf says up to which event time. One rebuild at a time, and only "
                    + "while this replica is the only member of reporting's consumer group: scale reporting to one "
                    + "replica before a rebuild (409 rebuild.replicas otherwise)."
                    + Access.REBUILD)
    @APIResponse(responseCode = "202", description = "Rebuild started; its state is at the Location",
            headers = @Header(name = "Location", description = "/api/v1/admin/rebuilds/{id}",
                    schema = @Schema(type = SchemaType.STRING, format = "uri")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Rebuild.class),
                    examples = @ExampleObject(name = "started", value = Rebuild.EXAMPLE_STARTED)))
    @APIResponse(responseCode = "409", description = "Another rebuild is running (rule rebuild.running), or another "
            + "replica of reporting is a member of its consumer group (rule rebuild.replicas)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = {@ExampleObject(name = "rebuild running", value = RUNNING_409),
                            @ExampleObject(name = "other replicas", value = REPLICAS_409)}))
    @Transactional
    public Response start() {
        Rebuild started = rebuilds.start();
        audit.record("rebuild", started.id(), "REBUILT", null, started);
        URI location = uri.getBaseUriBuilder().path("api/v1/admin/rebuilds/{id}").build(started.id());
        return Response.accepted(started).location(location).build();
    }

    /**
     * {@code GET /api/v1/admin/rebuilds/{id}}: a rebuild's status, targets and progress.
     *
     * @param id the rebuild id returned by {@link #start()}
     * @return 200 {@link Rebuild}; 400 problem ({@code id}, {@code param.type}) for an id that is not a UUID; 404
     *         problem for a rebuild this service has not run since it started
     */
    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.PROVINCE_ADMIN)
    @Operation(operationId = "getRebuild", summary = "A rebuild's status and progress",
            description = "RUNNING, SUCCEEDED or FAILED (with the reason); started and finished times (UTC); per "
                    + "topic the end offsets targeted (per partition), the records below them to replay and those "
                    + "applied again so far, and whether it has caught up. Rebuilds are kept in memory: after a "
                    + "restart of the service their ids are unknown."
                    + Access.PROVINCE_ADMIN)
    @APIResponse(responseCode = "200", description = "The rebuild",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Rebuild.class),
                    examples = @ExampleObject(name = "succeeded", value = Rebuild.EXAMPLE_SUCCEEDED)))
    @APIResponse(responseCode = "400", description = "The id is not a UUID (rule param.type)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "not a UUID", value = ID_400)))
    @APIResponse(responseCode = "404", description = "No such rebuild since the service started",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown rebuild", value = ID_404)))
    public Rebuild get(
            @Parameter(description = "the rebuild id", example = "5b0c7e9a-3f1d-4c2b-9a8e-7d6c5b4a3f21")
            @PathParam("id") UUID id) {
        return rebuilds.get(id);
    }
}
