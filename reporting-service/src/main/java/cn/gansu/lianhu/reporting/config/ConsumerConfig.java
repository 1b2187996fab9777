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
}
