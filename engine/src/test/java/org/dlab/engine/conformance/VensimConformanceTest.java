package org.dlab.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.dlab.engine.ModelException;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.SharedFolder;
import org.dlab.engine.run.SimResult;
import org.junit.jupiter.api.Test;

/**
 * Runs every Vensim model of the SDXorg test-models suite that has a canonical output and
 * compares at PySD's tolerance (|want - got| <= 1e-5 + 1e-5 |got|, PySD's per-case overrides),
 * only the canonical columns, names matched as the team's scorer does. Prints one line per
 * case and "N passed, N failed"; fails when a case listed in vensim-passing.txt regresses.
 */
class VensimConformanceTest {
    static final double RTOL = 1e-5;
    static final double ATOL = 1e-5;
    /** PySD's per-case tolerances (tests/pytest_integration), also applied by score.py. */
    static final Map<String, Double> CASE_RTOL = Map.of(
            "tests/allocate_available/test_allocate_available.mdl", 2e-2,
            "tests/arguments/test_arguments.mdl", 1e-2);
    /** Data files PySD's test hands to a case (score.py's PYSD_DATA). */
    static final Map<String, String> CASE_DATA = Map.of(
            "tests/data_from_other_model/test_data_from_other_model.mdl", "data.tab");

    @Test
    void everyVensimCaseMatchesItsCanonicalOutput() throws IOException {
        Path root = SharedFolder.testModels();
        List<Path> models;
        try (Stream<Path> s = Stream.concat(Files.walk(root.resolve("tests")), Files.walk(root.resolve("samples")))) {
            models = s.filter(p -> p.toString().toLowerCase().endsWith(".mdl")).sorted().toList();
        }
        TreeSet<String> mustPass = new TreeSet<>();
        try (var in = getClass().getResourceAsStream("/conformance/vensim-passing.txt")) {
            for (String l : new String(in.readAllBytes()).split("\n")) if (!l.isBlank() && !l.startsWith("#")) mustPass.add(l.trim());
        }
        int passed = 0;
        int failed = 0;
        List<String> regressions = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        for (Path model : models) {
            Path canon = Files.isRegularFile(model.resolveSibling("output.csv")) ? model.resolveSibling("output.csv") : model.resolveSibling("output.tab");
            if (!Files.isRegularFile(canon)) continue;
            String rel = root.relativize(model).toString().replace('\\', '/');
            String data = CASE_DATA.get(rel);
            String why = score(model, canon, CASE_RTOL.getOrDefault(rel, RTOL), data == null ? List.of() : List.of(model.resolveSibling(data)));
            if (why == null) {
                passed++;
                report.append("PASS ").append(rel).append('\n');
            } else {
                failed++;
                report.append("FAIL ").append(rel).append(": ").append(why).append('\n');
                if (mustPass.contains(rel)) regressions.add(rel + ": " + why);
            }
        }
        report.append(passed).append(" passed, ").append(failed).append(" failed\n");
        System.out.print(report);
        Path out = Path.of("target", "conformance-vensim.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        assertThat(regressions).as("cases in vensim-passing.txt that no longer pass").isEmpty();
    }

    /** null when the model's output matches, else the reason. */
    static String score(Path model, Path canon, double rtol, List<Path> data) {
        SimResult r;
        try {
            r = ModelLoader.load(model, data).newRun().simulate();
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
        if (Double.isNaN(want) || Double.isNaN(got)) return Double.isNaN(want) && Double.isNaN(got);
        if (want == got) return true;
        return Math.abs(want - got) <= ATOL + rtol * Math.abs(got);
    }
}
