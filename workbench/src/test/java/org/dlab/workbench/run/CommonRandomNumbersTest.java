package org.dlab.workbench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.dlab.workbench.Exploration;
import org.dlab.workbench.TestModels;
import org.dlab.workbench.analysis.MultiObjective;
import org.dlab.workbench.optimize.PolicySearch;
import org.dlab.workbench.optimize.SearchObjective;
import org.dlab.workbench.store.ResultsStore;
import org.dlab.workbench.study.BoundStudy;
import org.dlab.workbench.study.Study;
import org.dlab.workbench.study.StudyParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RANDOM numbers of a future must not change with the code that runs it: the values below
 * were recorded from the evaluators before they shared {@link FutureRun} (explore's
 * RunEvaluator and optimize's own copy of its seeding), so a changed seed or salt fails here.
 * The SIR test model's "Noisy Infected" draws from RANDOM NORMAL every step. Numbers are compared
 * to 1e-7 relative: another seed or salt moves them by far more (other draws, other paths), while
 * the model's constants held at Vensim's single precision moved them by 1e-10.
 */
class CommonRandomNumbersTest {
    @TempDir Path tmp;

    private static BoundStudy sir() {
        return BoundStudy.bind(StudyParser.parse(TestModels.resource("sir-study.yaml")));
    }

    static String fmt(double v) {
        return Double.toString(v);
    }

    @Test
    void exploreDrawsTheRecordedNoisePerFuture() throws Exception {
        Path db = tmp.resolve("crn.duckdb");
        new Exploration(sir(), Exploration.Settings.defaults(db).withN(3).withSeed(7).withThreads(1)).run(Progress.NONE);
        List<String> got = new ArrayList<>();
        try (Connection c = ResultsStore.openReadOnly(db); Statement st = c.createStatement();
                ResultSet r = st.executeQuery("SELECT e.scenario, e.policy, o.\"Infected at 20\" FROM experiments e JOIN outcomes o USING (run) ORDER BY run")) {
            while (r.next()) got.add(r.getLong(1) + " " + r.getString(2) + " " + fmt(r.getDouble(3)));
        }
        assertSameDraws(got, EXPLORE);
    }

    @Test
    void optimizeDrawsTheRecordedNoisePerFuture() {
        BoundStudy bound = sir();
        List<Study.Outcome> outs = bound.study().outcomes();
        PolicySearch.Settings s = new PolicySearch.Settings(List.of(SearchObjective.parse("Infected at 20:mean", outs, true)), List.of(),
                List.of("Vaccination Rate"), 4, MultiObjective.Algorithm.NSGA2, 40, 8, null, 0, 7, 1);
        PolicySearch.Result r = new PolicySearch(bound, s).run(Progress.NONE);
        List<String> got = new ArrayList<>();
        for (int i = 0; i < r.size(); i++) got.add(fmt(r.levers()[i][0]) + " " + fmt(r.objectives()[i][0]));
        assertSameDraws(got, OPTIMIZE);
    }

    /** Each line's words equal, its numbers within 1e-7 relative. */
    static void assertSameDraws(List<String> got, String[] want) {
        assertThat(got).hasSameSizeAs(want);
        for (int i = 0; i < want.length; i++) {
            String[] g = got.get(i).split(" ");
            String[] w = want[i].split(" ");
            assertThat(g).as(got.get(i)).hasSameSizeAs(w);
            for (int k = 0; k < w.length; k++) {
                try {
                    double wv = Double.parseDouble(w[k]);
                    assertThat(Double.parseDouble(g[k])).as(got.get(i)).isCloseTo(wv, org.assertj.core.data.Offset.offset(1e-7 * Math.max(1, Math.abs(wv))));
                } catch (NumberFormatException notANumber) {
                    assertThat(g[k]).as(got.get(i)).isEqualTo(w[k]);
                }
            }
        }
    }

    static final String[] EXPLORE = {"0 none 1.899902703914202", "0 vaccinate 0.4902246425141664", "1 none 2.463435997252719",
        "1 vaccinate 0.4276336988401497", "2 none 167.9576187450719", "2 vaccinate 33.706109253395496"};
    static final String[] OPTIMIZE = {"0.09908217470594918 1.5957661360697672"};
}
