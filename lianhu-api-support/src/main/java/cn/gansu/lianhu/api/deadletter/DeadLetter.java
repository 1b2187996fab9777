package cn.gansu.lianhu.api.deadletter;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One record of a service's dead-letter topic {@code <service>.dead-letter} (issue 8 point 3): a record one of
 * its consumers could not apply, with the reason, where it came from and whether an operator replayed it.
 *
 * @param partition         partition of the record in the dead-letter topic (with {@code offset}, the id used to
 *                          replay it)
 * @param offset            offset of the record in the dead-letter topic
 * @param deadLetteredAt    when it was dead-lettered (service time, Asia/Shanghai offset)
 * @param originalTopic     the topic it was read from (header {@code dlq-topic}); a replay republishes it there
 * @param originalPartition its partition there (header {@code dlq-partition})
 * @param originalOffset    its offset there (header {@code dlq-offset})
 * @param key               the record key (the aggregate id), null if none
 * @param reason            why the consumer could not apply it (header {@code dlq-reason})
 * @param value             the record value as text (bytes that are not UTF-8 shown as U+FFFD), at most the first
 *                          4,096 characters
 * @param valueTruncated    true when {@code value} is cut at 4,096 characters
 * @param replayedAt        when an operator last replayed it (service time), null if never
 * @param replayedBy        who last replayed it (the token's preferred_username, upn or sub), null if never
 * @param replays           how many times it was replayed (0 if never)
 */
@Schema(name = "DeadLetter", description = "A record a consumer could not apply, with the reason and its replay state",
        example = """
                {"partition":0,"offset":17,"deadLetteredAt":"2026-11-29T10:15:00+08:00",
                 "originalTopic":"registry.households","originalPartition":3,"originalOffset":120554,
                 "key":"7c6f0e1a-8b2d-4f3e-a1b2-c3d4e5f60718",
                 "reason":"unknown event version cn.gansu.lianhu.registry.household.registered.v2; this consumer applies cn.gansu.lianhu.registry.household.registered.v1",
                 "value":"{\\"specversion\\":\\"1.0\\",\\"type\\":\\"cn.gansu.lianhu.registry.household.registered.v2\\"}",
                 "valueTruncated":false,"replayedAt":null,"replayedBy":null,"replays":0}""")
public record DeadLetter(int partition, long offset, OffsetDateTime deadLetteredAt, String originalTopic,
        Integer originalPartition, Long originalOffset, String key, String reason, String value,
        boolean valueTruncated, OffsetDateTime replayedAt, String replayedBy, int replays) {
}
