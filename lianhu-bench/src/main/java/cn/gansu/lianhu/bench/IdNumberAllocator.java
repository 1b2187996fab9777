package cn.gansu.lianhu.bench;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import cn.gansu.lianhu.api.IdNumbers;

/**
 * Hands out GB 11643 ID numbers that are unique across the whole output: 6-digit region prefix (a Gansu county of
 * the bundled data), 8-digit birth date, 3-digit sequence (odd male, even female) and the MOD 11-2 check character
 * ({@link IdNumbers#checkCharacter}). For each (county, birth date, sex) the k-th person gets the k-th element of a
 * fixed permutation of the 499 sequences of that sex, so numbers look scattered yet never repeat; the rare 500th
 * person of one day is born a day earlier.
 */
final class IdNumberAllocator {
    private static final int DAYS = 366 * 110;
    private final Map<String, short[]> counters = new HashMap<>();
    private final long lastDay;
    private final long seed;

    /** @param latestBirth no birth date after this day is handed out */
    IdNumberAllocator(long seed, LocalDate latestBirth) {
        this.seed = seed;
        this.lastDay = latestBirth.toEpochDay();
    }

    /** A new ID number born in {@code county} on {@code birth} (or the nearest earlier free day). */
    String next(String county, LocalDate birth, boolean male) {
        short[] c = counters.computeIfAbsent(county, k -> new short[DAYS * 2]);
        long day = Math.min(birth.toEpochDay(), lastDay);
        while (true) {
            int slot = (int) ((lastDay - day) * 2 + (male ? 0 : 1));
            if (slot >= c.length) {
                throw new IllegalStateException("no ID number left for county " + county);
            }
            int k = c[slot];
            if (k < 499) {
                c[slot]++;
                long h = Rng.mix(seed ^ Rng.mix(Long.parseLong(county) * 1_000_003L + day * 2 + (male ? 1 : 0)));
                int step = 1 + (int) Long.remainderUnsigned(h, 498);
                int off = (int) Long.remainderUnsigned(h >>> 20, 499);
                int index = (int) ((k * (long) step + off) % 499);
                int seq = male ? 2 * index + 1 : 2 * index + 2;
                LocalDate d = LocalDate.ofEpochDay(day);
                StringBuilder sb = new StringBuilder(18).append(county).append(d.getYear());
                if (d.getMonthValue() < 10) {
                    sb.append('0');
                }
                sb.append(d.getMonthValue());
                if (d.getDayOfMonth() < 10) {
                    sb.append('0');
                }
                sb.append(d.getDayOfMonth());
                if (seq < 100) {
                    sb.append('0');
                }
                if (seq < 10) {
                    sb.append('0');
                }
                sb.append(seq);
                return sb.append(IdNumbers.checkCharacter(sb.toString())).toString();
            }
            day--;
        }
    }
}
