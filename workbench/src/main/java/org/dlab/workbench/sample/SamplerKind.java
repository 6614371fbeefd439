package org.dlab.workbench.sample;

import java.util.List;
import java.util.Locale;
import org.dlab.workbench.study.Distribution;

/** The samplers a study can use, by their command-line names. */
public enum SamplerKind {
    /** Latin hypercube: n points. */
    LHS("lhs", 1000),
    /** Monte Carlo: n independent points. */
    MC("mc", 1000),
    /** Saltelli's design over the Sobol sequence, for Sobol indices: n base points, n(2D+2) runs. */
    SOBOL("sobol", 256),
    /** The plain Sobol sequence: n quasi-random points. */
    QMC("qmc", 1024),
    /** Morris elementary effects: n trajectories, n(D+1) runs. */
    MORRIS("morris", 20),
    /** Full factorial: n levels per continuous input (categories for discrete ones). */
    FF("ff", 3);

    public final String cliName;
    /** The n used when none is given; its meaning depends on the sampler (see above). */
    public final long defaultN;

    SamplerKind(String cliName, long defaultN) {
        this.cliName = cliName;
        this.defaultN = defaultN;
    }

    public static SamplerKind parse(String s) {
        for (SamplerKind k : values()) if (k.cliName.equals(s.toLowerCase(Locale.ROOT))) return k;
        throw new IllegalArgumentException("unknown sampler '" + s + "' (expected lhs, mc, sobol, qmc, morris or ff)");
    }

    /** Morris grid levels used by {@link #create}. */
    public static final int MORRIS_LEVELS = 4;

    /** The scenario design for these distributions. */
    public UnitSampler create(long n, List<Distribution> dists, long seed) {
        if (n < 1) throw new IllegalArgumentException("n must be at least 1");
        int d = dists.size();
        switch (this) {
            case LHS: return new LatinHypercubeSampler(n, d, seed);
            case MC: return new MonteCarloSampler(n, d, seed);
            case SOBOL: return new SaltelliSampler(n, d);
            case QMC: return new SobolSampler(n, d);
            case MORRIS: return new MorrisSampler(n, d, MORRIS_LEVELS, seed);
            case FF: {
                if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("too many levels");
                int[] categories = new int[d];
                for (int i = 0; i < d; i++) categories[i] = dists.get(i).levels();
                return new FullFactorialSampler((int) n, categories);
            }
            default: throw new AssertionError(this);
        }
    }
}
