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
        return Matrices.inverse(m);
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
        assertThat(inverse(new double[] {1, 2, 2, 4})).containsOnly(Double.NaN);
        assertThat(inverse(new double[] {1, 2, 3})).containsOnly(Double.NaN);
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
    void eachCallSiteKeepsItsOwnInverseUntilItIsInvertedAgain() {
        Matrices.inverse(new double[] {4, 7, 2, 6}, 1, 0);
        Matrices.inverse(new double[] {2, 0, 0, 4}, 2, 0);
        assertThat(Matrices.inverseElement(2, 1, 0)).isCloseTo(0.6, within(1e-15));
        assertThat(Matrices.inverseElement(2, 2, 3)).isCloseTo(0.25, within(1e-15));
        Matrices.inverse(new double[] {1, 0, 0, 8}, 1, 0);
        assertThat(Matrices.inverseElement(2, 1, 3)).isCloseTo(0.125, within(1e-15));
        assertThat(Matrices.inverseElement(2, 9, 0)).isNaN();
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
    void aHundredSquareModelBuildsAndItsInverseTimesTheMatrixIsTheIdentity() {
        // 100 x 100 used to run the CLI out of memory: every element carried the whole matrix;
        // the product is formed here rather than in the model (a SUM of 10^6 terms is slow to build)
        int n = 100;
        String mdl = model(n).replaceFirst("product\\[.*\\n", "");
        SimResult r = ModelLoader.compile(VensimParser.parse("inv.mdl", mdl, Path.of("."))).newRun().simulate();
        java.util.Map<String, Double> last = new java.util.HashMap<>();
        for (int c = 0; c < r.names().size(); c++) last.put(r.names().get(c), r.value(c, r.times().length - 1));
        double[][] m = new double[n + 1][n + 1];
        double[][] inv = new double[n + 1][n + 1];
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= n; j++) {
                m[i][j] = last.get("m[d" + i + ",d" + j + "]");
                inv[i][j] = last.get("inv[d" + i + ",d" + j + "]");
            }
        }
        double worst = 0;
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= n; j++) {
                double s = 0;
                for (int k = 1; k <= n; k++) s += m[i][k] * inv[k][j];
                worst = Math.max(worst, Math.abs(s - (i == j ? 1 : 0)));
            }
        }
        assertThat(worst).isLessThan(1e-12);
    }
}
