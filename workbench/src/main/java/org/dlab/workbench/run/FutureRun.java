package org.dlab.workbench.run;

import org.dlab.engine.ModelException;
import org.dlab.engine.run.Run;
import org.dlab.workbench.sample.Hash;
import org.dlab.workbench.study.BoundStudy;
import org.dlab.workbench.study.Study.Policy;

/**
 * One simulation of the study in one future at one set of lever values, reduced to its outcomes.
 * The only place a run is seeded: explore, compare, sensitivity and the Spark job (through
 * {@link RunEvaluator}) and optimize all come here, so the same future draws the same RANDOM
 * numbers under every policy and every candidate (common random numbers). One instance per
 * thread (it owns a {@link Run}).
 */
public final class FutureRun {
    /** Salt of a future's RANDOM seed; changing it would change every stored result with RANDOM in it. */
    private static final long SALT = 0x5CE7AL;

    private final BoundStudy bound;
    private final Run run;
    private final OutcomeReducer reducer;

    /**
     * @param seriesSlots the series columns ({@link Runner#seriesSlotsOf}), or null for no series
     * @param seriesStep the series resolution (0: every saved row); ignored without series
     */
    public FutureRun(BoundStudy bound, int[] seriesSlots, double seriesStep) {
        this.bound = bound;
        this.run = bound.model().newRun();
        this.reducer = new OutcomeReducer(bound.study().outcomes(), bound.outcomeSlots(), seriesSlots, seriesStep);
    }

    /** The RANDOM seed of future {@code future} in a study run with {@code seed}. */
    public static long randomSeed(long seed, long future) {
        return Hash.word(seed, SALT, future);
    }

    /**
     * Runs future {@code future} (its uncertainty values given) at the lever values; null when
     * the run finished, else why it failed: a failing model is a result, never an exception.
     */
    public String simulate(double[] uncertainties, double[] levers, long seed, long future) {
        bound.apply(run, uncertainties, levers);
        run.seed(randomSeed(seed, future));
        return simulate();
    }

    /** Runs the reference future (the model's own constants) under a policy; null when it finished, else why not. */
    public String simulateReference(Policy policy) {
        bound.applyPolicy(run, policy);
        return simulate();
    }

    /** The last run's outcomes and series. */
    public OutcomeReducer reducer() {
        return reducer;
    }

    private String simulate() {
        reducer.reset();
        try {
            run.simulate(reducer);
            return null;
        } catch (OutcomeReducer.NonFinite e) {
            return e.getMessage();
        } catch (ModelException e) {
            return e.describe();
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (StackOverflowError e) {
            return "stack overflow (a very deep expression or recursion in the model)";
        }
    }
}
