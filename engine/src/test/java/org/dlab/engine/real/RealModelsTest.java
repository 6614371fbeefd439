package org.dlab.engine.real;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.SharedFolder;
import org.dlab.engine.functions.Library;
import org.dlab.engine.run.Model;
import org.dlab.engine.run.Run;
import org.dlab.engine.run.SimResult;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Published models (../shared/real-models, see its SOURCES.md) against their authors' Vensim
 * runs: a variable matches when every shared time is within 1e-3 relative, or within 1e-6 of
 * the variable's peak (values crossing zero). A tab export prints 6 significant digits, so a
 * value there also matches within that tolerance plus half a unit in its last printed digit:
 * the printed text says no more than that (e.g. "3.42989E-4" is anything within 5e-10 of it).
 * Prints per model the matching count, compile time, per-run time and the variables that
 * differ; asserts the share that matches today.
 */
class RealModelsTest {
    static final double RTOL = 1e-3;
    static final double PEAK_TOL = 1e-6;

    record Outcome(String model, int shared, int matching, List<String> differing, long compileMs, double runMs) {
        double share() {
            return shared == 0 ? 0 : (double) matching / shared;
        }
    }

    private static Path realModels() {
        Path shared = SharedFolder.path();
        Path dir = shared.resolve("real-models");
        Assumptions.assumeTrue(Files.isDirectory(dir), "skipped: " + dir + " not found");
        return dir;
    }

    static Outcome compare(String label, Path mdl, ReferenceRun ref) {
        return compare(label, mdl, ref, 1e-6);
    }

    /** timeTol: how far a reference's time may be from the run's (Vensim's tab export rounds them). */
    static Outcome compare(String label, Path mdl, ReferenceRun ref, double timeTol) {
        long t0 = System.nanoTime();
        Model model = ModelLoader.load(mdl);
        long compileMs = (System.nanoTime() - t0) / 1_000_000;
        Run run = model.newRun();
        SimResult r = run.simulate();
        long t1 = System.nanoTime();
        int runs = 5;
        for (int i = 0; i < runs; i++) r = run.simulate();
        double runMs = (System.nanoTime() - t1) / 1e6 / runs;
        int shared = 0;
        int matching = 0;
        List<String> differing = new ArrayList<>();
        for (Map.Entry<String, double[]> e : ref.series().entrySet()) {
            String name = e.getKey();
            if (model.slotOf(name) < 0) continue;
            double[] got = r.series(model.variableNames().get(indexOf(model, name)));
            shared++;
            String diff = difference(ref.times(), e.getValue(), ref.rounding().get(name), r, got, timeTol);
            if (diff == null) matching++;
            else differing.add(name + ": " + diff);
        }
        return new Outcome(label, shared, matching, differing, compileMs, runMs);
    }

    private static int indexOf(Model m, String name) {
        int slot = m.slotOf(name);
        List<org.dlab.engine.model.ScalarVar> vars = m.variables();
        for (int i = 0; i < vars.size(); i++) if (m.plan().slot(vars.get(i)) == slot) return i;
        return -1;
    }

    /**
     * Null when the series agree at every time both have, else where they first differ.
     * printedHalfUnit: per reference value, half a unit in its last printed digit (null: none).
     */
    static String difference(double[] times, double[] want, double[] printedHalfUnit, SimResult r, double[] got, double timeTol) {
        double peak = 0;
        for (double w : want) if (!Double.isNaN(w)) peak = Math.max(peak, Math.abs(w));
        double[] rt = r.times();
        int j = 0;
        for (int i = 0; i < times.length; i++) {
            double w = want[i];
            while (j < rt.length && rt[j] < times[i] - timeTol) j++;
            if (j >= rt.length) break;
            if (Math.abs(rt[j] - times[i]) > timeTol) continue;
            double g = got[j];
            if (Double.isNaN(w)) {
                if (Double.isNaN(g) || g == Library.NA) continue; // a blank is Vensim's :NA:
                return "t=" + times[i] + " want blank, got " + g;
            }
            double printed = printedHalfUnit == null ? 0 : printedHalfUnit[i];
            if (Math.abs(g - w) <= Math.max(RTOL * Math.abs(w), PEAK_TOL * peak) + printed) continue;
            return "t=" + times[i] + " want " + w + ", got " + g;
        }
        return null;
    }

    static long peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) peak += p.getPeakUsage().getUsed();
        }
        return peak >> 20;
    }

    static void report(Outcome o) {
        System.out.printf("%s: %d of %d shared variables match (%.1f%%); compile %d ms, run %.1f ms; peak heap so far %d MB%n",
                o.model(), o.matching(), o.shared(), 100 * o.share(), o.compileMs(), o.runMs(), peakHeapMb());
        o.differing().stream().limit(15).forEach(d -> System.out.println("  differs " + d));
        if (o.differing().size() > 15) System.out.println("  ... and " + (o.differing().size() - 15) + " more");
    }

    @Test
    void world3MatchesVensim() throws Exception {
        Path dir = realModels().resolve("wrld3");
        Outcome o = compare("World3-03", dir.resolve("wrld3-03.mdl"), ReferenceRun.csv(dir.resolve("reference.csv")));
        report(o);
        assertThat(o.shared()).isGreaterThan(200);
        assertThat(o.share()).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void cLearnMatchesVensim() throws Exception {
        Path dir = realModels().resolve("clearn");
        Outcome o = compare("C-LEARN v77", dir.resolve("C-LEARN v77 for Vensim.mdl"), ReferenceRun.csv(dir.resolve("reference.csv")));
        report(o);
        // today 3,327 of 3,377 (98.5%): the rest follow from the ocean's Diffusion Flux (see docs/engine.md)
        assertThat(o.share()).isGreaterThanOrEqualTo(0.98);
    }

    private static Outcome earth4all(String scenario, String file) throws Exception {
        Path dir = realModels().resolve("e4a");
        List<Path> tabs = new ArrayList<>();
        try (var files = Files.list(dir.resolve("VensimOutput").resolve(scenario))) {
            files.filter(f -> f.toString().endsWith(".txt")).sorted().forEach(tabs::add);
        }
        // the tab export rounds times to 0.01; TIME STEP and SAVEPER are 1/64
        return compare("Earth4All " + scenario.toUpperCase(), dir.resolve(file), ReferenceRun.transposedTab(tabs), 0.006);
    }

    @Test
    void earth4AllTooLittleTooLateMatchesVensim() throws Exception {
        Outcome o = earth4all("tltl", "mov220501-18 E4A-global jr TLTL.mdl");
        report(o);
        assertThat(o.shared()).isGreaterThan(300);
        assertThat(o.share()).isGreaterThanOrEqualTo(0.8); // 257 of 317 today, see docs/engine.md
    }

    @Test
    void earth4AllGiantLeapMatchesVensim() throws Exception {
        Outcome o = earth4all("gl", "mov220501-18 E4A-global jr GL.mdl");
        report(o);
        assertThat(o.shared()).isGreaterThan(300);
        assertThat(o.share()).isGreaterThanOrEqualTo(0.8); // 257 of 317 today, see docs/engine.md
    }
}
