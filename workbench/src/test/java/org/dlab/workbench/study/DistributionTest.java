package org.dlab.workbench.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class DistributionTest {
    @Test
    void normalCdfMatchesKnownValues() {
        assertThat(NormalMath.cdf(0)).isEqualTo(0.5);
        assertThat(NormalMath.cdf(1)).isCloseTo(0.8413447460685429, within(1e-14));
        assertThat(NormalMath.cdf(-2)).isCloseTo(0.022750131948179195, within(1e-15));
        assertThat(NormalMath.cdf(3)).isCloseTo(0.9986501019683699, within(1e-14));
        assertThat(NormalMath.cdf(-8)).isCloseTo(6.22096057427178e-16, within(1e-20));
    }

    @Test
    void quantileInvertsTheCdf() {
        // above ~3 the CDF is 1 - (tiny), and doubles near 1 cannot hold the tiny part precisely
        for (double x = -8; x <= 3; x += 0.37) assertThat(NormalMath.quantile(NormalMath.cdf(x))).isCloseTo(x, within(1e-9 * Math.max(1, Math.abs(x))));
        assertThat(NormalMath.quantile(0.975)).isCloseTo(1.959963984540054, within(1e-12));
        assertThat(NormalMath.quantile(0.5)).isCloseTo(0, within(1e-15));
    }

    @Test
    void truncatedNormalStaysInBoundsAndHasItsMedian() {
        Distribution.Normal n = new Distribution.Normal(10, 2, 9, 20);
        assertThat(n.fromUnit(0)).isEqualTo(9);
        assertThat(n.fromUnit(1)).isEqualTo(20);
        // median of the truncated distribution: cdf(m) = (cdf(-0.5) + cdf(5)) / 2
        double m = n.fromUnit(0.5);
        double p = (NormalMath.cdf((m - 10) / 2) - NormalMath.cdf(-0.5)) / (NormalMath.cdf(5) - NormalMath.cdf(-0.5));
        assertThat(p).isCloseTo(0.5, within(1e-9));
        // a window far in the upper tail keeps its precision
        Distribution.Normal tail = new Distribution.Normal(0, 1, 9, 10);
        assertThat(tail.fromUnit(0.5)).isBetween(9.0, 9.2);
    }

    @Test
    void otherDistributionsMapQuantiles() {
        assertThat(new Distribution.Uniform(2, 4).fromUnit(0.25)).isEqualTo(2.5);
        Distribution.Triangular t = new Distribution.Triangular(0, 1, 4);
        assertThat(t.fromUnit(0.25)).isCloseTo(1, within(1e-12));
        assertThat(t.fromUnit(0)).isEqualTo(0);
        assertThat(t.fromUnit(1)).isEqualTo(4);
        Distribution.LogNormal ln = new Distribution.LogNormal(0, 1, 0, 100);
        // the median of ln x is 0 (x = 1) before truncation; after it, x = 1 sits at quantile 0.5 / cdf(ln 100)
        assertThat(ln.fromUnit(0.5 / NormalMath.cdf(Math.log(100)))).isCloseTo(1, within(1e-9));
        assertThat(ln.fromUnit(0)).isEqualTo(0);
        Distribution.IntegerRange i = new Distribution.IntegerRange(3, 5);
        assertThat(List.of(i.fromUnit(0), i.fromUnit(0.34), i.fromUnit(0.99), i.fromUnit(1))).containsExactly(3.0, 4.0, 5.0, 5.0);
        assertThat(new Distribution.Bool().fromUnit(0.49)).isEqualTo(0);
        assertThat(new Distribution.Bool().fromUnit(0.5)).isEqualTo(1);
    }
}
