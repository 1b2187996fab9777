package cn.gansu.lianhu.bench;

/**
 * SplitMix64, written out here so that the generated files depend on nothing but the seed: the algorithm of
 * {@code java.util.SplittableRandom} may change between JDKs, this one never does. One instance per output file,
 * derived from the seed and the file's name, so adding visits does not change the other files.
 */
final class Rng {
    private long state;

    Rng(long seed, String stream) {
        long h = seed;
        for (int i = 0; i < stream.length(); i++) {
            h = mix(h + stream.charAt(i) * 0x9E3779B97F4A7C15L);
        }
        this.state = h;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    /** Uniform in [0, bound). */
    int nextInt(int bound) {
        return (int) Long.remainderUnsigned(nextLong(), bound);
    }

    /** Uniform in [from, to] (both included). */
    int between(int from, int to) {
        return from + nextInt(to - from + 1);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    boolean chance(double p) {
        return nextDouble() < p;
    }

    /** An index drawn with the given relative weights. */
    int weighted(int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int r = nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    <T> T pick(T[] values) {
        return values[nextInt(values.length)];
    }
}
