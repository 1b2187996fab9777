package cn.gansu.lianhu.events.deadletter;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Which dead letters were replayed, when and by whom (table {@code dead_letter_replay}, migration
 * {@code db/lianhu-common/V0_4__dead_letter_replay.sql}; issue 8 point 3).
 */
@ApplicationScoped
@IfBuildProperty(name = "lianhu.dead-letters.enabled", stringValue = "true")
public class DeadLetterReplays {
    @Inject
    EntityManager em;

    /**
     * The last replay of a dead letter.
     *
     * @param at      when (UTC)
     * @param by      the actor
     * @param replays how many times it was replayed
     */
    public record Replay(OffsetDateTime at, String by, int replays) {
    }

    /** The replays of the dead-letter topic's records, by {@code "<partition>/<offset>"}. */
    @Transactional
    public Map<String, Replay> of(String deadLetterTopic) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select dead_letter_partition, dead_letter_offset, replayed_at,"
                + " replayed_by, replays from dead_letter_replay where dead_letter_topic = ?1")
                .setParameter(1, deadLetterTopic).getResultList();
        Map<String, Replay> replays = new HashMap<>();
        for (Object[] r : rows) {
            replays.put(((Number) r[0]).intValue() + "/" + ((Number) r[1]).longValue(),
                    new Replay(utc(r[2]), (String) r[3], ((Number) r[4]).intValue()));
        }
        return replays;
    }

    /**
     * Holds, until the caller's transaction ends, the one lock of this dead letter's replays (a PostgreSQL
     * transaction-scoped advisory lock), so two replays of one record at the same time run one after the other:
     * the second then sees the first and is refused (409) unless forced. Found by the issue 8 review: six parallel
     * replays all answered 202 and republished the record six times.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lock(String deadLetterTopic, int partition, long offset) {
        em.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(hashtextextended(?1, 0))) l")
                .setParameter(1, "dead-letter-replay/" + deadLetterTopic + "/" + partition + "/" + offset)
                .getSingleResult();
    }

    /** The last replay of one record, if it was replayed. */
    @Transactional
    public Optional<Replay> of(String deadLetterTopic, int partition, long offset) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select dead_letter_partition, dead_letter_offset, replayed_at,"
                + " replayed_by, replays from dead_letter_replay where dead_letter_topic = ?1"
                + " and dead_letter_partition = ?2 and dead_letter_offset = ?3")
                .setParameter(1, deadLetterTopic).setParameter(2, partition).setParameter(3, offset).getResultList();
        return rows.stream().findFirst()
                .map(r -> new Replay(utc(r[2]), (String) r[3], ((Number) r[4]).intValue()));
    }

    /** Records a replay (the first, or one more) in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Replay record(String deadLetterTopic, int partition, long offset, OffsetDateTime at, String by) {
        em.createNativeQuery("insert into dead_letter_replay (dead_letter_topic, dead_letter_partition,"
                + " dead_letter_offset, replayed_at, replayed_by, replays) values (?1, ?2, ?3, ?4, ?5, 1)"
                + " on conflict (dead_letter_topic, dead_letter_partition, dead_letter_offset) do update set"
                + " replayed_at = excluded.replayed_at, replayed_by = excluded.replayed_by,"
                + " replays = dead_letter_replay.replays + 1")
                .setParameter(1, deadLetterTopic).setParameter(2, partition).setParameter(3, offset)
                .setParameter(4, at).setParameter(5, by).executeUpdate();
        return of(deadLetterTopic, partition, offset).orElseThrow();
    }

    private static OffsetDateTime utc(Object value) {
        Instant i = value instanceof OffsetDateTime o ? o.toInstant()
                : value instanceof Instant in ? in : ((java.sql.Timestamp) value).toInstant();
        return i.atOffset(ZoneOffset.UTC);
    }
}
