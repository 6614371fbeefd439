package org.dlab.workbench.study;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.dlab.engine.ModelException;
import org.dlab.engine.ir.Pos;
import org.dlab.engine.model.Names;
import org.dlab.workbench.study.Study.Constraint;
import org.dlab.workbench.study.Study.Kind;
import org.dlab.workbench.study.Study.Lever;
import org.dlab.workbench.study.Study.Op;
import org.dlab.workbench.study.Study.Outcome;
import org.dlab.workbench.study.Study.Policy;
import org.dlab.workbench.study.Study.Reduction;
import org.dlab.workbench.study.Study.Setting;
import org.dlab.workbench.study.Study.TimeOverrides;
import org.dlab.workbench.study.Study.Uncertainty;
import org.dlab.workbench.study.YamlTree.Entry;
import org.dlab.workbench.study.YamlTree.Mapping;
import org.dlab.workbench.study.YamlTree.Node;
import org.dlab.workbench.study.YamlTree.Scalar;
import org.dlab.workbench.study.YamlTree.Sequence;

/**
 * Reads a study file. Every unknown key, wrong type and impossible value is a
 * {@link ModelException} at its {@code file:line:col}: a study is written by hand, and a typo
 * silently ignored would mean thousands of runs of the wrong experiment.
 */
public final class StudyParser {
    private final String file;
    /** Whether the files the study names (file_tags) must exist and be readable by the model. */
    private final boolean checkFiles;

    private StudyParser(String file, boolean checkFiles) {
        this.file = file;
        this.checkFiles = checkFiles;
    }

    /** Reads {@code path}, a study file or a folder holding {@code study.yaml}. */
    public static Study parse(Path path) {
        Path f = Files.isDirectory(path) ? path.resolve("study.yaml") : path;
        if (!Files.isRegularFile(f)) {
            throw new ModelException(new Pos(f.toString(), 0, 0), Files.isDirectory(path) ? "no study.yaml in this folder" : "no such study file");
        }
        String text;
        try {
            text = Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ModelException(new Pos(f.toString(), 0, 0), "cannot read: " + e.getMessage());
        }
        return parse(f, text);
    }

    /** Parses study text as if read from {@code f} (the model path is resolved against its folder). */
    public static Study parse(Path f, String text) {
        return new StudyParser(f.toString(), true).study(f, text);
    }

    /**
     * As {@link #parse(Path, String)} for study text kept in a results store (the report reads its
     * presentation keys and time): the files {@code file_tags} names are not looked for, since the
     * store may be read where they are gone. Everything else is checked as usual.
     */
    public static Study parseStored(Path f, String text) {
        return new StudyParser(f.toString(), false).study(f, text);
    }

