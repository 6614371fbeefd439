package org.dlab.models.korea;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Falsifiability (issue 12, "What it must show"): the model can say "wait". In the corner of the
 * declared uncertainty space that favours waiting, wait-and-see beats the essay's package on
 * P(major conflict by 2050); in the opposite corner the package wins; with the essay's new
 * mechanisms switched off the package's advantage shrinks; and each lever alone makes P(major
 * conflict by 2050) worse somewhere in the declared space. The corners are lists of range ends
 * (README, "Falsifiability"), every one inside study.yaml's ranges (checked here).
 */
class KoreaFalsifiabilityTest {
    static final String P2050 = "P major conflict by 2050";
    static final int FUTURES = 150;
    static final long SEED = 12L;

    static StudyFile study;
    static StudyFile.Outcome conflict;
    static List<Map<String, Double>> futures;

    /**
     * Range ends that favour waiting: the spiral model, over-reaction read as hostility, a strong
     * counter-buildup, China counter-aligning and leaking sanctions, sanctions that do nothing or
     * backfire, ISR that raises first-strike incentives, signals that do not move credibility, a
     * Russia-West war that opens a second front, escalation-prone Russia levers, costly exercises.
     */
    static final Map<String, Double> FAVOURS_WAITING = corner(
            "Spiral weight", 1.0, "Overreaction penalty", 1.0, "Counter buildup sensitivity", 1.0, "Spiral elasticity", 1.5,
            "Credibility elasticity", 0.0, "Demonstration weight", 0.0, "Inaction penalty", 0.0, "Response norm", 0.3,
            "China response to pressure", 1.0, "China sanctions leakage", 0.6, "China backing weight", 0.4,
            "Sanctions diversion to DPRK", 0.5, "Sanctions evasion rate", 0.12, "Tech sanctions effectiveness", 0.0,
            "Payment interdiction", 0.0, "Scrutiny effectiveness on technology", 0.0, "Sanctions RD drag", -0.2,
            "Net pressure effect on partnership", -0.5, "ISR first strike effect", 0.5, "Intelligence clash reduction", -0.1,
            "Monitoring clash reduction", -0.1, "Exercise tension effect", 0.5, "Exercise readiness effect", 0.0,
            "Cyber defense effectiveness", 0.0, "Second front coupling", 0.3, "Support escalation sensitivity", 2.0,
            "Pressure escalation sensitivity", 1.5, "Sanctions escalation sensitivity", 0.6, "Maximum experience multiplier", 1.0,
            "Russian backing weight", 0.0, "Preventive war sensitivity", 0.5, "Tolerated power shift", 0.01);

    /** The opposite ends: the essay's deterrence logic with levers that work and no counter-effects. */
    static final Map<String, Double> FAVOURS_ACTING = corner(
            "Spiral weight", 0.0, "Overreaction penalty", 0.0, "Counter buildup sensitivity", 0.0, "Spiral elasticity", 0.5,
            "Credibility elasticity", 1.5, "Demonstration weight", 0.3, "Inaction penalty", 1.0, "Response norm", 0.8,
            "China response to pressure", -0.5, "China sanctions leakage", 0.0, "China backing weight", 0.4,
            "Sanctions diversion to DPRK", 0.0, "Sanctions evasion rate", 0.0, "Tech sanctions effectiveness", 0.8,
            "Payment interdiction", 0.5, "Scrutiny effectiveness on technology", 0.5, "Sanctions RD drag", 0.5,
            "Net pressure effect on partnership", 0.5, "ISR first strike effect", -0.5, "Intelligence clash reduction", 0.5,
            "Monitoring clash reduction", 0.5, "Exercise tension effect", 0.0, "Exercise readiness effect", 0.2,
            "Cyber defense effectiveness", 0.2, "Second front coupling", 0.0, "Support escalation sensitivity", -0.5,
            "Pressure escalation sensitivity", -0.5, "Sanctions escalation sensitivity", -0.2, "Maximum experience multiplier", 1.3,
            "Russian backing weight", 0.5, "Preventive war sensitivity", 0.05, "Tolerated power shift", 0.05);

