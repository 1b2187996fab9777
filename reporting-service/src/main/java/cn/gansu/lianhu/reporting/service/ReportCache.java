package cn.gansu.lianhu.reporting.service;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import cn.gansu.lianhu.events.contract.Topics;
import cn.gansu.lianhu.reporting.config.ReportCacheConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Result cache of the region reports (issue 7: the province's coverage, 12 count queries over 400,000 households,
 * cadres and pairings, answered within 20 ms at the 99th percentile under 16 concurrent clients). Correct across
 * replicas and after a rebuild because what decides whether a result may be served again is read from the database
 * on every request, never from memory:
 * <ul>
 * <li><b>inputs version</b>: {@code read_model_freshness.changes} summed over the topics the report is built from
 * ({@link Inputs}). Every transaction that applies events of a topic adds 1 to its row in the same transaction as
 * its writes (Projections), and a rebuild's drop adds 1 to every row (RebuildService); the counters never go back.
 * So the sum moves on every committed change of the report's read models, whichever replica's consumer applied it,
 * and a result computed after reading version v shows at least every change counted in v. It is read together with
 * the report's {@code asOf} in one tiny statement (8 rows), the same that finds the region.</li>
 * <li><b>key</b>: report name, the region's 12-digit code and the parameters that change the result after their
 * defaults are applied ({@code to} = today gives the same key as no {@code to}; "today" itself wherever the figures
 * depend on it). Only results that depend on nothing of the caller beyond the region are cached: the region (and unit)
 * scope checks and the 400/404 answers run before the cache on every request, per caller, and the cached bodies hold
 * no personal numbers. A caller that may not see a region never reaches its cached body.</li>
 * <li><b>freshness</b>: a cached result computed from version v is served while the version read by the request is
 * still v (or older: a result from a newer version than the request read is served too). Otherwise the request
 * computes it again. Single flight: concurrent requests for one key wait for the one computation running for their
 * version or a newer one, rather than each running the report's statements (a failed computation is not cached; its
 * waiters get its error).</li>
 * <li><b>bounded staleness</b> ({@link ReportCacheConfig#maxStale()}): when the inputs changed but the cached result
 * is younger than {@code max-stale} (from the start of its computation), it is served as it is — with the
 * {@code asOf} of its own computation, so the body never claims more than it holds — while one background
 * computation per key replaces it. {@code 0s} (tests) disables this: a change is seen by the next read.</li>
 * </ul>
 * Entries are bounded by {@link ReportCacheConfig#maxEntries()} (Caffeine). Counter
 * {@code lianhu_reporting_cache_requests_total{report, outcome}}: {@code hit} (served from the cache), {@code waited}
 * (joined a computation running), {@code computed} (computed on the request), {@code stale} (served past a change,
 * within max-stale), {@code refreshed} (background computations done), {@code uncached} (cache disabled).
 *
 * <p>The computation given to {@link #get} must not depend on the caller (it may run on a background thread without
 * one), must not call this cache again (no nested waits), and receives the {@code asOf} read with the version: the
 * time of the latest event applied of the report's own topics, UTC, or null before the first one. So a coverage body's
 * {@code asOf} is the latest registry or pairing event (visit events never change coverage), and a cached body is
 * exactly what computing it again would return while the version is unchanged. The mechanics (slots, single flight,
 * background refresh) are {@link VersionedCache}'s.
 */
@ApplicationScoped
public class ReportCache {
    /** The topics a report is built from: their freshness rows give its inputs version and its asOf. */
    public enum Inputs {
        /** Coverage and its drill-down: registry.* and pairing.* (visit events never change them). */
        COVERAGE(List.of(Topics.REGISTRY_REGIONS, Topics.REGISTRY_HOUSEHOLDS, Topics.PAIRING_UNITS,
                Topics.PAIRING_CADRES, Topics.PAIRING_LINKS, Topics.PAIRING_PAIRINGS)),
        /** Visit figures, trends, assessment: every topic (every row of read_model_freshness). */
        ALL(null);

        /** One row: {@code version}, {@code as_of}. */
        final String sql;

        Inputs(List<String> topics) {
            String where = topics == null ? "" : topics.stream().map(t -> "'" + t + "'")
                    .collect(Collectors.joining(", ", " where topic in (", ")"));
            this.sql = "select coalesce(sum(changes), 0) as version, max(last_event_time) as as_of"
                    + " from read_model_freshness" + where;
        }
    }

    /**
     * A region resolved for a caller together with the state of a report's inputs, read in one statement
     * ({@link CoverageService#resolve(String, Inputs)}): a cached request costs that one statement.
     *
     * @param region the region (its scope checked)
     * @param inputs the topics of the report
     * @param state  their version and asOf, read with the region
     */
    public record Resolved(RegionScope region, Inputs inputs, State state) {
    }

    /**
     * The state of a report's inputs.
     *
     * @param version sum of the change counters of its topics
     * @param asOf    latest event time applied of its topics (UTC), null before the first
     */
    public record State(long version, OffsetDateTime asOf) {
    }

    /** What identifies one result: report, region and the parameters that change it (nulls allowed). */
    record Key(String report, String region, List<Object> params) {
    }

    @Inject
    EntityManager em;

    @Inject
    ReportCacheConfig config;

    @Inject
    MeterRegistry meters;

    private VersionedCache<Key> cache;
    private ExecutorService refresher;

    @PostConstruct
    void start() {
        AtomicInteger n = new AtomicInteger();
        // two threads: one refresh per key at most, and a 2-core host gains nothing from more at once
        refresher = new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "reporting-cache-refresh-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        cache = new VersionedCache<>(config.maxEntries(), config.maxStale(), this::inRequestContext,
                (key, outcome) -> count(key.report(), outcome.name().toLowerCase(Locale.ROOT)), System::nanoTime);
    }

    @PreDestroy
    void stop() {
        refresher.shutdownNow();
    }

    /**
     * The result of {@code report} for the resolved region and {@code params}: cached if still valid (see the class),
     * else computed once by {@code compute}.
     *
     * @param report   report name (one per kind of body)
     * @param resolved the region (scope checked) and the state of the report's inputs, read before anything else
     * @param compute  computes the result from the read models, given the {@code asOf} read with the version
     * @param params   parameters that change the result, defaults applied (nulls allowed)
     */
    public <T> T get(String report, Resolved resolved, Function<OffsetDateTime, T> compute, Object... params) {
        State state = resolved.state();
        if (!config.enabled()) {
            count(report, "uncached");
            return compute.apply(state.asOf());
        }
        Key key = new Key(report, resolved.region().code(),
                Collections.unmodifiableList(Arrays.asList(params.clone())));
        Inputs inputs = resolved.inputs();
        return cache.get(key, state.version(), state, () -> state(inputs), State::version,
                s -> compute.apply(s.asOf()));
    }

    /** The inputs version and asOf of {@code inputs}, from the database (one statement). */
    public State state(Inputs inputs) {
        Object[] row = (Object[]) em.createNativeQuery(inputs.sql).getSingleResult();
        return state(row[0], row[1]);
    }

    /** A state from the columns {@code version}, {@code as_of} as read by the driver. */
    static State state(Object version, Object asOf) {
        return new State(((Number) version).longValue(), CoverageService.utc(asOf));
    }

    /** Runs a background computation on the refresher threads, in a request context of its own (EntityManager). */
    private void inRequestContext(Runnable task) {
        refresher.execute(() -> {
            ManagedContext requests = Arc.container().requestContext();
            requests.activate();
            try {
                task.run();
            } finally {
                requests.terminate();
            }
        });
    }

    private void count(String report, String outcome) {
        meters.counter("lianhu.reporting.cache.requests", "report", report, "outcome", outcome).increment();
    }
}