    private Study study(Path f, String text) {
        Node root = YamlTree.parse(text, file);
        Fields top = fields(root, "the study", "model", "title", "question", "reference", "description", "time", "uncertainties", "levers", "policies", "outcomes", "constraints", "file_tags");
        Node modelNode = top.require("model");
        String model = string(modelNode, "model");
        Path dir = f.toAbsolutePath().getParent();
        Path modelPath = dir == null ? Path.of(model) : dir.resolve(model).normalize();
        if (top.has("description")) string(top.get("description"), "description");
        List<Study.FileTag> fileTags = top.has("file_tags") ? fileTags(top.get("file_tags"), dir == null ? Path.of("") : dir, modelPath) : List.of();
        TimeOverrides time = top.has("time") ? time(top.get("time")) : TimeOverrides.NONE;
        List<Uncertainty> uncertainties = new ArrayList<>();
        for (Node n : list(top.get("uncertainties"), "uncertainties")) uncertainties.add(uncertainty(n));
        List<Lever> levers = new ArrayList<>();
        for (Node n : list(top.get("levers"), "levers")) levers.add(lever(n));
        List<Policy> policies = policies(top.get("policies"));
        List<Outcome> outcomes = new ArrayList<>();
        List<String> headline = new ArrayList<>();
        Map<String, String> units = new LinkedHashMap<>();
        for (Node n : list(top.get("outcomes"), "outcomes")) {
            Outcome o = outcome(n);
            outcomes.add(o);
            Fields of = new Fields((Mapping) n, "an outcome");
            if (of.has("headline") && bool(of.get("headline"), "headline")) headline.add(o.name());
            if (of.has("unit")) units.put(o.name(), nonEmptyString(of.get("unit"), "unit"));
        }
        if (outcomes.isEmpty()) throw new ModelException(top.has("outcomes") ? top.get("outcomes").pos() : root.pos(), "a study needs at least one outcome");
        List<Constraint> constraints = new ArrayList<>();
        for (Node n : list(top.get("constraints"), "constraints")) constraints.add(constraint(n, outcomes));
        checkUnique(uncertainties.stream().map(u -> new Named(u.name(), u.namePos())).toList(), "uncertainty");
        checkUnique(levers.stream().map(l -> new Named(l.name(), l.namePos())).toList(), "lever");
        checkUnique(outcomes.stream().map(o -> new Named(o.name(), o.pos())).toList(), "outcome");
        Set<String> uncertain = new HashSet<>();
        for (Uncertainty u : uncertainties) uncertain.add(Names.key(u.name()));
        for (Lever l : levers) {
            if (uncertain.contains(Names.key(l.name()))) throw new ModelException(l.namePos(), "'" + l.name() + "' is both an uncertainty and a lever");
        }
        for (Policy p : policies) {
            for (Setting s : p.settings()) {
                Lever l = levers.stream().filter(x -> Names.key(x.name()).equals(Names.key(s.lever()))).findFirst().orElse(null);
                if (l == null) throw new ModelException(s.pos(), "policy '" + p.name() + "' sets '" + s.lever() + "', which is not a lever; declare it under levers");
                if (s.value() < l.low() || s.value() > l.high()) {
                    throw new ModelException(s.pos(), "policy '" + p.name() + "' sets '" + l.name() + "' to " + Distribution.fmt(s.value())
                            + ", outside the lever's range " + Distribution.fmt(l.low()) + " to " + Distribution.fmt(l.high()));
                }
            }
        }
        String reference = top.has("reference") ? nonEmptyString(top.get("reference"), "reference") : null;
        if (reference != null && policies.stream().noneMatch(p -> p.name().equals(reference))) {
            throw new ModelException(top.get("reference").pos(), "reference '" + reference + "' is not one of the study's policies ("
                    + String.join(", ", policies.stream().map(Policy::name).toList()) + ")");
        }
        Study.Presentation presentation = new Study.Presentation(top.has("title") ? nonEmptyString(top.get("title"), "title") : null,
                top.has("question") ? nonEmptyString(top.get("question"), "question") : null, reference, headline, units);
        return new Study(f, text, modelPath, modelNode.pos(), time, uncertainties, levers, policies, outcomes, constraints, presentation, fileTags);
    }

