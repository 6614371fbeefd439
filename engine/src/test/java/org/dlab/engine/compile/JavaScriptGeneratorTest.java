package org.dlab.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.NodeJs;
import org.dlab.engine.run.Model;
import org.dlab.engine.run.SimResult;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JavaScript back end on what the suite does not cover: seeded RANDOM functions (the JS
 * SplittableRandom must repeat the JVM's draws), RK4 on a model of our own, and hostile names,
 * which must reach the module only as data.
 */
class JavaScriptGeneratorTest {
    @Test
    void seededRandomDrawsAndRk4RepeatTheJavaRun(@TempDir Path dir) throws Exception {
        String node = NodeJs.find();
        Assumptions.assumeTrue(node != null, "skipped: node (Debian package nodejs) is not installed");
        Path mdl = dir.resolve("noise.mdl");
        Files.writeString(mdl, """
                {UTF-8}
                u = RANDOM UNIFORM(0, 10, 0) ~ ~ |
                n = RANDOM NORMAL(-5, 5, 1, 2, 0) ~ ~ |
                g = RANDOM GAMMA(0, 100, 2.5, 0, 1, 0) ~ ~ |
                p = RANDOM POISSON(0, 100, 3, 0, 1, 0) ~ ~ |
                t = RANDOM TRIANGULAR(0, 5, 1, 2, 8, 0) ~ ~ |
                w = RANDOM WEIBULL(0, 5, 1.5, 0, 1, 0) ~ ~ |
                b = RANDOM BETA(0.2, 1, 2, 3, 0, 1, 0) ~ ~ |
                bi = RANDOM BINOMIAL(1, 10, 0.5, 10, 0, 1, 0) ~ ~ |
                nb = RANDOM NEGATIVE BINOMIAL(0, 100, 0.3, 2, 0, 1, 0) ~ ~ |
                tri((0,0),(1,1),(2,0)) ~ ~ |
                rl = RANDOM LOOKUP(tri, 0, 3, 1, 2, 0) ~ ~ |
                level = INTEG(u - level * 0.1 + SIN(Time), 1) ~ ~ |
                late = DELAY FIXED(n, 2, 0) ~ ~ |
                INITIAL TIME = 0 ~ ~ |
                FINAL TIME = 10 ~ ~ |
                TIME STEP = 0.25 ~ ~ |
                SAVEPER = 0.5 ~ ~ |
                """);
        SimResult java = assertJavaScriptRepeatsTheJavaRun(node, dir, mdl);
        // the draws vary over time (they are not a constant repeated)
        assertThat(java.series("u")).doesNotHaveDuplicates();
    }

    /** Runs the model under RK4 on the JVM and in node; every value agrees within 1e-9 relative. */
    private static SimResult assertJavaScriptRepeatsTheJavaRun(String node, Path dir, Path mdl) throws Exception {
        Model m = ModelLoader.load(mdl);
        SimResult java = m.newRun().method(org.dlab.engine.ir.IntegrationMethod.RK4).simulate();
        Files.writeString(dir.resolve("model.mjs"), JavaScriptGenerator.generate(m.plan(), org.dlab.engine.ir.IntegrationMethod.RK4));
        Files.writeString(dir.resolve("run.mjs"), """
                import { meta, simulate } from "./model.mjs";
                const r = simulate();
                const out = [meta.method, Array.from(r.times, String).join(" ")];
                for (const c of r.columns) out.push(Array.from(c, String).join(" "));
                process.stdout.write(out.join("\\n") + "\\n");
                """);
        List<String> lines = NodeJs.run(node, dir, "run.mjs");
        assertThat(lines.get(0)).isEqualTo("rk4");
        assertThat(lines.get(1).split(" ")).hasSize(java.rows());
        for (int c = 0; c < java.names().size(); c++) {
            String[] got = lines.get(c + 2).split(" ");
            for (int r = 0; r < java.rows(); r++) {
                double want = java.value(c, r);
                double g = Double.parseDouble(got[r]);
                assertThat(Math.abs(g - want)).as("%s at row %d: JS %s, Java %s", java.names().get(c), r, g, want)
                        .isLessThanOrEqualTo(1e-9 * Math.abs(want));
            }
        }
        return java;
    }

    @Test
    void invertMatrixOfAChangingMatrixRepeatsTheJavaRun(@TempDir Path dir) throws Exception {
        String node = NodeJs.find();
        Assumptions.assumeTrue(node != null, "skipped: node (Debian package nodejs) is not installed");
        Path mdl = dir.resolve("inv.mdl");
        // two calls (two inverses kept side by side in a step), the matrix changing with Time
        Files.writeString(mdl, """
                {UTF-8}
                dim: (d1-d3) ~ ~ |
                dim2 <-> dim ~ ~ |
                m[dim, dim2] = IF THEN ELSE(dim = dim2, 4 + Time, 1 / (dim + dim2)) ~ ~ |
                inv[dim, dim2] = INVERT MATRIX(m[dim, dim2], 3) ~ ~ |
                twice[dim, dim2] = INVERT MATRIX(inv[dim, dim2], 3) ~ ~ |
                INITIAL TIME = 0 ~ ~ |
                FINAL TIME = 2 ~ ~ |
                TIME STEP = 0.5 ~ ~ |
                SAVEPER = 0.5 ~ ~ |
                """);
        SimResult java = assertJavaScriptRepeatsTheJavaRun(node, dir, mdl);
        // the inverse of the inverse is the matrix again
        assertThat(java.last("twice[d1,d1]")).isCloseTo(6, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(java.last("twice[d2,d3]")).isCloseTo(0.2, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void namesReachTheModuleOnlyAsEscapedData(@TempDir Path dir) throws Exception {
        String node = NodeJs.find();
        Assumptions.assumeTrue(node != null, "skipped: node (Debian package nodejs) is not installed");
        String hostile = "x\\\"); process.exit(7); (\\\" </script> \u2028 ${y}";
        Path mdl = dir.resolve("names.mdl");
        Files.writeString(mdl, "{UTF-8}\n\"" + hostile + "\" = 3 ~ ~ |\nb = \"" + hostile + "\" * 2 ~ ~ |\n"
                + "INITIAL TIME = 0 ~ ~ |\nFINAL TIME = 1 ~ ~ |\nTIME STEP = 1 ~ ~ |\nSAVEPER = 1 ~ ~ |\n");
        Model m = ModelLoader.load(mdl);
        String js = JavaScriptGenerator.generate(m.plan(), m.method());
        assertThat(js).doesNotContain("</script>").doesNotContain("\u2028");
        Files.writeString(dir.resolve("model.mjs"), js);
        Files.writeString(dir.resolve("run.mjs"), """
                import { meta, simulate } from "./model.mjs";
                const r = simulate();
                process.stdout.write(JSON.stringify(meta.names) + "\\n" + r.columns[meta.names.indexOf("b")][0] + "\\n");
                """);
        List<String> lines = NodeJs.run(node, dir, "run.mjs");
        assertThat(lines.get(1)).isEqualTo("6");
        assertThat(lines.get(0)).contains("process.exit(7)"); // present, as a string
    }

    @Test
    void jsonStringEscapesWhatCouldEndAStringOrAScript() {
        assertThat(JavaScriptGenerator.jsonString("a\"b\\c\n</script>\u2028\u0001"))
                .isEqualTo("\"a\\\"b\\\\c\\n\\u003c/script\\u003e\\u2028\\u0001\"");
        assertThat(JavaScriptGenerator.literal(-0.0)).isEqualTo("(-0)");
        assertThat(JavaScriptGenerator.literal(Double.NaN)).isEqualTo("NaN");
        assertThat(JavaScriptGenerator.literal(1e-300)).isEqualTo("1.0E-300");
    }
}
