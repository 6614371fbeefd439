package org.dlab.models.korea;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dlab.engine.model.ScalarVar;
import org.dlab.engine.run.SimResult;
import org.dlab.workbench.study.Distribution;
import org.dlab.workbench.study.Study;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Structure tests in Sterman's sense (Business Dynamics, ch. 21: extreme conditions, dimensional
 * and physical consistency): conditions whose outcome follows from the meaning of the model, not
 * from its numbers. The stock and conservation checks run in many futures, because a model that
 * is consistent at its defaults can still break in a corner of its uncertainty ranges.
 */
class KoreaStructureTest {
    static final int FUTURES = 200;
    static final long SEED = 20240601L;

    /** Smoothed quantities (SMOOTH, SMOOTH3): levels too, held in hidden stocks of the engine. */
    static final List<String> SMOOTHED_LEVELS = List.of("Absorbed experience", "Perceived allied resolve",
            "Perceived DPRK threat", "Perceived allied threat", "Lagged balance of forces", "DPRK sanctions GDP factor");

    /**
     * Stocks that are differences, not quantities: the cost above wait-and-see is negative for any
     * policy below today's levels (disengage), and at rounding level before the start year.
     */
    static final List<String> SIGNED_STOCKS = List.of("Cumulative additional lever cost");

    static StudyFile study;
    static List<Map<String, Double>> futures;
    static List<SimResult> runs;

    /**
     * 200 Latin-hypercube futures over every uncertainty of study.yaml and, in the same hypercube,
     * every lever intensity over its full 0-1 range: the structure must hold under any policy, not
     * only under the named ones.
     */
    @BeforeAll
    static void sampleFutures() {
        study = StudyFile.read(Korea.dir().resolve("study.yaml"));
        List<StudyFile.Uncertainty> dims = new ArrayList<>(study.uncertainties);
        for (Study.Lever l : study.levers) dims.add(new StudyFile.Uncertainty(l.name(), new Distribution.Uniform(l.low(), l.high())));
        futures = LatinHypercube.sample(dims, FUTURES, SEED);
        runs = new ArrayList<>();
        for (Map<String, Double> f : futures) runs.add(Korea.run(f));
    }

    static String lever(Study.Lever l) {
        return l.name().substring(0, l.name().length() - " intensity".length());
    }

    @Test
    void zeroTroopsGiveNoExperienceGain() {
        SimResult r = Korea.run(Map.of("Troop commitment", 0.0));
        assertThat(Korea.series(r, "DPRK troops in theatre")).containsOnly(0.0);
        assertThat(Korea.series(r, "Combat experience gain")).containsOnly(0.0);
        assertThat(Korea.series(r, "Combat experience")).containsOnly(0.0);
        assertThat(Korea.series(r, "Experience multiplier")).containsOnly(1.0);
        // the same holds in every sampled future: no troops, no experience, whatever the ranges
        for (Map<String, Double> f : futures.subList(0, 20)) {
            Map<String, Double> noTroops = new LinkedHashMap<>(f);
            noTroops.put("Troop commitment", 0.0);
            assertThat(Korea.series(Korea.run(noTroops), "Combat experience")).containsOnly(0.0);
        }
        // and the check can fail: with the default commitment experience does build up
        assertThat(Korea.run(Map.of()).last("Combat experience")).isGreaterThan(1000.0);
    }

    @Test
    void leversAtZeroCostNothing() {
        Map<String, Double> zero = new LinkedHashMap<>();
        for (Study.Lever l : study.intensityLevers()) {
            zero.put(l.name(), 0.0);
            zero.put(lever(l) + " baseline", 0.0);
        }
        SimResult r = Korea.run(zero);
        assertThat(Korea.series(r, "Total lever cost")).containsOnly(0.0);
        assertThat(r.last("Cumulative lever cost")).isZero();
        for (Study.Lever l : study.intensityLevers()) assertThat(Korea.series(r, lever(l) + " cost")).as(lever(l)).containsOnly(0.0);
    }

    /** Each lever alone at zero costs nothing while the others still cost (so the check has teeth). */
    @Test
    void eachLeverAtZeroCostsNothingOnItsOwn() {
        for (Study.Lever l : study.intensityLevers()) {
            Map<String, Double> c = new LinkedHashMap<>(futures.get(0));
            c.put(l.name(), 0.0);
            c.put(lever(l) + " baseline", 0.0);
            SimResult r = Korea.run(c);
            assertThat(Korea.series(r, lever(l) + " cost")).as(lever(l)).containsOnly(0.0);
            assertThat(r.last("Cumulative lever cost")).as("the other levers still cost").isPositive();
        }
    }

    @Test
    void stocksNeverNegativeInSampledFutures() {
        List<String> levels = new ArrayList<>(SMOOTHED_LEVELS);
        for (ScalarVar v : Korea.model().variables()) {
            if (v.kind == ScalarVar.Kind.STOCK && !SIGNED_STOCKS.contains(v.name)) levels.add(v.name);
        }
        assertThat(levels).as("stocks found").hasSizeGreaterThan(30);
        int checked = 0;
        for (int i = 0; i < runs.size(); i++) {
            for (String name : levels) {
                double[] v = Korea.series(runs.get(i), name);
                for (int k = 0; k < v.length; k++) {
                    if (!(v[k] >= 0)) {
                        throw new AssertionError(name + " = " + v[k] + " at " + runs.get(i).time(k) + " in future " + i + ": " + futures.get(i));
                    }
                    checked++;
                }
            }
        }
        System.out.printf("[korea] stocks never negative: %d stocks x %d futures, %d values%n", levels.size(), runs.size(), checked);
    }

    /**
     * Conservation of deployed troops: everyone ever sent is in theatre, a casualty, or home. Checked
     * from the four stocks themselves (not from the model's own error variable) at every saved time.
     */
    @Test
    void deployedTroopsAreConservedInSampledFutures() {
        double worst = 0;
        int deployedFutures = 0;
        for (int i = 0; i < runs.size(); i++) {
            SimResult r = runs.get(i);
            double[] deployed = Korea.series(r, "Cumulative troops deployed");
            double[] theatre = Korea.series(r, "DPRK troops in theatre");
            double[] casualties = Korea.series(r, "Cumulative casualties");
            double[] returned = Korea.series(r, "Cumulative troops returned");
            for (int k = 0; k < deployed.length; k++) {
                double err = Math.abs(deployed[k] - theatre[k] - casualties[k] - returned[k]) / Math.max(1.0, deployed[k]);
                worst = Math.max(worst, err);
                if (err > 1e-6) throw new AssertionError("troops not conserved at " + r.time(k) + " in future " + i + ": relative error " + err);
            }
            if (deployed[deployed.length - 1] > 1000 && casualties[casualties.length - 1] > 0 && returned[returned.length - 1] > 0) deployedFutures++;
        }
        System.out.printf("[korea] troop conservation: worst relative error %.1e over %d futures (%d with deployments, casualties and returns)%n",
                worst, runs.size(), deployedFutures);
        // vacuous if nobody was ever deployed: every future has the deployment (the war runs past Oct 2024)
        assertThat(deployedFutures).isEqualTo(runs.size());
    }
}
