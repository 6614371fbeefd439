package org.dlab.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.vensim.VensimParser;
import org.junit.jupiter.api.Test;

/** The loop search ends within its budget on a graph with exponentially many paths. */
class LoopSearchBudgetTest {
    /** 102 stocks in a ring, each flow reading five near neighbours: paths of length 8 multiply (5^7 from each start). */
    static InfluenceDiagram chain(int n) {
        StringBuilder b = new StringBuilder("INITIAL TIME = 0 ~~|\nFINAL TIME = 1 ~~|\nTIME STEP = 1 ~~|\nSAVEPER = 1 ~~|\n");
        for (int i = 0; i < n; i++) {
            String prev = "s" + ((i + n - 1) % n);
            String next = "s" + ((i + 1) % n);
            String skip = "s" + ((i + 2) % n);
            String skip3 = "s" + ((i + 3) % n);
            String back2 = "s" + ((i + n - 2) % n);
            b.append("s").append(i).append(" = INTEG(0.01 * (").append(prev).append(" - ").append(next).append(" + ").append(skip)
                    .append(" - ").append(skip3).append(" + ").append(back2).append("), 1) ~~|\n");
        }
        Model m = ModelLoader.compile(VensimParser.parse("chain.mdl", b.toString(), Path.of(".")));
        return InfluenceDiagram.of(m, 3);
    }

    @Test
    void aChainOfStocksEndsWithinTheBudget() {
        InfluenceDiagram d = chain(102);
        long t0 = System.nanoTime();
        InfluenceDiagram.LoopSearch r = d.searchLoops(8, 1_000_000, 200_000);
        double s = (System.nanoTime() - t0) / 1e9;
        assertThat(r.truncated()).isTrue();
        assertThat(r.loops()).isNotEmpty();
        assertThat(s).isLessThan(5);
        // the default search is bounded as well
        t0 = System.nanoTime();
        d.loops(8, 1_000_000);
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(30);
    }

    @Test
    void anInterruptedSearchStops() {
        InfluenceDiagram d = chain(102);
        Thread.currentThread().interrupt();
        try {
            InfluenceDiagram.LoopSearch r = d.searchLoops(8, 1_000_000, Long.MAX_VALUE);
            assertThat(r.truncated()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aSmallGraphIsSearchedCompletely() {
        // 4 stocks in a ring, each also reading the one after next: loops of length 2 (i, i+2) and longer
        InfluenceDiagram d = chain(4);
        InfluenceDiagram.LoopSearch r = d.searchLoops(8, 1000, InfluenceDiagram.MAX_SEARCH_STEPS);
        assertThat(r.truncated()).isFalse();
        assertThat(r.loops()).isNotEmpty().allSatisfy(l -> assertThat(l.nodes().size()).isBetween(1, 8));
    }
}
