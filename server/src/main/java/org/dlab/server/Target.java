package org.dlab.server;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.dlab.engine.ModelException;
import org.dlab.engine.model.Names;
import org.dlab.engine.model.ScalarVar;
import org.dlab.engine.run.Model;
import org.dlab.engine.run.ResultSink;
import org.dlab.engine.run.Run;
import org.dlab.workbench.sample.LatinHypercubeSampler;
import org.dlab.workbench.study.BoundStudy;
import org.dlab.workbench.study.Distribution;
import org.dlab.workbench.study.Study;

/**
 * A compiled model (and its study, when there is one) ready to serve: compiled once, shared by
 * every request thread. Runs are mutable, so each request borrows one from a pool instead of
 * paying for a new state array per request.
 */
final class Target {
    private static final List<String> TIME_SETTINGS = List.of("INITIAL TIME", "FINAL TIME", "TIME STEP", "SAVEPER");

    final String id;
    final String kind;
    final String title;
    final Model model;
    final BoundStudy study;
    final double startTime;
    final double finalTime;
    final double timeStep;
    final double saveper;
    final List<String> defaultVariables;
    /** The model's load warnings, one line each, no absolute paths ({@link LoadWarningLines}). */
    final List<String> warnings;
    private final ConcurrentLinkedQueue<Run> pool = new ConcurrentLinkedQueue<>();
    private final int finalSlot;
    private final int saveSlot;
    /** Slots of the time settings, compared after the model's own name resolution (Names.key). */
    private final Set<Integer> timeSlots = new java.util.HashSet<>();
    private final Map<Integer, Integer> leverBySlot = new HashMap<>();
    // resolved once: name matching (case, spaces, a regex per lookup) cost more than a korea run under load
    private final Map<String, double[]> policyLevers = new HashMap<>();
    private final Map<String, Integer> leverByKey = new HashMap<>();
    private final int[] leverSlot;
    private final Map<String, Integer> slotByName = new ConcurrentHashMap<>();
    private static final int MAX_CACHED_NAMES = 4096;

    Target(String id, String kind, String title, Model model, BoundStudy study, List<String> warnings) {
        this.id = id;
        this.warnings = List.copyOf(warnings);
        this.kind = kind;
        this.title = title;
        this.model = model;
        this.study = study;
        finalSlot = model.slotOf("FINAL TIME");
        saveSlot = model.slotOf("SAVEPER");
        List<Study.Lever> ls = study == null ? List.of() : study.study().levers();
        leverSlot = new int[ls.size()];
        for (int i = 0; i < ls.size(); i++) {
            leverByKey.putIfAbsent(Names.key(ls.get(i).name()), i);
            ScalarVar v = model.variable(ls.get(i).name());
            leverSlot[i] = v == null ? -1 : model.plan().slot(v);
            if (v != null) leverBySlot.putIfAbsent(model.plan().slot(v), i);
        }
        for (String t : TIME_SETTINGS) if (model.slotOf(t) >= 0) timeSlots.add(model.slotOf(t));
        if (study != null) for (Study.Policy p : study.policies()) policyLevers.put(p.name(), study.leverValues(p));
        // the base run tells the time axis the study (or the model) actually uses
        Run probe = model.newRun().limits(Api.MAX_STEPS, Api.MAX_ROWS); // a model in the roots is untrusted too
        prepare(probe, study == null ? null : study.policies().get(0), new double[0]);
        double[] t = probe.simulate().times();
        int dtSlot = model.slotOf("TIME STEP");
        double[] dt = {Double.NaN};
        if (dtSlot >= 0) probe.simulate(new ResultSink() {
            @Override
            public void row(double time, double[] s) {
                if (Double.isNaN(dt[0])) dt[0] = s[dtSlot];
            }
        });
        startTime = t[0];
        finalTime = t[t.length - 1];
        saveper = t.length > 1 ? t[1] - t[0] : 1;
        timeStep = Double.isNaN(dt[0]) ? saveper : dt[0];
        pool.add(probe);
        LinkedHashSet<String> vars = new LinkedHashSet<>();
        if (study != null) for (Study.Outcome o : study.study().outcomes()) vars.add(o.variable());
        if (vars.isEmpty()) for (String v : model.variableNames()) if (vars.size() < 8) vars.add(v);
        defaultVariables = List.copyOf(vars);
    }

    Study.Policy policy(String name) {
        if (study == null) {
            if (name != null) throw ApiException.badRequest("policy", "'" + id + "' is a model without a study, so it has no policies");
            return null;
        }
        if (name == null) return study.policies().get(0);
        for (Study.Policy p : study.policies()) if (p.name().equals(name)) return p;
        throw ApiException.badRequest("policy", "no policy '" + name + "' in study '" + id + "'; it has: "
                + String.join(", ", study.policies().stream().map(Study.Policy::name).toList()));
    }

