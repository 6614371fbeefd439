package org.dlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.dlab.cli.Cli.Result;
import org.dlab.workbench.store.ParetoTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dlab optimize end to end: a model whose front is known, and the korea study. */
class OptimizeCommandTest {
    @TempDir Path tmp;

    static final Path KOREA = Path.of("..", "models", "korea");
    static final String INTENSITIES = "Security guarantees intensity,Diplomatic pressure intensity,Tech sanctions intensity,Trade scrutiny intensity,"
            + "Ukraine support intensity,Intelligence sharing intensity,Joint exercises intensity,Cyber defense intensity,Trilateral pact intensity,"
            + "Monitoring intensity,Military aid to ROK intensity";

    /** Levers x, y; outcomes a = x + y², b = 1 - x + y², minimized: the front is a + b = 1 (y = 0). */
    private Path frontStudy() throws Exception {
        Files.writeString(tmp.resolve("front.mdl"), AnalysisCommandsTest.staticModel("""
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
                """));
        Path study = tmp.resolve("front.yaml");
        Files.writeString(study, """
                model: front.mdl
                levers:
                  - {name: x, low: 0, high: 1, baseline: 0.5}
                  - {name: y, low: 0, high: 1, baseline: 0.5}
                outcomes:
                  - {name: a, variable: a, reduce: final, kind: minimize}
                  - {name: b, variable: b, reduce: final, kind: minimize}
                  - {name: never, variable: a, reduce: {first_below: -1}, kind: info}
                """);
        return study;
    }

