package cn.gansu.lianhu.reporting.service;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The mechanics of {@link ReportCache}, without CDI or a database: results by key, each with the inputs version it
 * was computed from; single flight per key and version; bounded staleness with one background computation per key.
 * The rules (see ReportCache for why they are correct):
 * <ol>
 * <li>a slot whose version is at least the version the request read is served (waiting for it while it is being
 * computed);</li>
 * <li>else, if {@code maxStale > 0} and the slot's result is there and younger than {@code maxStale} (from the start
 * of its computation), it is served and one background computation is started for the key (none if one runs);</li>
 * <li>else the request puts a new slot for its version in place of the old one (compare-and-set: of concurrent
 * requests one wins, the others wait for its slot) and computes it on its own thread;</li>
 * <li>a computation that fails is removed (never served); the requests waiting for it get its exception.</li>
 * </ol>
 * Thread-safe.
 *
 * @param <K> key type (equals/hashCode)
 */
final class VersionedCache<K> {
    private static final Logger LOG = Logger.getLogger(VersionedCache.class);

    /** How a request was answered (for the counters). */
    enum Outcome {
        /** served from a computed slot of its version or a newer one */
        HIT,
        /** waited for the computation of its version (or a newer one) running on another request */
        WAITED,
        /** computed on the request */
        COMPUTED,
        /** served past a change of the inputs, within max-stale */
        STALE,
        /** a background computation replaced a stale slot */
        REFRESHED
    }

    /** One computation of a key for one inputs version; done when its result is. */
    private static final class Slot {
        final long version;
        final long started;
        final CompletableFuture<Object> result = new CompletableFuture<>();
        final AtomicBoolean refreshing = new AtomicBoolean();

        Slot(long version, long started) {
            this.version = version;
            this.started = started;
        }

        boolean servable() {
            return result.isDone() && !result.isCompletedExceptionally();
        }
    }

    private final Cache<K, Slot> cache;
    private final long maxStaleNanos;
    private final Executor refresher;
    private final java.util.function.BiConsumer<K, Outcome> counter;
    private final java.util.function.LongSupplier clock;

    /**
     * @param maxEntries most keys held (Caffeine's size-based eviction)
     * @param maxStale   how long a result may be served past a change of its inputs; zero: never
     * @param refresher  runs background computations (it provides what they need, e.g. a request context)
     * @param counter    told how each request was answered
     * @param clock      nanosecond clock ({@code System::nanoTime}; tests pass their own)
     */
    VersionedCache(long maxEntries, Duration maxStale, Executor refresher,
            java.util.function.BiConsumer<K, Outcome> counter, java.util.function.LongSupplier clock) {
        this.cache = Caffeine.newBuilder().maximumSize(maxEntries).build();
        this.maxStaleNanos = maxStale.toNanos();
        this.refresher = refresher;
        this.counter = counter;
        this.clock = clock;
    }

    /**
     * The result for {@code key}: a slot of version {@code version} or newer, a stale one within max-stale, or one
     * computed now by {@code compute} (given {@code state}).
     *
     * @param version   inputs version the request read (before anything else)
     * @param state     what {@code compute} is given for this version (ReportCache: the version and asOf)
     * @param reread    reads the version and state again, for a background computation
     * @param versionOf the version of a state returned by {@code reread}
     * @param compute   computes the result from a state
     */
    @SuppressWarnings("unchecked")
    <S, T> T get(K key, long version, S state, Supplier<S> reread, Function<S, Long> versionOf,
            Function<S, T> compute) {
        ConcurrentMap<K, Slot> slots = cache.asMap();
        while (true) {
            Slot current = slots.get(key);
            if (current == null) {
                Slot mine = new Slot(version, clock.getAsLong());
                current = slots.putIfAbsent(key, mine);
                if (current == null) {
                    return (T) run(key, mine, () -> compute.apply(state));
                }
            }
            if (current.version >= version) {
                counter.accept(key, current.result.isDone() ? Outcome.HIT : Outcome.WAITED);
                return (T) await(current);
            }
            if (maxStaleNanos > 0 && current.servable() && clock.getAsLong() - current.started <= maxStaleNanos) {
                refresh(key, current, reread, versionOf, compute);
                counter.accept(key, Outcome.STALE);
                return (T) current.result.getNow(null);
            }
            Slot mine = new Slot(version, clock.getAsLong());
            if (slots.replace(key, current, mine)) {
                return (T) run(key, mine, () -> compute.apply(state));
            }
            // another request replaced it first: look again (its slot is for this version or a newer one)
        }
    }

    /** Keys held (tests). */
    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    private Object run(K key, Slot slot, Supplier<Object> compute) {
        counter.accept(key, Outcome.COMPUTED);
        try {
            Object value = compute.get();
            slot.result.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            cache.asMap().remove(key, slot);
            slot.result.completeExceptionally(e);
            throw e;
        }
    }

    private static Object await(Slot slot) {
        try {
            return slot.result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error r) {
                throw r;
            }
            throw e;
        }
    }

    /** Starts one background computation replacing {@code stale}, unless one runs already. */
    private <S, T> void refresh(K key, Slot stale, Supplier<S> reread, Function<S, Long> versionOf,
            Function<S, T> compute) {
        if (!stale.refreshing.compareAndSet(false, true)) {
            return;
        }
        try {
            refresher.execute(() -> {
                try {
                    S state = reread.get();
                    Slot fresh = new Slot(versionOf.apply(state), clock.getAsLong());
                    fresh.result.complete(compute.apply(state));
                    cache.asMap().compute(key,
                            (k, present) -> present == null || present.version < fresh.version ? fresh : present);
                    counter.accept(key, Outcome.REFRESHED);
                } catch (RuntimeException e) {
                    LOG.warnf(e, "background computation of %s failed; a request past max-stale computes it", key);
                    stale.refreshing.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            stale.refreshing.set(false); // shutting down
        }
    }
}