    /** Lever values under the policy with the request's overrides, each checked against the lever's range. */
    double[] levers(Study.Policy policy, Map<String, Double> overrides) {
        if (study == null) {
            if (overrides != null && !overrides.isEmpty()) throw ApiException.badRequest("levers", "'" + id + "' is a model without a study, so it has no levers; use constants");
            return new double[0];
        }
        double[] v = policyLevers.get(policy.name()).clone();
        if (overrides == null) return v;
        if (overrides.size() > Api.MAX_OVERRIDES) throw ApiException.badRequest("levers", "at most " + Api.MAX_OVERRIDES + " levers");
        List<Study.Lever> ls = study.study().levers();
        for (Map.Entry<String, Double> e : overrides.entrySet()) {
            int i = leverIndex(e.getKey());
            String f = "levers." + e.getKey();
            if (i < 0) throw ApiException.badRequest(f, "no lever '" + e.getKey() + "' in study '" + id + "'");
            double x = finite(f, e.getValue());
            Study.Lever l = ls.get(i);
            if (x < l.low() || x > l.high()) throw outOfRange(f, l, x);
            v[i] = x;
        }
        return v;
    }

    private int leverIndex(String name) {
        Integer i = leverByKey.get(Names.key(name));
        return i == null ? -1 : i;
    }

    /** A variable's slot, or -1; names that resolve are remembered (a bounded number of them). */
    private int slotOf(String name) {
        Integer s = slotByName.get(name);
        if (s != null) return s;
        int slot = model.slotOf(name);
        if (slot >= 0 && slotByName.size() < MAX_CACHED_NAMES) slotByName.put(name, slot);
        return slot;
    }

    /** Slots of the requested variables in order, each name checked. */
    int[] variableSlots(List<String> names, List<String> resolved) {
        List<String> req = names == null || names.isEmpty() ? defaultVariables : names;
        if (req.size() > Api.MAX_VARIABLES) throw ApiException.badRequest("variables", "at most " + Api.MAX_VARIABLES + " variables per request, got " + req.size());
        int[] slots = new int[req.size()];
        for (int i = 0; i < slots.length; i++) {
            String n = req.get(i);
            if (n == null) throw ApiException.badRequest("variables", "a variable name is null");
            slots[i] = slotOf(n);
            if (slots[i] < 0) throw ApiException.badRequest("variables", "no variable '" + n + "' in '" + id + "'");
            if (resolved.contains(n)) throw ApiException.badRequest("variables", "variable '" + n + "' is listed twice");
            resolved.add(n);
        }
        return slots;
    }

    /** Checks constant overrides: known, settable, not a time setting (those have their own bounded fields). */
    Map<Integer, Double> constants(Map<String, Double> cs) {
        Map<Integer, Double> out = new LinkedHashMap<>();
        if (cs == null) return out;
        if (cs.size() > Api.MAX_OVERRIDES) throw ApiException.badRequest("constants", "at most " + Api.MAX_OVERRIDES + " constants");
        for (Map.Entry<String, Double> e : cs.entrySet()) {
            String f = "constants." + e.getKey();
            if (e.getKey() == null) throw ApiException.badRequest("constants", "a constant's name is null");
            ScalarVar v = model.variable(e.getKey());
            if (v == null) throw ApiException.badRequest(f, "no constant '" + e.getKey() + "' in '" + id + "'");
            if (timeSlots.contains(model.plan().slot(v))) {
                throw ApiException.badRequest(f, "time settings are not constants here; use the fields finalTime and saveper");
            }
            if (!model.plan().settable(v)) {
                throw ApiException.badRequest(f, "'" + v.name + "' is computed every step; only constants and initial values can be set");
            }
            double x = finite(f, e.getValue());
            Integer lever = leverBySlot.get(model.plan().slot(v));
            if (lever != null) {
                // a lever keeps its range whichever field names it
                Study.Lever l = study.study().levers().get(lever);
                if (x < l.low() || x > l.high()) throw outOfRange(f, l, x);
            }
            if (out.put(model.plan().slot(v), x) != null) throw ApiException.badRequest(f, "'" + v.name + "' is set twice");
        }
        return out;
    }

    private static ApiException outOfRange(String field, Study.Lever l, double x) {
        return ApiException.badRequest(field, "lever '" + l.name() + "' must be between " + Distribution.describeNumber(l.low())
                + " and " + Distribution.describeNumber(l.high()) + ", got " + Distribution.describeNumber(x));
    }

