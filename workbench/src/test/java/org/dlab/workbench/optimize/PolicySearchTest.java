package org.dlab.workbench.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.dlab.workbench.analysis.MultiObjective;
import org.dlab.workbench.plot.ParallelCoordinates;
import org.dlab.workbench.run.Progress;
import org.dlab.workbench.store.ParetoTables;
import org.dlab.workbench.study.BoundStudy;
import org.dlab.workbench.study.Study;
import org.dlab.workbench.study.StudyParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policy search on models whose Pareto front is known analytically, through the store and the chart. */
class PolicySearchTest {
    @TempDir Path tmp;

    static final String CONTROL = """
            INITIAL TIME = 0
            	~	s
            	~	|
            FINAL TIME = 0
            	~	s
            	~	|
            TIME STEP = 1
            	~	s
            	~	|
            SAVEPER = TIME STEP
            	~	s
            	~	|
            """;

    /**
     * Two levers, two outcomes a = x + y², b = 1 - x + y² (both minimized): the Pareto set is
     * y = 0, x in [0, 1], and its front the segment a + b = 1, which dominates exactly half of the
     * unit box [0, 1]². The outcome 'never' has no value in any run (it never falls below -1):
     * that is not a failed run, and must not make candidates infeasible.
     */
    static Path frontStudy(Path dir) throws Exception {
        Files.writeString(dir.resolve("front.mdl"), """
                {UTF-8}
                x = 0.5
                	~	dmnl
                	~	|
                y = 0.5
                	~	dmnl
                	~	|
                a = x + y * y
                	~	dmnl
                	~	|
                b = 1 - x + y * y
                	~	dmnl
                	~	|
                """ + CONTROL);
        Path study = dir.resolve("front.yaml");
        Files.writeString(study, """
                model: front.mdl
                levers:
                  - {name: x, low: 0, high: 1, baseline: 0.5}
                  - {name: y, low: 0, high: 1, baseline: 0.5}
                policies:
                  middle: {}
                outcomes:
                  - {name: a, variable: a, reduce: final, kind: minimize}
                  - {name: b, variable: b, reduce: final, kind: minimize}
                  - {name: never, variable: a, reduce: {first_below: -1}, kind: info}
                """);
        return study;
    }

    /** Hypervolume of minimized 2-D points inside the box [0, 1]², by the staircase. */
    static double hypervolume(double[][] pts) {
        double[][] p = Arrays.stream(pts).filter(q -> q[0] < 1 && q[1] < 1).sorted(Comparator.comparingDouble(q -> q[0])).toArray(double[][]::new);
        double area = 0;
        double bestY = 1;
        for (int i = 0; i < p.length; i++) {
            if (p[i][1] >= bestY) continue;
            double nextX = 1;
            for (int j = i + 1; j < p.length; j++) {
                if (p[j][1] < p[i][1]) {
                    nextX = p[j][0];
                    break;
                }
            }
            area += (nextX - p[i][0]) * (1 - p[i][1]);
            bestY = p[i][1];
        }
        return area;
    }

