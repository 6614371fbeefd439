package org.dlab.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.ir.ModelSource;
import org.dlab.engine.run.Model;
import org.dlab.engine.run.SimResult;
import org.dlab.engine.vensim.VensimParser;
import org.junit.jupiter.api.Test;

/**
 * Models far beyond the JVM's 64 KB method limit compile, because generated methods are split,
 * and give the analytic answer.
 */
class LargeModelTest {

    @Test
    void aLongChainOfAuxiliariesAndStocksCompilesAndIsExact() {
        int n = 8_000; // ~80 KB of bytecode in one method were it not split
        StringBuilder b = new StringBuilder("{UTF-8}\n");
        b.append("a0 = Time ~ ~ |\n");
        for (int i = 1; i < n; i++) b.append("a").append(i).append(" = a").append(i - 1).append(" + 1 ~ ~ |\n");
        // 1,000 stocks, each integrating a constant rate i: s_i(t) = i * t
        for (int i = 0; i < 1_000; i++) b.append("s").append(i).append(" = INTEG(").append(i).append(", 0) ~ ~ |\n");
        b.append("INITIAL TIME = 0 ~ ~ |\nFINAL TIME = 2 ~ ~ |\nTIME STEP = 0.5 ~ ~ |\nSAVEPER = 1 ~ ~ |\n");
        ModelSource src = VensimParser.parse("chain.mdl", b.toString(), Path.of("."));
        Model m = ModelLoader.compile(src);
        SimResult r = m.newRun().simulate();
        assertThat(r.times()).containsExactly(0, 1, 2);
        assertThat(r.series("a" + (n - 1))).containsExactly(n - 1, n, n + 1);
        assertThat(r.last("s999")).isCloseTo(999 * 2.0, within(1e-9));
    }

    @Test
    void aLargeSubscriptedModelCompiles() {
        StringBuilder b = new StringBuilder("{UTF-8}\nCell: (c1-c5000) ~ ~ |\n");
        b.append("rate[Cell] = 0.01 * stock[Cell] ~ ~ |\n");
        b.append("stock[Cell] = INTEG(rate[Cell], 1) ~ ~ |\n");
        b.append("total = SUM(stock[Cell!]) ~ ~ |\n");
        b.append("INITIAL TIME = 0 ~ ~ |\nFINAL TIME = 10 ~ ~ |\nTIME STEP = 1 ~ ~ |\nSAVEPER = 10 ~ ~ |\n");
        Model m = ModelLoader.compile(VensimParser.parse("cells.mdl", b.toString(), Path.of(".")));
        SimResult r = m.newRun().simulate();
        // Euler: each stock grows by (1.01)^10
        assertThat(r.last("total")).isCloseTo(5000 * Math.pow(1.01, 10), within(1e-6));
    }

    private static final String CONTROL = "INITIAL TIME = 0 ~ ~ |\nFINAL TIME = 2 ~ ~ |\nTIME STEP = 0.5 ~ ~ |\nSAVEPER = 1 ~ ~ |\n";

    private static Model compile(String name, StringBuilder text) {
        return ModelLoader.compile(VensimParser.parse(name, text.toString(), Path.of(".")));
    }

    @Test
    void aHundredThousandScalarsWithDistinctNumbersSplitAcrossClasses() {
        // every equation carries its own number: 100,000 distinct doubles were 200,000 pool entries in one class
        int n = 100_000;
        StringBuilder b = new StringBuilder("{UTF-8}\n");
        for (int i = 0; i < n; i++) b.append("x").append(i).append(" = ").append(1 + i * 1e-5).append(" * Time ~ ~ |\n");
        b.append("s = INTEG(x").append(n - 1).append(", 0) ~ ~ |\n");
        // a pipeline fed from the first class and read in the last: its input crosses classes
        b.append("late = DELAY FIXED(x0, 1, -1) ~ ~ |\n").append(CONTROL);
        Model m = compile("scalars.mdl", b);
        assertThat(ModelCompiler.compile(m.plan())).isInstanceOf(SplitModelCode.class);
        SimResult r = m.newRun().simulate();
        for (int i : new int[] {0, 1, 77_777, n - 1}) {
            assertThat(r.last("x" + i)).isCloseTo((1 + i * 1e-5) * 2, within(1e-12));
        }
        // Euler with dt 0.5 of c*t from 0 to 2: c * 0.5 * (0 + 0.5 + 1 + 1.5)
        assertThat(r.last("s")).isCloseTo((1 + (n - 1) * 1e-5) * 1.5, within(1e-12));
        // x0 = Time delayed by 1: -1 (its initial value) at t = 0, then x0(t - 1)
        assertThat(r.series("late")).containsExactly(-1, 0, 1);
    }