    static double finite(String field, Double v) {
        if (v == null || !Double.isFinite(v)) throw ApiException.badRequest(field, "must be a finite number");
        return v;
    }

    /**
     * A single run stays in the model's own future: the study's time settings and the policy
     * (BoundStudy.applyPolicy), then the request's lever values where they differ from the policy's.
     */
    private void prepare(Run run, Study.Policy policy, double[] levers) {
        if (study == null) {
            run.reset();
            return;
        }
        study.applyPolicy(run, policy);
        double[] base = policyLevers.get(policy.name());
        List<Study.Lever> ls = study.study().levers();
        for (int i = 0; i < levers.length; i++) {
            if (levers[i] == base[i]) continue;
            if (leverSlot[i] >= 0) run.setSlot(leverSlot[i], levers[i]);
            else run.set(ls.get(i).name(), levers[i]); // reports why the lever cannot be set
        }
    }

    Api.RunResponse run(Api.RunRequest r) {
        long t0 = System.nanoTime();
        Study.Policy policy = policy(r.policy());
        double[] lv = levers(policy, r.levers());
        Map<Integer, Double> cs = constants(r.constants());
        List<String> names = new ArrayList<>();
        int[] slots = variableSlots(r.variables(), names);
        double[] time = timeOverrides(r.finalTime(), r.saveper());
        Run run = borrow();
        try {
            run.limits(Api.MAX_STEPS, Api.MAX_ROWS);
            prepare(run, policy, lv);
            cs.forEach(run::setSlot);
            if (!Double.isNaN(time[0])) run.setSlot(finalSlot, time[0]);
            if (!Double.isNaN(time[1])) run.setSlot(saveSlot, time[1]);
            Columns c = new Columns(slots);
            run.simulate(c);
            Map<String, double[]> series = new LinkedHashMap<>();
            for (int i = 0; i < slots.length; i++) series.put(names.get(i), c.column(i));
            return new Api.RunResponse(id, policy == null ? null : policy.name(), c.times(), series, (System.nanoTime() - t0) / 1e6);
        } catch (ModelException e) {
            throw new ApiException(422, null, "the run failed: " + e.getMessage());
        } finally {
            pool.add(run);
        }
    }

    /** Validated (finalTime, saveper); NaN where the request keeps the study's own. */
    private double[] timeOverrides(Double ft, Double sp) {
        double f = Double.NaN;
        double s = Double.NaN;
        double end = finalTime;
        if (ft != null) {
            f = finite("finalTime", ft);
            if (finalSlot < 0) throw ApiException.badRequest("finalTime", "this model's FINAL TIME cannot be set");
            if (f <= startTime || f > startTime + Api.MAX_HORIZON) {
                throw ApiException.badRequest("finalTime", "must be after the start (" + Distribution.describeNumber(startTime)
                        + ") and at most " + Distribution.describeNumber(Api.MAX_HORIZON) + " later");
            }
            if ((f - startTime) / timeStep > Api.MAX_STEPS) throw ApiException.badRequest("finalTime", "the run would take more than " + Api.MAX_STEPS + " steps");
            end = f;
        }
        if (sp != null) {
            s = finite("saveper", sp);
            if (saveSlot < 0) throw ApiException.badRequest("saveper", "this model's SAVEPER cannot be set");
            if (s < timeStep) throw ApiException.badRequest("saveper", "must be at least the time step (" + Distribution.describeNumber(timeStep) + ")");
        }
        double every = Double.isNaN(s) ? saveper : s;
        if ((end - startTime) / every > Api.MAX_ROWS) throw ApiException.badRequest(Double.isNaN(s) ? "finalTime" : "saveper", "the run would save more than " + Api.MAX_ROWS + " rows");
        return new double[] {f, s};
    }

