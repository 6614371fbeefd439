package org.dlab.workbench.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The Sobol low-discrepancy sequence with Joe and Kuo's direction numbers ("new-joe-kuo-6",
 * search criterion D(6), the first 1000 dimensions; see {@code new-joe-kuo-6.SOURCE.txt} beside
 * the table). Point {@code i} is computed directly as the XOR of the direction numbers selected
 * by the bits of i's Gray code, so it equals the i-th point of the usual sequential generator
 * (point 0 is the origin) and costs O(log i) regardless of which points came before.
 */
public final class SobolSequence {
    public static final int MAX_DIMENSIONS = 1000;
    /** Bits of each coordinate: indexes below 2^32 and coordinates that are exact multiples of 2^-32. */
    private static final int BITS = 32;
    private static final String TABLE = "new-joe-kuo-6.1000";

    private final int dims;
    /** direction[d][k] = v_{k+1} scaled by 2^32. */
    private final long[][] direction;

    public SobolSequence(int dims) {
        if (dims < 1 || dims > MAX_DIMENSIONS) {
            throw new IllegalArgumentException("the Sobol table has " + MAX_DIMENSIONS + " dimensions; " + dims + " asked");
        }
        this.dims = dims;
        direction = new long[dims][BITS];
        for (int k = 0; k < BITS; k++) direction[0][k] = 1L << (BITS - 1 - k);
        if (dims > 1) readTable();
    }

    public int dimensions() {
        return dims;
    }

    private void readTable() {
        try (InputStream in = SobolSequence.class.getResourceAsStream(TABLE)) {
            if (in == null) throw new IllegalStateException("missing resource " + TABLE);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            r.readLine(); // header: d s a m_i
            for (int d = 1; d < dims; d++) {
                String line = r.readLine();
                if (line == null) throw new IllegalStateException(TABLE + " ends before dimension " + (d + 1));
                String[] f = line.trim().split("\\s+");
                int s = Integer.parseInt(f[1]);
                int a = Integer.parseInt(f[2]);
                long[] v = direction[d];
                for (int k = 0; k < s && k < BITS; k++) v[k] = Long.parseLong(f[3 + k]) << (BITS - 1 - k);
                for (int k = s; k < BITS; k++) {
                    long x = v[k - s] ^ (v[k - s] >>> s);
                    for (int j = 1; j < s; j++) {
                        if (((a >>> (s - 1 - j)) & 1) == 1) x ^= v[k - j];
                    }
                    v[k] = x;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes point {@code index} (0 <= index < 2^32) into {@code out[0..dims-1]}. */
    public void point(long index, double[] out) {
        point(index, out, 0);
    }

    /** Writes point {@code index} into {@code out[offset..offset+dims-1]}. */
    public void point(long index, double[] out, int offset) {
        if (index < 0 || index >= (1L << BITS)) throw new IllegalArgumentException("Sobol index out of range: " + index);
        long gray = index ^ (index >>> 1);
        for (int d = 0; d < dims; d++) {
            long x = 0;
            long g = gray;
            long[] v = direction[d];
            for (int k = 0; g != 0; k++, g >>>= 1) {
                if ((g & 1) != 0) x ^= v[k];
            }
            out[offset + d] = x * 0x1.0p-32;
        }
    }
}
