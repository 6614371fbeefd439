package org.dlab.engine.model;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.dlab.engine.ModelException;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.vensim.VensimParser;
import org.junit.jupiter.api.Test;

/** One error names every unknown function of a model, each where it is first written. */
class UnknownFunctionsTest {
    private static void load(String text) {
        ModelLoader.compile(VensimParser.parse("u.mdl", text, Path.of(".")));
    }

    @Test
    void theFirstErrorListsTheOthersOnceEachWithTheirPlace() {
        String text = """
                a = SMOOTHISH(b, 2) ~ ~ |
                b = FOO(1) + FOO(2) ~ ~ |
                c = twice(3) + table(0.5) + DELAY1(b, 2) ~ ~ |
                d = BAR(c) ~ ~ |
                table([(0,0)-(1,1)], (0,0), (1,1)) ~ ~ |
                :MACRO: twice(x)
                twice = 2 * x ~ ~ |
                :END OF MACRO:
                INITIAL TIME = 0 ~ ~ |
                FINAL TIME = 1 ~ ~ |
                TIME STEP = 1 ~ ~ |
                """;
        assertThatThrownBy(() -> load(text)).isInstanceOf(ModelException.class)
                .hasMessageContaining("unknown function '")
                .satisfies(e -> {
                    String m = e.getMessage();
                    // whichever the analysis meets first leads; the others follow, each once, with file:line:col
                    org.assertj.core.api.Assertions.assertThat(m).contains("also unknown in this model: ");
                    for (String name : new String[] {"SMOOTHISH", "FOO", "BAR"}) {
                        org.assertj.core.api.Assertions.assertThat(m.split("'" + name + "'", -1)).hasSize(2);
                    }
                    org.assertj.core.api.Assertions.assertThat(m).doesNotContain("'twice'").doesNotContain("'table'").doesNotContain("DELAY1");
                    if (!m.startsWith("unknown function 'FOO'")) org.assertj.core.api.Assertions.assertThat(m).contains("'FOO' (u.mdl:2:5)");
                    if (!m.startsWith("unknown function 'BAR'")) org.assertj.core.api.Assertions.assertThat(m).contains("'BAR' (u.mdl:4:5)");
                });
    }

    @Test
    void aLongListIsCut() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 13; i++) b.append("v").append(i).append(" = F").append(i).append("(1) ~ ~ |\n");
        b.append("INITIAL TIME = 0 ~ ~ |\nFINAL TIME = 1 ~ ~ |\nTIME STEP = 1 ~ ~ |\n");
        // one leads, ten are listed, the last two are counted
        assertThatThrownBy(() -> load(b.toString())).hasMessageContaining(", and 2 more");
    }

    @Test
    void aSingleUnknownFunctionSaysNoMore() {
        assertThatThrownBy(() -> load("a = SMOOTHISH(1, 2) ~ ~ |\nINITIAL TIME = 0 ~ ~ |\nFINAL TIME = 1 ~ ~ |\nTIME STEP = 1 ~ ~ |\n"))
                .hasMessageEndingWith("unknown function 'SMOOTHISH'");
    }
}