    @Test
    void findsTheKnownFrontOfTwoLeversAndStoresAndDrawsIt() throws Exception {
        BoundStudy bound = BoundStudy.bind(StudyParser.parse(frontStudy(tmp)));
        List<Study.Outcome> outs = bound.study().outcomes();
        PolicySearch.Settings s = new PolicySearch.Settings(List.of(SearchObjective.parse("a", outs, false), SearchObjective.parse("b", outs, false)), List.of(),
                List.of("x", "y"), 0, MultiObjective.Algorithm.NSGA2, 3000, 100, null, 0, 3, 1);
        PolicySearch search = new PolicySearch(bound, s);
        PolicySearch.Result r = search.run(Progress.NONE);
        assertThat(r.size()).isGreaterThanOrEqualTo(50);
        double[] gap = new double[r.size()];
        for (int i = 0; i < r.size(); i++) {
            // a member is 2y² off the front: every one within 0.005 (y < 0.05), the median within 0.001
            gap[i] = r.objectives()[i][0] + r.objectives()[i][1] - 1;
            assertThat(r.levers()[i][1]).as("y of member %d", i).isLessThan(0.05);
            assertThat(gap[i]).isBetween(-1e-12, 0.005);
            // the stored outcomes are the objectives' values in the reference future
            assertThat(r.outcomes()[i][0]).isEqualTo(r.objectives()[i][0]);
        }
        Arrays.sort(gap);
        assertThat(gap[gap.length / 2]).isLessThan(0.001);
        // stated target: 97% of the true front's hypervolume 0.5 (100 points on the segment reach 0.495)
        double hv = hypervolume(r.objectives());
        System.out.printf("two-lever front: %d members, hypervolume %.4f of the true 0.5%n", r.size(), hv);
        assertThat(hv).isGreaterThan(0.97 * 0.5);

        Path db = tmp.resolve("front-pareto.duckdb");
        ParetoTables.write(db, search.stored(r), false);
        ParetoTables.Stored back = ParetoTables.read(db);
        assertThat(back.size()).isEqualTo(r.size());
        assertThat(back.levers()).containsExactly("x", "y");
        assertThat(back.objectives()).containsExactly("a", "b");
        assertThat(back.objectiveValues()[3]).containsExactly(r.objectives()[3]);
        assertThat(back.provenance()).containsEntry("status", "complete").containsEntry("algorithm", "nsga2");
        assertThat(back.hypervolume()).isNotEmpty();
        assertThat(back.epsilonProgress()[back.epsilonProgress().length - 1]).isGreaterThan(0);
        assertThatThrownBy(() -> ParetoTables.write(db, search.stored(r), false)).hasMessageContaining("already exists");

        Path svg = tmp.resolve("front.svg");
        ParallelCoordinates.write(db, svg, 800, 500);
        String text = Files.readString(svg);
        assertThat(text).startsWith("<?xml").contains("</svg>");
        // one polyline per member across the axes a, b, x (y hardly varies but is drawn too when it does)
        assertThat(text.split("member", -1).length - 1).isGreaterThanOrEqualTo(r.size());
    }

    /**
     * Robust search: a = (x - u)² with u uniform on [0, 1] across futures, b = x. The mean of a over
     * futures is (x - 1/2)² + 1/12 (up to the sample), so the robust Pareto set is x in [0, 1/2].
     */
    @Test
    void robustSearchOptimizesTheMeanOverFutures() throws Exception {
        Files.writeString(tmp.resolve("robust.mdl"), """
                {UTF-8}
                x = 0.5
                	~	dmnl
                	~	|
                u = 0.5
                	~	dmnl
                	~	|
                a = (x - u) * (x - u)
                	~	dmnl
                	~	|
                b = x
                	~	dmnl
                	~	|
                """ + CONTROL);
        Path study = tmp.resolve("robust.yaml");
        Files.writeString(study, """
                model: robust.mdl
                uncertainties:
                  - {name: u, dist: uniform, low: 0, high: 1}
                levers:
                  - {name: x, low: 0, high: 1, baseline: 0.5}
                outcomes:
                  - {name: a, variable: a, reduce: final, kind: minimize, threshold: 0.1}
                  - {name: b, variable: b, reduce: final, kind: minimize}
                """);
        BoundStudy bound = BoundStudy.bind(StudyParser.parse(study));
        List<Study.Outcome> outs = bound.study().outcomes();
        PolicySearch.Settings s = new PolicySearch.Settings(List.of(SearchObjective.parse("a", outs, true), SearchObjective.parse("b:mean", outs, true)),
                List.of(), List.of("x"), 200, MultiObjective.Algorithm.NSGA2, 1000, 40, null, 0, 5, 2);
        PolicySearch.Result r = new PolicySearch(bound, s).run(Progress.NONE);
        assertThat(r.objectiveLabels()).containsExactly("mean(a)", "mean(b)");
        assertThat(r.size()).isGreaterThan(10);
        for (int i = 0; i < r.size(); i++) {
            double x = r.levers()[i][0];
            assertThat(x).isLessThanOrEqualTo(0.52);
            assertThat(r.objectives()[i][0]).isCloseTo((x - 0.5) * (x - 0.5) + 1.0 / 12, within(0.005));
            assertThat(r.objectives()[i][1]).isCloseTo(x, within(1e-12));
        }
        // a constraint on a percentile removes the low-x end: p90 of a <= 0.2 needs x >= 0.5 - (sqrt(0.2) - 0.4)... checked numerically
        PolicySearch.Settings constrained = new PolicySearch.Settings(s.objectives(),
                List.of(new PolicySearch.Bound(SearchObjective.parse("a:p90", outs, true, false), Double.NaN, 0.3)), List.of("x"), 200,
                MultiObjective.Algorithm.NSGA2, 1000, 40, null, 0, 5, 2);
        PolicySearch.Result c = new PolicySearch(bound, constrained).run(Progress.NONE);
        // (x - u)² at the 90th percentile of u: for x < 0.5 it is (0.9 - x)² <= 0.3 when x >= 0.9 - sqrt(0.3) ≈ 0.352
        for (double[] l : c.levers()) assertThat(l[0]).isGreaterThanOrEqualTo(0.34);
    }

