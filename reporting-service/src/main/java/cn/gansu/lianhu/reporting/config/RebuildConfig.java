package cn.gansu.lianhu.reporting.config;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How reporting rebuilds its read models from the log ({@code lianhu.reporting.rebuild.*}, issue 5 point 6;
 * docs/rebuild.md).
 */
@ConfigMapping(prefix = "lianhu.reporting.rebuild")
public interface RebuildConfig {

    /**
     * Tables of reporting's database a rebuild keeps. Every other table of the schema is a read model (reporting holds
     * only what it learned from events, DESIGN.md §2) and is truncated. {@code processed_event} is kept but loses the
     * rows of reporting's inbox name; {@code read_model_freshness} is kept and reset (no event time, 0 applied).
     */
    @WithDefault("flyway_schema_history,processed_event,outbox_event,read_model_freshness")
    List<String> keepTables();

    /**
     * A rebuild that has not replayed every channel up to the end offsets it targeted within this time is FAILED
     * (a channel stopped, the broker is away). Consumption goes on; start another rebuild when the cause is gone.
     */
    @WithDefault("30m")
    Duration timeout();

    /** Longest wait for one operation on a consumer's polling thread (pause, seek, resume). */
    @WithDefault("30s")
    Duration consumerTimeout();
}
