package org.dlab.server.publish;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.dlab.engine.ModelException;
import org.dlab.engine.ir.Pos;
import org.dlab.engine.model.Names;
import org.dlab.engine.model.ScalarVar;
import org.dlab.engine.run.Model;
import org.dlab.server.LoadWarningLines;
import org.dlab.server.ModelStructure;
import org.dlab.workbench.sample.LatinHypercubeSampler;
import org.dlab.workbench.study.BoundStudy;
import org.dlab.workbench.study.Distribution;
import org.dlab.workbench.study.Study;

/**
 * What the published page needs besides the model: levers with their slots, policies, outcomes,
 * charts, the study's text and sources, and the sampled futures of the uncertainty bands (the
 * same Latin hypercube, seed and size as {@code dlab serve}'s ensembles). Written as one
 * JavaScript assignment of a JSON object; every string from the study or model goes through
 * {@link Json#string}.
 */
final class SiteData {
    /** Futures per band, as the served simulator's ensembles. */
    static final int FUTURES = 200;
    static final long SEED = 1;
    static final int MAX_CHARTS = 7;

    /** A lever as the page shows it. */
    record Lever(String name, double low, double high, double value, String unit, String description, String group, int[] slots) {}

    private SiteData() {}

    /** The site data of a study. */
    static String ofStudy(BoundStudy b, List<String> chartNames) {
        Study s = b.study();
        Model m = b.model();
        List<Lever> levers = new ArrayList<>();
        List<String> names = s.levers().stream().map(Study.Lever::name).toList();
        for (Study.Lever l : s.levers()) {
            levers.add(new Lever(l.name(), l.low(), l.high(), l.baseline(), l.unit(), l.description(), group(l.name(), names, l.unit()),
                    slots(m, l.name(), l.pos())));
        }
        Json j = new Json();
        j.open();
        j.field("kind").string("study");
        Study.Presentation shown = s.presentation();
        j.field("title").string(shown.title() != null ? shown.title() : title(s.file().getFileName().toString(), s.model().getFileName().toString()));
        // the study's question; without one, the comment lines that open the study file
        List<String> intro = shown.question() != null ? List.of(shown.question()) : headerComments(s.text());
        j.field("intro").strings(intro);
        // the model's load warnings, as the served simulator's info gives them (no absolute paths: the site is public)
        j.field("warnings").strings(LoadWarningLines.of(m.loadWarnings(), s.model()));
        // time settings of the study, applied to every run as BoundStudy does
        j.field("base").open();
        Study.TimeOverrides t = s.time();
        time(j, m, "INITIAL TIME", t.start());
        time(j, m, "FINAL TIME", t.end());
        time(j, m, "TIME STEP", t.step());
        time(j, m, "SAVEPER", t.saveper());
        j.close();
        levers(j, levers);
        j.field("policies").openArray();
        for (Study.Policy p : b.policies()) {
            j.open();
            j.field("name").string(p.name());
            j.field("values").numbers(b.leverValues(p));
            j.close();
        }
        j.closeArray();
        // the study's reference policy (as in the report and the served simulator), else its first
        String reference = shown.reference();
        boolean known = reference != null && b.policies().stream().anyMatch(p -> p.name().equals(reference));
        j.field("reference").string(known ? reference : b.policies().get(0).name());
        j.field("outcomes").openArray();
        LinkedHashSet<String> chartVars = new LinkedHashSet<>(chartNames);
        List<String> headline = headline(s);
        for (Study.Outcome o : s.outcomes()) {
            j.open();
            j.field("name").string(o.name());
            j.field("variable").string(o.variable());
            j.field("slot").number(m.slotOf(o.variable()));
            j.field("op").string(o.reduce().op().name().toLowerCase(Locale.ROOT));
            j.field("arg").number(o.reduce().arg());
            j.field("describe").string(o.reduce().describe());
            j.field("kind").string(o.kind().name().toLowerCase(Locale.ROOT));
            j.field("headline").bool(headline.contains(o.name()));
            j.field("unit").string(shown.units().getOrDefault(o.name(), ""));
            j.close();
            if (chartNames.isEmpty()) chartVars.add(o.variable());
        }
        j.closeArray();
        charts(j, m, chartVars.isEmpty() ? defaultCharts(m) : chartVars);
        j.field("uncertainties").openArray();
        for (Study.Uncertainty u : s.uncertainties()) {
            j.open();
            j.field("name").string(u.name());
            j.field("range").string(u.dist().describe());
            j.field("source").string(u.source() == null ? "" : u.source());
            j.field("slots").ints(slots(m, u.name(), u.pos()));
            j.close();
        }
        j.closeArray();
        futures(j, b.distributions());
        equations(j, ModelStructure.equationsOf(m, s.model()));
        j.close();
        return "window.DLAB_SITE = " + j + ";\n";
    }

