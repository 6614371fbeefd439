package org.dlab.engine.run;

import java.util.Arrays;
import java.util.List;
import org.dlab.engine.ModelException;
import org.dlab.engine.ir.IntegrationMethod;
import org.dlab.engine.ir.Pos;
import org.dlab.engine.model.Plan;
import org.dlab.engine.model.ScalarVar;

/**
 * One simulation of a compiled {@link Model}: mutable, for one thread. Set constants, simulate,
 * set again and re-run; nothing is recompiled. Time is always {@code t0 + n * dt}.
 */
public final class Run {
    /** Runs longer than this many steps are refused as a likely mistake in TIME STEP. */
    public static final long MAX_STEPS = 200_000_000L;

    private final Model model;
    private final ModelCode code;
    private final double[] s;
    private final boolean[] fixed;
    private final double[] fixedValue;
    private final double[][] k;
    private final double[] y0;
    private final double[] next;
    private final int nStocks;
    private final int nDiscrete;
    private final RunState rs;
    private final boolean[] nonNegative;
    private final boolean anyNonNegative;
    private final int itSlot;
    private final int ftSlot;
    private final int dtSlot;
    private final int saveSlot;
    private IntegrationMethod method;
    private long seed = 1;
    private long maxSteps = MAX_STEPS;
    private long maxRows = Long.MAX_VALUE;
    private String saveWarning;

    Run(Model model) {
        this.model = model;
        this.code = model.code();
        Plan plan = model.plan();
        s = new double[plan.slotCount()];
        fixed = new boolean[s.length];
        fixedValue = new double[s.length];
        nStocks = plan.stocks().size();
        nDiscrete = plan.discretes().size();
        k = new double[4][nStocks];
        y0 = new double[nStocks];
        next = new double[nDiscrete];
        rs = new RunState(plan.model().states().size(), seed);
        nonNegative = new boolean[nStocks];
        boolean any = false;
        for (ScalarVar v : plan.stocks()) {
            nonNegative[plan.slot(v)] = v.nonNegative;
            any |= v.nonNegative;
        }
        anyNonNegative = any;
        itSlot = plan.slot(plan.model().initialTime());
        ftSlot = plan.slot(plan.model().finalTime());
        dtSlot = plan.slot(plan.model().timeStep());
        saveSlot = plan.slot(plan.model().saveper());
        method = model.method();
        dynamicControl = plan.info(plan.model().finalTime()).computedEachStep() || plan.info(plan.model().timeStep()).computedEachStep()
                || plan.info(plan.model().saveper()).computedEachStep();
    }

    /** True when FINAL TIME, TIME STEP or SAVEPER change during the run (PySD allows it). */
    private final boolean dynamicControl;

    public Model model() {
        return model;
    }

    /**
     * Sets a constant (or a stock's initial value) for the next simulations. Names follow
     * Vensim's rules; subscripted elements as {@code Name[e1,e2]}.
     */
    public Run set(String name, double value) {
        ScalarVar v = model.variable(name);
        if (v == null) throw new ModelException(Pos.NONE.withFile(model.plan().model().source().fileName()), "no variable '" + name + "' in the model");
        if (!model.plan().settable(v)) {
            throw new ModelException(v.pos, "'" + v.name + "' is computed every step; only constants and initial values can be set");
        }
        fixed[model.plan().slot(v)] = true;
        fixedValue[model.plan().slot(v)] = value;
        return this;
    }

    /** Sets a value by slot (from {@link Model#slotOf}), for ensembles that set many runs fast. */
    public Run setSlot(int slot, double value) {
        fixed[slot] = true;
        fixedValue[slot] = value;
        return this;
    }

    /** Forgets every value set, back to the model's own. */
    public Run reset() {
        Arrays.fill(fixed, false);
        return this;
    }

    public Run method(IntegrationMethod m) {
        this.method = m;
        return this;
    }

    /**
     * Caps for the next simulations, checked on the time settings as the model resolves them (so
     * a constant that TIME STEP or FINAL TIME depends on is covered too): at most {@code steps}
     * steps and {@code rows} saved rows, else a {@link ModelException}.
     */
    public Run limits(long steps, long rows) {
        this.maxSteps = Math.min(MAX_STEPS, steps);
        this.maxRows = rows;
        return this;
    }

    /**
     * Null, or why the last simulation saved at other times than SAVEPER asks for (SAVEPER not a
     * multiple of TIME STEP: rows are saved every round(SAVEPER / TIME STEP) steps, as Vensim does,
     * and the SAVEPER column shows that real period).
     */
    public String saveWarning() {
        return saveWarning;
    }

    /** Seed of the RANDOM functions for the next simulations. */
    public Run seed(long seed) {
        this.seed = seed;
        return this;
    }

    public SimResult simulate() {
        Collector c = new Collector(model);
        simulate(c);
        return c.result();
    }