    /**
     * {@code file_tags}: tag (what the model writes after '?') to file, resolved against the study's
     * folder. The file must exist, be a regular file and be one the model may read (FileAccess: the
     * model's folder or below, or a folder allowed with --allow-files), as --file-tag requires.
     */
    private List<Study.FileTag> fileTags(Node n, Path dir, Path modelPath) {
        if (n instanceof Scalar s && s.type() == YamlTree.ScalarType.NULL) return List.of();
        if (!(n instanceof Mapping m)) {
            throw new ModelException(n.pos(), "file_tags must be a mapping of tag to file (the tag as the model writes it after '?', "
                    + "e.g. inputs.xlsx: data/inputs.xlsx), got " + n.describe());
        }
        if (m.entries().size() > Study.MAX_FILE_TAGS) {
            throw new ModelException(n.pos(), "file_tags maps " + m.entries().size() + " tags; a study may map at most " + Study.MAX_FILE_TAGS);
        }
        Path modelDir = modelPath.getParent();
        Map<String, Study.FileTag> seen = new LinkedHashMap<>();
        for (Entry e : m.entries().values()) {
            String tag = e.key().strip();
            if (tag.startsWith("?")) tag = tag.substring(1).strip();
            if (tag.isEmpty()) throw new ModelException(e.keyPos(), "a file tag must not be empty: it is what the model writes after '?', e.g. inputs.xlsx for '?inputs.xlsx'");
            Study.FileTag earlier = seen.get(tag.toLowerCase(Locale.ROOT));
            if (earlier != null) {
                throw new ModelException(e.keyPos(), "the file tag '" + tag + "' is mapped twice (tags ignore case, as in Vensim); first at line " + earlier.pos().line());
            }
            Node v = e.value();
            String what = "the file of tag '" + tag + "'";
            String name = scalarText(v, what).strip();
            if (name.isEmpty()) throw new ModelException(v.pos(), what + " must not be empty");
            Path file;
            try {
                file = dir.resolve(name).toAbsolutePath().normalize();
            } catch (java.nio.file.InvalidPathException ex) {
                throw new ModelException(v.pos(), what + ": '" + name + "' is not a valid file name");
            }
            if (!checkFiles) {
                seen.put(tag.toLowerCase(Locale.ROOT), new Study.FileTag(tag, file, e.keyPos()));
                continue;
            }
            // the file as the study names it, never an absolute path: the message may reach an HTTP client
            if (!Files.exists(file)) throw new ModelException(v.pos(), what + ": no such file: " + name + " (paths are relative to the study's folder)");
            if (!Files.isRegularFile(file)) throw new ModelException(v.pos(), what + ": " + name + " is not a regular file");
            // the engine checks again when it reads; here the error points at the study's line (a missing model folder is bind's error)
            if (modelDir != null && Files.isDirectory(modelDir)) {
                try {
                    org.dlab.engine.data.FileAccess.readable(modelDir, file);
                } catch (IllegalArgumentException ex) {
                    throw new ModelException(v.pos(), what + ": " + ex.getMessage());
                }
            }
            seen.put(tag.toLowerCase(Locale.ROOT), new Study.FileTag(tag, file, e.keyPos()));
        }
        return List.copyOf(seen.values());
    }

    private record Named(String name, Pos pos) {}

    private static void checkUnique(List<Named> names, String what) {
        Set<String> seen = new HashSet<>();
        for (Named n : names) {
            if (!seen.add(Names.key(n.name()))) throw new ModelException(n.pos(), "the " + what + " '" + n.name() + "' is declared twice");
        }
    }

    private TimeOverrides time(Node n) {
        Fields t = fields(n, "time", "start", "end", "step", "saveper");
        Double start = t.has("start") ? number(t.get("start"), "start") : null;
        Double end = t.has("end") ? number(t.get("end"), "end") : null;
        Double step = t.has("step") ? number(t.get("step"), "step") : null;
        Double saveper = t.has("saveper") ? number(t.get("saveper"), "saveper") : null;
        if (step != null && !(step > 0)) throw new ModelException(t.get("step").pos(), "step must be positive");
        if (saveper != null && !(saveper > 0)) throw new ModelException(t.get("saveper").pos(), "saveper must be positive");
        if (start != null && end != null && end < start) throw new ModelException(t.get("end").pos(), "end (" + end + ") is before start (" + start + ")");
        return new TimeOverrides(start, end, step, saveper, n.pos());
    }

    private static final String[] DISTS = {"uniform", "triangular", "normal", "lognormal", "integer", "categorical", "boolean"};