    Api.EnsembleResponse ensemble(Api.EnsembleRequest r, ExecutorService pool, int threads) {
        long t0 = System.nanoTime();
        if (study == null || study.distributions().isEmpty()) {
            throw ApiException.badRequest(null, "'" + id + "' has no uncertainties to sample; ensembles need a study with uncertainties");
        }
        int n = r.n() == null ? Api.DEFAULT_ENSEMBLE : r.n();
        if (n < 2 || n > Api.MAX_ENSEMBLE) throw ApiException.badRequest("n", "must be between 2 and " + Api.MAX_ENSEMBLE + ", got " + n);
        long seed = r.seed() == null ? 1 : r.seed();
        Study.Policy policy = policy(r.policy());
        double[] lv = levers(policy, r.levers());
        List<String> names = new ArrayList<>();
        int[] slots = variableSlots(r.variables(), names);
        List<Distribution> dists = study.distributions();
        LatinHypercubeSampler lhs = new LatinHypercubeSampler(n, dists.size(), seed);
        int rows = (int) Math.round((finalTime - startTime) / saveper) + 1;
        double[][][] values = new double[slots.length][n][];
        double[][] times = new double[1][];
        AtomicInteger failed = new AtomicInteger();
        long deadline = System.nanoTime() + Api.ENSEMBLE_DEADLINE_MS * 1_000_000L;
        java.util.concurrent.atomic.AtomicBoolean late = new java.util.concurrent.atomic.AtomicBoolean();
        int chunks = Math.min(threads, n);
        List<Future<?>> fs = new ArrayList<>();
        for (int c = 0; c < chunks; c++) {
            int from = (int) ((long) n * c / chunks);
            int to = (int) ((long) n * (c + 1) / chunks);
            fs.add(pool.submit(() -> {
                Run run = borrow();
                run.limits(Api.MAX_STEPS, Api.MAX_ROWS);
                double[] u = new double[dists.size()];
                double[] x = new double[dists.size()];
                try {
                    for (int i = from; i < to; i++) {
                        // the request's time is bounded: past the deadline every worker stops
                        if (late.get() || System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) {
                            late.set(true);
                            return;
                        }
                        lhs.point(i, u);
                        for (int d = 0; d < x.length; d++) x[d] = dists.get(d).fromUnit(u[d]);
                        study.apply(run, x, lv);
                        Columns col = new Columns(slots);
                        try {
                            run.simulate(col);
                        } catch (ModelException e) {
                            failed.incrementAndGet();
                            continue;
                        }
                        for (int v = 0; v < slots.length; v++) values[v][i] = col.column(v);
                        if (i == 0) times[0] = col.times();
                    }
                } finally {
                    this.pool.add(run);
                }
            }));
        }
        for (Future<?> f : fs) {
            try {
                f.get();
            } catch (InterruptedException e) {
                late.set(true); // the workers stop at their next run
                Thread.currentThread().interrupt();
                throw new ApiException(503, null, "interrupted");
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        if (late.get()) throw new ApiException(503, null, "the ensemble took longer than " + Api.ENSEMBLE_DEADLINE_MS / 1000 + " s; ask for fewer runs");
        Map<String, Api.Bands> out = new LinkedHashMap<>();
        for (int v = 0; v < slots.length; v++) out.put(names.get(v), bands(values[v], rows));
        double[] tt = times[0] != null ? times[0] : new double[0];
        return new Api.EnsembleResponse(id, policy.name(), n, seed, failed.get(), tt, out, (System.nanoTime() - t0) / 1e6);
    }

    /** 5/50/95th percentiles (linear between order statistics) at each saved time, over the runs that finished. */
    static Api.Bands bands(double[][] runs, int rows) {
        List<double[]> ok = new ArrayList<>();
        for (double[] r : runs) if (r != null) ok.add(r);
        int m = ok.isEmpty() ? 0 : Math.min(rows, ok.get(0).length);
        double[] p5 = new double[m];
        double[] p50 = new double[m];
        double[] p95 = new double[m];
        double[] col = new double[ok.size()];
        for (int t = 0; t < m; t++) {
            for (int i = 0; i < col.length; i++) col[i] = ok.get(i)[t];
            Arrays.sort(col);
            p5[t] = quantile(col, 0.05);
            p50[t] = quantile(col, 0.5);
            p95[t] = quantile(col, 0.95);
        }
        return new Api.Bands(p5, p50, p95);
    }

    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private Run borrow() {
        Run r = pool.poll();
        return r != null ? r : model.newRun();
    }

    /** Keeps only the requested slots of each saved row. */
    private static final class Columns implements ResultSink {
        private final int[] slots;
        private double[] times = new double[16];
        private double[][] cols;
        private int rows;

        Columns(int[] slots) {
            this.slots = slots;
            cols = new double[slots.length][16];
        }

        @Override
        public void begin(int expected) {
            times = new double[Math.max(1, expected)];
            cols = new double[slots.length][times.length];
            rows = 0;
        }

        @Override
        public void row(double time, double[] s) {
            if (rows == times.length) {
                times = Arrays.copyOf(times, rows * 2);
                for (int c = 0; c < cols.length; c++) cols[c] = Arrays.copyOf(cols[c], rows * 2);
            }
            times[rows] = time;
            for (int c = 0; c < slots.length; c++) cols[c][rows] = s[slots[c]];
            rows++;
        }

        double[] times() {
            return Arrays.copyOf(times, rows);
        }

        double[] column(int c) {
            return Arrays.copyOf(cols[c], rows);
        }
    }
}
