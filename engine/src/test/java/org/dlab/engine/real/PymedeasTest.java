package org.dlab.engine.real;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.SharedFolder;
import org.dlab.engine.run.Model;
import org.dlab.engine.run.SimResult;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * MEDEAS World (pymedeas_w) as shipped in $DLAB_SHARED/real-models/pymedeas_w, against Vensim's tab
 * export default_out.tab. The model names its scenario file '?../../scenarios/scen_w.xlsx' (its place
 * in the original repository); the shared copy keeps scenarios/ beside the model, so the tag is mapped
 * as a user would with {@code --file-tag}. Skips without the shared folder.
 */
class PymedeasTest {

    @Test
    void pymedeasWorldMatchesVensim() throws IOException {
        Path dir = SharedFolder.path().resolve("real-models").resolve("pymedeas_w");
        Assumptions.assumeTrue(Files.isRegularFile(dir.resolve("pymedeas_w.mdl")), "skipped: " + dir + " not found");
        long t0 = System.nanoTime();
        Model model = ModelLoader.load(dir.resolve("pymedeas_w.mdl"), List.of(), null,
                Map.of("../../scenarios/scen_w.xlsx", dir.resolve("scenarios").resolve("scen_w.xlsx")));
        long compileMs = (System.nanoTime() - t0) / 1_000_000;
        long t1 = System.nanoTime();
        SimResult r = model.newRun().simulate();
        double runMs = (System.nanoTime() - t1) / 1e6;

        ReferenceRun ref = tab(dir.resolve("default_out.tab"));
        int shared = 0;
        int matching = 0;
        List<String> differing = new ArrayList<>();
        for (Map.Entry<String, double[]> e : ref.series().entrySet()) {
            if (model.slotOf(e.getKey()) < 0) continue;
            shared++;
            String diff = RealModelsTest.difference(ref.times(), e.getValue(), r, r.series(e.getKey()), 1e-6);
            if (diff == null) matching++;
            else differing.add(e.getKey() + ": " + diff);
        }
        RealModelsTest.Outcome o = new RealModelsTest.Outcome("pymedeas_w", shared, matching, differing, compileMs, runMs);
        RealModelsTest.report(o);
        assertThat(shared).isEqualTo(383);
        // see docs/engine.md for the variables that differ and why
        assertThat(o.share()).isGreaterThanOrEqualTo(0.31);
    }

    /**
     * Vensim's tab export with a Time column. A series with a value at the first time only and
     * blanks after is a constant (the export writes a constant once: 116 of this file's series), so
     * it is repeated over all times; other blanks stay NaN (Vensim's :NA:).
     */
    static ReferenceRun tab(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        String[] names = lines.get(0).split("\t", -1);
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) if (!line.isBlank()) rows.add(line.split("\t", -1));
        double[] times = new double[rows.size()];
        for (int i = 0; i < times.length; i++) times[i] = Double.parseDouble(rows.get(i)[0].trim());
        Map<String, double[]> series = new LinkedHashMap<>();
        for (int c = 1; c < names.length; c++) {
            double[] v = new double[times.length];
            boolean onlyFirst = true;
            for (int i = 0; i < v.length; i++) {
                String s = c < rows.get(i).length ? rows.get(i)[c].trim() : "";
                v[i] = s.isEmpty() ? Double.NaN : Double.parseDouble(s);
                if (i > 0 && !Double.isNaN(v[i])) onlyFirst = false;
            }
            if (onlyFirst && !Double.isNaN(v[0])) java.util.Arrays.fill(v, v[0]);
            series.put(names[c].trim(), v);
        }
        return new ReferenceRun(times, series);
    }
}