    private Uncertainty uncertainty(Node n) {
        Fields u = fields(n, "an uncertainty", "name", "dist", "low", "high", "mode", "mean", "sd", "mu", "sigma", "values", "source", "description", "scale");
        String name = nonEmptyString(u.require("name"), "name");
        Node distNode = u.require("dist");
        String dist = string(distNode, "dist").toLowerCase(Locale.ROOT);
        Distribution d;
        switch (dist) {
            case "uniform":
                u.only(dist, "low", "high");
                d = new Distribution.Uniform(u.num("low"), u.num("high"));
                u.ordered("low", "high");
                break;
            case "triangular":
                u.only(dist, "low", "mode", "high");
                d = new Distribution.Triangular(u.num("low"), u.num("mode"), u.num("high"));
                u.ordered("low", "mode", "high");
                if (u.num("low") == u.num("high")) throw new ModelException(u.get("high").pos(), "high must be above low");
                break;
            case "normal":
                u.only(dist, "mean", "sd", "low", "high");
                if (!(u.num("sd") > 0)) throw new ModelException(u.get("sd").pos(), "sd must be positive");
                u.ordered("low", "high");
                d = new Distribution.Normal(u.num("mean"), u.num("sd"), u.num("low"), u.num("high"));
                break;
            case "lognormal":
                u.only(dist, "mu", "sigma", "low", "high");
                if (!(u.num("sigma") > 0)) throw new ModelException(u.get("sigma").pos(), "sigma must be positive");
                if (u.num("low") < 0) throw new ModelException(u.get("low").pos(), "a lognormal's low bound cannot be negative");
                u.ordered("low", "high");
                if (!(u.num("high") > 0)) throw new ModelException(u.get("high").pos(), "a lognormal's high bound must be positive");
                d = new Distribution.LogNormal(u.num("mu"), u.num("sigma"), u.num("low"), u.num("high"));
                break;
            case "integer":
                u.only(dist, "low", "high");
                d = new Distribution.IntegerRange(integer(u.get("low"), "low"), integer(u.get("high"), "high"));
                u.ordered("low", "high");
                break;
            case "categorical": {
                u.only(dist, "values");
                List<Double> values = new ArrayList<>();
                for (Node v : list(u.require("values"), "values")) values.add(number(v, "a categorical value"));
                if (values.isEmpty()) throw new ModelException(u.get("values").pos(), "values must list at least one number");
                d = new Distribution.Categorical(values);
                break;
            }
            case "boolean":
                u.only(dist);
                d = new Distribution.Bool();
                break;
            default:
                throw new ModelException(distNode.pos(), "unknown dist '" + dist + "' (expected one of: " + String.join(", ", DISTS) + ")");
        }
        String source = u.has("source") ? string(u.get("source"), "source") : "";
        if (u.has("description")) string(u.get("description"), "description");
        String scale = null;
        Pos scalePos = Pos.NONE;
        if (u.has("scale")) {
            scale = string(u.get("scale"), "scale");
            scalePos = u.get("scale").pos();
            if (!scale.equals("y")) throw new ModelException(scalePos, "scale must be y (the lookup's y values are multiplied by the sampled factor)");
        }
        return new Uncertainty(name, d, source, scale, n.pos(), u.get("name").pos(), scalePos);
    }

    private Lever lever(Node n) {
        Fields l = fields(n, "a lever", "name", "low", "high", "baseline", "unit", "description");
        String name = nonEmptyString(l.require("name"), "name");
        double low = l.num("low");
        double high = l.num("high");
        double baseline = l.num("baseline");
        l.ordered("low", "high");
        if (baseline < low || baseline > high) throw new ModelException(l.get("baseline").pos(), "baseline " + Distribution.fmt(baseline) + " is outside low..high");
        String unit = l.has("unit") ? scalarText(l.get("unit"), "unit") : "";
        String description = l.has("description") ? string(l.get("description"), "description") : "";
        return new Lever(name, low, high, baseline, unit, description, n.pos(), l.get("name").pos());
    }

    private List<Policy> policies(Node n) {
        List<Policy> out = new ArrayList<>();
        if (n == null) return out;
        if (!(n instanceof Mapping m)) throw new ModelException(n.pos(), "policies must be a mapping of policy name to lever values, got " + n.describe());
        for (Entry e : m.entries().values()) {
            if (e.key().isBlank() || e.key().contains(",")) throw new ModelException(e.keyPos(), "a policy name must be non-empty and contain no comma");
            List<Setting> settings = new ArrayList<>();
            Node v = e.value();
            if (v instanceof Scalar s && s.type() == YamlTree.ScalarType.NULL) v = new Mapping(s.pos(), java.util.Map.of());
            if (!(v instanceof Mapping pm)) throw new ModelException(v.pos(), "policy '" + e.key() + "' must be a mapping of lever name to value, got " + v.describe());
            for (Entry s : pm.entries().values()) settings.add(new Setting(s.key(), number(s.value(), "the value of '" + s.key() + "'"), s.keyPos()));
            out.add(new Policy(e.key(), settings, e.keyPos()));
        }
        return out;
    }

