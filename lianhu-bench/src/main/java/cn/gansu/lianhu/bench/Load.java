package cn.gansu.lianhu.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongFunction;

import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;

/**
 * HTTP load for the benchmarks, with latencies in an HdrHistogram (microseconds, 3 significant digits):
 * <ul>
 * <li>{@link #closed}: {@code workers} threads each send the next request as soon as the previous one answered,
 * for {@code duration} — the highest rate the service sustains;</li>
 * <li>{@link #paced}: requests started on a fixed schedule ({@code rate} per second, the i-th at
 * {@code i / rate} s) by up to {@code workers} threads, each latency measured from its scheduled start (so a
 * stall counts fully: no coordinated omission).</li>
 * </ul>
 * Each request is built by {@code request.apply(i)} for its running number i; {@code onAnswer} sees every answer.
 * An answer counts as ok when its status is {@code okStatus}, or any 2xx for {@link #ANY_2XX}.
 */
final class Load {
    /** {@code okStatus} for a mix of requests: any 2xx answer is ok. */
    static final int ANY_2XX = 0;

    /** What one run measured. Latencies in milliseconds. */
    record Result(long requests, long ok, long failed, double seconds, double perSecond, long minPerSecond,
            double p50, double p99, double max, String firstFailure) {
        String latencies() {
            return String.format(java.util.Locale.ROOT, "p50 %.1f ms, p99 %.1f ms, max %.0f ms", p50, p99, max);
        }
    }

    /** Sees each answer (on the worker's thread): running number, response, time answered (nanoTime). */
    interface Answers {
        void answer(long i, HttpResponse<String> response, long answeredNanos);
    }

    private Load() {
    }

    static Result closed(HttpClient client, int workers, Duration duration, LongFunction<HttpRequest> request,
            int okStatus, Answers onAnswer) {
        return run(client, workers, duration, 0, request, okStatus, onAnswer);
    }

    static Result paced(HttpClient client, int workers, int rate, Duration duration, LongFunction<HttpRequest> request,
            int okStatus, Answers onAnswer) {
        return run(client, workers, duration, rate, request, okStatus, onAnswer);
    }

    private static Result run(HttpClient client, int workers, Duration duration, int rate,
            LongFunction<HttpRequest> request, int okStatus, Answers onAnswer) {
        Recorder recorder = new Recorder(3);
        AtomicLong next = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        int slots = (int) duration.toSeconds() + 2;
        AtomicLongArray perSecond = new AtomicLongArray(slots);
        String[] firstFailure = new String[1];
        long t0 = System.nanoTime();
        long end = t0 + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        for (int w = 0; w < workers; w++) {
            pool.execute(() -> {
                while (true) {
                    long i = next.getAndIncrement();
                    long start = rate > 0 ? t0 + i * 1_000_000_000L / rate : System.nanoTime();
                    if (start >= end || System.nanoTime() >= end) {
                        return;
                    }
                    long wait = start - System.nanoTime();
                    if (wait > 0) {
                        try {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    try {
                        HttpResponse<String> r = client.send(request.apply(i), HttpResponse.BodyHandlers.ofString());
                        long now = System.nanoTime();
                        recorder.recordValue(Math.max(1, (now - start) / 1000));
                        if (okStatus == ANY_2XX ? r.statusCode() / 100 == 2 : r.statusCode() == okStatus) {
                            ok.incrementAndGet();
                            int slot = (int) ((now - t0) / 1_000_000_000L);
                            if (slot < slots) {
                                perSecond.incrementAndGet(slot);
                            }
                        } else {
                            fail(failed, firstFailure, r.statusCode() + " " + r.body());
                        }
                        if (onAnswer != null) {
                            onAnswer.answer(i, r, now);
                        }
                    } catch (Exception e) {
                        fail(failed, firstFailure, e.toString());
                    }
                }
            });
        }
        pool.shutdown();
        try {
            pool.awaitTermination(duration.toSeconds() + 120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Histogram h = recorder.getIntervalHistogram();
        long min = Long.MAX_VALUE;
        for (int s = 0; s < (int) duration.toSeconds(); s++) {
            min = Math.min(min, perSecond.get(s));
        }
        return new Result(ok.get() + failed.get(), ok.get(), failed.get(), seconds, ok.get() / seconds,
                min == Long.MAX_VALUE ? 0 : min, h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0, firstFailure[0]);
    }

    private static void fail(AtomicLong failed, String[] first, String what) {
        if (failed.getAndIncrement() == 0) {
            synchronized (first) {
                first[0] = what.length() > 400 ? what.substring(0, 400) : what;
            }
        }
    }
}
