package org.dlab.workbench.run;

import java.util.Arrays;
import java.util.List;
import org.dlab.workbench.sample.Design;
import org.dlab.workbench.sample.UnitSampler;
import org.dlab.workbench.study.BoundStudy;
import org.dlab.workbench.study.Distribution;
import org.dlab.workbench.study.Study.Constraint;
import org.dlab.workbench.study.Study.Outcome;
import org.dlab.workbench.study.Study.Policy;

/**
 * Turns one design index into its {@link RunRecord}: inputs from the design, the run, its
 * reduced outcomes ({@link FutureRun}). The local {@link Runner} and the Spark job both go
 * through this class, so the same index gives the same record wherever it runs. One instance per
 * thread.
 */
public final class RunEvaluator {
    private final Design design;
    private final long seed;
    private final double[][] leverValues;
    private final UnitSampler sampler;
    private final List<Distribution> dists;
    private final List<Constraint> constraints;
    private final int[] constraintOutcome;
    private final FutureRun futureRun;
    private final double[] unit;

    /**
     * @param seriesSlots the series columns ({@link Runner#seriesSlotsOf}), or null for no series
     * @param seriesStep the series resolution (0: every saved row); ignored without series
     */
    public RunEvaluator(BoundStudy bound, Design design, List<Policy> policies, long seed, int[] seriesSlots, double seriesStep) {
        if (design.policies() != policies.size()) throw new IllegalArgumentException("the design has " + design.policies() + " policies, " + policies.size() + " given");
        this.design = design;
        this.seed = seed;
        leverValues = new double[policies.size()][];
        for (int p = 0; p < leverValues.length; p++) leverValues[p] = bound.leverValues(policies.get(p));
        sampler = design.sampler();
        dists = bound.distributions();
        List<Outcome> outcomes = bound.study().outcomes();
        constraints = bound.study().constraints();
        constraintOutcome = new int[constraints.size()];
        for (int c = 0; c < constraintOutcome.length; c++) {
            for (int o = 0; o < outcomes.size(); o++) if (outcomes.get(o).name().equals(constraints.get(c).outcome())) constraintOutcome[c] = o;
        }
        futureRun = new FutureRun(bound, seriesSlots, seriesStep);
        unit = new double[dists.size()];
    }

    /** Runs design index {@code r}; a failing simulation gives a record with its reason, never an exception. */
    public RunRecord evaluate(long r) {
        int d = dists.size();
        long scenario = design.scenarioOf(r);
        int policy = design.policyOf(r);
        sampler.point(scenario, unit);
        double[] lv = leverValues[policy];
        double[] inputs = new double[d + lv.length];
        for (int i = 0; i < d; i++) inputs[i] = dists.get(i).fromUnit(unit[i]);
        System.arraycopy(lv, 0, inputs, d, lv.length);
        // the same scenario draws the same RANDOM numbers under every policy (common random numbers)
        String reason = futureRun.simulate(Arrays.copyOf(inputs, d), lv, seed, scenario);
        OutcomeReducer reducer = futureRun.reducer();
        double[] out = reducer.outcomes();
        boolean feasible = reason == null;
        for (int c = 0; c < constraintOutcome.length && feasible; c++) feasible = constraints.get(c).satisfiedBy(out[constraintOutcome[c]]);
        return new RunRecord(r, scenario, policy, inputs, out, feasible, reason,
                reason == null ? reducer.series() : null, reason == null ? reducer.seriesRows() : 0);
    }
}