    public void simulate(ResultSink sink) {
        rs.reseed(seed);
        for (int i = 0; i < s.length; i++) s[i] = fixed[i] ? fixedValue[i] : 0;
        code.initialize(s, fixed, rs);
        double t0 = s[itSlot];
        double tf = s[ftSlot];
        double dt = s[dtSlot];
        double saveper = s[saveSlot];
        Pos at = Pos.NONE.withFile(model.plan().model().source().fileName());
        if (!(dt > 0) || Double.isInfinite(dt)) throw new ModelException(at, "TIME STEP must be a positive number, got " + dt);
        if (!(tf >= t0)) throw new ModelException(at, "FINAL TIME (" + tf + ") is before INITIAL TIME (" + t0 + ")");
        double steps = (tf - t0) / dt;
        if (steps > maxSteps) throw new ModelException(at, "the run would take " + (long) steps + " steps; the limit is " + maxSteps);
        long n = (long) Math.floor(steps + 1e-6);
        saveWarning = null;
        if (!(saveper > 0)) saveper = dt;
        long every = Math.max(1, Math.round(saveper / dt));
        if (!dynamicControl && Math.abs(every * dt - saveper) > 1e-9 * saveper) {
            saveWarning = "SAVEPER " + saveper + " is not a multiple of TIME STEP " + dt + "; saving every " + every
                    + " steps (" + every * dt + ")";
            s[saveSlot] = every * dt;
        }
        long rows = n / every + 1;
        if (!dynamicControl && rows > maxRows) throw new ModelException(at, "the run would save " + rows + " rows; the limit is " + maxRows);
        sink.begin((int) Math.min(rows, 1 << 16)); // a hint only: the sink grows past it
        Integrator in = Integrator.of(method);
        if (dynamicControl) {
            simulateDynamicControl(sink, in, t0);
            return;
        }
        for (long i = 0; ; i++) {
            double t = t0 + i * dt;
            code.evaluate(s, t, rs);
            if (i % every == 0) sink.row(t, s);
            if (i >= n) break;
            code.update(s, next, t, rs);
            if (in == Integrator.EULER) {
                code.euler(s, k[0], dt, t, rs);
            } else {
                step(in, t, dt);
            }
            finishStep();
        }
    }

    private void finishStep() {
        if (anyNonNegative) {
            for (int j = 0; j < nStocks; j++) if (nonNegative[j] && s[j] < 0) s[j] = 0;
        }
        if (nDiscrete > 0) System.arraycopy(next, 0, s, nStocks, nDiscrete);
    }

    /**
     * The slow path for models whose TIME STEP, SAVEPER or FINAL TIME are computed each step:
     * time advances by the current TIME STEP (a running sum, unavoidable when the step changes)
     * and the next save is one SAVEPER after the last.
     */
    private void simulateDynamicControl(ResultSink sink, Integrator in, double t0) {
        double t = t0;
        double nextSave = t0;
        long rows = 0;
        Pos at = Pos.NONE.withFile(model.plan().model().source().fileName());
        for (long i = 0; i <= maxSteps; i++) {
            code.evaluate(s, t, rs);
            double dt = s[dtSlot];
            double tf = s[ftSlot];
            if (!(dt > 0)) throw new ModelException(Pos.NONE.withFile(model.plan().model().source().fileName()), "TIME STEP became " + dt + " at time " + t);
            double eps = 1e-9 * Math.max(1, Math.abs(t));
            if (t >= nextSave - eps) {
                if (++rows > maxRows) throw new ModelException(at, "the run would save more than " + maxRows + " rows (at time " + t + ")");
                sink.row(t, s);
                nextSave = t + (s[saveSlot] > 0 ? s[saveSlot] : dt);
            }
            if (t >= tf - eps) return;
            code.update(s, next, t, rs);
            if (in == Integrator.EULER) {
                code.euler(s, k[0], dt, t, rs);
            } else {
                step(in, t, dt);
            }
            finishStep();
            t += dt;
        }
        // never a silent stop short of FINAL TIME: a TIME STEP that shrinks is a mistake to report
        throw new ModelException(at, "the run reached the limit of " + maxSteps + " steps at time " + t + " before FINAL TIME ("
                + s[ftSlot] + "); check TIME STEP");
    }

    /** One Runge-Kutta step from the state at t (auxiliaries already evaluated there). */
    private void step(Integrator in, double t, double dt) {
        System.arraycopy(s, 0, y0, 0, nStocks);
        int stages = in.stages();
        for (int st = 0; st < stages; st++) {
            if (st > 0) {
                double[] a = in.a()[st];
                for (int j = 0; j < nStocks; j++) {
                    double y = y0[j];
                    for (int q = 0; q < a.length; q++) y += dt * a[q] * k[q][j];
                    s[j] = y;
                }
                code.evaluate(s, t + in.c()[st] * dt, rs);
            }
            code.rates(s, k[st], t + in.c()[st] * dt, rs);
        }
        double[] b = in.b();
        for (int j = 0; j < nStocks; j++) {
            double y = y0[j];
            for (int q = 0; q < stages; q++) y += dt * b[q] * k[q][j];
            s[j] = y;
        }
    }

    /** Collects every visible variable at every saved time. */
    private static final class Collector implements ResultSink {
        private final Model model;
        private final int[] slots;
        private double[] times = new double[16];
        private double[][] cols;
        private int rows;

        Collector(Model model) {
            this.model = model;
            this.slots = model.outputSlots();
        }

        @Override
        public void begin(int expected) {
            times = new double[Math.max(1, expected)];
            cols = new double[slots.length][times.length];
        }

        @Override
        public void row(double time, double[] st) {
            if (rows == times.length) {
                times = Arrays.copyOf(times, rows * 2);
                for (int c = 0; c < cols.length; c++) cols[c] = Arrays.copyOf(cols[c], rows * 2);
            }
            times[rows] = time;
            for (int c = 0; c < slots.length; c++) cols[c][rows] = st[slots[c]];
            rows++;
        }

        SimResult result() {
            double[][] c = new double[cols.length][];
            for (int i = 0; i < c.length; i++) c[i] = Arrays.copyOf(cols[i], rows);
            return new SimResult(List.copyOf(model.variableNames()), Arrays.copyOf(times, rows), c);
        }
    }
}
