package org.dlab.workbench.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** Every analysis chart is well-formed SVG, whatever the names in it hold, and draws what it is given. */
class AnalysisChartsTest {
    /** A name with every character XML treats specially, and a control character XML 1.0 cannot hold. */
    static final String ODD = "a<b & \"c\" 'd' >\u0001";

    static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void chartsAreWellFormedSvgWithEscapedNames() throws Exception {
        String trade = AnalysisCharts.tradeOff(ODD, new double[] {1, 0.8, 0.5}, new double[] {0.1, 0.4, 0.9}, new int[] {0, 1, 2}, 2);
        String limits = AnalysisCharts.boxLimits(ODD, List.of(new AnalysisCharts.Limit(ODD, 0.2, 0.7, 0, 1, 1e-6),
                new AnalysisCharts.Limit("x", Double.NEGATIVE_INFINITY, 3, 0, 10, Double.NaN)));
        boolean[] cases = {true, false, true, false};
        String pairs = AnalysisCharts.pairs(ODD, List.of(ODD, "y"), new double[][] {{0, 1, 2, 3}, {3, 2, 1, 0}}, cases,
                new double[] {0.5, Double.NEGATIVE_INFINITY}, new double[] {2.5, Double.POSITIVE_INFINITY});
        String bars = AnalysisCharts.intervalBars(ODD, "x", List.of(ODD, "b"), List.of("S1", "ST"), new double[][] {{0.3, -0.01}, {0.5, 0.2}},
                new double[][] {{0.2, -0.05}, {0.4, Double.NaN}}, new double[][] {{0.4, 0.03}, {0.6, Double.NaN}});
        String morris = AnalysisCharts.morris(ODD, List.of(ODD, "b"), new double[] {1, 0}, new double[] {0.5, 0}, new double[] {1.5, 0}, new double[] {0.2, 0});
        for (String svg : List.of(trade, limits, pairs, bars, morris)) {
            Document d = parse(svg);
            assertThat(d.getDocumentElement().getNodeName()).isEqualTo("svg");
            assertThat(svg).contains("a&lt;b &amp; &quot;c&quot; &apos;d&apos; &gt;").doesNotContain("NaN").doesNotContain("Infinity");
        }
        // the pairs panel draws the box's limits, an infinite one at the data's edge
        assertThat(pairs).contains("class=\"box\"").contains("class=\"points\"");
        assertThat(trade).contains("chosen box 2");
    }

    @Test
    void pairsThinsLargeClassesToAFewHundredPoints() {
        int n = 100_000;
        double[][] cols = new double[2][n];
        boolean[] cases = new boolean[n];
        for (int i = 0; i < n; i++) {
            cols[0][i] = i;
            cols[1][i] = n - i;
            cases[i] = i % 10 == 0;
        }
        String svg = AnalysisCharts.pairs("t", List.of("a", "b"), cols, cases, new double[] {0, 0}, new double[] {n, n});
        // two off-diagonal panels, each at most MAX_POINTS per class, one 'M' per point
        long squares = svg.chars().filter(c -> c == 'M').count();
        assertThat(squares).isLessThanOrEqualTo(2L * 2 * AnalysisCharts.MAX_POINTS + 50);
        assertThat(svg.length()).isLessThan(200_000);
    }

    @Test
    void fileNamesAreSafe() {
        assertThat(AnalysisCharts.fileName("P major conflict by 2035")).isEqualTo("p-major-conflict-by-2035");
        assertThat(AnalysisCharts.fileName("Defense burden[ROK]/max")).isEqualTo("defense-burden-rok-max");
        assertThat(AnalysisCharts.fileName("***")).isEqualTo("outcome");
    }
}
