package cn.gansu.lianhu.pairing.service;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wall and CPU time of the phases of one long operation on the current thread, for the log: "cadres 3205 ms
 * (cpu 900 ms), …"; a phase ended several times (one per chunk) adds up. CPU time is this thread's only, so wall
 * minus CPU is mostly time spent waiting on PostgreSQL.
 */
final class Phases {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final Map<String, long[]> phases = new LinkedHashMap<>();
    private long wall = System.nanoTime();
    private long cpu = cpu();

    private static long cpu() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
    }

    /** Ends a phase started at the previous call (or at construction). */
    void end(String name) {
        long w = System.nanoTime();
        long c = cpu();
        long[] sum = phases.computeIfAbsent(name, k -> new long[2]);
        sum[0] += w - wall;
        sum[1] += c - cpu;
        wall = w;
        cpu = c;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, long[]> e : phases.entrySet()) {
            text.append(text.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
                    .append(e.getValue()[0] / 1_000_000).append(" ms (cpu ").append(e.getValue()[1] / 1_000_000)
                    .append(" ms)");
        }
        return text.toString();
    }
}