    private Outcome outcome(Node n) {
        Fields o = fields(n, "an outcome", "name", "variable", "reduce", "kind", "threshold", "description", "headline", "unit");
        String name = nonEmptyString(o.require("name"), "name");
        String variable = o.has("variable") ? nonEmptyString(o.get("variable"), "variable") : name;
        Reduction reduce = o.has("reduce") ? reduction(o.get("reduce")) : new Reduction(Op.FINAL, Double.NaN);
        Kind kind = Kind.INFO;
        if (o.has("kind")) {
            String k = string(o.get("kind"), "kind").toLowerCase(Locale.ROOT);
            switch (k) {
                case "minimize": kind = Kind.MINIMIZE; break;
                case "maximize": kind = Kind.MAXIMIZE; break;
                case "info": kind = Kind.INFO; break;
                default: throw new ModelException(o.get("kind").pos(), "kind must be minimize, maximize or info, got '" + k + "'");
            }
        }
        double threshold = o.has("threshold") ? o.num("threshold") : Double.NaN;
        if (o.has("description")) string(o.get("description"), "description");
        Pos varPos = o.has("variable") ? o.get("variable").pos() : o.get("name").pos();
        Pos reducePos = o.has("reduce") ? o.get("reduce").pos() : n.pos();
        return new Outcome(name, variable, reduce, kind, threshold, n.pos(), varPos, reducePos);
    }

    // the study file's reduction words are the Op names in lower case (first_above): one list, in Study.Op
    private Reduction reduction(Node n) {
        if (n instanceof Scalar s && s.type() == YamlTree.ScalarType.STRING) {
            String word = s.text().toLowerCase(Locale.ROOT);
            for (Op op : Op.values()) if (!Reduction.takesArgument(op) && yamlKey(op).equals(word)) return new Reduction(op, Double.NaN);
        } else if (n instanceof Mapping m && m.entries().size() == 1) {
            Entry e = m.entries().values().iterator().next();
            for (Op op : Op.values()) {
                if (Reduction.takesArgument(op) && yamlKey(op).equals(e.key())) return new Reduction(op, number(e.value(), e.key()));
            }
            throw new ModelException(e.keyPos(), "unknown key '" + e.key() + "' in reduce (expected " + orList(reductionWords(true)) + ")");
        }
        List<String> forms = reductionWords(false);
        for (String k : reductionWords(true)) forms.add("{" + k + ": " + (k.equals("at") ? "YEAR" : "X") + "}");
        throw new ModelException(n.pos(), "reduce must be " + orList(forms) + "; got " + n.describe());
    }

    /** The study file's words for the reductions that take a number ({@code keyed}) or not. */
    private static List<String> reductionWords(boolean keyed) {
        List<String> words = new ArrayList<>();
        for (Op op : Op.values()) if (Reduction.takesArgument(op) == keyed) words.add(yamlKey(op));
        return words;
    }

    private static String yamlKey(Op op) {
        return op.name().toLowerCase(Locale.ROOT);
    }

    private static String orList(List<String> words) {
        int last = words.size() - 1;
        return last <= 0 ? String.join("", words) : String.join(", ", words.subList(0, last)) + " or " + words.get(last);
    }

    private Constraint constraint(Node n, List<Outcome> outcomes) {
        Fields c = fields(n, "a constraint", "outcome", "min", "max");
        String outcome = nonEmptyString(c.require("outcome"), "outcome");
        if (outcomes.stream().noneMatch(o -> o.name().equals(outcome))) {
            throw new ModelException(c.get("outcome").pos(), "no outcome named '" + outcome + "' in this study");
        }
        if (!c.has("min") && !c.has("max")) throw new ModelException(n.pos(), "a constraint needs min or max");
        double min = c.has("min") ? c.num("min") : Double.NaN;
        double max = c.has("max") ? c.num("max") : Double.NaN;
        if (c.has("min") && c.has("max")) c.ordered("min", "max");
        return new Constraint(outcome, min, max, n.pos());
    }

    // ---- typed access with positions

    private List<Node> list(Node n, String what) {
        if (n == null) return List.of();
        if (n instanceof Scalar s && s.type() == YamlTree.ScalarType.NULL) return List.of();
        if (n instanceof Sequence s) return s.items();
        throw new ModelException(n.pos(), what + " must be a list, got " + n.describe());
    }

