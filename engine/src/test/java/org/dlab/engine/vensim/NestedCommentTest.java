package org.dlab.engine.vensim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.dlab.engine.ModelException;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.run.SimResult;
import org.junit.jupiter.api.Test;

/** Comments in braces inside an equation, including braces inside a comment. */
class NestedCommentTest {
    private static final String CONTROL = "INITIAL TIME = 0 ~ ~ |\nFINAL TIME = 1 ~ ~ |\nTIME STEP = 1 ~ ~ |\nSAVEPER = 1 ~ ~ |\n";

    private static SimResult run(String equations) {
        return ModelLoader.compile(VensimParser.parse("c.mdl", "{UTF-8}\n" + equations + CONTROL, Path.of("."))).newRun().simulate();
    }

    @Test
    void aCommentHoldingBracePairsIsOneComment() {
        // was "unexpected character '}'" at the outer comment's end
        SimResult r = run("x = 3 { outer {inner} more } + 4 ~ ~ |\ny = x * { a {b} {c {d}} } 2 ~ ~ |\n");
        assertThat(r.last("x")).isEqualTo(7);
        assertThat(r.last("y")).isEqualTo(14);
    }

    @Test
    void commentsWhereVensimPutsThem() {
        SimResult r = run("dim: a, {first} b ~ ~ |\nv[dim] = 1, {second} 2 ~ ~ |\nz {on the name} = SUM(v[dim {in} !]) {at the end} ~ ~ |\n");
        assertThat(r.last("z")).isEqualTo(3);
    }

    @Test
    void aCommentWhoseBracesNeverBalanceEndsAtItsFirstClose() {
        assertThat(run("x = 3 { an { unbalanced comment } + 4 ~ ~ |\n").last("x")).isEqualTo(7);
    }

    @Test
    void anUnclosedCommentIsAnErrorAtItsBrace() {
        assertThatThrownBy(() -> run("x = 3 { never closed + 4 ~ ~ |\n")).isInstanceOfSatisfying(ModelException.class,
                e -> assertThat(e.describe()).isEqualTo("c.mdl:2:7: unclosed comment '{'"));
    }
}