    @Test
    void regretAndSatisficingAreStatisticsOverFutures() throws Exception {
        BoundStudy bound = BoundStudy.bind(StudyParser.parse(frontStudy(tmp)));
        List<Study.Outcome> outs = bound.study().outcomes();
        assertThatThrownBy(() -> SearchObjective.parse("a:mean", outs, false)).hasMessageContaining("--futures");
        assertThatThrownBy(() -> SearchObjective.parse("c", outs, false)).hasMessageContaining("no outcome 'c'");
        assertThatThrownBy(() -> SearchObjective.parse("a:satisficing", outs, true)).hasMessageContaining("no threshold");
        assertThatThrownBy(() -> SearchObjective.parse("a:p120", outs, true)).hasMessageContaining("percentile");
        assertThat(SearchObjective.parse("a:regret", outs, true).label()).isEqualTo("max regret(a)");
        assertThat(SearchObjective.parse("a:regret-p90", outs, true).label()).isEqualTo("p90 regret(a)");
        assertThat(SearchObjective.parse("a:satisficing=0.3", outs, true).direction()).isEqualTo(Study.Kind.MAXIMIZE);
        double[][] values = {{0.1, 0.5, 0.9}};
        double[][][] best = {{{0.2, 0.2, 0.2}}};
        assertThat(PolicySearch.statistic(SearchObjective.parse("a:regret", outs, true), values, best)).isCloseTo(0.7, within(1e-12));
        assertThat(PolicySearch.statistic(SearchObjective.parse("a:satisficing=0.5", outs, true), values, best)).isCloseTo(2.0 / 3, within(1e-12));
        assertThatThrownBy(() -> new PolicySearch.Settings(List.of(SearchObjective.parse("a", outs, false)), List.of(), List.of("x"), 0,
                MultiObjective.Algorithm.NSGA2, 2_000_000, 0, null, 0, 1, 1)).hasMessageContaining("evaluations must be from 1 to 1000000");
        assertThatThrownBy(() -> new PolicySearch.Settings(List.of(SearchObjective.parse("a", outs, false)), List.of(), List.of("x"), 0,
                MultiObjective.Algorithm.EPSILON_NSGA2, 100, 0, null, 0, 1, 1)).hasMessageContaining("epsilons");
    }

    @Test
    void aStopKeepsTheSetFoundSoFarAndSaysSo() throws Exception {
        BoundStudy bound = BoundStudy.bind(StudyParser.parse(frontStudy(tmp)));
        List<Study.Outcome> outs = bound.study().outcomes();
        PolicySearch search = new PolicySearch(bound, new PolicySearch.Settings(List.of(SearchObjective.parse("a", outs, false), SearchObjective.parse("b", outs, false)),
                List.of(), List.of("x", "y"), 0, MultiObjective.Algorithm.NSGA2, 5000, 20, null, 0, 1, 1));
        search.requestStop(); // as Ctrl-C does: the first generation finishes, then the search ends
        PolicySearch.Result r = search.run(Progress.NONE);
        assertThat(r.search().stopped()).isTrue();
        assertThat(r.search().evaluations()).isEqualTo(20);
        Path db = tmp.resolve("stopped.duckdb");
        ParetoTables.write(db, search.stored(r), false);
        assertThat(ParetoTables.read(db).provenance()).containsEntry("status", "stopped");
    }
}
