package org.dlab.workbench.sample;

/**
 * Counter-based random numbers: a value is a pure function of (seed, stream, index), built from
 * SplitMix64's finalizer. Unlike a sequential generator, the k-th draw costs the same as the
 * first and does not depend on which thread asked first, so designs are identical on any
 * machine and any number of threads.
 */
public final class Hash {
    private Hash() {}

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    /** SplitMix64's output function: a bijection of 64-bit words with good avalanche. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A 64-bit word for (seed, a, b). */
    public static long word(long seed, long a, long b) {
        return mix(mix(mix(seed + GOLDEN) + a * GOLDEN) + b);
    }

    /** A double uniform in [0, 1) with 53 random bits for (seed, a, b). */
    public static double unit(long seed, long a, long b) {
        return (word(seed, a, b) >>> 11) * 0x1.0p-53;
    }

    /** A whole number uniform in [0, n) for (seed, a, b), without modulo bias. */
    public static long below(long seed, long a, long b, long n) {
        long bound = n;
        for (long tries = 0; ; tries++) {
            long r = word(seed, a, b + tries * GOLDEN) >>> 1;
            long v = r % bound;
            if (r - v + (bound - 1) >= 0) return v;
        }
    }
}
