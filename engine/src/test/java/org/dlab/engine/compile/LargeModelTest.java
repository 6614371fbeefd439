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
}