    private static boolean bool(Node n, String what) {
        if (n instanceof Scalar s && s.type() == YamlTree.ScalarType.BOOLEAN) return Boolean.parseBoolean(s.text().toLowerCase(Locale.ROOT));
        throw new ModelException(n.pos(), what + " must be true or false, got " + n.describe());
    }

    private static String string(Node n, String what) {
        if (n instanceof Scalar s && s.type() == YamlTree.ScalarType.STRING) return s.text();
        throw new ModelException(n.pos(), what + " must be text, got " + n.describe());
    }

    private static String nonEmptyString(Node n, String what) {
        String s = string(n, what).strip();
        if (s.isEmpty()) throw new ModelException(n.pos(), what + " must not be empty");
        return s;
    }

    /** Text where YAML may have read a number or boolean (a unit like 1 or Dmnl). */
    private static String scalarText(Node n, String what) {
        if (n instanceof Scalar s && s.type() != YamlTree.ScalarType.NULL) return s.text();
        throw new ModelException(n.pos(), what + " must be text, got " + n.describe());
    }

    private static double number(Node n, String what) {
        if (n instanceof Scalar s && s.isNumber()) {
            double v;
            try {
                v = Double.parseDouble(s.text());
            } catch (NumberFormatException e) {
                v = Double.NaN; // YAML's .inf, -.Inf and .nan: numbers to YAML, never finite
            }
            if (!Double.isFinite(v)) throw new ModelException(n.pos(), what + " must be a finite number");
            return v;
        }
        throw new ModelException(n.pos(), what + " must be a number, got " + n.describe());
    }

    private static long integer(Node n, String what) {
        if (n instanceof Scalar s && s.type() == YamlTree.ScalarType.INTEGER) {
            try {
                return Long.parseLong(s.text());
            } catch (NumberFormatException e) {
                throw new ModelException(n.pos(), what + " is too large");
            }
        }
        throw new ModelException(n.pos(), what + " must be a whole number, got " + n.describe());
    }

    private Fields fields(Node n, String what, String... allowed) {
        if (!(n instanceof Mapping m)) throw new ModelException(n.pos(), what + " must be a mapping, got " + n.describe());
        Set<String> ok = new LinkedHashSet<>(Arrays.asList(allowed));
        for (Entry e : m.entries().values()) {
            if (!ok.contains(e.key())) {
                throw new ModelException(e.keyPos(), "unknown key '" + e.key() + "' in " + what + " (expected one of: " + String.join(", ", ok) + ")");
            }
        }
        return new Fields(m, what);
    }

    /** The keys of one mapping, checked against what is allowed. */
    private static final class Fields {
        private final Mapping m;
        private final String what;

        Fields(Mapping m, String what) {
            this.m = m;
            this.what = what;
        }

        boolean has(String key) {
            return m.entries().containsKey(key);
        }

        Node get(String key) {
            Entry e = m.entries().get(key);
            return e == null ? null : e.value();
        }

        Node require(String key) {
            Node v = get(key);
            if (v == null) throw new ModelException(m.pos(), what + " needs '" + key + "'");
            return v;
        }

        double num(String key) {
            return number(require(key), key);
        }

        /** Rejects keys that belong to other distributions. */
        void only(String dist, String... keys) {
            Set<String> params = Set.of("low", "high", "mode", "mean", "sd", "mu", "sigma", "values");
            Set<String> mine = Set.of(keys);
            for (Entry e : m.entries().values()) {
                if (params.contains(e.key()) && !mine.contains(e.key())) {
                    throw new ModelException(e.keyPos(), "'" + e.key() + "' does not apply to a " + dist + " distribution"
                            + (keys.length == 0 ? "" : " (it takes " + String.join(", ", keys) + ")"));
                }
            }
            for (String k : keys) require(k);
        }

        /** Checks that the numbers under these keys do not decrease. */
        void ordered(String... keys) {
            for (int i = 1; i < keys.length; i++) {
                if (num(keys[i]) < num(keys[i - 1])) {
                    throw new ModelException(get(keys[i]).pos(), keys[i] + " (" + Distribution.fmt(num(keys[i])) + ") is below " + keys[i - 1]
                            + " (" + Distribution.fmt(num(keys[i - 1])) + ")");
                }
            }
        }
    }
}
