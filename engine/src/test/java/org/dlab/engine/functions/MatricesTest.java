package org.dlab.engine.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.dlab.engine.ModelException;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.run.Matrices;
import org.dlab.engine.run.SimResult;
import org.dlab.engine.vensim.VensimParser;
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

    @Test
    void invertsTwoHundredSquareSoThatTheProductIsTheIdentity() {
        // a fixed pseudo-random matrix with a heavy diagonal (well conditioned); A * inv(A) = I
        int n = 200;
        double[] a = new double[n * n];
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < n * n; i++) a[i] = r.nextDouble() - 0.5;
        for (int i = 0; i < n; i++) a[i * n + i] += n / 4.0;
        double[] inv = inverse(a);
        double worst = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) s += a[i * n + k] * inv[k * n + j];
                worst = Math.max(worst, Math.abs(s - (i == j ? 1 : 0)));
            }
        }
        assertThat(worst).isLessThan(1e-12);
    }

    @Test
    void aChangedMatrixIsInvertedAgain() {
        // the per-thread cache must not answer for a matrix whose values changed
        assertThat(Matrices.invert(new double[] {4, 7, 2, 6}, 0)).isCloseTo(0.6, within(1e-15));
        assertThat(Matrices.invert(new double[] {2, 0, 0, 4}, 0)).isCloseTo(0.5, within(1e-15));
        assertThat(Matrices.invert(new double[] {2, 0, 0, 4}, 3)).isCloseTo(0.25, within(1e-15));
    }

    private static String model(int n) {
        return "{UTF-8}\ndim: (d1-d" + n + ") ~ ~ |\ndim2 <-> dim ~ ~ |\n"
                + "m[dim, dim2] = IF THEN ELSE(dim = dim2, 10, 1 / (dim + dim2)) ~ ~ |\n"
                + "inv[dim, dim2] = INVERT MATRIX(m[dim, dim2], " + n + ") ~ ~ |\n"
                + "product[dim, dim2] = SUM(m[dim, dim3!] * inv[dim3!, dim2]) ~ ~ |\ndim3 <-> dim ~ ~ |\n"
                + "INITIAL TIME = 0 ~ ~ |\nFINAL TIME = 1 ~ ~ |\nTIME STEP = 1 ~ ~ |\nSAVEPER = 1 ~ ~ |\n";
    }

    @Test
    void aModelsInverseTimesItsMatrixIsTheIdentity() {
        int n = 12;
        SimResult r = ModelLoader.compile(VensimParser.parse("inv.mdl", model(n), Path.of("."))).newRun().simulate();
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= n; j++) {
                assertThat(r.last("product[d" + i + ",d" + j + "]")).as("row %d column %d", i, j).isCloseTo(i == j ? 1 : 0, within(1e-12));
            }
        }
    }

    @Test
    void aMatrixLargerThanTheEngineBuildsIsAnErrorAtTheCall() {
        // 100 x 100 used to run the CLI out of memory (n^4 nodes) with a stack trace
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ModelLoader.compile(VensimParser.parse("inv.mdl", model(65), Path.of("."))))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.describe())
                        .isEqualTo("inv.mdl:5:18: INVERT MATRIX of a 65 x 65 matrix is larger than this engine builds (at most 64 x 64)"));
    }
}
