package org.dlab.workbench.sample;

import java.util.List;
import java.util.Locale;
import org.dlab.workbench.study.Distribution;

/** The samplers a study can use, by their command-line names. */
public enum SamplerKind {
    /** Latin hypercube: n points. */
    LHS("lhs", 1000, "Latin hypercube"),
    /** Monte Carlo: n independent points. */
    MC("mc", 1000, "Monte Carlo"),
    /** Saltelli's design over the Sobol sequence, for Sobol indices: n base points, n(2D+2) runs. */
    SOBOL("sobol", 256, "Saltelli design for Sobol indices"),
    /** The plain Sobol sequence: n quasi-random points. */
    QMC("qmc", 1024, "plain Sobol sequence"),
    /** Morris elementary effects: n trajectories, n(D+1) runs. */
    MORRIS("morris", 20, "elementary effects"),
    /** Full factorial: n levels per continuous input (categories for discrete ones). */
    FF("ff", 3, "full factorial");

    /** The samplers whose points are futures drawn from the uncertainties' distributions (the others are sensitivity or factorial designs). */
    public static final List<SamplerKind> FUTURES = List.of(LHS, MC, QMC);

    public final String cliName;
    /** The n used when none is given; its meaning depends on the sampler (see above). */
    public final long defaultN;
    /** What the sampler is, in a few words, for help texts. */
    public final String summary;

    SamplerKind(String cliName, long defaultN, String summary) {
        this.cliName = cliName;
        this.defaultN = defaultN;
        this.summary = summary;
    }

    /** The command-line names joined by {@code separator}, e.g. {@code lhs|mc|qmc}. */
    public static String names(List<SamplerKind> kinds, String separator) {
        return String.join(separator, kinds.stream().map(k -> k.cliName).toList());
    }

    /** The command-line names as a list in prose, e.g. {@code lhs, mc or qmc}. */
    public static String prose(List<SamplerKind> kinds) {
        List<String> n = kinds.stream().map(k -> k.cliName).toList();
        return n.size() == 1 ? n.get(0) : String.join(", ", n.subList(0, n.size() - 1)) + " or " + n.get(n.size() - 1);
    }

    public static SamplerKind parse(String s) {
        for (SamplerKind k : values()) if (k.cliName.equals(s.toLowerCase(Locale.ROOT))) return k;
        throw new IllegalArgumentException("unknown sampler '" + s + "' (expected " + prose(List.of(values())) + ")");
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
