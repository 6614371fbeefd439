package org.dlab.engine.real;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dlab.engine.ModelLoader;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.dlab.engine.SharedFolder;
import org.dlab.engine.data.FileAccess;
import org.dlab.engine.run.Model;
import org.dlab.engine.run.SimResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MEDEAS World (pymedeas_w) in $DLAB_SHARED/real-models/pymedeas_w against Vensim's tab export
 * default_out.tab. The model reads its scenario from sheet 'User scenario' of
 * '?../../scenarios/scen_w.xlsx' (the file's place in the original repository; the shared copy keeps
 * scenarios/ beside the model, so the tag is mapped as a user would with {@code --file-tag}).
 * default_out.tab is the run of the workbook's BAU sheet: the shipped 'User scenario' differs from it
 * in, among others, "separate conv and unconv oil?" (1; BAU 0), "Choose RCP" (3; BAU 4) and the GDP
 * per capita option (0; BAU 1), and with it only 119 of 383 variables match, from 2013 on. So the test
 * runs a temporary copy of the workbook whose 'User scenario' is its BAU sheet (outside the repository).
 * Skips without the shared folder.
 */
class PymedeasTest {

    @TempDir
    Path temp;

    @AfterEach
    void forgetAllowedFolders() {
        FileAccess.reset();
    }

    @Test
    void pymedeasWorldMatchesVensim() throws IOException {
        Path dir = SharedFolder.path().resolve("real-models").resolve("pymedeas_w");
        Assumptions.assumeTrue(Files.isRegularFile(dir.resolve("pymedeas_w.mdl")), "skipped: " + dir + " not found");
        Path bau = bauScenario(dir.resolve("scenarios").resolve("scen_w.xlsx"), temp.resolve("scen_w_bau.xlsx"));
        FileAccess.allow(temp);
        long t0 = System.nanoTime();
        Model model = ModelLoader.load(dir.resolve("pymedeas_w.mdl"), List.of(), null, Map.of("../../scenarios/scen_w.xlsx", bau));
        long compileMs = (System.nanoTime() - t0) / 1_000_000;
        long t1 = System.nanoTime();
        SimResult r = model.newRun().simulate();
        double runMs = (System.nanoTime() - t1) / 1e6;

        ReferenceRun ref = tab(dir.resolve("default_out.tab"));
        Map<String, String> exceptions = RealModelsTest.exceptions(NEAR_ZERO,
                "Real final energy by sector and fuel", "share E losses CC", "Annual GDP growth rate");
        int shared = 0;
        int matching = 0;
        List<String> differing = new ArrayList<>();
        Map<String, Double> peaks = RealModelsTest.peaks(ref.series());
        for (Map.Entry<String, double[]> e : ref.series().entrySet()) {
            if (model.slotOf(e.getKey()) < 0) continue;
            shared++;
            String diff = RealModelsTest.difference(ref.times(), e.getValue(), ref.rounding().get(e.getKey()), peaks.get(e.getKey()), r, r.series(e.getKey()), 1e-6);
            if (diff == null) matching++;
            else differing.add(e.getKey() + ": " + diff);
        }
        RealModelsTest.Outcome o = new RealModelsTest.Outcome("pymedeas_w", shared, matching, differing, compileMs, runMs);
        RealModelsTest.report(o, exceptions);
        assertThat(shared).isEqualTo(383);
        // 381 of 383 today (374 with -Ddlab.realmodels.elementPeak=true: seven elements of Real final energy by
        // sector and fuel stay within 1e-5 of zero, driven in our run by a 1e-15 "pressure"); see docs/engine.md
        assertThat(o.share()).isGreaterThanOrEqualTo(RealModelsTest.ELEMENT_PEAK ? 0.975 : 0.99);
        assertThat(RealModelsTest.unexplained(o, exceptions)).isEmpty();
    }

    /** Not explained yet (docs/engine.md); Vensim's single precision is a candidate, unverified. */
    static final String NEAR_ZERO = "value within about 1e-5 of zero, cause not found";

    /** A copy of the scenario workbook whose sheet 'User scenario' is a copy of its sheet 'BAU'. */
    static Path bauScenario(Path workbook, Path copy) throws IOException {
        try (InputStream in = Files.newInputStream(workbook); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            int user = wb.getSheetIndex("User scenario");
            XSSFSheet bau = wb.cloneSheet(wb.getSheetIndex("BAU"));
            wb.removeSheetAt(user);
            wb.setSheetName(wb.getSheetIndex(bau), "User scenario");
            try (OutputStream out = Files.newOutputStream(copy)) {
                wb.write(out);
            }
        }
        return copy;
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
        Map<String, double[]> rounding = new LinkedHashMap<>();
        for (int c = 1; c < names.length; c++) {
            double[] v = new double[times.length];
            double[] half = new double[times.length];
            boolean onlyFirst = true;
            for (int i = 0; i < v.length; i++) {
                String s = c < rows.get(i).length ? rows.get(i)[c].trim() : "";
                v[i] = s.isEmpty() ? Double.NaN : Double.parseDouble(s);
                if (!s.isEmpty()) half[i] = ReferenceRun.halfUnitInLastDigit(s);
                if (i > 0 && !Double.isNaN(v[i])) onlyFirst = false;
            }
            if (onlyFirst && !Double.isNaN(v[0])) {
                java.util.Arrays.fill(v, v[0]);
                java.util.Arrays.fill(half, half[0]);
            }
            series.put(names[c].trim(), v);
            rounding.put(names[c].trim(), half);
        }
        return new ReferenceRun(times, series, rounding);
    }
}
