package cn.gansu.lianhu.reporting.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The mechanics of the report cache (issue 7) on their own, where the cases that need threads and time can be driven
 * exactly: single flight, failures, bounded staleness with one background computation, and the eviction bound. The
 * same rules through the REST API, PostgreSQL and Kafka (with max-stale 0): ReportCacheTest. Plain JUnit: no
 * Quarkus, no database — the inputs version is given by the test, the clock is the test's.
 */
class VersionedCacheTest {
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<VersionedCache.Outcome, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    /** A state as ReportCache reads it: the version and what the computation is given. */
    record State(long version, String asOf) {
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    private VersionedCache<String> cache(Duration maxStale, java.util.concurrent.Executor refresher) {
        return new VersionedCache<>(100, maxStale, refresher,
                (k, o) -> outcomes.computeIfAbsent(o, x -> new AtomicInteger()).incrementAndGet(), now::get);
    }

    private int count(VersionedCache.Outcome o) {
        AtomicInteger n = outcomes.get(o);
        return n == null ? 0 : n.get();
    }

    private static <T> T get(VersionedCache<String> cache, String key, State state, State reread,
            Function<State, T> compute) {
        return cache.get(key, state.version(), state, () -> reread, State::version, compute);
    }

    @Test
    void sameVersionIsServedWithoutComputingANewVersionComputesAgain() {
        VersionedCache<String> cache = cache(Duration.ZERO, Runnable::run);
        AtomicInteger computed = new AtomicInteger();
        Function<State, String> compute = s -> s.asOf() + "#" + computed.incrementAndGet();
        State v1 = new State(7, "t1");
        assertEquals("t1#1", get(cache, "coverage 62", v1, v1, compute));
        assertEquals("t1#1", get(cache, "coverage 62", v1, v1, compute));
        assertEquals("t1#1", get(cache, "coverage 62", new State(6, "t0"), v1, compute),
                "a result of a newer version than the request read is served too");
        assertEquals(1, computed.get());
        assertEquals(2, count(VersionedCache.Outcome.HIT));
        State v2 = new State(8, "t2");
        assertEquals("t2#2", get(cache, "coverage 62", v2, v2, compute), "the next read after a change computes");
        assertEquals("t2#2", get(cache, "coverage 62", v2, v2, compute));
        assertEquals("t1#3", get(cache, "coverage 6211", v1, v1, compute), "keys are apart");
        assertEquals(3, computed.get());
    }

    @Test
    void concurrentRequestsForOneKeyWaitForOneComputation() throws Exception {
        VersionedCache<String> cache = cache(Duration.ZERO, Runnable::run);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger computed = new AtomicInteger();
        State v1 = new State(1, "t1");
        Function<State, Object> compute = s -> {
            computed.incrementAndGet();
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Object();
        };
        List<Future<Object>> answers = new ArrayList<>();
        answers.add(threads.submit(() -> get(cache, "k", v1, v1, compute)));
        assertTrue(started.await(10, TimeUnit.SECONDS));
        for (int i = 0; i < 15; i++) {
            answers.add(threads.submit(() -> get(cache, "k", v1, v1, compute)));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (count(VersionedCache.Outcome.WAITED) < 15 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        release.countDown();
        Object first = answers.get(0).get(10, TimeUnit.SECONDS);
        for (Future<Object> a : answers) {
            assertSame(first, a.get(10, TimeUnit.SECONDS));
        }
        assertEquals(1, computed.get(), "16 concurrent requests, one computation");
        assertEquals(15, count(VersionedCache.Outcome.WAITED));
    }

    @Test
    void aFailedComputationIsNotKeptItsWaitersGetItsError() throws Exception {
        VersionedCache<String> cache = cache(Duration.ZERO, Runnable::run);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        State v1 = new State(1, "t1");
        Future<Object> failing = threads.submit(() -> get(cache, "k", v1, v1, s -> {
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("database away");
        }));
        assertTrue(started.await(10, TimeUnit.SECONDS));
        Future<Object> waiting = threads.submit(() -> get(cache, "k", v1, v1, s -> "never: it waits"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (count(VersionedCache.Outcome.WAITED) < 1 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        release.countDown();
        for (Future<Object> f : List.of(failing, waiting)) {
            Exception e = assertThrows(java.util.concurrent.ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
            assertEquals("database away", e.getCause().getMessage());
        }
        assertEquals("computed again", get(cache, "k", v1, v1, s -> "computed again"));
    }

    @Test
    void withinMaxStaleTheOldResultIsServedWhileOneBackgroundComputationReplacesIt() throws Exception {
        List<Runnable> background = new ArrayList<>();
        VersionedCache<String> cache = cache(Duration.ofSeconds(5), background::add);
        AtomicInteger computed = new AtomicInteger();
        Function<State, String> compute = s -> s.asOf() + "#" + computed.incrementAndGet();
        State v1 = new State(1, "t1");
        State v2 = new State(2, "t2");
        State v3 = new State(3, "t3");
        assertEquals("t1#1", get(cache, "k", v1, v1, compute));
        now.addAndGet(TimeUnit.SECONDS.toNanos(4)); // 4 s old, inputs changed twice since
        for (int i = 0; i < 5; i++) {
            assertEquals("t1#1", get(cache, "k", v2, v3, compute), "stale within max-stale, with its own asOf");
        }
        assertEquals(5, count(VersionedCache.Outcome.STALE));
        assertEquals(1, background.size(), "one background computation for five requests");
        assertEquals(1, computed.get());
        background.remove(0).run(); // reads the version again: v3
        assertEquals(1, count(VersionedCache.Outcome.REFRESHED));
        assertEquals("t3#2", get(cache, "k", v3, v3, compute));
        assertEquals("t3#2", get(cache, "k", v2, v2, compute));
        assertEquals(2, computed.get());

        // past max-stale the request computes itself
        State v4 = new State(4, "t4");
        now.addAndGet(TimeUnit.SECONDS.toNanos(6));
        assertEquals("t4#3", get(cache, "k", v4, v4, compute));
        assertEquals(0, background.size());
    }

    @Test
    void aFailedBackgroundComputationLeavesTheStaleResultAndIsTriedAgain() {
        List<Runnable> background = new ArrayList<>();
        VersionedCache<String> cache = cache(Duration.ofSeconds(5), background::add);
        State v1 = new State(1, "t1");
        State v2 = new State(2, "t2");
        assertEquals("t1", get(cache, "k", v1, v1, State::asOf));
        Function<State, String> failing = s -> {
            throw new IllegalStateException("database away");
        };
        assertEquals("t1", get(cache, "k", v2, v2, failing));
        background.remove(0).run();
        assertEquals(0, count(VersionedCache.Outcome.REFRESHED));
        assertEquals("t1", get(cache, "k", v2, v2, State::asOf));
        assertEquals(1, background.size(), "a later request starts another");
        background.remove(0).run();
        assertEquals("t2", get(cache, "k", v2, v2, State::asOf));
    }

    @Test
    void atMostMaxEntriesKeysAreHeld() {
        VersionedCache<String> cache = new VersionedCache<>(10, Duration.ZERO, Runnable::run, (k, o) -> {
        }, System::nanoTime);
        State v1 = new State(1, "t1");
        for (int i = 0; i < 100; i++) {
            get(cache, "region " + i, v1, v1, State::asOf);
        }
        assertTrue(cache.size() <= 10, cache.size() + " keys held");
    }
}