    @Test
    void findsTheKnownFrontThroughTheCommand() throws Exception {
        Path db = tmp.resolve("front-pareto.duckdb");
        Result r = Cli.run("optimize", frontStudy().toString(), "--evaluations", "3000", "--population", "100", "--seed", "3", "--db", db.toString(), "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("nsga2 over 2 levers, 2 objectives, reference future, 3000 evaluations").contains("Pareto set of")
                .contains("eps-progress").contains("F1 = a").contains("L2 = y");
        ParetoTables.Stored s = ParetoTables.read(db);
        assertThat(s.size()).isGreaterThanOrEqualTo(50);
        double[][] f = s.objectiveValues();
        for (double[] m : f) assertThat(m[0] + m[1] - 1).isBetween(-1e-12, 0.005);
        // hypervolume of the set in [0, 1]²: stated target 97% of the true 0.5
        double[][] sorted = Arrays.stream(f).sorted(Comparator.comparingDouble(m -> m[0])).toArray(double[][]::new);
        double hv = 0;
        for (int i = 0; i < sorted.length; i++) hv += ((i + 1 < sorted.length ? sorted[i + 1][0] : 1) - sorted[i][0]) * (1 - sorted[i][1]);
        assertThat(hv).isGreaterThan(0.97 * 0.5);
        assertThat(tmp.resolve("front-pareto.svg")).exists();
        assertThat(Files.readString(tmp.resolve("front-pareto.svg"))).contains("<svg").contains("member");
        // the store is not replaced silently
        Result again = Cli.run("optimize", frontStudy().toString(), "--evaluations", "100", "--db", db.toString(), "--quiet");
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("already exists");
    }

    /**
     * The korea study in its reference future: the 11 essay lever intensities against P(major conflict by
     * 2050) and the additional lever cost. The Pareto set trades risk for money, its safest member
     * is safer than waiting and seeing, and some member beats the recalibrated package on both.
     */
    @Test
    void koreaParetoSetTradesConflictRiskForCost() throws Exception {
        Path db = tmp.resolve("korea-pareto.duckdb");
        Result r = Cli.run("optimize", KOREA.toString(), "--objectives", "P major conflict by 2050,Additional lever cost", "--levers", INTENSITIES,
                "--evaluations", "1000", "--population", "50", "--show", "Cumulative lever cost,P Russia-West escalation by 2050", "--db", db.toString(), "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        System.out.println(r.out());
        ParetoTables.Stored s = ParetoTables.read(db);
        assertThat(s.size()).isGreaterThanOrEqualTo(10);
        assertThat(s.outcomes()).contains("Cumulative lever cost", "P major conflict by 2050");
        assertThat(s.levers()).hasSize(25); // 12 intensities, 11 start years, the adaptive switch and trigger (v2)
        // two objectives, non-dominated: sorted by risk, the cost falls strictly
        double[][] f = Arrays.stream(s.objectiveValues()).sorted(Comparator.comparingDouble(m -> m[0])).toArray(double[][]::new);
        for (int i = 1; i < f.length; i++) assertThat(f[i][1]).isLessThan(f[i - 1][1]);
        // the reference future's wait-and-see (every lever at baseline): P(major conflict by 2050) from dlab run
        Result base = Cli.run("run", KOREA.resolve("korea.mdl").toString(), "--vars", "Cumulative major war probability");
        assertThat(base.code()).as(base.err()).isZero();
        List<String> lines = base.out().lines().toList();
        double waitAndSee = Double.parseDouble(lines.get(lines.size() - 1).split(",")[1]);
        assertThat(f[0][0]).as("safest member vs wait-and-see %s", waitAndSee).isLessThan(waitAndSee);
        // and some member beats the essay's recalibrated package on both risk and cost in this future
        Result rec = Cli.run("run", KOREA.resolve("korea.mdl").toString(), "--policy", "recalibrated", "--vars",
                "Cumulative major war probability,Cumulative additional lever cost");
        assertThat(rec.code()).as(rec.err()).isZero();
        List<String> rl = rec.out().lines().toList();
        String[] last = rl.get(rl.size() - 1).split(",");
        double recP = Double.parseDouble(last[1]);
        double recCost = Double.parseDouble(last[2]);
        assertThat(Arrays.stream(f).anyMatch(m -> m[0] < recP && m[1] < recCost)).as("a member dominates recalibrated (%s, %s)", recP, recCost).isTrue();
        assertThat(f[0][1]).as("the safest member costs more than the cheapest").isGreaterThan(f[f.length - 1][1]);
        assertThat(s.provenance()).containsEntry("status", "complete");
        assertThat(s.hypervolume()[s.hypervolume().length - 1]).isGreaterThan(s.hypervolume()[0]);
    }

    @Test
    void koreaRobustSearchOverFutures() throws Exception {
        Path db = tmp.resolve("korea-robust.duckdb");
        Result r = Cli.run("optimize", KOREA.toString(), "--objectives", "P major conflict by 2050:p90,Additional lever cost:mean", "--levers",
                "Security guarantees intensity,Trilateral pact intensity,Ukraine support intensity", "--futures", "8", "--evaluations", "200", "--population", "20",
                "--algorithm", "eps-nsga2", "--epsilons", "0.005,20", "--db", db.toString(), "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("8 sampled futures").contains("F1 = p90(P major conflict by 2050)").contains("F2 = mean(Additional lever cost)");
        ParetoTables.Stored s = ParetoTables.read(db);
        assertThat(s.size()).isPositive();
        assertThat(s.definitions().get(0).epsilon()).isEqualTo(0.005);
        assertThat(s.runs()[s.runs().length - 1]).isEqualTo(8L * s.evaluations()[s.evaluations().length - 1]);
    }

    @Test
    void badArgumentsAreOneLineAndExitTwo() throws Exception {
        Path study = frontStudy();
        Result evals = Cli.run("optimize", study.toString(), "--evaluations", "0");
        assertThat(evals.code()).isEqualTo(2);
        assertThat(evals.err().strip()).isEqualTo("dlab: --evaluations must be from 1 to 1000000");
        Result futures = Cli.run("optimize", study.toString(), "--futures", "20000");
        assertThat(futures.code()).isEqualTo(2);
        assertThat(futures.err()).contains("--futures must be from 0 to 10000");
        Result unknown = Cli.run("optimize", study.toString(), "--objectives", "c");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("no outcome 'c'");
        Result eps = Cli.run("optimize", study.toString(), "--algorithm", "eps-nsga2");
        assertThat(eps.code()).isEqualTo(2);
        assertThat(eps.err()).contains("needs --epsilons");
        Result alg = Cli.run("optimize", study.toString(), "--algorithm", "moead");
        assertThat(alg.code()).isEqualTo(2);
        assertThat(alg.err()).contains("--algorithm must be nsga2, eps-nsga2 or nsga3");
        Result noFutures = Cli.run("optimize", study.toString(), "--futures", "10");
        assertThat(noFutures.code()).isEqualTo(2);
        assertThat(noFutures.err()).contains("no uncertainties");
        Result constraint = Cli.run("optimize", study.toString(), "--constraint", "a < 3");
        assertThat(constraint.code()).isEqualTo(2);
        assertThat(constraint.err()).contains("--constraint expects");
        Result many = Cli.run("optimize", KOREA.toString());
        assertThat(many.code()).isEqualTo(2);
        assertThat(many.err()).contains("choose the objectives with --objectives");
    }
}
