package cn.gansu.lianhu.reporting.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The result cache of the region reports ({@code lianhu.reporting.cache.*}, issue 7: the province's coverage under
 * concurrent load). How it decides when a result may be served again:
 * {@code cn.gansu.lianhu.reporting.service.ReportCache}.
 */
@ConfigMapping(prefix = "lianhu.reporting.cache")
public interface ReportCacheConfig {

    /**
     * false: every request computes its report (the inputs version is still read, for {@code asOf}). For a
     * comparison, or if the cache were ever suspected.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * Bounded staleness. When the read models a cached result was computed from have changed since, and the result
     * is younger than this (measured from the start of its computation, so its figures miss at most the events of
     * this last period), it is still served, with its own {@code asOf}, while one background computation replaces it.
     * Older than this, the request computes (or waits for the one computation already running). {@code 0s}: a
     * change is seen by the very next read (the test profile; exact figures right after events). Production default
     * 5 s: under a steady flow of events the province's coverage is then computed at most about once per 5 s per
     * replica instead of on every request.
     */
    @WithDefault("5s")
    Duration maxStale();

    /**
     * Most results held per replica (one per report, region and parameters: a coverage body is about 1 kB, a ranking
     * of every county unit of the province some hundred kB); beyond it the least valuable are evicted (Caffeine's
     * frequency and recency policy).
     */
    @WithDefault("2000")
    long maxEntries();
}
