package cn.gansu.lianhu.reporting.service;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A rebuild of reporting's read models from the log (issue 5 point 6; docs/rebuild.md), as
 * {@code GET /api/v1/admin/rebuilds/{id}} shows it.
 *
 * @param id         the rebuild's id
 * @param status     RUNNING until every channel has applied its topic again up to the end offsets captured when it
 *                   was sought to the beginning, then SUCCEEDED; FAILED when that did not happen within
 *                   {@code lianhu.reporting.rebuild.timeout} or a step failed ({@code failure} says which)
 * @param startedAt  when it was started (UTC)
 * @param finishedAt when it SUCCEEDED or FAILED (UTC); null while RUNNING
 * @param failure    why it FAILED; null otherwise
 * @param topics     per topic read: the end offsets targeted and how far the replay is; empty until every channel
 *                   has been sought to the beginning (the first seconds of a rebuild)
 */
@Schema(description = "A rebuild of the read models from the event log")
public record Rebuild(UUID id, Status status, OffsetDateTime startedAt, OffsetDateTime finishedAt, String failure,
        List<TopicReplay> topics) {

    /** Where a rebuild is. */
    public enum Status {
        RUNNING, SUCCEEDED, FAILED
    }

    /**
     * The replay of one topic.
     *
     * @param topic          the Kafka topic
     * @param channel        reporting's incoming channel reading it
     * @param endOffsets     per partition number, the end offset captured at the seek: the replay of the topic is
     *                       complete when every record below it has been applied again
     * @param eventsToReplay records of the topic below those end offsets (from each partition's beginning offset)
     * @param eventsReplayed records of those applied again so far (every record read: events of types reporting
     *                       does not handle and unreadable ones included)
     * @param caughtUp       true when every partition has reached its end offset
     */
    public record TopicReplay(String topic, String channel, Map<Integer, Long> endOffsets, long eventsToReplay,
            long eventsReplayed, boolean caughtUp) {
    }

    /** OpenAPI example of a rebuild that SUCCEEDED. */
    public static final String EXAMPLE_SUCCEEDED = """
            {"id":"5b0c7e9a-3f1d-4c2b-9a8e-7d6c5b4a3f21","status":"SUCCEEDED",
             "startedAt":"2026-11-29T03:12:45.120Z","finishedAt":"2026-11-29T03:14:02.877Z","failure":null,
             "topics":[{"topic":"registry.households","channel":"registry-households","endOffsets":{"0":412877},
                        "eventsToReplay":412877,"eventsReplayed":412877,"caughtUp":true},
                       {"topic":"visit.visits","channel":"visit-visits","endOffsets":{"0":18204},
                        "eventsToReplay":18204,"eventsReplayed":18204,"caughtUp":true}]}""";

    /** OpenAPI example of a rebuild just started. */
    public static final String EXAMPLE_STARTED = """
            {"id":"5b0c7e9a-3f1d-4c2b-9a8e-7d6c5b4a3f21","status":"RUNNING",
             "startedAt":"2026-11-29T03:12:45.120Z","finishedAt":null,"failure":null,"topics":[]}""";
}
