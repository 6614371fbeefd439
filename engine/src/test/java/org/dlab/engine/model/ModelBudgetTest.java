package org.dlab.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.dlab.engine.ModelException;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.run.Model;
import org.dlab.engine.vensim.VensimParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Small files that used to exhaust memory or time: each ends in one ModelException, quickly. */
class ModelBudgetTest {
    static final String CONTROL = "INITIAL TIME = 0 ~~|\nFINAL TIME = 1 ~~|\nTIME STEP = 1 ~~|\nSAVEPER = 1 ~~|\n";

    static Model compile(String text) {
        return ModelLoader.compile(VensimParser.parse("b.mdl", text, Path.of("target", "no-such-dir")));
    }

    @Test
    @Timeout(30)
    void rangesThatDoubleAtEveryLevelStopAtTheRangeLimit() {
        // 549 bytes reached 5.6 GB and an OutOfMemoryError
        StringBuilder b = new StringBuilder(CONTROL + "r0: e1, e2 ~~|\n");
        for (int i = 1; i <= 24; i++) b.append("r").append(i).append(": r").append(i - 1).append(", r").append(i - 1).append(" ~~|\n");
        b.append("x[r24] = 1 ~~|\n");
        assertThatThrownBy(() -> compile(b.toString())).isInstanceOf(ModelException.class).hasMessageContaining("more than 1000000 elements");
    }

    @Test
    @Timeout(30)
    void aMacroBombStopsAtTheExpansionLimit() {
        // 31 macros each calling the next twice: 2^31 expansions from 1.9 KB
        StringBuilder b = new StringBuilder(CONTROL);
        b.append(":MACRO: M31(x)\nM31 = x ~~|\n:END OF MACRO:\n");
        for (int i = 30; i >= 1; i--) {
            b.append(":MACRO: M").append(i).append("(x)\nM").append(i).append(" = M").append(i + 1).append("(x) + M").append(i + 1).append("(x) ~~|\n:END OF MACRO:\n");
        }
        b.append("y = M1(1) ~~|\n");
        assertThatThrownBy(() -> compile(b.toString())).isInstanceOf(ModelException.class).hasMessageContaining("macro expansions");
    }

    @Test
    @Timeout(60)
    void aLargeMappingIsLinearNotQuadratic() {
        // 10,000 elements mapped: the lookups of each element were linear scans
        int n = 10_000;
        String mdl = CONTROL + "a: (a1-a" + n + ") -> b ~~|\nb: (b1-b" + n + ") ~~|\n"
                + "y[b] = 1 ~~|\nx[a] = y[b] ~~|\n";
        Model m = compile(mdl);
        assertThat(m.newRun().simulate().last("x[a" + n + "]")).isEqualTo(1);
    }

    @Test
    void indexedKeysAnswerLikeAList() {
        var k = IndexedKeys.of(java.util.List.of("a", "b", "a", "c"));
        assertThat(k.indexOf("a")).isZero();
        assertThat(k.indexOf("c")).isEqualTo(3);
        assertThat(k.indexOf("z")).isEqualTo(-1);
        assertThat(k).containsExactly("a", "b", "a", "c");
        assertThat(k.contains("b")).isTrue();
    }
}
