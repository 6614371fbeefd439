package org.dlab.workbench.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SortedColumnsTest {
    @Test
    void radixSortMatchesArraysSortAndIsStable() {
        SplittableRandom r = new SplittableRandom(4);
        int n = 20_000;
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            switch (i % 5) {
                case 0: a[i] = r.nextGaussian() * 1e6; break;
                case 1: a[i] = r.nextInt(7) - 3; break; // many ties, negatives, zero
                case 2: a[i] = -r.nextDouble(); break;
                case 3: a[i] = i % 10 == 3 ? Double.NEGATIVE_INFINITY : Double.MAX_VALUE; break;
                default: a[i] = r.nextDouble() * 1e-300; break;
            }
        }
        a[7] = -0.0;
        Dataset x = Dataset.ofColumns(List.of("a"), new double[][] {a});
        SortedColumns s = SortedColumns.of(x);
        double[] expected = a.clone();
        Arrays.sort(expected);
        double[] values = s.values(0);
        int[] order = s.order(0);
        for (int i = 0; i < n; i++) {
            assertThat(values[i] == expected[i]).as("value %d", i).isTrue();
            assertThat(a[order[i]]).isEqualTo(values[i]);
            if (i > 0 && values[i] == values[i - 1] && Double.compare(values[i], values[i - 1]) == 0) {
                assertThat(order[i]).as("ties keep row order").isGreaterThan(order[i - 1]);
            }
        }
    }
}
