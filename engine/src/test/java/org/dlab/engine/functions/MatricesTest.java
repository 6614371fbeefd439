package org.dlab.engine.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.dlab.engine.run.Matrices;
import org.junit.jupiter.api.Test;

class MatricesTest {
    private static double[] inverse(double[] m) {
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) out[i] = Matrices.invert(m, i);
        return out;
    }

    @Test
    void invertsTwoByTwo() {
        // [[4,7],[2,6]] has determinant 10: inverse [[0.6,-0.7],[-0.2,0.4]]
        assertThat(inverse(new double[] {4, 7, 2, 6})).containsExactly(new double[] {0.6, -0.7, -0.2, 0.4}, within(1e-15));
    }

    @Test
    void invertsWithPivoting() {
        // a zero on the diagonal needs a row swap; inverse checked by hand (det = 10)
        double[] m = {3, 0, 2, 2, 0, -2, 0, 1, 1};
        double[] want = {0.2, 0.2, 0, -0.2, 0.3, 1, 0.2, -0.3, 0};
        assertThat(inverse(m)).containsExactly(want, within(1e-15));
    }

    @Test
    void singularOrNonSquareIsNa() {
        assertThat(Matrices.invert(new double[] {1, 2, 2, 4}, 0)).isNaN();
        assertThat(Matrices.invert(new double[] {1, 2, 3}, 0)).isNaN();
    }
}
