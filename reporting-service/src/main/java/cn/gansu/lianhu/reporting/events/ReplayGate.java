package cn.gansu.lianhu.reporting.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Where the consumers of reporting ({@link EventBatches}) and a rebuild from the log (issue 5 point 6,
 * {@code service.RebuildService}) meet.
 *
 * <p><b>Pause.</b> Every batch is applied under the read lock; a rebuild takes the write lock while it truncates the
 * read models and seeks every channel to the beginning, so no batch is half-way through meanwhile and none starts.
 *
 * <p><b>Replay.</b> Seeking does not drop the records a channel had already polled but not yet handed over, so after
 * the seek a partition may first deliver some of those (older position) and then the replay from its beginning
 * offset. A partition registered for replay therefore skips records until one at (or before) its beginning offset
 * arrives; from then on every record is applied, and {@link #progress(TopicPartition) progress} counts those below
 * the end offset captured at the seek. Skipped records are not lost: the replay delivers them again. Partitions not
 * registered (no rebuild, or assigned later) are applied as they come.
 */
@ApplicationScoped
public class ReplayGate {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<TopicPartition, Progress> partitions = new ConcurrentHashMap<>();

    /**
     * Replay state of one partition: offsets [begin, end) are to be read again. Written only by the channel's one
     * processing thread (records of a partition are handled in order, one batch at a time), read by the rebuild.
     */
    public static final class Progress {
        private final long begin;
        private final long end;
        private volatile boolean started;
        private final AtomicLong next;
        private final AtomicLong replayed = new AtomicLong();

        Progress(long begin, long end) {
            this.begin = begin;
            this.end = end;
            this.next = new AtomicLong(begin);
        }

        /** First offset to replay (the partition's beginning offset at the seek). */
        public long begin() {
            return begin;
        }

        /** The end offset captured at the seek: the replay is complete when every offset below it was applied. */
        public long end() {
            return end;
        }

        /** Records below {@link #end()} applied again since the seek. */
        public long replayed() {
            return replayed.get();
        }

        /** True when every offset in [begin, end) was applied since the seek. */
        public boolean complete() {
            return next.get() >= end;
        }
    }

    /** Held by a consumer while it applies one batch. */
    Lock consuming() {
        return lock.readLock();
    }

    /** Held by a rebuild while it truncates the read models and seeks the channels: no batch applies meanwhile. */
    public Lock pausing() {
        return lock.writeLock();
    }

    /**
     * Registers a partition for replay of [begin, end). Must be called before the seek that makes the channel read it
     * from {@code begin}, on the channel's polling thread, so that no record of the replay can come first.
     */
    public Progress replay(TopicPartition partition, long begin, long end) {
        Progress p = new Progress(begin, end);
        partitions.put(partition, p);
        return p;
    }

    /** The replay state of a partition, or null if it is not being replayed. */
    public Progress progress(TopicPartition partition) {
        return partitions.get(partition);
    }

    /** Ends the replay bookkeeping of these partitions (rebuild finished or failed): they apply as they come. */
    public void release(Iterable<TopicPartition> done) {
        done.forEach(partitions::remove);
    }

    /** The records of a batch to apply now, in order: all, except those polled before a replay's seek. */
    List<ConsumerRecord<String, String>> admit(Iterable<ConsumerRecord<String, String>> records) {
        List<ConsumerRecord<String, String>> admitted = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            Progress p = partitions.isEmpty() ? null
                    : partitions.get(new TopicPartition(record.topic(), record.partition()));
            if (p != null && !p.started) {
                if (record.offset() > p.begin) {
                    continue; // polled before the seek: the replay brings it again
                }
                p.started = true;
            }
            admitted.add(record);
        }
        return admitted;
    }

    /** Counts the admitted records of a batch once it has been applied (its transaction committed). */
    void applied(List<ConsumerRecord<String, String>> admitted) {
        if (partitions.isEmpty()) {
            return;
        }
        for (ConsumerRecord<String, String> record : admitted) {
            Progress p = partitions.get(new TopicPartition(record.topic(), record.partition()));
            if (p != null && p.started && record.offset() >= p.next.get()) {
                if (record.offset() < p.end) {
                    p.replayed.incrementAndGet();
                }
                p.next.set(record.offset() + 1);
            }
        }
    }
}
