package org.dlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dlab.workbench.analysis.Estimate;
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
import org.dlab.workbench.study.Study.Policy;
import org.dlab.workbench.study.StudyParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dlab sensitivity STUDY --method sobol|morris}: global sensitivity of every outcome to the study's uncertainties. */
@Command(name = "sensitivity", mixinStandardHelpOptions = true,
        description = {"Run the study's model over a Saltelli (sobol) or Morris design of its uncertainties at one policy's lever values, "
            + "and print per outcome the Sobol indices (S1, ST with bootstrap confidence) or the Morris measures (mu*, mu, sigma)."})
final class SensitivityCommand implements Callable<Integer> {
    /** Bounds on -n: beyond them a run takes hours on small models and the arrays below take gigabytes. */
    static final long MAX_SOBOL_N = 65_536;
    static final long MAX_MORRIS_N = 10_000;

    @Parameters(index = "0", paramLabel = "STUDY", description = "a study file, or a folder holding study.yaml")
    Path study;

    @Option(names = "--method", paramLabel = "sobol|morris", required = true, description = "sobol (Saltelli design) or morris (elementary effects)")
    String method;

    @Option(names = "-n", paramLabel = "N", description = "sobol: base points (default 256, at most 65536), morris: trajectories (default 20, at most 10000)")
    Long n;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "seed for the Morris design and the bootstrap (default 1)")
    long seed;

    @Option(names = "--policy", paramLabel = "NAME", description = "the policy whose lever values are held fixed (default: the study's first)")
    String policy;

    @Option(names = "--threads", paramLabel = "T", description = "worker threads (default: all cores)")
    Integer threads;

    @Option(names = "--quiet", description = "no progress on stderr")
    boolean quiet;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        String m = method.toLowerCase(Locale.ROOT);
        boolean sobol = m.equals("sobol");
        if (!sobol && !m.equals("morris")) throw new UserInputException("--method must be sobol or morris, not '" + method + "'");
        long size = n != null ? n : (sobol ? SamplerKind.SOBOL : SamplerKind.MORRIS).defaultN;
        long max = sobol ? MAX_SOBOL_N : MAX_MORRIS_N;
        long min = 2; // Sobol needs two base points for a variance, Morris two trajectories for a sigma
        if (size < min || size > max) throw new UserInputException("-n must be from " + min + " to " + max + " for " + m);
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t < 1 || t > 1024) throw new UserInputException("--threads must be from 1 to 1024");
        BoundStudy bound = BoundStudy.bind(StudyParser.parse(study));
        List<String> names = bound.study().uncertainties().stream().map(u -> u.name()).toList();
        if (names.isEmpty()) throw new UserInputException(study + " declares no uncertainties to analyse");
        if (bound.study().outcomes().isEmpty()) throw new UserInputException(study + " declares no outcomes to analyse");
        Policy p = ExploreCommand.parse(() -> policy == null ? bound.policies().get(0) : bound.selectPolicies(List.of(policy)).get(0));
        UnitSampler sampler = ExploreCommand.parse(() -> sobol ? new SaltelliSampler(size, names.size())
                : new MorrisSampler(size, names.size(), SamplerKind.MORRIS_LEVELS, seed));
        double[][] y = runDesign(bound, sampler, p, t);

        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s, %s, n = %d: %d runs at policy %s%n", study, m, size, sampler.size(), p.name());
        List<String> outcomes = bound.study().outcomes().stream().map(o -> o.name()).toList();
        double[][] points = sobol ? null : points(sampler);
        for (int o = 0; o < outcomes.size(); o++) {
            out.println();
            out.println("outcome " + outcomes.get(o));
            if (!constant(y[o])) {
                out.print(sobol ? sobolTable(names, y[o]) : morrisTable(names, points, y[o]));
            } else {
                // every index is 0/0 for an outcome no uncertainty moves; saying so beats a table of NaN
                out.println("  constant over the design: no uncertainty affects it");
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** Outputs per outcome and run; a failed run or a NaN outcome stops the analysis, since the estimators need every row. */
    private double[][] runDesign(BoundStudy bound, UnitSampler sampler, Policy p, int t) {
        if (sampler.size() > Integer.MAX_VALUE) throw new UserInputException("the design has too many runs (" + sampler.size() + ")");
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
        Design design = new Design(sampler, 1, PolicyDesign.FULL, seed);
        Runner runner = new Runner(bound, design, List.of(p), seed, Runner.Options.threads(t));
        Progress progress = quiet ? Progress.NONE : new ProgressDisplay("sensitivity", System.err);
        runner.run(run -> false, sink, progress);
        if (failure[0] != null) throw new UserInputException(failure[0]);
        for (int o = 0; o < outs; o++) {
            for (int r = 0; r < runs; r++) {
                if (!Double.isFinite(y[o][r])) {
                    throw new UserInputException("outcome " + bound.study().outcomes().get(o).name() + " has no finite value in run " + r
                            + " (" + y[o][r] + "); sensitivity needs a value in every run");
                }
            }
        }
        return y;
    }

    private static double[][] points(UnitSampler sampler) {
        double[][] pts = new double[(int) sampler.size()][sampler.dimensions()];
        for (int i = 0; i < pts.length; i++) sampler.point(i, pts[i]);
        return pts;
    }

    private static boolean constant(double[] y) {
        for (double v : y) if (v != y[0]) return false;
        return true;
    }

    private String sobolTable(List<String> names, double[] y) {
        // second order is not printed, so not computed: it costs O(N D^2) per resample
        SobolAnalysis.Result r = SobolAnalysis.analyze(names, y, new SobolAnalysis.Options(100, 0.95, seed, false));
        Estimate[] s1 = r.first();
        Estimate[] st = r.total();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) order.add(i);
        order.sort(Comparator.comparingDouble((Integer i) -> st[i].value()).reversed());
        int w = width(names);
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "  %-" + w + "s %9s %9s %9s %9s%n", "uncertainty", "S1", "S1 conf", "ST", "ST conf"));
        for (int i : order) {
            b.append(String.format(Locale.ROOT, "  %-" + w + "s %9.4f %9.4f %9.4f %9.4f%n", names.get(i),
                    s1[i].value(), s1[i].halfWidth(), st[i].value(), st[i].halfWidth()));
        }
        return b.toString();
    }

    private String morrisTable(List<String> names, double[][] points, double[] y) {
        MorrisAnalysis.Result r = MorrisAnalysis.analyze(names, points, y, new MorrisAnalysis.Options(1000, 0.95, seed));
        int w = width(names);
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "  %-" + w + "s %11s %11s %11s %11s%n", "uncertainty", "mu*", "mu* conf", "mu", "sigma"));
        for (MorrisAnalysis.Measure m : r.ranked()) {
            b.append(String.format(Locale.ROOT, "  %-" + w + "s %11.4g %11.4g %11.4g %11.4g%n", m.name(),
                    m.muStar().value(), m.muStar().halfWidth(), m.mu().value(), m.sigma().value()));
        }
        return b.toString();
    }

    private static int width(List<String> names) {
        int w = "uncertainty".length();
        for (String s : names) w = Math.max(w, s.length());
        return w;
    }
}