    /**
     * The outcomes the page shows as headline figures: the study's {@code headline: true} ones,
     * else its first three that are minimised or maximised (as the report's answer chooses).
     */
    static List<String> headline(Study s) {
        List<String> named = s.presentation().headline();
        if (!named.isEmpty()) return named;
        return s.outcomes().stream().filter(o -> o.kind() != Study.Kind.INFO).limit(3).map(Study.Outcome::name).toList();
    }

    /** The equations as the served simulator reads them from its structure endpoint, so the page explains levers alike. */
    private static void equations(Json j, List<ModelStructure.EquationInfo> eqs) {
        j.field("equations").openArray();
        for (ModelStructure.EquationInfo e : eqs) {
            j.open();
            j.field("name").string(e.name());
            j.field("units").string(e.units() == null ? "" : e.units());
            j.field("doc").string(e.doc() == null ? "" : e.doc());
            if (e.group() != null) j.field("group").string(e.group());
            j.field("equation").string(e.equation());
            j.close();
        }
        j.closeArray();
    }

    /** The site data of a plain model: a slider per named constant, no policies or futures. */
    static String ofModel(Model m, java.nio.file.Path file, List<String> leverSpecs, List<String> chartNames) {
        String fileName = file.getFileName() == null ? "" : file.getFileName().toString();
        Pos at = new Pos(fileName, 0, 0);
        List<Lever> levers = new ArrayList<>();
        for (String spec : leverSpecs) levers.add(modelLever(m, spec, at));
        Json j = new Json();
        j.open();
        j.field("kind").string("model");
        j.field("title").string(fileName);
        j.field("intro").strings(List.of());
        j.field("warnings").strings(LoadWarningLines.of(m.loadWarnings(), file));
        j.field("base").open().close();
        levers(j, levers);
        j.field("policies").openArray();
        j.open();
        j.field("name").string("model defaults");
        j.field("values").numbers(levers.stream().mapToDouble(Lever::value).toArray());
        j.close();
        j.closeArray();
        j.field("reference").string("model defaults");
        j.field("outcomes").openArray().closeArray();
        LinkedHashSet<String> names = new LinkedHashSet<>(chartNames);
        charts(j, m, names.isEmpty() ? defaultCharts(m) : names);
        j.field("uncertainties").openArray().closeArray();
        futures(j, List.of());
        equations(j, ModelStructure.equationsOf(m, file));
        j.close();
        return "window.DLAB_SITE = " + j + ";\n";
    }

