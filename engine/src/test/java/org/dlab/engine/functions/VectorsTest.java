package org.dlab.engine.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.dlab.engine.run.Vectors;
import org.junit.jupiter.api.Test;

/** Runtime of the VECTOR functions against values from Vensim's outputs and by hand. */
class VectorsTest {
    /** revenue[company] at time 0 in sd-test-models tests/vector_order. */
    private static final double[] REVENUE = {-25, 18, 27, -2, 2};

    private static double[] each(int n, java.util.function.IntToDoubleFunction f) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = f.applyAsDouble(i);
        return out;
    }

    @Test
    void sortOrderIsZeroBasedAscendingOrReversed() {
        // Vensim: SORT ORDER = 0,3,4,1,2 and SORT ORDER neg = 2,1,4,3,0
        assertThat(each(5, i -> Vectors.sortOrder(REVENUE, 1, i))).containsExactly(0, 3, 4, 1, 2);
        assertThat(each(5, i -> Vectors.sortOrder(REVENUE, 0, i))).containsExactly(2, 1, 4, 3, 0);
    }

    @Test
    void rankIsOneBased() {
        // Vensim: revenue RANK = 1,4,5,2,3 and revenue RANK neg = 5,2,1,4,3
        assertThat(each(5, i -> Vectors.rank(REVENUE, 1, i))).containsExactly(1, 4, 5, 2, 3);
        assertThat(each(5, i -> Vectors.rank(REVENUE, -1, i))).containsExactly(5, 2, 1, 4, 3);
    }

    @Test
    void tiesKeepPositionAscendingAndReverseItDescending() {
        double[] v = {3, 1, 3, 1};
        assertThat(each(4, i -> Vectors.sortOrder(v, 1, i))).containsExactly(1, 3, 0, 2);
        assertThat(each(4, i -> Vectors.sortOrder(v, 0, i))).containsExactly(2, 0, 3, 1);
        assertThat(each(4, i -> Vectors.rank(v, 1, i))).containsExactly(3, 1, 4, 2);
        assertThat(each(4, i -> Vectors.rank(v, 0, i))).containsExactly(2, 4, 1, 3);
    }

    @Test
    void reorderBySortOrderSorts() {
        double[] order = each(5, i -> Vectors.sortOrder(REVENUE, 1, i));
        assertThat(each(5, i -> Vectors.reorder(REVENUE, order[i], i))).containsExactly(-25, -2, 2, 18, 27);
        assertThat(Vectors.reorder(REVENUE, 5, 0)).isNaN();
    }

    @Test
    void elmMapOffsetsFromTheElementAndIsNaOutside() {
        double[] v = {10, 20, 30};
        assertThat(Vectors.elmMap(v, 0, 1)).isEqualTo(20);
        assertThat(Vectors.elmMap(v, -1, 1)).isEqualTo(10);
        assertThat(Vectors.elmMap(v, 2, 0)).isEqualTo(30);
        assertThat(Vectors.elmMap(v, -1, 0)).isNaN();
        assertThat(Vectors.elmMap(v, 3, 0)).isNaN();
    }

    @Test
    void selectActionsMatchVensim() {
        double[] sel = {1, 0.3, -1, 0.5, 1};
        double[] input1 = {-0.5, -1.2, 0.3, -1, 1};
        // Aout1 at times 0..4 (action = Time) in tests/vector_select
        double[] want = {-0.66, 0.027, -0.5, 1, -0.132};
        for (int a = 0; a < 5; a++) assertThat(Vectors.select(sel, input1, -12345, a, 0, 0)).isCloseTo(want[a], within(1e-12));
        // actions 6..10: sum, product, min, max, mean of the selected values themselves
        assertThat(Vectors.select(sel, input1, -12345, 6, 0, 0)).isCloseTo(-1.4, within(1e-12));
        assertThat(Vectors.select(sel, input1, -12345, 7, 0, 0)).isCloseTo(-0.18, within(1e-12));
        assertThat(Vectors.select(sel, input1, -12345, 8, 0, 0)).isEqualTo(-1.2);
        assertThat(Vectors.select(sel, input1, -12345, 9, 0, 0)).isEqualTo(1);
        assertThat(Vectors.select(sel, input1, -12345, 10, 0, 0)).isCloseTo(-0.28, within(1e-12));
        // action 5 is the product of expr^sel: Aout1 1 with input1b = 1.76037
        double[] input1b = {0.5, 1.2, 0.3, 1, 1};
        assertThat(Vectors.select(sel, input1b, -12345, 5, 0, 0)).isCloseTo(1.76037, within(1e-5));
    }

    @Test
    void selectWithNothingSelectedGivesMissingOrAnError() {
        double[] zeros = {0, 0, 0};
        double[] x = {1, 2, 3};
        assertThat(Vectors.select(zeros, x, -12345, 0, 0, 0)).isEqualTo(-12345);
        assertThat(Vectors.select(zeros, x, -12345, 0, 1, 0)).isNaN();
        assertThat(Vectors.select(new double[] {1, 1, 0}, x, -1, 0, 2, 0)).isNaN();
        assertThat(Vectors.select(new double[] {0, 2, 0}, x, -1, 0, 3, 0)).isEqualTo(4);
        assertThat(Vectors.select(x, x, -1, 11, 0, 0)).isNaN();
    }
}
