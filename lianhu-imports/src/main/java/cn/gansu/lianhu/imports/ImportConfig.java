package cn.gansu.lianhu.imports;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Limits of the bulk imports of a service (DESIGN.md §4 "Bulk import"), prefix {@code lianhu.imports}; shared by
 * every kind of import the service runs.
 */
@ConfigMapping(prefix = "lianhu.imports")
public interface ImportConfig {

    /**
     * Import jobs running at once (all kinds together), counted over every replica of the service: the jobs of the
     * shared database whose owner is alive (issue 9 point 4). More wait QUEUED (below).
     */
    @WithDefault("2")
    int maxConcurrentJobs();

    /**
     * Import jobs waiting QUEUED for a free worker, beyond the running ones (issue 8 point 2: a bounded queue), counted
     * over every replica like {@link #maxConcurrentJobs()}.
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

    /**
     * Name of this replica among those sharing the database (issue 9 point 4), unique among the running ones; the
     * services set it from {@code LIANHU_INSTANCE_ID} or {@code HOSTNAME} (a pod's name). Absent: those environment
     * variables, else "local". A job's owner is this name plus a random id of the process, so a restarted replica
     * (same name) fails the jobs its previous process left at once, without waiting for {@link #ownerTimeout()}.
     */
    Optional<String> instanceId();

    /** How often a replica renews the heartbeat of its QUEUED and RUNNING jobs and looks for jobs of dead owners. */
    @WithDefault("10s")
    Duration heartbeatInterval();

    /**
     * A QUEUED or RUNNING job whose owner's heartbeat is older than this is FAILED by any replica ("interrupted ...
     * upload the file again"): its process died (kill -9, lost host). Several heartbeat intervals, so that a slow
     * database or a long GC pause does not fail a live job.
     */
    @WithDefault("60s")
    Duration ownerTimeout();
}
