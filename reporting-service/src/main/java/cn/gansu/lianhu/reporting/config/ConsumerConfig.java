package cn.gansu.lianhu.reporting.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How reporting consumes event topics ({@code lianhu.reporting.consumer.*}, issue point 9).
 */
@ConfigMapping(prefix = "lianhu.reporting.consumer")
public interface ConsumerConfig {

    /** Consumer name written to the {@code processed_event} inbox with every applied event id. */
    @WithDefault("reporting")
    String inboxName();

    /**
     * How many times in all a batch is tried when its database transaction fails (database away, deadlock).
     * After the last failure the batch is nacked and the channel fails; its offsets stay uncommitted, so
     * nothing is lost.
     */
    @WithDefault("5")
    int attempts();

    /** Wait before retry n is {@code backoff × n}. */
    @WithDefault("1s")
    Duration backoff();

    /**
     * Longest wait at shutdown for the consumers to go quiet (issue 8 point 2): every channel is paused, then the
     * batches already fetched are applied while the database is still open, until none has run for
     * {@link #stopQuiet()}; whatever is left is not acknowledged and comes again after the restart.
     */
    @WithDefault("10s")
    Duration stopTimeout();

    /** At shutdown, the consumers count as stopped once no batch has been applied for this long. */
    @WithDefault("300ms")
    Duration stopQuiet();
}
