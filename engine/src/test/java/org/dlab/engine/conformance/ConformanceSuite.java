package org.dlab.engine.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.dlab.engine.ModelException;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.run.SimResult;

/**
 * The conformance scoring shared by the Vensim and XMILE suites: runs every model of the SDXorg
 * test-models suite with the given extensions that has a canonical output and compares at PySD's
 * tolerance (|want - got| <= 1e-5 + 1e-5 |got|, PySD's per-case overrides), only the canonical
 * columns, names matched as the team's scorer (shared/tools/score.py) does.
 */
final class ConformanceSuite {
    static final double RTOL = 1e-5;
    static final double ATOL = 1e-5;
    /** PySD's per-case tolerances (tests/pytest_integration), also applied by score.py. */
    static final Map<String, Double> CASE_RTOL = Map.of(
            "tests/allocate_available/test_allocate_available.mdl", 2e-2,
            "tests/arguments/test_arguments.mdl", 1e-2);
    /** Data files PySD's test hands to a case (score.py's PYSD_DATA). */
    static final Map<String, String> CASE_DATA = Map.of(
            "tests/data_from_other_model/test_data_from_other_model.mdl", "data.tab");

    /**
     * One case's outcome: its path under the suite and null when it passed, else why not;
     * {@code repaired} when it passed only with unclosed XML elements closed (--repair-xml).
     */
    record Case(String path, String failure, boolean repaired) {
        Case(String path, String failure) {
            this(path, failure, false);
        }
    }

    /** Every case with one of {@code extensions} (lower case, with the dot), tests/ then samples/. */
    static List<Case> run(Path root, List<String> extensions) throws IOException {
        List<Path> models;
        try (Stream<Path> s = Stream.concat(Files.walk(root.resolve("tests")), Files.walk(root.resolve("samples")))) {
            models = s.filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return Files.isRegularFile(p) && extensions.stream().anyMatch(n::endsWith);
            }).sorted().toList();
        }
        List<Case> out = new ArrayList<>();
        for (Path model : models) {
            Path canon = Files.isRegularFile(model.resolveSibling("output.csv")) ? model.resolveSibling("output.csv") : model.resolveSibling("output.tab");
            if (!Files.isRegularFile(canon)) continue;
            String rel = root.relativize(model).toString().replace('\\', '/');
            String data = CASE_DATA.get(rel);
            List<Path> dataFiles = data == null ? List.of() : List.of(model.resolveSibling(data));
            double rtol = CASE_RTOL.getOrDefault(rel, RTOL);
            String failure = score(model, canon, rtol, dataFiles, false);
            if (failure != null && failure.contains("malformed XML") && score(model, canon, rtol, dataFiles, true) == null) {
                out.add(new Case(rel, null, true));
            } else {
                out.add(new Case(rel, failure));
            }
        }
        return out;
    }

    /** One line per case, then "N passed, N failed". */
    static String report(List<Case> cases) {
        StringBuilder b = new StringBuilder();
        int passed = 0;
        int repaired = 0;
        for (Case c : cases) {
            if (c.failure() == null) {
                passed++;
                if (c.repaired()) repaired++;
                b.append(c.repaired() ? "PASS (with --repair-xml) " : "PASS ").append(c.path()).append('\n');
            } else {
                b.append("FAIL ").append(c.path()).append(": ").append(c.failure()).append('\n');
            }
        }
        b.append(passed).append(" passed");
        if (repaired > 0) b.append(" (").append(repaired).append(" with --repair-xml)");
        return b.append(", ").append(cases.size() - passed).append(" failed\n").toString();
    }

    /** The cases of a checked-in regression list (one path a line, # comments) that no longer pass. */
    static List<String> regressions(List<Case> cases, String listResource) throws IOException {
        TreeSet<String> mustPass = new TreeSet<>();
        try (InputStream in = ConformanceSuite.class.getResourceAsStream(listResource)) {
            if (in == null) throw new IOException("missing regression list " + listResource);
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!l.isBlank() && !l.startsWith("#")) mustPass.add(l.trim());
            }
        }
        List<String> out = new ArrayList<>();
        Map<String, String> byPath = new HashMap<>();
        for (Case c : cases) byPath.put(c.path(), c.failure() == null ? "" : c.failure());
        for (String p : mustPass) {
            String why = byPath.get(p);
            if (why == null) out.add(p + ": not run (no such case)");
            else if (!why.isEmpty()) out.add(p + ": " + why);
        }
        return out;
    }

    static void write(String name, String report) throws IOException {
        Path out = Path.of("target", name);
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }

    /** null when the model's output matches, else the reason. */
    static String score(Path model, Path canon, double rtol, List<Path> data) {
        return score(model, canon, rtol, data, false);
    }

    static String score(Path model, Path canon, double rtol, List<Path> data, boolean repairXml) {
        SimResult r;
        try {
            r = ModelLoader.load(model, data, repairXml ? line -> { } : null).newRun().simulate();
        } catch (ModelException e) {
            return "error: " + e.describe();
        } catch (RuntimeException | StackOverflowError e) {
            return "internal error: " + e;
        }
        CanonicalTable want;
        try {
            want = CanonicalTable.read(canon);
        } catch (IOException e) {
            return "cannot read canonical output: " + e.getMessage();
        }
        return compare(r, want, rtol);
    }

    /** null when every canonical column matches the result at every canonical time, else the first difference. */
    static String compare(SimResult r, CanonicalTable want, double rtol) {
        Map<String, Integer> cols = new HashMap<>();
        for (int i = 0; i < r.names().size(); i++) cols.putIfAbsent(CanonicalTable.key(r.names().get(i)), i);
        List<String> missing = new ArrayList<>();
        for (String n : want.names()) if (!cols.containsKey(CanonicalTable.key(n))) missing.add(n);
        if (!missing.isEmpty()) return missing.size() + "/" + want.names().size() + " columns missing, e.g. " + missing.get(0);
        int[] rowOf = new int[want.times().length];
        for (int i = 0; i < rowOf.length; i++) {
            double t = want.times()[i];
            int best = -1;
            for (int j = 0; j < r.rows(); j++) if (best < 0 || Math.abs(r.time(j) - t) < Math.abs(r.time(best) - t)) best = j;
            if (best < 0 || Math.abs(r.time(best) - t) > 1e-5 * Math.abs(t) + 1e-9) return "canonical time " + t + " not in output";
            rowOf[i] = best;
        }
        for (int c = 0; c < want.names().size(); c++) {
            int ec = cols.get(CanonicalTable.key(want.names().get(c)));
            for (int i = 0; i < rowOf.length; i++) {
                double x = want.columns()[c][i];
                double y = r.value(ec, rowOf[i]);
                if (!close(x, y, rtol)) {
                    return "column '" + want.names().get(c) + "' differs first at t=" + want.times()[i] + ": want " + x + ", got " + y;
                }
            }
        }
        return null;
    }

    static boolean close(double want, double got, double rtol) {
        // Vensim writes its :NA: value (-2^110) as a blank cell
        if (Double.isNaN(want) && got == org.dlab.engine.functions.Library.NA) return true;
        if (Double.isNaN(want) || Double.isNaN(got)) return Double.isNaN(want) && Double.isNaN(got);
        if (want == got) return true;
        return Math.abs(want - got) <= ATOL + rtol * Math.abs(got);
    }
}