    @Test
    void theBytecodeAndJavaSourceBackEndsAgree() {
        StringBuilder b = new StringBuilder("{UTF-8}\nCell: (c1-c300) ~ ~ |\n");
        b.append("tbl( (0,0),(1,0.5),(2,0.8),(4,1) ) ~ ~ |\n");
        b.append("w[Cell] = Cell / 100 ~ ~ |\n");
        b.append("y[Cell] = IF THEN ELSE(w[Cell] > 1 :AND: Time >= 1, tbl(w[Cell] * Time), -w[Cell] ^ 2) ~ ~ |\n");
        b.append("st[Cell] = INTEG(y[Cell] - 0.1 * st[Cell], w[Cell]) ~ ~ |\n");
        b.append("total = SUM(st[Cell!] * y[Cell!]) + VMIN(y[Cell!]) ~ ~ |\n");
        b.append("late = DELAY FIXED(total, 1, 5) ~ ~ |\n");
        b.append("INITIAL TIME = 0 ~ ~ |\nFINAL TIME = 5 ~ ~ |\nTIME STEP = 0.25 ~ ~ |\nSAVEPER = 0.5 ~ ~ |\n");
        ModelSource src = VensimParser.parse("both.mdl", b.toString(), Path.of("."));
        var plan = org.dlab.engine.model.Planner.plan(ModelLoader.analyze(src));
        SimResult asm = new Model(plan, ModelCompiler.compile(plan), src.method()).newRun().simulate();
        SimResult janino = new Model(plan, ModelCompiler.compileJava(plan), src.method()).newRun().simulate();
        for (String name : asm.names()) assertThat(asm.series(name)).as(name).containsExactly(janino.series(name));
        assertThat(asm.last("total")).isNotZero();
    }

    @Test
    void aSumOverTwentyThousandComputedElements() {
        StringBuilder b = new StringBuilder("{UTF-8}\nCell: (c1-c20000) ~ ~ |\n");
        b.append("w[Cell] = Cell ~ ~ |\n"); // the element's position, 1..20,000
        b.append("y[Cell] = w[Cell] * Time ~ ~ |\n");
        b.append("plain = SUM(y[Cell!]) ~ ~ |\n");
        b.append("computed = SUM(w[Cell!] * Time + 1) ~ ~ |\n");
        b.append("biggest = VMAX(y[Cell!] - w[Cell!]) ~ ~ |\n").append(CONTROL);
        SimResult r = compile("sum.mdl", b).newRun().simulate();
        double sumW = 20_000.0 * 20_001 / 2;
        assertThat(r.last("plain")).isCloseTo(sumW * 2, within(1e-6));
        assertThat(r.last("computed")).isCloseTo(sumW * 2 + 20_000, within(1e-6));
        assertThat(r.last("biggest")).isCloseTo(20_000.0, within(1e-9));
    }

    @Test
    void aThousandByThousandArray() {
        StringBuilder b = new StringBuilder("{UTF-8}\nRow: (r1-r1000) ~ ~ |\nCol: (k1-k1000) ~ ~ |\n");
        b.append("m[Row, Col] = Row * 1000 + Col ~ ~ |\n"); // a million constants: data, not code
        b.append("rows[Row] = SUM(m[Row, Col!]) * Time ~ ~ |\n");
        b.append("stock[Row] = INTEG(rows[Row], 0) ~ ~ |\n");
        b.append("total = SUM(stock[Row!]) ~ ~ |\n").append(CONTROL);
        SimResult r = compile("matrix.mdl", b).newRun().simulate();
        // row r sums to 1000 * 1000 r + 500,500; the stock integrates it times t: factor 1.5 at t = 2
        double rowSum1 = 1_000_000.0 + 500_500;
        assertThat(r.last("rows[r1]")).isCloseTo(rowSum1 * 2, within(1e-6));
        double all = 1_000_000.0 * 500_500 + 1000 * 500_500.0;
        assertThat(r.last("total")).isCloseTo(all * 1.5, within(1e-3));
    }
}
