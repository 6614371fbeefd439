package org.dlab.workbench.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.dlab.workbench.sample.MorrisSampler;
import org.dlab.workbench.sample.SaltelliSampler;
import org.dlab.workbench.sample.UnitSampler;
import org.junit.jupiter.api.Test;

class SensitivityTest {
    /** Evaluates f over a unit design whose coordinates are mapped to [lo, hi]. */
    static double[] evaluate(UnitSampler s, double lo, double hi, ToDoubleFunction<double[]> f) {
        double[] y = new double[(int) s.size()];
        double[] u = new double[s.dimensions()];
        double[] x = new double[s.dimensions()];
        for (int i = 0; i < y.length; i++) {
            s.point(i, u);
            for (int d = 0; d < u.length; d++) x[d] = lo + (hi - lo) * u[d];
            y[i] = f.applyAsDouble(x);
        }
        return y;
    }

    static double ishigami(double[] x) {
        return Math.sin(x[0]) + 7 * Math.sin(x[1]) * Math.sin(x[1]) + 0.1 * Math.pow(x[2], 4) * Math.sin(x[0]);
    }

    @Test
    void ishigamiIndicesMatchTheAnalyticValues() {
        int n = 8192;
        double[] y = evaluate(new SaltelliSampler(n, 3), -Math.PI, Math.PI, SensitivityTest::ishigami);
        SobolAnalysis.Result r = SobolAnalysis.analyze(List.of("x1", "x2", "x3"), y, new SobolAnalysis.Options(100, 0.95, 7, true));
        double[] s1 = {0.3139, 0.4424, 0.0};
        double[] st = {0.5576, 0.4424, 0.2437};
        for (int i = 0; i < 3; i++) {
            System.out.printf("Ishigami x%d: S1 %s  ST %s%n", i + 1, r.first()[i], r.total()[i]);
            assertThat(r.first()[i].value()).as("S1 of x%d", i + 1).isCloseTo(s1[i], within(0.02));
            assertThat(r.total()[i].value()).as("ST of x%d", i + 1).isCloseTo(st[i], within(0.02));
            assertThat(r.first()[i].low()).isLessThanOrEqualTo(r.first()[i].value());
            assertThat(r.first()[i].high()).isGreaterThanOrEqualTo(r.first()[i].value());
        }
        // the only interaction is x1-x3: S13 = ST1 - S1 = 0.2437; the others vanish
        Estimate[][] s2 = r.second();
        System.out.printf("Ishigami S12 %s S13 %s S23 %s%n", s2[0][1], s2[0][2], s2[1][2]);
        assertThat(s2[0][2].value()).isCloseTo(0.2437, within(0.05));
        assertThat(s2[0][1].value()).isCloseTo(0.0, within(0.05));
        assertThat(s2[1][2].value()).isCloseTo(0.0, within(0.05));
    }

    @Test
    void sobolGFunctionFirstOrderIndices() {
        double[] a = {0, 1, 4.5, 9, 99, 99, 99, 99};
        // analytic: V_i = 1 / (3 (1 + a_i)^2), V = prod(1 + V_i) - 1
        double[] vi = new double[a.length];
        double v = 1;
        for (int i = 0; i < a.length; i++) {
            vi[i] = 1 / (3 * (1 + a[i]) * (1 + a[i]));
            v *= 1 + vi[i];
        }
        v -= 1;
        double[] y = evaluate(new SaltelliSampler(8192, a.length), 0, 1, x -> {
            double p = 1;
            for (int i = 0; i < a.length; i++) p *= (Math.abs(4 * x[i] - 2) + a[i]) / (1 + a[i]);
            return p;
        });
        SobolAnalysis.Result r = SobolAnalysis.analyze(Dataset.defaultNames(a.length), y, new SobolAnalysis.Options(50, 0.95, 3, false));
        double[] expected = {0.716, 0.179, 0.024, 0.007};
        for (int i = 0; i < a.length; i++) {
            System.out.printf("G x%d: S1 %s (analytic %.4f)  ST %s%n", i, r.first()[i], vi[i] / v, r.total()[i]);
            assertThat(vi[i] / v).isCloseTo(i < 4 ? expected[i] : 0, within(0.001));
            assertThat(r.first()[i].value()).as("S1 of x%d", i).isCloseTo(vi[i] / v, within(0.02));
        }
    }

    @Test
    void morrisRanksInertInputsLast() {
        int dims = 6;
        MorrisSampler s = new MorrisSampler(40, dims, 4, 11);
        double[][] pts = new double[(int) s.size()][dims];
        double[] y = new double[pts.length];
        for (int i = 0; i < pts.length; i++) {
            s.point(i, pts[i]);
            double[] x = pts[i];
            // x3 .. x5 are inert; x0 linear, x1 non-linear, x2 only through an interaction with x0
            y[i] = 5 * x[0] + 3 * x[1] * x[1] + 4 * x[0] * x[2];
        }
        MorrisAnalysis.Result r = MorrisAnalysis.analyze(Dataset.defaultNames(dims), pts, y, new MorrisAnalysis.Options(500, 0.95, 5));
        r.ranked().forEach(m -> System.out.printf("Morris %s: mu %s mu* %s sigma %s%n", m.name(), m.mu(), m.muStar(), m.sigma()));
        List<String> order = r.ranked().stream().map(MorrisAnalysis.Measure::name).toList();
        assertThat(order.subList(0, 3)).containsExactlyInAnyOrder("x0", "x1", "x2");
        for (String inert : List.of("x3", "x4", "x5")) {
            assertThat(r.of(inert).muStar().value()).isEqualTo(0.0);
            assertThat(r.of(inert).sigma().value()).isEqualTo(0.0);
        }
        // the linear input has constant effects only where it does not interact: x0's sigma comes from x2
        assertThat(r.of("x0").muStar().value()).isGreaterThan(r.of("x2").muStar().value());
        assertThat(r.of("x2").sigma().value()).isGreaterThan(0);
        assertThat(r.of("x0").muStar().contains(r.of("x0").muStar().value())).isTrue();
    }
}