    static Map<String, Double> corner(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
        return m;
    }

    @BeforeAll
    static void read() {
        study = StudyFile.read(Korea.dir().resolve("study.yaml"));
        conflict = study.outcome(P2050);
        futures = LatinHypercube.sample(study.uncertainties, FUTURES, SEED);
    }

    static double p2050(Map<String, Double> future, String policy) {
        return conflict.of(Korea.run(future, study.policies.get(policy)));
    }

    /** Every corner value is an end of its declared range: the corners are in the study's space. */
    @Test
    void cornersLieInTheDeclaredSpace() {
        for (Map<String, Double> c : List.of(FAVOURS_WAITING, FAVOURS_ACTING)) {
            for (Map.Entry<String, Double> e : c.entrySet()) {
                StudyFile.Uncertainty u = study.uncertainties.stream().filter(x -> x.name().equals(e.getKey())).findFirst()
                        .orElseThrow(() -> new AssertionError(e.getKey() + " is not a study uncertainty"));
                assertThat(e.getValue()).as(e.getKey()).isIn(u.low(), u.high());
            }
        }
    }

    @Test
    void waitingWinsInTheCornerThatFavoursIt() {
        double[] waitAct = waitAndAct(FAVOURS_WAITING, "waiting");
        assertThat(waitAct[0]).isLessThan(waitAct[1]);
    }

    @Test
    void actingWinsInTheOppositeCorner() {
        double[] waitAct = waitAndAct(FAVOURS_ACTING, "acting");
        assertThat(waitAct[1]).isLessThan(waitAct[0]);
    }

    /** P(major conflict by 2050) under wait-and-see and recalibrated in one corner, printed. */
    private static double[] waitAndAct(Map<String, Double> corner, String favours) {
        double wait = p2050(corner, "wait-and-see");
        double act = p2050(corner, "recalibrated");
        System.out.printf("[korea] falsifiability, corner favouring %s: %s wait-and-see %.4f, recalibrated %.4f%n", favours, P2050, wait, act);
        return new double[] {wait, act};
    }

    /** The essay's premise off (no troops, no Russian technology, no partnership): the package gains less. */
    @Test
    void packageAdvantageShrinksWithoutTheEssaysMechanisms() {
        double on = 0;
        double off = 0;
        int winsOn = 0;
        int winsOff = 0;
        for (Map<String, Double> f : futures) {
            double d = p2050(f, "wait-and-see") - p2050(f, "recalibrated");
            Map<String, Double> g = new LinkedHashMap<>(f);
            g.put("New mechanisms switch", 0.0);
            double dOff = p2050(g, "wait-and-see") - p2050(g, "recalibrated");
            on += d;
            off += dOff;
            if (d > 0) winsOn++;
            if (dOff > 0) winsOff++;
        }
        System.out.printf("[korea] falsifiability, %d futures: package advantage on %s (wait - recalibrated) mean %.4f with the essay's mechanisms, "
                + "%.4f without; package better in %d vs %d futures%n", futures.size(), P2050, on / futures.size(), off / futures.size(), winsOn, winsOff);
        assertThat(off).isLessThan(on);
        assertThat(winsOff).isLessThan(winsOn);
    }

    /** Each lever alone, somewhere in the declared space, makes P(major conflict by 2050) worse than waiting. */
    @Test
    void eachLeverAloneBackfiresSomewhere() {
        List<String> never = new ArrayList<>();
        for (String policy : study.policies.keySet()) {
            if (!policy.startsWith("only-")) continue;
            int worse = 0;
            for (Map<String, Double> f : futures) if (p2050(f, policy) > p2050(f, "wait-and-see") * (1 + 1e-9)) worse++;
            System.out.printf("[korea] falsifiability: %-28s worse than wait-and-see on %s in %3d of %d futures%n", policy, P2050, worse, futures.size());
            if (worse == 0) never.add(policy);
        }
        assertThat(never).as("levers that never make P(major conflict by 2050) worse").isEmpty();
    }
}
