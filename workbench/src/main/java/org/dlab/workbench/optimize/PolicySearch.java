package org.dlab.workbench.optimize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.dlab.engine.ir.Pos;
import org.dlab.engine.model.Names;
import org.dlab.workbench.analysis.MultiObjective;
import org.dlab.workbench.analysis.RobustObjectives;
import org.dlab.workbench.run.FutureRun;
import org.dlab.workbench.run.Progress;
import org.dlab.workbench.sample.LatinHypercubeSampler;
import org.dlab.workbench.store.ParetoTables;
import org.dlab.workbench.store.Provenance;
import org.dlab.workbench.study.BoundStudy;
import org.dlab.workbench.study.Distribution;
import org.dlab.workbench.study.Study.Kind;
import org.dlab.workbench.study.Study.Lever;
import org.dlab.workbench.study.Study.Policy;
import org.dlab.workbench.study.Study.Setting;

/**
 * Policy search over a study's levers ({@code dlab optimize}): multi-objective search with
 * {@link MultiObjective} (NSGA-II, Deb et al. 2002; ε-NSGA-II, Kollat and Reed 2006; NSGA-III, Deb
 * and Jain 2014) either in one reference future (the model file's own constants) or robustly over a
 * Latin hypercube sample of the study's futures, the objectives then being robustness metrics
 * ({@link SearchObjective}); the latter is many-objective robust decision making (Kasprzyk et al.
 * 2013, Environ. Model. Softw. 42).
 *
 * <p>A candidate is infeasible when a run fails or an outcome is not finite (an implicit
 * constraint: the count of failed runs), or when a constraint's statistic is out of bounds.
 * Regret needs the best value in each future: the study's own policies are run over the futures
 * once, up front, and a candidate's regret is how far it falls behind the best of them.
 *
 * <p>Cost: evaluations × futures runs (plus policies × futures for regret), spread over threads by
 * future; the search itself is sequential and seeded, so a result depends only on the settings.
 */
public final class PolicySearch {
    /** Bounds on what a user sets: beyond them a search takes days or the arrays gigabytes. */
    public static final int MAX_EVALUATIONS = 1_000_000;
    public static final int MAX_FUTURES = 10_000;
    public static final int MAX_POPULATION = 10_000;
    public static final long MAX_RUNS = 200_000_000L;
    public static final int MAX_OBJECTIVES = 10;

    /** A bound on an objective-like statistic; NaN where open. */
    public record Bound(SearchObjective on, double min, double max) {
        double violation(double v) {
            if (!Double.isFinite(v)) return 1;
            return Math.max(0, Double.isNaN(max) ? 0 : v - max) + Math.max(0, Double.isNaN(min) ? 0 : min - v);
        }

        public String describe() {
            String s = on.label();
            if (!Double.isNaN(min)) s = Distribution.describeNumber(min) + " <= " + s;
            if (!Double.isNaN(max)) s = s + " <= " + Distribution.describeNumber(max);
            return s;
        }
    }

