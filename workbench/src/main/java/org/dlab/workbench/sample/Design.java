package org.dlab.workbench.sample;

/**
 * The runs of an experiment: scenario points from a sampler combined with policies. A run is
 * identified by its index in the design; scenario and policy follow from it arithmetically.
 * Full designs are scenario-major (the policies of one scenario are neighbours), so a stopped
 * exploration holds whole scenarios save at most one per thread.
 */
public final class Design {
    private final UnitSampler scenarios;
    private final int policies;
    private final PolicyDesign combine;
    private final long seed;

    public Design(UnitSampler scenarios, int policies, PolicyDesign combine, long seed) {
        if (policies < 1) throw new IllegalArgumentException("a design needs at least one policy");
        this.scenarios = scenarios;
        this.policies = policies;
        this.combine = combine;
        this.seed = seed;
    }

    public UnitSampler sampler() {
        return scenarios;
    }

    public int policies() {
        return policies;
    }

    public PolicyDesign combine() {
        return combine;
    }

    /** Number of runs. */
    public long size() {
        return combine == PolicyDesign.FULL ? Math.multiplyExact(scenarios.size(), policies) : scenarios.size();
    }

    public long scenarioOf(long run) {
        return combine == PolicyDesign.FULL ? run / policies : run;
    }

    public int policyOf(long run) {
        switch (combine) {
            case FULL: return (int) (run % policies);
            case CYCLE: return (int) (run % policies);
            default: return (int) Hash.below(seed, 0x9011CL, run, policies);
        }
    }
}
