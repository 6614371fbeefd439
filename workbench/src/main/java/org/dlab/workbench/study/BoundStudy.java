package org.dlab.workbench.study;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.dlab.engine.ModelException;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.ir.Pos;
import org.dlab.engine.model.Names;
import org.dlab.engine.model.Node;
import org.dlab.engine.model.ScalarVar;
import org.dlab.engine.run.Model;
import org.dlab.engine.run.ResultSink;
import org.dlab.engine.run.Run;
import org.dlab.workbench.study.Study.Lever;
import org.dlab.workbench.study.Study.Op;
import org.dlab.workbench.study.Study.Outcome;
import org.dlab.workbench.study.Study.Policy;
import org.dlab.workbench.study.Study.Setting;
import org.dlab.workbench.study.Study.Uncertainty;

/**
 * A study checked against its compiled model: every name resolved to slots, every policy to a
 * vector of lever values. Errors point at the study file's line and column.
 */
public final class BoundStudy {
    /** Column names of the results store that inputs and outcomes may not take. */
    public static final Set<String> RESERVED = Set.of("run", "scenario", "policy", "status", "reason", "feasible", "time");

    private final Study study;
    private final Model model;
    private final int[][] uncertaintySlots;
    private final int[][] leverSlots;
    private final int[] outcomeSlots;
    private final int[] timeSlots;
    private final double[] timeValues;
    private final List<Policy> policies;
    private final double startTime;
    private final double finalTime;

    private BoundStudy(Study study, Model model) {
        this.study = study;
        this.model = model;
        String modelName = study.model().getFileName().toString();
        uncertaintySlots = new int[study.uncertainties().size()][];
        for (int i = 0; i < uncertaintySlots.length; i++) {
            Uncertainty u = study.uncertainties().get(i);
            reserved(u.name(), u.namePos());
            if (u.scale() != null) {
                if (lookupNamed(u.name())) {
                    throw new ModelException(u.scalePos(), "'" + u.name() + "' is a lookup, but scaling a lookup's y values per run needs "
                            + "per-run lookup tables, which the engine does not support yet; use a constant multiplier in the model instead");
                }
                throw new ModelException(u.scalePos(), "scale applies to lookups, and '" + u.name() + "' is not a lookup of " + modelName);
            }
            uncertaintySlots[i] = constantSlots(u.name(), u.namePos(), "uncertainty");
        }
        leverSlots = new int[study.levers().size()][];
        for (int i = 0; i < leverSlots.length; i++) {
            Lever l = study.levers().get(i);
            reserved(l.name(), l.namePos());
            leverSlots[i] = constantSlots(l.name(), l.namePos(), "lever");
        }
        outcomeSlots = new int[study.outcomes().size()];
        for (int i = 0; i < outcomeSlots.length; i++) {
            Outcome o = study.outcomes().get(i);
            reserved(o.name(), o.pos());
            outcomeSlots[i] = variableSlot(o.variable(), o.variablePos());
        }
        policies = study.policies().isEmpty() ? List.of(new Policy("baseline", List.of(), Pos.NONE)) : study.policies();
        List<Integer> ts = new ArrayList<>();
        List<Double> tv = new ArrayList<>();
        Study.TimeOverrides t = study.time();
        timeOverride("INITIAL TIME", t.start(), ts, tv);
        timeOverride("FINAL TIME", t.end(), ts, tv);
        timeOverride("TIME STEP", t.step(), ts, tv);
        timeOverride("SAVEPER", t.saveper(), ts, tv);
        timeSlots = ts.stream().mapToInt(Integer::intValue).toArray();
        timeValues = tv.stream().mapToDouble(Double::doubleValue).toArray();
        double[] span = baselineSpan();
        startTime = span[0];
        finalTime = span[1];
        for (Outcome o : study.outcomes()) {
            if (o.reduce().op() == Op.AT && (o.reduce().arg() < startTime - 1e-9 || o.reduce().arg() > finalTime + 1e-9)) {
                throw new ModelException(o.reducePos(), "time " + Distribution.fmt(o.reduce().arg()) + " is outside the run ("
                        + Distribution.fmt(startTime) + " to " + Distribution.fmt(finalTime) + ")");
            }
        }
    }