    /** NAME or NAME=LOW:HIGH; without a range, 0 to twice the constant's value. */
    private static Lever modelLever(Model m, String spec, Pos at) {
        String name = spec;
        double low = Double.NaN;
        double high = Double.NaN;
        int eq = spec.lastIndexOf('=');
        if (eq > 0) {
            name = spec.substring(0, eq).trim();
            String[] r = spec.substring(eq + 1).split(":");
            try {
                if (r.length != 2) throw new NumberFormatException();
                low = Double.parseDouble(r[0].trim());
                high = Double.parseDouble(r[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--lever " + spec + ": write NAME or NAME=LOW:HIGH");
            }
            if (!(Double.isFinite(low) && Double.isFinite(high) && low < high)) throw new IllegalArgumentException("--lever " + spec + ": LOW must be below HIGH");
        }
        int[] slots = slots(m, name, at);
        double value = defaultValue(m, slots[0]);
        if (Double.isNaN(low)) {
            low = value >= 0 ? 0 : 2 * value;
            high = value > 0 ? 2 * value : value < 0 ? 0 : 1;
        }
        if (!(value >= low && value <= high)) value = Math.max(low, Math.min(high, Double.isFinite(value) ? value : low));
        ScalarVar v = m.plan().outputs().stream().filter(x -> m.plan().slot(x) == slots[0]).findFirst().orElseThrow();
        return new Lever(name, low, high, value, v.units, v.doc, group(v.units), slots);
    }

    /** The model's own value of a constant: its value in a default run. */
    private static double defaultValue(Model m, int slot) {
        double[] first = {Double.NaN};
        m.newRun().simulate(new org.dlab.engine.run.ResultSink() {
            @Override
            public void row(double time, double[] s) {
                if (Double.isNaN(first[0])) first[0] = s[slot];
            }
        });
        return first[0];
    }

    private static String group(String unit) {
        return unit == null || unit.isBlank() ? "Levers" : "Levers in " + unit;
    }

    /**
     * A lever's group: the last two or one words of its name when another lever's name ends
     * with them too ("… intensity", "… start year"), else its unit. Studies name levers of one
     * kind alike; the study format has no group field.
     */
    static String group(String name, List<String> all, String unit) {
        for (int words = 2; words >= 1; words--) {
            String suffix = suffix(name, words);
            if (suffix == null) continue;
            int w = words;
            long alike = all.stream().filter(n -> suffix.equalsIgnoreCase(suffix(n, w))).count();
            if (alike >= 2) return "… " + suffix.toLowerCase(Locale.ROOT);
        }
        return group(unit);
    }

    private static String suffix(String name, int words) {
        String[] w = name.trim().split("\\s+");
        if (w.length <= words) return null;
        return String.join(" ", java.util.Arrays.copyOfRange(w, w.length - words, w.length));
    }

    private static void levers(Json j, List<Lever> levers) {
        j.field("levers").openArray();
        for (Lever l : levers) {
            j.open();
            j.field("name").string(l.name());
            j.field("low").number(l.low());
            j.field("high").number(l.high());
            j.field("baseline").number(l.value());
            j.field("unit").string(l.unit() == null ? "" : l.unit());
            j.field("description").string(l.description() == null ? "" : l.description());
            j.field("group").string(l.group());
            j.field("slots").ints(l.slots());
            j.close();
        }
        j.closeArray();
    }

    private static void charts(Json j, Model m, Iterable<String> names) {
        j.field("charts").openArray();
        int n = 0;
        for (String name : names) {
            if (n++ == MAX_CHARTS) break;
            int slot = m.slotOf(name);
            if (slot < 0) throw new IllegalArgumentException("--chart " + name + ": no such variable in the model");
            j.open();
            j.field("variable").string(name);
            j.field("slot").number(slot);
            j.close();
        }
        j.closeArray();
    }

    /** The visible stocks, else the first visible variables. */
    private static List<String> defaultCharts(Model m) {
        List<String> out = new ArrayList<>();
        for (ScalarVar v : m.plan().stocks()) if (!v.hidden && m.slotOf(v.name) >= 0 && out.size() < MAX_CHARTS) out.add(v.name);
        for (String n : m.variableNames()) {
            if (out.isEmpty() && !List.of("final time", "initial time", "time step", "saveper").contains(n.toLowerCase(Locale.ROOT))) out.add(n);
        }
        return out;
    }

    private static void futures(Json j, List<Distribution> dists) {
        j.field("futures").open();
        int n = dists.isEmpty() ? 0 : FUTURES;
        j.field("n").number(n);
        j.field("seed").number(SEED);
        j.field("values").openArray();
        if (n > 0) {
            LatinHypercubeSampler lhs = new LatinHypercubeSampler(n, dists.size(), SEED);
            double[] u = new double[dists.size()];
            double[] x = new double[dists.size()];
            for (int i = 0; i < n; i++) {
                lhs.point(i, u);
                for (int d = 0; d < x.length; d++) x[d] = dists.get(d).fromUnit(u[d]);
                j.numbers(x);
            }
        }
        j.closeArray();
        j.close();
    }

    private static void time(Json j, Model m, String name, Double value) {
        if (value == null) return;
        int slot = m.slotOf(name);
        if (slot >= 0) j.field(Integer.toString(slot)).number(value);
    }

    /**
     * Slots of a constant as BoundStudy resolves it: the variable or element named, or every
     * element of an arrayed constant named without subscripts; refuses what is computed each step.
     */
    static int[] slots(Model m, String name, Pos at) {
        ScalarVar v = m.variable(name);
        List<ScalarVar> vars = new ArrayList<>();
        if (v != null) {
            vars.add(v);
        } else if (!name.contains("[")) {
            String prefix = key(name) + "[";
            for (ScalarVar e : m.variables()) if (key(e.name).startsWith(prefix)) vars.add(e);
        }
        if (vars.isEmpty()) throw new ModelException(at, "no constant '" + name + "' in the model");
        int[] out = new int[vars.size()];
        for (int i = 0; i < out.length; i++) {
            ScalarVar e = vars.get(i);
            if (!m.plan().settable(e)) {
                throw new ModelException(at, "'" + e.name + "' is computed every step; a lever must be a constant or an initial value");
            }
            out[i] = m.plan().slot(e);
        }
        return out;
    }

    private static String key(String name) {
        return Names.key(name.replaceAll("\\s*([\\[\\],])\\s*", "$1"));
    }

    private static String title(String studyFile, String modelFile) {
        return modelFile + " (" + studyFile + ")";
    }

    /** The comment lines at the top of a study file: its own description. */
    private static List<String> headerComments(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String l = line.strip();
            if (!l.startsWith("#")) break;
            out.add(l.substring(1).strip());
        }
        return out;
    }
}
