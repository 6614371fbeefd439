package org.dlab.workbench.sensitivity;

import java.util.List;
import org.dlab.workbench.analysis.MorrisAnalysis;
import org.dlab.workbench.analysis.SobolAnalysis;
import org.dlab.workbench.run.Progress;
import org.dlab.workbench.run.RunRecord;
import org.dlab.workbench.run.RunSink;
import org.dlab.workbench.run.Runner;
import org.dlab.workbench.sample.Design;
import org.dlab.workbench.sample.MorrisSampler;
import org.dlab.workbench.sample.PolicyDesign;
import org.dlab.workbench.sample.SaltelliSampler;
import org.dlab.workbench.sample.SamplerKind;
import org.dlab.workbench.sample.UnitSampler;
import org.dlab.workbench.study.BoundStudy;
import org.dlab.workbench.study.Study;
import org.dlab.workbench.study.Study.Policy;

/**
 * Global sensitivity of every outcome to a study's uncertainties, at one policy's lever values:
 * the design, its runs (through {@link Runner}, so seeded as every exploration) and, per outcome,
 * the Sobol indices or Morris measures, or why there are none. Bad settings are an
 * {@link IllegalArgumentException} with a one-line message.
 */
public final class SensitivityStudy {
    /** Bootstrap resamples of the Sobol indices (100, as commonly used for these intervals). */
    public static final int SOBOL_RESAMPLES = 100;
    /** Bootstrap resamples of the Morris measures. */
    public static final int MORRIS_RESAMPLES = 1000;
    /** Beyond this many pair × base point × resample products, bootstrapping S2 takes minutes: it is skipped. */
    static final double MAX_SECOND_ORDER_COST = 4e9;

    /** Saltelli design with Sobol indices, or Morris trajectories with elementary effects. */
    public enum Method {
        SOBOL, MORRIS;

        public SamplerKind sampler() {
            return this == SOBOL ? SamplerKind.SOBOL : SamplerKind.MORRIS;
        }
    }

    /**
     * @param n Sobol base points or Morris trajectories
     * @param seed of the Morris design and of the bootstraps (and of RANDOM in the runs)
     * @param policy the policy whose levers are held; null for the study's first
     * @param secondOrder whether Sobol's second-order indices are wanted
     */
    public record Settings(Method method, long n, long seed, String policy, int threads, boolean secondOrder) {}

    /** What the analysis of one outcome gave. */
    public sealed interface Analysis permits Missing, Constant, Sobol, Morris {}

    /** Some runs have no finite value (a threshold never crossed?): the estimators need every run. */
    public record Missing(int missing, int runs) implements Analysis {}

    /** The same value in every run: every index would be 0/0. */
    public record Constant() implements Analysis {}

    /** @param secondSkipped whether S2 was wanted but skipped for its bootstrap cost */
    public record Sobol(SobolAnalysis.Result result, boolean second, boolean secondSkipped) implements Analysis {}

    public record Morris(MorrisAnalysis.Result result, double[][] points) implements Analysis {}

    private final BoundStudy bound;
    private final Settings settings;
    private final Policy policy;
    private final UnitSampler sampler;
    private final List<String> uncertainties;
    private double[][] points;

    private SensitivityStudy(BoundStudy bound, Settings settings, Policy policy, UnitSampler sampler, List<String> uncertainties) {
        this.bound = bound;
        this.settings = settings;
        this.policy = policy;
        this.sampler = sampler;
        this.uncertainties = uncertainties;
    }

    /** Checks the study and the policy and builds the design; {@code where} names the study in messages. */
    public static SensitivityStudy of(BoundStudy bound, Settings s, String where) {
        List<String> names = bound.study().uncertainties().stream().map(Study.Uncertainty::name).toList();
        if (names.isEmpty()) throw new IllegalArgumentException(where + " declares no uncertainties to analyse");
        if (bound.study().outcomes().isEmpty()) throw new IllegalArgumentException(where + " declares no outcomes to analyse");
        Policy p = s.policy() == null ? bound.policies().get(0) : bound.selectPolicies(List.of(s.policy())).get(0);
        UnitSampler sampler = s.method() == Method.SOBOL ? new SaltelliSampler(s.n(), names.size())
                : new MorrisSampler(s.n(), names.size(), SamplerKind.MORRIS_LEVELS, s.seed());
        if (sampler.size() > Integer.MAX_VALUE) throw new IllegalArgumentException("the design has too many runs (" + sampler.size() + ")");
        return new SensitivityStudy(bound, s, p, sampler, names);
    }

    public Policy policy() {
        return policy;
    }

    public long runs() {
        return sampler.size();
    }

    public List<String> uncertainties() {
        return uncertainties;
    }

    public List<String> outcomes() {
        return bound.study().outcomes().stream().map(Study.Outcome::name).toList();
    }

    /**
     * Outputs per outcome and run ({@code y[outcome][run]}); a failed run stops the analysis,
     * since the estimators need every row.
     */
    public double[][] run(Progress progress) {
        int runs = (int) sampler.size();
        int outs = bound.study().outcomes().size();
        double[][] y = new double[outs][runs];
        String[] failure = new String[1];
        RunSink sink = new RunSink() {
            @Override
            public void accept(RunRecord r) {
                if (!r.ok()) {
                    if (failure[0] == null) failure[0] = "run " + r.run() + " failed: " + r.reason();
                    return;
                }
                for (int o = 0; o < outs; o++) y[o][(int) r.run()] = r.outcomes()[o];
            }

            @Override
            public void commit() {
                // results stay in memory: nothing to make durable
            }
        };
        Design design = new Design(sampler, 1, PolicyDesign.FULL, settings.seed());
        Runner runner = new Runner(bound, design, List.of(policy), settings.seed(), Runner.Options.threads(settings.threads()));
        runner.run(run -> false, sink, progress);
        if (failure[0] != null) throw new IllegalArgumentException(failure[0]);
        return y;
    }

    /** The analysis of one outcome's values over the design's runs. */
    public Analysis analyse(double[] y) {
        int missing = 0;
        for (double v : y) if (!Double.isFinite(v)) missing++;
        if (missing > 0) return new Missing(missing, y.length);
        if (constant(y)) return new Constant();
        if (settings.method() == Method.MORRIS) {
            double[][] points = points();
            return new Morris(MorrisAnalysis.analyze(uncertainties, points, y, new MorrisAnalysis.Options(MORRIS_RESAMPLES, 0.95, settings.seed())), points);
        }
        int d = uncertainties.size();
        // bootstrap cost of S2: pairs x N x resamples
        double cost = d * (d - 1) / 2.0 * (y.length / (2.0 * d + 2)) * (SOBOL_RESAMPLES + 1);
        boolean tooCostly = cost > MAX_SECOND_ORDER_COST;
        boolean second = settings.secondOrder() && d >= 2 && !tooCostly;
        SobolAnalysis.Result r = SobolAnalysis.analyze(uncertainties, y, new SobolAnalysis.Options(SOBOL_RESAMPLES, 0.95, settings.seed(), second));
        return new Sobol(r, second, tooCostly && settings.secondOrder());
    }

    private double[][] points() {
        if (points != null) return points;
        double[][] pts = new double[(int) sampler.size()][sampler.dimensions()];
        for (int i = 0; i < pts.length; i++) sampler.point(i, pts[i]);
        points = pts;
        return pts;
    }

    private static boolean constant(double[] y) {
        for (double v : y) if (v != y[0]) return false;
        return true;
    }
}
