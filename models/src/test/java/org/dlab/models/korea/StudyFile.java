package org.dlab.models.korea;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dlab.engine.run.SimResult;

/**
 * A small test-side reader of the study file format described in models/korea/README.md
 * ("Study file format"): just what the tests need (uncertainties, levers, policies, outcomes).
 * The workbench will have the real Study class; this one stays deliberately minimal and strict so
 * a study file the tests cannot interpret fails loudly instead of being half-read.
 */
final class StudyFile {
    record Uncertainty(String name, String dist, double low, double mode, double high, String source) {
        /** Inverse CDF: the value at cumulative probability u in [0,1). */
        double quantile(double u) {
            if (dist.equals("uniform")) return low + u * (high - low);
            if (dist.equals("triangular")) {
                double c = (mode - low) / (high - low);
                if (u < c) return low + Math.sqrt(u * (high - low) * (mode - low));
                return high - Math.sqrt((1 - u) * (high - low) * (high - mode));
            }
            throw new IllegalStateException("the test sampler has no inverse CDF for dist '" + dist + "' (" + name + ")");
        }
    }

    record Lever(String name, double low, double high, double baseline) {}

    record Outcome(String name, String variable, JsonNode reduce, String kind) {
        boolean minimize() {
            return kind.equals("minimize");
        }

        /** The outcome of one run, following the reduce rules of the study file format. */
        double of(SimResult r) {
            double[] t = r.times();
            double[] v = Korea.series(r, variable);
            if (reduce.isTextual()) {
                switch (reduce.asText()) {
                    case "final":
                        return v[v.length - 1];
                    case "min": {
                        double m = Double.POSITIVE_INFINITY;
                        for (double x : v) m = Math.min(m, x);
                        return m;
                    }
                    case "max": {
                        double m = Double.NEGATIVE_INFINITY;
                        for (double x : v) m = Math.max(m, x);
                        return m;
                    }
                    default:
                        throw new IllegalStateException("reduce '" + reduce.asText() + "' not supported by the test reader (" + name + ")");
                }
            }
            if (reduce.has("at")) return Korea.at(r, variable, reduce.get("at").asDouble());
            if (reduce.has("first_below")) {
                double x = reduce.get("first_below").asDouble();
                for (int i = 0; i < v.length; i++) if (v[i] < x) return t[i];
                return Double.NaN;
            }
            throw new IllegalStateException("reduce " + reduce + " not supported by the test reader (" + name + ")");
        }
    }

    final List<Uncertainty> uncertainties = new ArrayList<>();
    final List<Lever> levers = new ArrayList<>();

    /** The levers that set an intensity (each also has a start year, itself a lever). */
    List<Lever> intensityLevers() {
        return levers.stream().filter(l -> l.name().endsWith(" intensity")).toList();
    }
    final Map<String, Map<String, Double>> policies = new LinkedHashMap<>();
    final List<Outcome> outcomes = new ArrayList<>();

    static StudyFile read(Path file) {
        JsonNode root = yaml(file);
        StudyFile s = new StudyFile();
        for (JsonNode u : root.get("uncertainties")) {
            String dist = u.get("dist").asText();
            double low = u.get("low").asDouble();
            double high = u.get("high").asDouble();
            double mode = u.has("mode") ? u.get("mode").asDouble() : Double.NaN;
            s.uncertainties.add(new Uncertainty(u.get("name").asText(), dist, low, mode, high,
                    u.has("source") ? u.get("source").asText() : ""));
        }
        for (JsonNode l : root.get("levers")) {
            s.levers.add(new Lever(l.get("name").asText(), l.get("low").asDouble(), l.get("high").asDouble(),
                    l.get("baseline").asDouble()));
        }
        for (Map.Entry<String, JsonNode> p : root.get("policies").properties()) {
            s.policies.put(p.getKey(), constants(p.getValue()));
        }
        for (JsonNode o : root.get("outcomes")) {
            s.outcomes.add(new Outcome(o.get("name").asText(), o.get("variable").asText(), o.get("reduce"),
                    o.get("kind").asText()));
        }
        return s;
    }

    /** A YAML mapping of constant name to number, in file order. */
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

    Outcome outcome(String name) {
        for (Outcome o : outcomes) if (o.name().equals(name)) return o;
        throw new IllegalArgumentException("no outcome '" + name + "' in the study");
    }
}