    /**
     * @param levers the levers searched (study names); the others stay at their baseline
     * @param futures 0 to search in the reference future, else the number of sampled futures
     */
    public record Settings(List<SearchObjective> objectives, List<Bound> constraints, List<String> levers, int futures,
            MultiObjective.Algorithm algorithm, int evaluations, int population, double[] epsilons, int divisions, long seed, int threads) {
        public Settings {
            objectives = List.copyOf(objectives);
            constraints = List.copyOf(constraints);
            levers = List.copyOf(levers);
            epsilons = epsilons == null ? null : epsilons.clone();
            if (objectives.isEmpty()) throw new IllegalArgumentException("no objectives to search on");
            if (objectives.size() > MAX_OBJECTIVES) throw new IllegalArgumentException("at most " + MAX_OBJECTIVES + " objectives, " + objectives.size() + " given");
            if (levers.isEmpty()) throw new IllegalArgumentException("no levers to search over");
            if (evaluations < 1 || evaluations > MAX_EVALUATIONS) throw new IllegalArgumentException("evaluations must be from 1 to " + MAX_EVALUATIONS);
            if (futures < 0 || futures > MAX_FUTURES) throw new IllegalArgumentException("futures must be from 0 (the reference future) to " + MAX_FUTURES);
            if ((long) evaluations * Math.max(1, futures) > MAX_RUNS) {
                throw new IllegalArgumentException("evaluations x futures = " + (long) evaluations * futures + " runs, more than " + MAX_RUNS);
            }
            if (population != 0 && (population < 4 || population > MAX_POPULATION)) throw new IllegalArgumentException("population must be from 4 to " + MAX_POPULATION);
            if (epsilons != null && epsilons.length != objectives.size()) {
                throw new IllegalArgumentException("one epsilon per objective: " + epsilons.length + " given for " + objectives.size() + " objectives");
            }
            if (epsilons != null) for (double e : epsilons) if (!(e > 0) || Double.isInfinite(e)) throw new IllegalArgumentException("epsilons must be positive");
            if (algorithm == MultiObjective.Algorithm.EPSILON_NSGA2 && epsilons == null) throw new IllegalArgumentException("ε-NSGA-II needs --epsilons, one per objective");
            if (divisions < 0 || divisions > 100) throw new IllegalArgumentException("divisions must be from 0 (default) to 100");
            if (threads < 1 || threads > 1024) throw new IllegalArgumentException("threads must be from 1 to 1024");
        }

        @Override
        public double[] epsilons() {
            return epsilons == null ? null : epsilons.clone();
        }

        public boolean robust() {
            return futures > 0;
        }
    }

    /**
     * A Pareto set: per member all the study's lever values, the objectives, and every outcome (its
     * value in the reference future, or its mean over the futures).
     */
    public record Result(List<String> leverNames, List<String> objectiveLabels, List<String> outcomeNames, double[][] levers, double[][] objectives,
            double[][] outcomes, MultiObjective.Result search) {
        public Result {
            leverNames = List.copyOf(leverNames);
            objectiveLabels = List.copyOf(objectiveLabels);
            outcomeNames = List.copyOf(outcomeNames);
        }

        public int size() {
            return levers.length;
        }
    }

    private final BoundStudy bound;
    private final Settings settings;
    private final int[] searched;
    private final double[][] futures;
    private volatile boolean stop;
    /** Hashed when the search starts: it may run for hours, and the store must name the files it read. */
    private final Provenance.Sources sources;

    public PolicySearch(BoundStudy bound, Settings settings) {
        this.bound = bound;
        this.settings = settings;
        this.sources = Provenance.Sources.of(bound);
        List<Lever> all = bound.study().levers();
        searched = new int[settings.levers().size()];
        for (int i = 0; i < searched.length; i++) {
            String name = settings.levers().get(i);
            searched[i] = -1;
            for (int l = 0; l < all.size(); l++) if (Names.key(all.get(l).name()).equals(Names.key(name))) searched[i] = l;
            if (searched[i] < 0) throw new IllegalArgumentException("no lever '" + name + "' in the study");
            for (int j = 0; j < i; j++) if (searched[j] == searched[i]) throw new IllegalArgumentException("lever '" + name + "' is listed twice");
        }
        for (SearchObjective o : settings.objectives()) checkMode(o);
        for (Bound b : settings.constraints()) checkMode(b.on());
        int d = bound.study().uncertainties().size();
        if (settings.robust() && d == 0) throw new IllegalArgumentException("the study has no uncertainties to sample futures from; search without --futures");
        futures = new double[settings.futures()][d];
        if (settings.robust()) {
            LatinHypercubeSampler lhs = new LatinHypercubeSampler(settings.futures(), d, settings.seed());
            double[] u = new double[d];
            for (int f = 0; f < futures.length; f++) {
                lhs.point(f, u);
                for (int i = 0; i < d; i++) futures[f][i] = bound.distributions().get(i).fromUnit(u[i]);
            }
        }
    }

    private void checkMode(SearchObjective o) {
        if (settings.robust() == (o.statistic() == SearchObjective.Statistic.VALUE)) {
            throw new IllegalArgumentException(o.label() + ": " + (settings.robust() ? "over futures, name a statistic (mean, pNN, ...)" : "needs --futures"));
        }
    }

