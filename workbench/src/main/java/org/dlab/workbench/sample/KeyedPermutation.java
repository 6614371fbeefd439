package org.dlab.workbench.sample;

/**
 * A pseudo-random permutation of {@code 0..n-1} evaluated at one index in constant time: a
 * four-round Feistel network over the smallest even power of two at least n, with cycle walking
 * back into range. A Latin hypercube needs one permutation per dimension; computing it on demand
 * keeps the design's memory independent of the number of runs.
 */
public final class KeyedPermutation {
    private static final int ROUNDS = 4;
    private final long n;
    private final long key;
    private final int halfBits;
    private final long halfMask;

    public KeyedPermutation(long n, long key) {
        if (n < 1) throw new IllegalArgumentException("n must be positive");
        this.n = n;
        this.key = key;
        int bits = 64 - Long.numberOfLeadingZeros(Math.max(1, n - 1));
        if (bits % 2 == 1) bits++;
        halfBits = Math.max(1, bits / 2);
        halfMask = (1L << halfBits) - 1;
    }

    /** The image of {@code x} (0 <= x < n). */
    public long apply(long x) {
        if (n == 1) return 0;
        long y = x;
        do {
            y = encrypt(y);
        } while (y >= n);
        return y;
    }

    private long encrypt(long x) {
        long left = x >>> halfBits;
        long right = x & halfMask;
        for (int r = 0; r < ROUNDS; r++) {
            long f = Hash.word(key, r, right) & halfMask;
            long next = left ^ f;
            left = right;
            right = next;
        }
        return (left << halfBits) | right;
    }
}
