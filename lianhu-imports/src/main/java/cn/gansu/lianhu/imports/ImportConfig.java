package cn.gansu.lianhu.imports;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Limits of the bulk imports of a service (DESIGN.md §4 "Bulk import"), prefix {@code lianhu.imports}; shared by
 * every kind of import the service runs.
 */
@ConfigMapping(prefix = "lianhu.imports")
public interface ImportConfig {

    /** Import jobs running at once on this instance (all kinds together); more wait QUEUED (below). */
    @WithDefault("2")
    int maxConcurrentJobs();

    /**
     * Import jobs waiting QUEUED for a free worker, beyond the running ones (issue 8 point 2: a bounded queue).
     * When {@code max-concurrent-jobs + max-queued-jobs} jobs are running or queued, one more upload is answered
     * 429 problem+json with a {@code Retry-After} header and nothing is written. 0 = no queue.
     */
    @WithDefault("4")
    int maxQueuedJobs();

    /** The {@code Retry-After} of a refused upload (whole seconds). */
    @WithDefault("30s")
    Duration retryAfter();

    /**
     * Errors kept in the error report of one job (all are counted in {@code errorCount}); bounds the
     * database rows a file of garbage can produce.
     */
    @WithDefault("10000")
    int maxStoredErrors();

    /** Records staged per COPY round trip. */
    @WithDefault("2000")
    int stagingChunk();

    /** How often the job row is updated with progress while the file is read. */
    @WithDefault("1s")
    Duration progressInterval();
}
