package org.dlab.workbench.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.dlab.engine.ir.Pos;
import org.dlab.workbench.Exploration;
import org.dlab.workbench.TestModels;
import org.dlab.workbench.run.Progress;
import org.dlab.workbench.run.RunRecord;
import org.dlab.workbench.sample.SamplerKind;
import org.dlab.workbench.store.ResultsStore;
import org.dlab.workbench.study.BoundStudy;
import org.dlab.workbench.study.Study.Kind;
import org.dlab.workbench.study.Study.Op;
import org.dlab.workbench.study.Study.Outcome;
import org.dlab.workbench.study.Study.Reduction;
import org.dlab.workbench.study.StudyParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonTest {
    @TempDir Path tmp;

    private static Outcome outcome(Kind kind, double threshold) {
        return new Outcome("cost", "x", new Reduction(Op.FINAL, Double.NaN), kind, threshold, Pos.NONE, Pos.NONE, Pos.NONE);
    }

    /** Three futures, two policies: a hand-checkable comparison. */
    @Test
    void figuresOfASmallCase() {
        // future:      0      1      2
        // policy A:    1      5      3
        // policy B:    2      4    (fails)
        MemorySink m = new MemorySink(6, 1);
        double[][] v = {{1, 2}, {5, 4}, {3, Double.NaN}};
        for (int s = 0; s < 3; s++) {
            for (int p = 0; p < 2; p++) {
                boolean ok = !Double.isNaN(v[s][p]);
                m.accept(new RunRecord(s * 2L + p, s, p, new double[0], new double[] {v[s][p]}, ok, ok ? null : "NaN", null, 0));
            }
        }
        Comparison c = Comparison.of(List.of("A", "B"), List.of(outcome(Kind.MINIMIZE, 2.5)), false, 3, m);
        Comparison.OutcomeStats s = c.stats().get(0);
        assertThat(c.failed()).containsExactly(0, 1);
        assertThat(s.futures()).containsExactly(3, 2);
        assertThat(s.mean()).containsExactly(3, 3);
        assertThat(s.median()).containsExactly(3, 3);
        assertThat(s.p5()[0]).isCloseTo(1.2, within(1e-12)); // 1 + 0.1 * (3 - 1)
        assertThat(s.beyond()).containsExactly(2 / 3.0, 0.5); // above 2.5 is bad when minimizing
        assertThat(s.paired()).isEqualTo(2); // future 2 lacks B
        assertThat(s.beats()[0][1]).isEqualTo(0.5);
        assertThat(s.beats()[1][0]).isEqualTo(0.5);
        assertThat(s.meanRegret()).containsExactly(0.5, 0.5); // A: (0 + 1) / 2, B: (1 + 0) / 2
        assertThat(c.table()).contains("P(> 2.5)").contains("beats A").contains("mean regret");
        Comparison max = Comparison.of(List.of("A", "B"), List.of(outcome(Kind.MAXIMIZE, 2.5)), false, 3, m);
        assertThat(max.stats().get(0).beyond()).containsExactly(1 / 3.0, 0.5);
        assertThat(max.stats().get(0).meanRegret()).containsExactly(0.5, 0.5);
        // as a time of first crossing, "no value" in a successful run means never: later than any crossing
        MemorySink t = new MemorySink(4, 1);
        double[][] times = {{3, Double.NaN}, {Double.NaN, Double.NaN}};
        for (int s2 = 0; s2 < 2; s2++) {
            for (int p = 0; p < 2; p++) t.accept(new RunRecord(s2 * 2L + p, s2, p, new double[0], new double[] {times[s2][p]}, true, null, null, 0));
        }
        Outcome first = new Outcome("war", "x", new Reduction(Op.FIRST_ABOVE, 1), Kind.MAXIMIZE, Double.NaN, Pos.NONE, Pos.NONE, Pos.NONE);
        Comparison.OutcomeStats ft = Comparison.of(List.of("A", "B"), List.of(first), false, 2, t).stats().get(0);
        assertThat(ft.never()).containsExactly(0.5, 1.0);
        assertThat(ft.paired()).isEqualTo(2);
        assertThat(ft.beats()[1][0]).isEqualTo(0.5); // B (never) beats A (year 3) in future 0; future 1 is a tie
        assertThat(ft.beats()[0][1]).isEqualTo(0);
        assertThat(ft.meanRegret()[0]).isNaN(); // no future where both crossed
        Comparison info = Comparison.of(List.of("A", "B"), List.of(outcome(Kind.INFO, Double.NaN)), false, 3, m);
        assertThat(info.table()).doesNotContain("beats").doesNotContain("regret");
    }

    /** The comparison agrees with SQL over an explore store made with the same options. */
    @Test
    void agreesWithTheStoreOfTheSameExploration() throws Exception {
        BoundStudy sir = BoundStudy.bind(StudyParser.parse(TestModels.resource("sir-study.yaml")));
        Comparison c = PolicyComparison.run(sir, List.of("none", "vaccinate"), SamplerKind.LHS, 80, 3, 2, Progress.NONE, null, null);
        Path db = tmp.resolve("x.duckdb");
        new Exploration(sir, Exploration.Settings.defaults(db).withN(80).withSeed(3).withThreads(1)).run(Progress.NONE);
        Comparison.OutcomeStats peak = c.stats().get(0);
        try (Connection conn = ResultsStore.openReadOnly(db); Statement st = conn.createStatement()) {
            ResultSet r = st.executeQuery("SELECT avg(\"Peak infected\") FILTER (WHERE e.policy = 'none'), "
                    + "avg(\"Peak infected\") FILTER (WHERE e.policy = 'vaccinate'), "
                    + "quantile_cont(\"Peak infected\", 0.95) FILTER (WHERE e.policy = 'none'), "
                    + "avg(CASE WHEN \"Peak infected\" > 300 THEN 1.0 ELSE 0.0 END) FILTER (WHERE e.policy = 'none') "
                    + "FROM outcomes o JOIN experiments e USING (run)");
            r.next();
            assertThat(peak.mean()[0]).isCloseTo(r.getDouble(1), within(1e-9));
            assertThat(peak.mean()[1]).isCloseTo(r.getDouble(2), within(1e-9));
            assertThat(peak.p95()[0]).isCloseTo(r.getDouble(3), within(1e-9));
            assertThat(peak.beyond()[0]).isCloseTo(r.getDouble(4), within(1e-12));
            ResultSet w = st.executeQuery("SELECT avg(CASE WHEN v.\"Peak infected\" < n.\"Peak infected\" THEN 1.0 ELSE 0.0 END) FROM "
                    + "(SELECT e.scenario, o.* FROM outcomes o JOIN experiments e USING (run) WHERE e.policy = 'vaccinate') v JOIN "
                    + "(SELECT e.scenario, o.* FROM outcomes o JOIN experiments e USING (run) WHERE e.policy = 'none') n USING (scenario)");
            w.next();
            assertThat(peak.beats()[1][0]).isCloseTo(w.getDouble(1), within(1e-12));
        }
        // vaccinating lowers the peak in most futures
        assertThat(peak.beats()[1][0]).isGreaterThan(0.5);
    }

    /**
     * The case: deterrence never falls below 0.8 in most futures under one policy, while
     * under the other it falls early in most; the median of the crossings alone would call the
     * second best. Never crossing is the best a maximize outcome can do.
     */
    @Test
    void aCrossingTimeRanksNeverAsBestWhenMaximizing() {
        // future:        0     1     2     3
        // waiting:    2026  2026.1 2027  2026.5   (always crosses)
        // acting:     never never never 2026.0    (crosses once, early)
        double[][] times = {{2026, Double.NaN}, {2026.1, Double.NaN}, {2027, Double.NaN}, {2026.5, 2026.0}};
        MemorySink t = new MemorySink(8, 1);
        for (int s = 0; s < 4; s++) for (int p = 0; p < 2; p++) t.accept(new RunRecord(s * 2L + p, s, p, new double[0], new double[] {times[s][p]}, true, null, null, 0));
        Outcome fall = new Outcome("fall", "x", new Reduction(Op.FIRST_BELOW, 0.8), Kind.MAXIMIZE, Double.NaN, Pos.NONE, Pos.NONE, Pos.NONE);
        Comparison c = Comparison.of(List.of("waiting", "acting"), List.of(fall), false, 4, t);
        Comparison.OutcomeStats s = c.stats().get(0);
        assertThat(s.median()[0]).isGreaterThan(s.median()[1]); // the trap: waiting's crossings are later than acting's only one
        assertThat(Comparison.best(s)).isEqualTo(1);
        assertThat(s.beats()[1][0]).isEqualTo(0.75);
        // minimizing the crossing time (wanting it early), never is the worst
        Outcome early = new Outcome("early", "x", new Reduction(Op.FIRST_BELOW, 0.8), Kind.MINIMIZE, Double.NaN, Pos.NONE, Pos.NONE, Pos.NONE);
        assertThat(Comparison.best(Comparison.of(List.of("waiting", "acting"), List.of(early), false, 4, t).stats().get(0))).isEqualTo(0);
        // years print as years, with P(never) beside them
        assertThat(c.table()).contains("median (crossing)").contains("2026.3").contains("P(never)");
    }

    @Test
    void figuresPrintNoiseAsZeroAndYearsAsYears() {
        assertThat(Figures.number(-9.459e-14)).isEqualTo("0");
        assertThat(Figures.number(2e-9)).isEqualTo("2.000e-09");
        assertThat(Figures.number(0.04693)).isEqualTo("0.04693");
        assertThat(Figures.year(2026.17)).isEqualTo("2026.2");
        assertThat(Figures.percent(0.874)).isEqualTo("87%");
    }
}
