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
import org.dlab.workbench.plot.AnalysisCharts;
import org.dlab.workbench.run.Progress;
import org.dlab.workbench.sensitivity.SensitivityStudy;
import org.dlab.workbench.study.BoundStudy;
import org.dlab.workbench.study.StudyParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dlab sensitivity STUDY --method sobol|morris}: global sensitivity of every outcome to the study's uncertainties. */
@Command(name = "sensitivity", mixinStandardHelpOptions = true,
        description = {"Run the study's model over a Saltelli (sobol) or Morris design of its uncertainties at one policy's lever values, "
            + "and print per outcome the Sobol indices (S1, ST and the largest second-order S2, with bootstrap confidence) or the Morris measures "
            + "(mu*, mu, sigma with bootstrap confidence); --plots DIR draws them as SVG."})
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

    @Mixin SeedOption seedOption = new SeedOption();

    @Option(names = "--policy", paramLabel = "NAME", description = "the policy whose lever values are held fixed (default: the study's first)")
    String policy;

    @Mixin ThreadsOption threadsOption = new ThreadsOption();

    @Mixin QuietOption quietOption = new QuietOption();

    @Option(names = "--plots", paramLabel = "DIR", description = "also write per outcome a bar chart with confidence intervals (sobol: S1 and ST; "
            + "morris: mu*) and, for morris, the mu*-sigma plane, as SVG into DIR")
    Path plots;

    @Option(names = "--no-second-order", description = "sobol: skip the second-order indices (their cost grows with the square of the uncertainties)")
    boolean noSecondOrder;

    /** Pairs printed per outcome: with D uncertainties there are D(D-1)/2 of them. */
    static final int SECOND_ORDER_ROWS = 10;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        String m = method.toLowerCase(Locale.ROOT);
        boolean sobol = m.equals("sobol");
        if (!sobol && !m.equals("morris")) throw new UserInputException("--method must be sobol or morris, not '" + method + "'");
        SensitivityStudy.Method how = sobol ? SensitivityStudy.Method.SOBOL : SensitivityStudy.Method.MORRIS;
        long size = n != null ? n : how.sampler().defaultN;
        long max = sobol ? MAX_SOBOL_N : MAX_MORRIS_N;
        long min = 2; // Sobol needs two base points for a variance, Morris two trajectories for a sigma
        if (size < min || size > max) throw new UserInputException("-n must be from " + min + " to " + max + " for " + m);
        int t = threadsOption.count();
        BoundStudy bound = BoundStudy.bind(StudyParser.parse(study));
        ModelOptions.printWarnings(bound.model(), spec.commandLine().getErr());
        SensitivityStudy.Settings settings = new SensitivityStudy.Settings(how, size, seedOption.seed, policy, t, !noSecondOrder);
        SensitivityStudy s = ExploreCommand.parse(() -> SensitivityStudy.of(bound, settings, study.toString()));
        Progress progress = quietOption.progress("sensitivity");
        double[][] y = ExploreCommand.parse(() -> s.run(progress));

        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s, %s, n = %d: %d runs at policy %s%n", study, m, size, s.runs(), s.policy().name());
        List<String> names = s.uncertainties();
        List<String> outcomes = s.outcomes();
        List<String> files = new ArrayList<>();
        for (int o = 0; o < outcomes.size(); o++) {
            out.println();
            out.println("outcome " + outcomes.get(o));
            SensitivityStudy.Analysis a = s.analyse(y[o]);
            if (a instanceof SensitivityStudy.Missing x) {
                // e.g. a first crossing that never happens: the estimators need a value in every run, so say so and go on
                out.printf(Locale.ROOT, "  no finite value in %d of %d runs (a threshold never crossed?); the estimators need every run: skipped%n",
                        x.missing(), x.runs());
            } else if (a instanceof SensitivityStudy.Constant) {
                // every index is 0/0 for an outcome no uncertainty moves; saying so beats a table of NaN
                out.println("  constant over the design: no uncertainty affects it");
            } else if (a instanceof SensitivityStudy.Sobol x) {
                out.print(sobolTable(names, x, outcomes.get(o), files));
            } else if (a instanceof SensitivityStudy.Morris x) {
                out.print(morrisTable(x.result(), outcomes.get(o), files));
            }
        }
        if (!files.isEmpty()) {
            out.println();
            out.println("plots: " + String.join(", ", files));
        }
        out.flush();
        return ExitCodes.OK;
    }

    private String sobolTable(List<String> names, SensitivityStudy.Sobol sobol, String outcome, List<String> files) {
        SobolAnalysis.Result r = sobol.result();
        Estimate[] s1 = r.first();
        Estimate[] st = r.total();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) order.add(i);
        order.sort(Comparator.comparingDouble((Integer i) -> st[i].value()).reversed());
        int w = width(names);
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "  %-" + w + "s %9s %9s %9s %9s %19s %19s%n", "uncertainty", "S1", "S1 conf", "ST",
                "ST conf", "S1 95% interval", "ST 95% interval"));
        for (int i : order) {
            b.append(String.format(Locale.ROOT, "  %-" + w + "s %9.4f %9.4f %9.4f %9.4f %19s %19s%n", names.get(i), s1[i].value(), s1[i].halfWidth(),
                    st[i].value(), st[i].halfWidth(), interval(s1[i]), interval(st[i])));
        }
        if (sobol.second()) b.append(secondOrder(names, r.second()));
        if (sobol.secondSkipped()) b.append("  second order skipped: too many pairs x base points to bootstrap; use a smaller -n\n");
        if (plots != null) {
            int n = order.size();
            double[][] v = new double[2][n];
            double[][] lo = new double[2][n];
            double[][] hi = new double[2][n];
            List<String> sorted = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                int i = order.get(k);
                sorted.add(names.get(i));
                Estimate[] e = {s1[i], st[i]};
                for (int m = 0; m < 2; m++) {
                    v[m][k] = e[m].value();
                    lo[m][k] = e[m].low();
                    hi[m][k] = e[m].high();
                }
            }
            Path f = plots.resolve("sobol-" + AnalysisCharts.fileName(outcome) + ".svg");
            AnalysisCharts.write(f, AnalysisCharts.intervalBars("Sobol indices: " + outcome, "index (whisker: 95% bootstrap interval)", sorted,
                    List.of("S1 (first order)", "ST (total)"), v, lo, hi));
            files.add(f.toString());
        }
        return b.toString();
    }

    private static String interval(Estimate e) {
        return String.format(Locale.ROOT, "[%.4f, %.4f]", e.low(), e.high());
    }

    /** The pairs with the largest second-order index; the rest are summed up in one line. */
    private static String secondOrder(List<String> names, Estimate[][] s2) {
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) for (int j = i + 1; j < names.size(); j++) pairs.add(new int[] {i, j});
        pairs.sort(Comparator.comparingDouble((int[] p) -> s2[p[0]][p[1]].value()).reversed());
        int w = 11;
        int shown = Math.min(SECOND_ORDER_ROWS, pairs.size());
        for (int k = 0; k < shown; k++) w = Math.max(w, names.get(pairs.get(k)[0]).length() + 3 + names.get(pairs.get(k)[1]).length());
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "  second order (%d of %d pairs, largest S2 first)%n", shown, pairs.size()));
        b.append(String.format(Locale.ROOT, "  %-" + w + "s %9s %9s %19s%n", "pair", "S2", "S2 conf", "S2 95% interval"));
        for (int k = 0; k < shown; k++) {
            int[] p = pairs.get(k);
            Estimate e = s2[p[0]][p[1]];
            b.append(String.format(Locale.ROOT, "  %-" + w + "s %9.4f %9.4f %19s%n", names.get(p[0]) + " x " + names.get(p[1]), e.value(), e.halfWidth(), interval(e)));
        }
        return b.toString();
    }

    private String morrisTable(MorrisAnalysis.Result r, String outcome, List<String> files) {
        int w = width(r.ranked().stream().map(MorrisAnalysis.Measure::name).toList());
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "  %-" + w + "s %11s %11s %11s %11s %11s %11s%n", "uncertainty", "mu*", "mu* conf", "mu",
                "mu conf", "sigma", "sigma conf"));
        List<MorrisAnalysis.Measure> ranked = r.ranked();
        for (MorrisAnalysis.Measure m : ranked) {
            b.append(String.format(Locale.ROOT, "  %-" + w + "s %11.4g %11.4g %11.4g %11.4g %11.4g %11.4g%n", m.name(), m.muStar().value(),
                    m.muStar().halfWidth(), m.mu().value(), m.mu().halfWidth(), m.sigma().value(), m.sigma().halfWidth()));
        }
        if (plots != null) {
            int n = ranked.size();
            double[] ms = new double[n];
            double[] lo = new double[n];
            double[] hi = new double[n];
            double[] sg = new double[n];
            for (int k = 0; k < n; k++) {
                MorrisAnalysis.Measure m = ranked.get(k);
                ms[k] = m.muStar().value();
                lo[k] = m.muStar().low();
                hi[k] = m.muStar().high();
                sg[k] = m.sigma().value();
            }
            List<String> sorted = ranked.stream().map(MorrisAnalysis.Measure::name).toList();
            Path bars = plots.resolve("morris-" + AnalysisCharts.fileName(outcome) + ".svg");
            AnalysisCharts.write(bars, AnalysisCharts.intervalBars("Morris mu*: " + outcome, "mu* (whisker: 95% bootstrap interval)", sorted, List.of("mu*"),
                    new double[][] {ms}, new double[][] {lo}, new double[][] {hi}));
            Path plane = plots.resolve("morris-sigma-" + AnalysisCharts.fileName(outcome) + ".svg");
            AnalysisCharts.write(plane, AnalysisCharts.morris("Morris: " + outcome, sorted, ms, lo, hi, sg));
            files.add(bars.toString());
            files.add(plane.toString());
        }
        return b.toString();
    }

    private static int width(List<String> names) {
        int w = "uncertainty".length();
        for (String s : names) w = Math.max(w, s.length());
        return w;
    }
}
