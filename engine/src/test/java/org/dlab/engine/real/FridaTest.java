package org.dlab.engine.real;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dlab.engine.ModelException;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.SharedFolder;
import org.dlab.engine.run.SimResult;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * FRIDA (Stella Architect XMILE, modules in FRIDA_Modules/*.itmx, 11 ensemble members along
 * the Run dimension). When it loads, every saved value of every output must be finite and the
 * compile and per-run times are printed. While it does not load yet, the refusal must be a
 * ModelException at a file:line:col (never an internal error); it is printed, so the next
 * missing feature is in the test log. Skips without the shared folder.
 */
class FridaTest {
    @Test
    void fridaLoadsRunsAndStaysFiniteOrNamesWhatItLacks() {
        Path model = SharedFolder.path().resolve("real-models/frida/FRIDA.stmx");
        Assumptions.assumeTrue(Files.isRegularFile(model), "skipped: " + model + " not found");
        long t0 = System.nanoTime();
        org.dlab.engine.run.Model compiled;
        try {
            compiled = ModelLoader.load(model);
        } catch (ModelException e) {
            System.out.println("FRIDA does not load yet: " + e.describe());
            assertThat(e.describe()).matches("(?s).*\\.(stmx|itmx):\\d+:\\d+: .*");
            return;
        }
        long t1 = System.nanoTime();
        SimResult r = compiled.newRun().simulate();
        long t2 = System.nanoTime();
        compiled.newRun().simulate();
        long t3 = System.nanoTime();
        System.out.printf("FRIDA: compile %.2f s, first run %.0f ms, second run %.0f ms, %d outputs%n",
                (t1 - t0) / 1e9, (t2 - t1) / 1e6, (t3 - t2) / 1e6, r.names().size());
        List<String> bad = new ArrayList<>();
        for (String n : r.names()) {
            double[] s = r.series(n);
            for (int i = 0; i < s.length; i++) {
                if (!Double.isFinite(s[i])) {
                    bad.add(n + " at " + r.time(i));
                    break;
                }
            }
        }
        assertThat(bad).as("outputs that are not finite (first time each)").isEmpty();
    }
}