    /** Loads and compiles the study's model (with its file tags), then binds. */
    public static BoundStudy bind(Study study) {
        return bind(study, loadModel(study, List.of()));
    }

    /**
     * Loads and compiles the study's model as every command that runs a study must: its {@code '?tag'}
     * file references read the files the study's {@code file_tags} maps them to; {@code dataFiles}
     * feed its data variables (tab or CSV, a Time column).
     */
    public static Model loadModel(Study study, List<Path> dataFiles) {
        Path m = study.model();
        if (!Files.isRegularFile(m)) throw new ModelException(study.modelPos(), "no such model file: " + m);
        return ModelLoader.load(m, dataFiles, null, study.fileTagMap());
    }

    /** Binds to an already compiled model (which must be the study's model file). */
    public static BoundStudy bind(Study study, Model model) {
        return new BoundStudy(study, model);
    }

    public Study study() {
        return study;
    }

    public Model model() {
        return model;
    }

    public double startTime() {
        return startTime;
    }

    public double finalTime() {
        return finalTime;
    }

    public List<Distribution> distributions() {
        return study.uncertainties().stream().map(Uncertainty::dist).toList();
    }

    /** The declared policies, or one "baseline" policy (every lever at its baseline) when none are. */
    public List<Policy> policies() {
        return policies;
    }

    /** The named policies in the given order; an unknown name is an IllegalArgumentException. */
    public List<Policy> selectPolicies(List<String> names) {
        if (names == null || names.isEmpty()) return policies;
        List<Policy> out = new ArrayList<>();
        for (String n : names) {
            Policy p = policies.stream().filter(x -> x.name().equals(n)).findFirst().orElse(null);
            if (p == null) {
                throw new IllegalArgumentException("no policy '" + n + "' in " + study.file() + " (it has: "
                        + String.join(", ", policies.stream().map(Policy::name).toList()) + ")");
            }
            if (out.contains(p)) throw new IllegalArgumentException("policy '" + n + "' is listed twice");
            out.add(p);
        }
        return out;
    }

    /** Lever values under a policy: its settings, the baseline for the rest. */
    public double[] leverValues(Policy p) {
        List<Lever> levers = study.levers();
        double[] v = new double[levers.size()];
        for (int i = 0; i < v.length; i++) v[i] = levers.get(i).baseline();
        // keys once per call, not once per (lever, setting) pair: the server calls this per request
        String[] keys = new String[v.length];
        for (int i = 0; i < v.length; i++) keys[i] = Names.key(levers.get(i).name());
        for (Setting s : p.settings()) {
            String k = Names.key(s.lever());
            for (int i = 0; i < v.length; i++) if (keys[i].equals(k)) v[i] = s.value();
        }
        return v;
    }

    /**
     * Prepares a run for one experiment: forgets earlier values, applies the study's time
     * settings, the uncertainties' and levers' values.
     */
    public void apply(Run run, double[] uncertainties, double[] levers) {
        run.reset();
        for (int i = 0; i < timeSlots.length; i++) run.setSlot(timeSlots[i], timeValues[i]);
        for (int i = 0; i < uncertaintySlots.length; i++) for (int s : uncertaintySlots[i]) run.setSlot(s, uncertainties[i]);
        for (int i = 0; i < leverSlots.length; i++) for (int s : leverSlots[i]) run.setSlot(s, levers[i]);
    }

    /**
     * Prepares a run of one policy in the model's own future: the study's time settings and the
     * policy's lever values, every other constant as the model file has it.
     */
    public void applyPolicy(Run run, Policy policy) {
        run.reset();
        for (int i = 0; i < timeSlots.length; i++) run.setSlot(timeSlots[i], timeValues[i]);
        double[] levers = leverValues(policy);
        for (int i = 0; i < leverSlots.length; i++) for (int s : leverSlots[i]) run.setSlot(s, levers[i]);
    }

    /** The slot of each outcome's variable. */
    public int[] outcomeSlots() {
        return outcomeSlots.clone();
    }

    // ---- resolution

