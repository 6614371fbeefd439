package org.dlab.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dlab.engine.ModelException;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.NodeJs;
import org.dlab.engine.SharedFolder;
import org.dlab.engine.compile.JavaScriptGenerator;
import org.dlab.engine.run.Model;
import org.dlab.engine.run.SimResult;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JavaScript back end against the Java engine: every Vensim and XMILE case that the Java
 * engine passes (vensim-passing.txt, xmile-passing.txt) is generated as a JS module and run under node, all cases in one node
 * process; every visible variable must equal the Java run within 1e-9 relative at every saved
 * time. Skips with a notice when node is not installed.
 */
class JavaScriptConformanceTest {
    static final double RTOL = 1e-9;

    @Test
    void everyPassingVensimCaseGivesTheJavaNumbersInJavaScript(@TempDir Path dir) throws Exception {
        check(dir, "/conformance/vensim-passing.txt", "Vensim");
    }

    /** The XMILE cases too (the back end works on the plan, whatever the file format). */
    @Test
    void everyPassingXmileCaseGivesTheJavaNumbersInJavaScript(@TempDir Path dir) throws Exception {
        check(dir, "/conformance/xmile-passing.txt", "XMILE");
    }

    private void check(Path dir, String list, String kind) throws Exception {
        Path root = SharedFolder.testModels();
        String node = NodeJs.find();
        Assumptions.assumeTrue(node != null, "skipped: node (Debian package nodejs) is not installed");
        List<String> cases = passingCases(list);
        List<SimResult> java = new ArrayList<>();
        StringBuilder runner = new StringBuilder("const cases = [\n");
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            String rel = cases.get(i);
            Path model = root.resolve(rel);
            String data = ConformanceSuite.CASE_DATA.get(rel);
            List<Path> dataFiles = data == null ? List.of() : List.of(model.resolveSibling(data));
            // cases that pass only with --repair-xml are loaded as dlab run --repair-xml would
            Model m;
            try {
                m = ModelLoader.load(model, dataFiles);
            } catch (ModelException e) {
                if (!e.getMessage().contains("malformed XML")) throw e;
                m = ModelLoader.load(model, dataFiles, line -> { });
            }
            java.add(m.newRun().simulate());
            try {
                Files.writeString(dir.resolve("case" + i + ".mjs"), JavaScriptGenerator.generate(m.plan(), m.method()));
                runner.append("  './case").append(i).append(".mjs',\n");
            } catch (ModelException e) {
                failures.add(rel + ": not generated: " + e.describe());
                runner.append("  null,\n");
            }
        }
        runner.append("];\n").append(NodeJs.resource("/conformance/run-cases.mjs"));
        Files.writeString(dir.resolve("run.mjs"), runner);
        long start = System.nanoTime();
        List<String> lines = NodeJs.run(node, dir, "run.mjs");
        double seconds = (System.nanoTime() - start) / 1e9;

        int passed = 0;
        int at = 0;
        for (int i = 0; i < cases.size(); i++) {
            String header = lines.get(at++);
            if (header.startsWith("SKIP")) continue;
            if (header.startsWith("ERROR")) {
                failures.add(cases.get(i) + ": " + header);
                continue;
            }
            String[] h = header.split(" ");
            int rows = Integer.parseInt(h[1]);
            int cols = Integer.parseInt(h[2]);
            double[][] got = new double[cols + 1][];
            for (int c = 0; c <= cols; c++) got[c] = parse(lines.get(at++), rows);
            String why = compare(java.get(i), got);
            if (why == null) passed++;
            else failures.add(cases.get(i) + ": " + why);
        }
        System.out.printf("JavaScript back end: %d of %d %s cases match the Java engine within %.0e relative "
                + "(Java engine: %d passing cases); node ran them all in %.2f s%n", passed, cases.size(), kind, RTOL, cases.size(), seconds);
        failures.forEach(f -> System.out.println("JS FAIL " + f));
        assertThat(failures).as("cases where the JavaScript back end differs from the Java engine").isEmpty();
        assertThat(passed).isEqualTo(cases.size());
    }

    private static double[] parse(String line, int rows) {
        String[] p = line.isEmpty() ? new String[0] : line.split(" ");
        assertThat(p.length).isEqualTo(rows);
        double[] v = new double[rows];
        for (int i = 0; i < rows; i++) v[i] = Double.parseDouble(p[i]);
        return v;
    }

    /** null when every column equals Java's within RTOL at every saved time, else the first difference. */
    static String compare(SimResult java, double[][] got) {
        if (got[0].length != java.rows()) return "saved " + got[0].length + " rows, Java saved " + java.rows();
        if (got.length - 1 != java.names().size()) return (got.length - 1) + " columns, Java has " + java.names().size();
        for (int r = 0; r < java.rows(); r++) {
            if (!close(java.time(r), got[0][r])) return "time " + got[0][r] + " at row " + r + ", Java " + java.time(r);
        }
        for (int c = 0; c < java.names().size(); c++) {
            for (int r = 0; r < java.rows(); r++) {
                double want = java.value(c, r);
                if (!close(want, got[c + 1][r])) {
                    return "'" + java.names().get(c) + "' at t=" + java.time(r) + ": Java " + want + ", JavaScript " + got[c + 1][r];
                }
            }
        }
        return null;
    }

    static boolean close(double want, double got) {
        if (Double.isNaN(want) || Double.isNaN(got)) return Double.isNaN(want) && Double.isNaN(got);
        if (want == got) return true;
        return Math.abs(want - got) <= RTOL * Math.max(Math.abs(want), Math.abs(got));
    }

    private static List<String> passingCases(String list) throws IOException {
        List<String> out = new ArrayList<>();
        try (InputStream in = JavaScriptConformanceTest.class.getResourceAsStream(list)) {
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!l.isBlank() && !l.startsWith("#")) out.add(l.trim());
            }
        }
        return out;
    }
}
