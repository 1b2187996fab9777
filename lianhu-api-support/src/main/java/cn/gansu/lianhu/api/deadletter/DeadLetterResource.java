package cn.gansu.lianhu.api.deadletter;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.gansu.lianhu.api.ApiException;
import cn.gansu.lianhu.api.Page;
import cn.gansu.lianhu.api.Problem;
import cn.gansu.lianhu.api.audit.Audit;
import cn.gansu.lianhu.api.security.Caller;
import cn.gansu.lianhu.api.security.Roles;
import cn.gansu.lianhu.events.deadletter.DeadLetterLog;
import cn.gansu.lianhu.events.deadletter.DeadLetterReplays;
import io.quarkus.arc.properties.IfBuildProperty;

/**
 * The dead letters of this service (issue 8 point 3): records its consumers could not apply — not a CloudEvent,
 * an unknown event version, a payload of the wrong shape, a tombstone, a value that is not UTF-8 — which
 * {@code DeadLetters} sent to the topic {@code <service>.dead-letter} with the reason while the consumer carried
 * on. An operator lists them and replays one: it is published again, same key and value, to the topic and
 * partition it came from, with header {@code dlq-replayed-from}, so every consumer of that topic reads it again
 * (they are idempotent by event id: an event already applied is not applied twice; one still unreadable is
 * dead-lettered again). The same operations exist in every service that sets
 * {@code lianhu.dead-letters.enabled=true}. PROVINCE_ADMIN only; every replay is audited (entity
 * {@code dead-letter}, action {@code REPLAYED}).
 */
@Path("/api/v1/dead-letters")
@Tag(name = "Dead letters", description = "Records the consumers could not apply: list and replay (issue 8 point 3)")
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = "lianhu.dead-letters.enabled", stringValue = "true")
public class DeadLetterResource {
    @Inject
    DeadLetterLog log;
    @Inject
    DeadLetterReplays replays;
    @Inject
    Audit audit;
    @Inject
    Caller caller;
    @Inject
    Clock clock;

