package cn.gansu.lianhu.registry.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Limits of the bulk household import (issue point 7), prefix {@code lianhu.registry.import}.
 */
@ConfigMapping(prefix = "lianhu.registry.import")
public interface ImportConfig {

    /** Import jobs running at once on this instance; one more upload is answered 429. */
    @WithDefault("2")
    int maxConcurrentJobs();

    /**
     * Errors kept in the error report of one job (all are counted in {@code errorCount}); bounds the
     * database rows a file of garbage can produce.
     */
    @WithDefault("10000")
    int maxStoredErrors();

    /** Households staged per COPY round trip. */
    @WithDefault("2000")
    int stagingChunkHouseholds();

    /** How often the job row is updated with progress while the file is read. */
    @WithDefault("1s")
    Duration progressInterval();
}