    /** Asks the search to stop after the current generation; the result then holds what it found. */
    public void requestStop() {
        stop = true;
    }

    /** Runs the search; {@code progress} counts model runs. */
    public Result run(Progress progress) {
        int threads = Math.max(1, Math.min(settings.threads(), Math.max(1, futures.length)));
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "dlab-optimize");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            Evaluator ev = new Evaluator(pool, threads);
            double[][][] best = needsRegret() ? ev.bestOfPolicies() : null;
            int m = settings.objectives().size();
            List<Kind> kinds = settings.objectives().stream().map(SearchObjective::direction).toList();
            List<String> labels = settings.objectives().stream().map(SearchObjective::label).toList();
            double[] lo = new double[searched.length];
            double[] hi = new double[searched.length];
            for (int i = 0; i < searched.length; i++) {
                Lever l = bound.study().levers().get(searched[i]);
                lo[i] = l.low();
                hi[i] = l.high();
            }
            int runsPerEval = Math.max(1, futures.length);
            long totalRuns = (long) settings.evaluations() * runsPerEval;
            long t0 = System.nanoTime();
            MultiObjective.Model model = (x, f, c) -> {
                double[][] values = ev.outcomes(fullLevers(x));
                statistics(values, best, f, c);
            };
            MultiObjective.Problem problem = new MultiObjective.Problem(settings.levers(), lo, hi, labels, kinds, 1 + settings.constraints().size(), model);
            MultiObjective.Options options = new MultiObjective.Options(settings.algorithm(), settings.evaluations(), settings.population(),
                    settings.epsilons(), settings.divisions(), settings.seed(), null, null);
            MultiObjective.Result r = MultiObjective.optimize(problem, options, (evals, budget) -> {
                progress.update(Math.min((long) evals * runsPerEval, totalRuns), totalRuns, System.nanoTime() - t0);
                return !stop;
            });
            // the members' outcomes: the reference values, or the means over the futures
            int n = r.pareto().size();
            double[][] levers = new double[n][];
            double[][] objectives = new double[n][];
            double[][] outcomes = new double[n][];
            for (int k = 0; k < n; k++) {
                MultiObjective.Member mem = r.pareto().get(k);
                levers[k] = fullLevers(mem.levers());
                objectives[k] = mem.objectives();
                double[][] values = ev.outcomes(levers[k]);
                outcomes[k] = new double[values.length - 1];
                for (int o = 0; o < outcomes[k].length; o++) outcomes[k][o] = mean(values[o]);
            }
            assert objectives.length == 0 || objectives[0].length == m;
            return new Result(bound.study().levers().stream().map(Lever::name).toList(), labels,
                    bound.study().outcomes().stream().map(o -> o.name()).toList(), levers, objectives, outcomes, r);
        } finally {
            progress.done();
            if (pool != null) pool.shutdownNow();
        }
    }

    private boolean needsRegret() {
        for (SearchObjective o : settings.objectives()) if (o.statistic() == SearchObjective.Statistic.REGRET) return true;
        for (Bound b : settings.constraints()) if (b.on().statistic() == SearchObjective.Statistic.REGRET) return true;
        return false;
    }

    /** Every study lever's value: the searched ones from {@code x}, the others at their baseline. */
    double[] fullLevers(double[] x) {
        List<Lever> all = bound.study().levers();
        double[] v = new double[all.size()];
        for (int l = 0; l < v.length; l++) v[l] = all.get(l).baseline();
        for (int i = 0; i < searched.length; i++) v[searched[i]] = x[i];
        return v;
    }

    /**
     * Fills objectives and constraints (0: failed runs; then the bounds) from outcomes[outcome][future],
     * whose last row flags the failed runs. An outcome without a value in a run that did not fail
     * (a first_below that never happens) makes its statistic NaN, and an objective then the worst.
     */
    private void statistics(double[][] values, double[][][] best, double[] f, double[] c) {
        int failed = 0;
        for (double flag : values[values.length - 1]) if (flag != 0) failed++;
        c[0] = failed;
        List<SearchObjective> objs = settings.objectives();
        for (int j = 0; j < objs.size(); j++) {
            double v = failed > 0 ? Double.NaN : statistic(objs.get(j), values, best);
            // a failed candidate still needs comparable objectives: the worst possible ones
            f[j] = Double.isFinite(v) ? v : (objs.get(j).direction() == Kind.MINIMIZE ? Double.MAX_VALUE : -Double.MAX_VALUE);
        }
        List<Bound> bs = settings.constraints();
        for (int j = 0; j < bs.size(); j++) c[1 + j] = failed > 0 ? 1 : bs.get(j).violation(statistic(bs.get(j).on(), values, best));
    }

    static double statistic(SearchObjective o, double[][] values, double[][][] best) {
        double[] v = values[o.outcome()];
        switch (o.statistic()) {
            case VALUE:
                return v[0];
            case MEAN:
                return RobustObjectives.statistic(robust(o, RobustObjectives.Statistic.MEAN), v);
            case PERCENTILE:
                return RobustObjectives.statistic(robust(o, RobustObjectives.Statistic.PERCENTILE), v);
            case SATISFICING:
                return RobustObjectives.statistic(robust(o, RobustObjectives.Statistic.SATISFICING), v);
            case SIGNAL_TO_NOISE:
                return RobustObjectives.statistic(robust(o, RobustObjectives.Statistic.SIGNAL_TO_NOISE), v);
            default: {
                double[] b = best[0][o.outcome()];
                double[] regret = new double[v.length];
                for (int k = 0; k < v.length; k++) regret[k] = Math.max(0, o.kind() == Kind.MINIMIZE ? v[k] - b[k] : b[k] - v[k]);
                return RobustObjectives.statistic(new RobustObjectives.Objective("regret", 0, Kind.MINIMIZE, RobustObjectives.Statistic.PERCENTILE, o.arg()), regret);
            }
        }
    }

    private static RobustObjectives.Objective robust(SearchObjective o, RobustObjectives.Statistic s) {
        return new RobustObjectives.Objective(o.label(), o.outcome(), o.kind(), s, o.arg());
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    /** Runs a lever vector in every future on the pool, one {@link FutureRun} per thread. */
    private final class Evaluator {
        private final ExecutorService pool;
        private final int threads;
        private final ThreadLocal<FutureRun> runs;
        private final AtomicLong failures = new AtomicLong();

        Evaluator(ExecutorService pool, int threads) {
            this.pool = pool;
            this.threads = threads;
            runs = ThreadLocal.withInitial(() -> new FutureRun(bound, null, Double.NaN));
        }

        /** outcomes[outcome][future], NaN where the run failed, and a last row: 1 where it failed. */
        double[][] outcomes(double[] levers) {
            int nf = Math.max(1, futures.length);
            int no = bound.study().outcomes().size();
            double[][] out = new double[no + 1][nf];
            if (pool == null || nf == 1) {
                runRange(levers, 0, nf, out);
                return out;
            }
            List<Future<?>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int from = (int) ((long) nf * t / threads);
                int to = (int) ((long) nf * (t + 1) / threads);
                parts.add(pool.submit(() -> runRange(levers, from, to, out)));
            }
            for (Future<?> p : parts) {
                try {
                    p.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stop = true;
                    throw new IllegalStateException("interrupted");
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) throw re;
                    throw new IllegalStateException(e.getCause());
                }
            }
            return out;
        }

        private void runRange(double[] levers, int from, int to, double[][] out) {
            FutureRun run = runs.get();
            for (int k = from; k < to; k++) {
                // in the futures, the same future draws the same RANDOM numbers for every candidate (common random numbers)
                String failure = futures.length == 0 ? run.simulateReference(policyOf(levers)) : run.simulate(futures[k], levers, settings.seed(), k);
                double[] v;
                boolean failed = failure != null;
                if (failed) {
                    // a failed run (non-finite outcome variable, model error) makes the candidate infeasible, not the search fail
                    failures.incrementAndGet();
                    v = new double[out.length - 1];
                    Arrays.fill(v, Double.NaN);
                } else {
                    v = run.reducer().outcomes();
                }
                for (int o = 0; o < v.length; o++) out[o][k] = v[o];
                out[out.length - 1][k] = failed ? 1 : 0;
            }
        }

        /** best[0][outcome][future]: the best of the study's policies in each future, by the outcome's direction. */
        double[][][] bestOfPolicies() {
            int no = bound.study().outcomes().size();
            double[][] best = null;
            for (Policy p : bound.policies()) {
                double[][] v = outcomes(bound.leverValues(p));
                if (best == null) {
                    best = new double[no][];
                    for (int o = 0; o < no; o++) best[o] = v[o].clone();
                    continue;
                }
                for (int o = 0; o < no; o++) {
                    boolean min = bound.study().outcomes().get(o).kind() != Kind.MAXIMIZE;
                    for (int k = 0; k < v[o].length; k++) {
                        if (!Double.isFinite(v[o][k])) continue;
                        if (!Double.isFinite(best[o][k]) || (min ? v[o][k] < best[o][k] : v[o][k] > best[o][k])) best[o][k] = v[o][k];
                    }
                }
            }
            return new double[][][] {best};
        }
    }

    /** The lever vector as a policy, for a run in the model's own future. */
    private Policy policyOf(double[] levers) {
        List<Setting> s = new ArrayList<>();
        List<Lever> all = bound.study().levers();
        for (int l = 0; l < levers.length; l++) s.add(new Setting(all.get(l).name(), levers[l], Pos.NONE));
        return new Policy("candidate", s, Pos.NONE);
    }

    /** The result as the store keeps it, with the search's settings in its provenance. */
    public ParetoTables.Stored stored(Result r) {
        MultiObjective.Convergence conv = r.search().convergence();
        int[] evals = conv.evaluations();
        long[] runs = new long[evals.length];
        for (int i = 0; i < evals.length; i++) runs[i] = (long) evals[i] * Math.max(1, futures.length);
        List<ParetoTables.ObjectiveDef> defs = new ArrayList<>();
        double[] eps = settings.epsilons();
        for (int j = 0; j < settings.objectives().size(); j++) {
            SearchObjective o = settings.objectives().get(j);
            defs.add(new ParetoTables.ObjectiveDef(o.label(), o.outcomeName(), o.statisticSpec(), o.direction().name().toLowerCase(Locale.ROOT),
                    eps == null ? Double.NaN : eps[j]));
        }
        List<ParetoTables.LeverDef> leverDefs = new ArrayList<>();
        List<Lever> all = bound.study().levers();
        for (int l = 0; l < all.size(); l++) {
            boolean on = false;
            for (int i : searched) on |= i == l;
            leverDefs.add(new ParetoTables.LeverDef(all.get(l).name(), all.get(l).low(), all.get(l).high(), all.get(l).baseline(), on));
        }
        Provenance prov = Provenance.builder()
                .put("kind", "policy search")
                .file("study", bound.study().file(), sources.studySha256())
                .file("model", bound.study().model(), sources.modelSha256());
        prov.put("algorithm", settings.algorithm().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        prov.put("evaluations_budget", Integer.toString(settings.evaluations()));
        prov.put("evaluations", Integer.toString(r.search().evaluations()));
        prov.put("population", Integer.toString(settings.population()));
        prov.put("seed", Long.toString(settings.seed()));
        prov.put("futures", settings.robust() ? settings.futures() + " (Latin hypercube of the study's uncertainties)" : "0 (reference future: the model's own constants)");
        prov.put("levers_searched", String.join(", ", settings.levers()));
        prov.put("constraints", String.join("; ", settings.constraints().stream().map(Bound::describe).toList()));
        prov.put("hypervolume_ideal", Arrays.toString(r.search().ideal()));
        prov.put("hypervolume_reference", Arrays.toString(r.search().reference()));
        prov.put("status", r.search().stopped() ? "stopped" : "complete");
        prov.dlabVersion().finishedNow();
        return new ParetoTables.Stored(r.leverNames(), r.objectiveLabels(), r.outcomeNames(), r.levers(), r.objectives(), r.outcomes(), defs,
                leverDefs, evals, runs, conv.hypervolume(), conv.epsilonProgress(), prov.map());
    }

    public Settings settings() {
        return settings;
    }

    public BoundStudy bound() {
        return bound;
    }
}
