package org.dlab.models.korea;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dlab.engine.run.SimResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "Both answers exist" (issue 4): within the study's uncertainty ranges there are futures where
 * `recalibrated` beats `wait-and-see` and futures where it does not. The model must be able to
 * show acting as the worse choice under some assumptions, or it restates the essay instead of
 * answering it. Futures: a seeded Latin hypercube over every uncertainty of study.yaml; policies
 * and outcomes are read from study.yaml too, so the test follows the study file.
 */
class KoreaBothAnswersTest {
    static final int FUTURES = 200;
    static final long SEED = 4L;
    static final String CONFLICT_2050 = "P major conflict by 2050";

    static StudyFile study;
    static List<Map<String, Double>> futures;
    static List<SimResult> waitAndSee = new ArrayList<>();
    static List<SimResult> recalibrated = new ArrayList<>();

    @BeforeAll
    static void runFutures() {
        study = StudyFile.read(Korea.dir().resolve("study.yaml"));
        futures = LatinHypercube.sample(study.uncertainties, FUTURES, SEED);
        Map<String, Double> ws = study.policies.get("wait-and-see");
        Map<String, Double> rc = study.policies.get("recalibrated");
        assertThat(rc).as("recalibrated sets levers").isNotEmpty();
        for (Map<String, Double> f : futures) {
            waitAndSee.add(Korea.run(f, ws));
            recalibrated.add(Korea.run(f, rc));
        }
    }

    /** Futures where recalibrated is better (-1) or worse (+1) than wait-and-see on an outcome; ties count neither. */
    static int[] betterWorse(StudyFile.Outcome o) {
        int better = 0;
        int worse = 0;
        for (int i = 0; i < futures.size(); i++) {
            double w = o.of(waitAndSee.get(i));
            double r = o.of(recalibrated.get(i));
            if (Double.isNaN(w) || Double.isNaN(r)) continue;
            double d = o.minimize() ? r - w : w - r; // > 0: recalibrated worse
            double tol = 1e-9 * Math.max(Math.abs(w), Math.abs(r));
            if (d < -tol) better++;
            if (d > tol) worse++;
        }
        return new int[] {better, worse};
    }

    static String spread(StudyFile.Outcome o, List<SimResult> runs) {
        double[] v = runs.stream().mapToDouble(o::of).sorted().toArray();
        return String.format("%.3f/%.3f/%.3f", v[0], v[v.length / 2], v[v.length - 1]);
    }

    @Test
    void recalibratedIsBetterInSomeFuturesAndWorseInOthers() {
        for (StudyFile.Outcome o : study.outcomes) {
            int[] bw = betterWorse(o);
            System.out.printf("[korea] both answers, %d futures: %-34s recalibrated better in %3d, worse in %3d (%s)%n",
                    futures.size(), o.name(), bw[0], bw[1], o.kind());
        }
        StudyFile.Outcome conflict = study.outcome(CONFLICT_2050);
        assertThat(conflict.minimize()).isTrue();
        System.out.printf("[korea] both answers: %s min/median/max: wait-and-see %s, recalibrated %s%n",
                CONFLICT_2050, spread(conflict, waitAndSee), spread(conflict, recalibrated));
        assertThat(betterWorse(conflict)[0]).as("futures where recalibrated lowers P(major conflict by 2050)").isPositive();

        // the same futures in which acting lowers the conflict risk must not all be free of costs on
        // the other outcomes the study minimises: Russia-West escalation is the essay's own worry
        int tradeOffs = 0;
        StudyFile.Outcome escalation = study.outcome("P Russia-West escalation by 2050");
        assertThat(escalation.minimize()).isTrue();
        for (int i = 0; i < futures.size(); i++) {
            boolean betterOnConflict = conflict.of(recalibrated.get(i)) < conflict.of(waitAndSee.get(i));
            boolean worseOnEscalation = escalation.of(recalibrated.get(i)) > escalation.of(waitAndSee.get(i));
            if (betterOnConflict && worseOnEscalation) tradeOffs++;
        }
        System.out.printf("[korea] both answers: recalibrated lowers P(conflict by 2050) but raises P(Russia-West escalation) in %d of %d futures%n",
                tradeOffs, futures.size());
        assertThat(tradeOffs).as("futures where acting buys peninsula safety with escalation risk").isPositive();
        assertThat(betterWorse(escalation)[0]).as("futures where recalibrated also lowers escalation").isPositive();
    }

    /**
     * Acting can be the worse choice on the peninsula itself, not only on its costs: the abrupt
     * shift of the balance in 2025-2027 raises the preventive hazard (Fearon, Powell) and stepped-up
     * exercises raise tension, so in some futures recalibrated has the higher P(major conflict) by
     * 2035. By 2050 its lower provocation and deliberate-attack hazards outweigh that in nearly every
     * future, so the 2050 count is reported, not asserted.
     */
    @Test
    void recalibratedIsWorseOnConflictInSomeFutures() {
        int worse2050 = betterWorse(study.outcome(CONFLICT_2050))[1];
        int worse2035 = betterWorse(study.outcome("P major conflict by 2035"))[1];
        int worse2030 = betterWorse(study.outcome("P major conflict by 2030"))[1];
        System.out.printf("[korea] both answers: recalibrated raises P(major conflict) by 2030 in %d, by 2035 in %d, by 2050 in %d of %d futures%n",
                worse2030, worse2035, worse2050, futures.size());
        assertThat(worse2035).as("futures where recalibrated raises P(major conflict by 2035)").isPositive();
        assertThat(worse2030).as("... and by 2030").isPositive();
    }
}