    private static void reserved(String name, Pos at) {
        if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new ModelException(at, "'" + name + "' is a column name of the results store; please rename it in the study");
        }
    }

    private static String key(String name) {
        return Names.key(name.replaceAll("\\s*([\\[\\],])\\s*", "$1"));
    }

    private int[] constantSlots(String name, Pos at, String role) {
        ScalarVar v = model.variable(name);
        if (v != null) {
            settable(v, at, role);
            return new int[] {model.plan().slot(v)};
        }
        // an arrayed constant named without subscripts: the same value for every element
        String prefix = key(name) + "[";
        List<ScalarVar> elements = new ArrayList<>();
        for (ScalarVar e : model.variables()) if (key(e.name).startsWith(prefix)) elements.add(e);
        if (!elements.isEmpty() && !name.contains("[")) {
            int[] slots = new int[elements.size()];
            for (int i = 0; i < slots.length; i++) {
                settable(elements.get(i), at, role);
                slots[i] = model.plan().slot(elements.get(i));
            }
            return slots;
        }
        if (lookupNamed(name)) throw new ModelException(at, "'" + name + "' is a lookup; " + article(role) + " must be a constant");
        throw new ModelException(at, "no constant '" + name + "' in " + study.model().getFileName() + suggestion(name));
    }

    private void settable(ScalarVar v, Pos at, String role) {
        if (!model.plan().settable(v)) {
            throw new ModelException(at, "'" + v.name + "' is computed every step in the model; an " + role + " must be a constant or an initial value");
        }
    }

    private static String article(String role) {
        return (role.startsWith("u") ? "an " : "a ") + role;
    }

    private int variableSlot(String name, Pos at) {
        int s = model.slotOf(name);
        if (s >= 0) return s;
        String prefix = key(name) + "[";
        List<String> elements = new ArrayList<>();
        for (String n : model.variableNames()) if (key(n).startsWith(prefix)) elements.add(n);
        if (!elements.isEmpty()) {
            throw new ModelException(at, "'" + name + "' is subscripted; name one element, e.g. '" + elements.get(0) + "'");
        }
        throw new ModelException(at, "no variable '" + name + "' in " + study.model().getFileName() + suggestion(name));
    }

    private boolean lookupNamed(String name) {
        String k = key(name);
        for (Node.Table t : model.plan().tables().keySet()) {
            String tk = key(t.name);
            if (tk.equals(k) || tk.startsWith(k + "[")) return true;
        }
        return false;
    }

    /** "; did you mean 'X'?" for the closest model name, when one is close. */
    private String suggestion(String name) {
        return suggestion(name, model.variableNames());
    }

    /** "; did you mean 'X'?" for the closest of {@code names} (Vensim's name rules, edit distance), "" when none is close. */
    public static String suggestion(String name, Iterable<String> names) {
        String k = key(name);
        String best = null;
        int bestDistance = Math.max(2, k.length() / 4) + 1;
        for (String n : names) {
            int d = distance(k, key(n));
            if (d < bestDistance) {
                bestDistance = d;
                best = n;
            }
        }
        return best == null ? "" : "; did you mean '" + best + "'?";
    }

    private static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 8) return Integer.MAX_VALUE;
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int c = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + c);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private void timeOverride(String control, Double value, List<Integer> slots, List<Double> values) {
        if (value == null) return;
        ScalarVar v = model.variable(control);
        if (v == null) throw new ModelException(study.time().pos(), "the model has no " + control + " to override");
        if (!model.plan().settable(v)) {
            throw new ModelException(study.time().pos(), control + " is computed during the run in " + study.model().getFileName() + " and cannot be overridden");
        }
        slots.add(model.plan().slot(v));
        values.add(value);
    }

    /** Runs the model once at the baseline to learn its time span and to fail early on a broken model. */
    private double[] baselineSpan() {
        Run run = model.newRun();
        double[] u = new double[uncertaintySlots.length];
        List<Uncertainty> us = study.uncertainties();
        for (int i = 0; i < u.length; i++) u[i] = us.get(i).dist().fromUnit(0.5);
        apply(run, u, leverValues(policies.get(0)));
        double[] span = {Double.NaN, Double.NaN};
        run.simulate((ResultSink) (time, s) -> {
            if (Double.isNaN(span[0])) span[0] = time;
            span[1] = time;
        });
        return span;
    }
}