    /**
     * The dead letters, newest first.
     *
     * @return a page of {@link DeadLetter}; 400 for a bad page, size or topic; 401/403 for callers other than
     *         PROVINCE_ADMIN; 503 when the broker does not answer within 10 s
     */
    @GET
    @RolesAllowed(Roles.PROVINCE_ADMIN)
    @Operation(operationId = "listDeadLetters", summary = "List dead letters",
            description = "Records of this service's dead-letter topic (`<service>.dead-letter`), newest first (by "
                    + "the time they were dead-lettered, then partition and offset, descending): where each came "
                    + "from, why the consumer could not apply it, the value as text (first 4,096 characters, "
                    + "`valueTruncated` when cut) and whether it was replayed. `topic` keeps those that came from "
                    + "one topic. The topic is read on each call (fine at dead-letter volumes). PROVINCE_ADMIN only.")
    @APIResponse(responseCode = "200", description = "A page of dead letters",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Page.class),
                    examples = @ExampleObject(name = "one dead letter", value = """
                            {"items":[{"partition":0,"offset":17,"deadLetteredAt":"2026-11-29T10:15:00+08:00",
                             "originalTopic":"registry.households","originalPartition":3,"originalOffset":120554,
                             "key":"7c6f0e1a-8b2d-4f3e-a1b2-c3d4e5f60718",
                             "reason":"not a JSON CloudEvent: Unexpected end-of-input: expected close marker for Object",
                             "value":"{\\"specversion\\":\\"1.0\\",","valueTruncated":false,
                             "replayedAt":null,"replayedBy":null,"replays":0}],"page":0,"size":50,"total":1}""")))
    @APIResponse(responseCode = "400", description = "`page`/`size` not an integer (`param.type`) or out of range "
            + "(`min`, `max`), `topic` not a Kafka topic name (`pattern`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "wrong parameter type", value = """
                            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
                             "detail":"size must be an integer, not 'ten'","instance":"/api/v1/dead-letters",
                             "errors":[{"field":"size","rule":"param.type","message":"size must be an integer, not 'ten'"}]}"""),
                            @ExampleObject(name = "size too large", value = """
                            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
                             "detail":"must be less than or equal to 500","instance":"/api/v1/dead-letters",
                             "errors":[{"field":"size","rule":"max","message":"must be less than or equal to 500"}]}""") }))
    @APIResponse(responseCode = "503", description = "The broker did not answer in time (`dead-letters.unavailable`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "broker down", value = UNAVAILABLE_EXAMPLE)))
    public Page<DeadLetter> list(
            @Parameter(description = "only records that came from this topic", example = "registry.households")
            @QueryParam("topic") @Pattern(regexp = "[A-Za-z0-9._-]{1,249}") String topic,
            @Parameter(description = "zero-based page index", example = "0")
            @QueryParam("page") @Min(0) @Max(Page.MAX_PAGE) Integer page,
            @Parameter(description = "page size, 1..500 (default 50)", example = "50")
            @QueryParam("size") @Min(1) @Max(Page.MAX_SIZE) Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? 50 : size;
        DeadLetterLog.Listing listing;
        try {
            listing = log.list(topic == null || topic.isBlank() ? null : topic, p, s);
        } catch (DeadLetterLog.Unavailable e) {
            throw unavailable(e);
        }
        Map<String, DeadLetterReplays.Replay> replayed = replays.of(log.topic());
        List<DeadLetter> items = listing.items().stream()
                .map(r -> view(r, replayed.get(r.partition() + "/" + r.offset()))).toList();
        return new Page<>(items, p, s, listing.total());
    }

    /**
     * Replays one dead letter.
     *
     * @return 202 with the {@link DeadLetter} as it now is; 404 when the dead-letter topic has no such record;
     *         409 when it was replayed before and {@code force} is not true; 422 when the record does not name
     *         its original topic; 503 when the broker does not take it within 10 s
     */
    @POST
    @Path("/{partition}/{offset}/replay")
    @RolesAllowed(Roles.PROVINCE_ADMIN)
    @Transactional
    @Operation(operationId = "replayDeadLetter", summary = "Replay a dead letter",
            description = "Publishes the record at `partition`/`offset` of this service's dead-letter topic again, "
                    + "same key and value, to the topic and partition it came from, with header "
                    + "`dlq-replayed-from: <dead-letter topic>/<partition>/<offset>`: every consumer of that topic "
                    + "reads it again. Consumers are idempotent by event id, so an event already applied is not "
                    + "applied twice; a record still unreadable is dead-lettered again (a new entry). Use it after "
                    + "the cause was fixed (a consumer upgraded to a new event version, say). A record replayed "
                    + "before is answered 409 unless `force=true`. The replay is recorded (`replayedAt`, "
                    + "`replayedBy`, `replays`) and audited (entity `dead-letter`, action `REPLAYED`). "
                    + "PROVINCE_ADMIN only.")
    @APIResponse(responseCode = "202", description = "Republished to its original topic; the dead letter as it now is",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DeadLetter.class),
                    examples = @ExampleObject(name = "replayed", value = """
                            {"partition":0,"offset":17,"deadLetteredAt":"2026-11-29T10:15:00+08:00",
                             "originalTopic":"registry.households","originalPartition":3,"originalOffset":120554,
                             "key":"7c6f0e1a-8b2d-4f3e-a1b2-c3d4e5f60718",
                             "reason":"CloudEvent without source","value":"{\\"specversion\\":\\"1.0\\"}",
                             "valueTruncated":false,"replayedAt":"2026-11-29T11:02:00+08:00",
                             "replayedBy":"zhang.wei","replays":1}""")))
    @APIResponse(responseCode = "400", description = "`partition` or `offset` not an integer or `force` not true or "
            + "false (`param.type`), `partition` or `offset` negative (`min`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "wrong parameter type", value = """
                            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
                             "detail":"offset must be an integer, not 'x'","instance":"/api/v1/dead-letters/0/x/replay",
                             "errors":[{"field":"offset","rule":"param.type","message":"offset must be an integer, not 'x'"}]}"""),
                            @ExampleObject(name = "negative offset", value = """
                            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
                             "detail":"must be greater than or equal to 0","instance":"/api/v1/dead-letters/0/-1/replay",
                             "errors":[{"field":"offset","rule":"min","message":"must be greater than or equal to 0"}]}""") }))
    @APIResponse(responseCode = "404", description = "The dead-letter topic has no record at this partition and offset",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "no such record", value = """
                            {"type":"urn:lianhu:problem:not-found","title":"Not found","status":404,
                             "detail":"dead letter 0/999 does not exist","instance":"/api/v1/dead-letters/0/999/replay",
                             "errors":[]}""")))
    @APIResponse(responseCode = "409", description = "Replayed before (`dead-letter.replayed`); add `force=true` to "
            + "replay it again",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "already replayed", value = """
                            {"type":"urn:lianhu:problem:conflict","title":"Conflicts with stored data","status":409,
                             "detail":"dead letter 0/17 was replayed at 2026-11-29T11:02+08:00 by zhang.wei; add force=true to replay it again",
                             "instance":"/api/v1/dead-letters/0/17/replay",
                             "errors":[{"field":"force","rule":"dead-letter.replayed","message":"dead letter 0/17 was replayed at 2026-11-29T11:02+08:00 by zhang.wei; add force=true to replay it again"}]}""")))
    @APIResponse(responseCode = "422", description = "The record does not name the topic it came from "
            + "(`dead-letter.origin`): it was not written by this service's dead-letter sender",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "no origin", value = """
                            {"type":"urn:lianhu:problem:domain-rule","title":"A domain rule forbids this","status":422,
                             "detail":"dead letter 0/3 has no dlq-topic header","instance":"/api/v1/dead-letters/0/3/replay",
                             "errors":[{"field":"dlq-topic","rule":"dead-letter.origin","message":"dead letter 0/3 has no dlq-topic header"}]}""")))
    @APIResponse(responseCode = "503", description = "The broker did not answer in time (`dead-letters.unavailable`); "
            + "nothing was recorded",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "broker down", value = UNAVAILABLE_EXAMPLE)))
    public Response replay(
            @Parameter(description = "partition in the dead-letter topic", example = "0")
            @PathParam("partition") @Min(0) int partition,
            @Parameter(description = "offset in the dead-letter topic", example = "17")
            @PathParam("offset") @Min(0) long offset,
            @Parameter(description = "true to replay a record that was replayed before",
                    schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
            @QueryParam("force") Boolean force) {
        String id = partition + "/" + offset;
        DeadLetterLog.Record record;
        try {
            record = log.find(partition, offset).orElseThrow(() -> ApiException.notFound("dead letter", id));
        } catch (DeadLetterLog.Unavailable e) {
            throw unavailable(e);
        }
        replays.lock(log.topic(), partition, offset); // parallel replays of one record: one at a time
        DeadLetterReplays.Replay before = replays.of(log.topic(), partition, offset).orElse(null);
        if (before != null && !Boolean.TRUE.equals(force)) {
            throw ApiException.conflict("force", "dead-letter.replayed", "dead letter " + id + " was replayed at "
                    + local(before.at()) + " by " + before.by() + "; add force=true to replay it again");
        }
        if (record.originalTopic() == null || record.originalTopic().isBlank()) {
            throw ApiException.unprocessable("dlq-topic", "dead-letter.origin",
                    "dead letter " + id + " has no dlq-topic header");
        }
        try {
            log.republish(record);
        } catch (DeadLetterLog.Unavailable e) {
            throw unavailable(e);
        }
        DeadLetterReplays.Replay now = replays.record(log.topic(), partition, offset, OffsetDateTime.now(clock),
                caller.actor());
        DeadLetter view = view(record, now);
        audit.record("dead-letter", log.topic() + "/" + id, "REPLAYED",
                before == null ? null : view(record, before), view);
        return Response.accepted(view).type(MediaType.APPLICATION_JSON).build();
    }

    static final String UNAVAILABLE_EXAMPLE = """
            {"type":"urn:lianhu:problem:unavailable","title":"Service unavailable","status":503,
             "detail":"dead-letter topic registry-service.dead-letter cannot be read: Timeout expired while fetching topic metadata",
             "instance":"/api/v1/dead-letters",
             "errors":[{"field":"kafka","rule":"dead-letters.unavailable","message":"dead-letter topic registry-service.dead-letter cannot be read: Timeout expired while fetching topic metadata"}]}""";

    private static ApiException unavailable(DeadLetterLog.Unavailable e) {
        return new ApiException(503, "urn:lianhu:problem:unavailable", "Service unavailable", e.getMessage(),
                List.of(new Problem.FieldError("kafka", "dead-letters.unavailable", e.getMessage())));
    }

    private DeadLetter view(DeadLetterLog.Record r, DeadLetterReplays.Replay replay) {
        return new DeadLetter(r.partition(), r.offset(), r.deadLetteredAt().atZone(clock.getZone()).toOffsetDateTime(),
                r.originalTopic(), r.originalPartition(), r.originalOffset(), r.keyText(), r.reason(), r.valueText(),
                r.valueTruncated(), replay == null ? null : local(replay.at()), replay == null ? null : replay.by(),
                replay == null ? 0 : replay.replays());
    }

    private OffsetDateTime local(OffsetDateTime t) {
        return t.atZoneSameInstant(clock.getZone()).toOffsetDateTime();
    }
}
