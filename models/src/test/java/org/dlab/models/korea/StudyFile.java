package org.dlab.models.korea;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dlab.engine.run.SimResult;
import org.dlab.workbench.study.Distribution;
import org.dlab.workbench.study.Study;
import org.dlab.workbench.study.StudyParser;

/**
 * The study file as the tests see it: read by the workbench's {@link StudyParser} (the parser
 * `dlab explore` uses), with what the tests need on top: each uncertainty's inverse CDF for the
 * test sampler, policies as constant maps, and an outcome's value on a finished run.
 */
final class StudyFile {
    record Uncertainty(String name, Distribution dist) {
        /** Inverse CDF: the value at cumulative probability u in [0,1). */
        double quantile(double u) {
            return dist.fromUnit(u);
        }

        double low() {
            if (dist instanceof Distribution.Uniform d) return d.low();
            if (dist instanceof Distribution.Triangular d) return d.low();
            throw new IllegalStateException("the tests read no range of " + dist.describe() + " (" + name + ")");
        }

        double high() {
            if (dist instanceof Distribution.Uniform d) return d.high();
            if (dist instanceof Distribution.Triangular d) return d.high();
            throw new IllegalStateException("the tests read no range of " + dist.describe() + " (" + name + ")");
        }
    }

    record Outcome(Study.Outcome outcome) {
        String name() {
            return outcome.name();
        }

        /** minimize, maximize or info, as the study file spells it. */
        String kind() {
            return outcome.kind().name().toLowerCase(Locale.ROOT);
        }

        boolean minimize() {
            return outcome.kind() == Study.Kind.MINIMIZE;
        }

        /** The outcome of one finished run, by the study's reduce rule. */
        double of(SimResult r) {
            double[] t = r.times();
            double[] v = Korea.series(r, outcome.variable());
            Study.Reduction reduce = outcome.reduce();
            switch (reduce.op()) {
                case FINAL:
                    return v[v.length - 1];
                case MIN: {
                    double m = Double.POSITIVE_INFINITY;
                    for (double x : v) m = Math.min(m, x);
                    return m;
                }
                case MAX: {
                    double m = Double.NEGATIVE_INFINITY;
                    for (double x : v) m = Math.max(m, x);
                    return m;
                }
                case AT:
                    return Korea.at(r, outcome.variable(), reduce.arg());
                case FIRST_BELOW:
                    for (int i = 0; i < v.length; i++) if (v[i] < reduce.arg()) return t[i];
                    return Double.NaN;
                default:
                    throw new IllegalStateException("reduce '" + reduce.describe() + "' not supported by the tests (" + name() + ")");
            }
        }
    }

    final List<Uncertainty> uncertainties;
    final List<Study.Lever> levers;
    final Map<String, Map<String, Double>> policies = new LinkedHashMap<>();
    final List<Outcome> outcomes;

    private StudyFile(Study study) {
        uncertainties = study.uncertainties().stream().map(u -> new Uncertainty(u.name(), u.dist())).toList();
        levers = study.levers();
        for (Study.Policy p : study.policies()) {
            Map<String, Double> settings = new LinkedHashMap<>();
            for (Study.Setting s : p.settings()) settings.put(s.lever(), s.value());
            policies.put(p.name(), settings);
        }
        outcomes = study.outcomes().stream().map(Outcome::new).toList();
    }

    static StudyFile read(Path file) {
        return new StudyFile(StudyParser.parse(file));
    }

    /** The levers that set an intensity (each also has a start year, itself a lever). */
    List<Study.Lever> intensityLevers() {
        return levers.stream().filter(l -> l.name().endsWith(" intensity")).toList();
    }

    Outcome outcome(String name) {
        for (Outcome o : outcomes) if (o.name().equals(name)) return o;
        throw new IllegalArgumentException("no outcome '" + name + "' in the study");
    }

    /** A YAML mapping of constant name to number, in file order (the calibration files, not study files). */
    static Map<String, Double> constants(JsonNode mapping) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : mapping.properties()) {
            if (!e.getValue().isNumber()) throw new IllegalStateException("constant '" + e.getKey() + "' is not a number: " + e.getValue());
            m.put(e.getKey(), e.getValue().asDouble());
        }
        return m;
    }

    static JsonNode yaml(Path file) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
