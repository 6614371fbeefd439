package org.dlab.engine.vensim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.dlab.engine.ModelException;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.run.SimResult;
import org.junit.jupiter.api.Test;

/**
 * A mapping written as a list, {@code src: a1, a2 -> (dst: e1, e2)}: one entry per element of
 * src, each an element or a subrange of dst. A list of the wrong length or naming something
 * outside dst is an error at the range's definition (a short list used to drop elements silently).
 */
class SubscriptMappingListTest {
    private static final String CONTROL = "INITIAL TIME = 0 ~ ~ |\nFINAL TIME = 1 ~ ~ |\nTIME STEP = 1 ~ ~ |\nSAVEPER = 1 ~ ~ |\n";

    private static SimResult run(String equations) {
        return ModelLoader.compile(VensimParser.parse("m.mdl", "{UTF-8}\n" + equations + CONTROL, Path.of("."))).newRun().simulate();
    }

    private static void assertError(String equations, String message) {
        assertThatThrownBy(() -> run(equations)).isInstanceOfSatisfying(ModelException.class,
                e -> assertThat(e.describe()).isEqualTo("m.mdl:2:1: " + message));
    }

    @Test
    void eachElementStandsForItsEntryElementOrSubrange() {
        SimResult r = run("src: a1, a2 -> (dst: sub1, b3) ~ ~ |\ndst: b1, b2, b3 ~ ~ |\nsub1: b1, b2 ~ ~ |\nx[src] = 1, 2 ~ ~ |\n"
                + "y[dst] = x[src] ~ ~ |\n");
        assertThat(r.last("y[b1]")).isEqualTo(1);
        assertThat(r.last("y[b2]")).isEqualTo(1);
        assertThat(r.last("y[b3]")).isEqualTo(2);
    }

    @Test
    void aListOfTheWrongLengthIsAnError() {
        assertError("src: a1, a2, a3 -> (dst: sub1, sub2) ~ ~ |\ndst: b1, b2, b3, b4 ~ ~ |\nsub1: b1, b2 ~ ~ |\nsub2: b3, b4 ~ ~ |\n"
                + "x[src] = 1, 2, 3 ~ ~ |\ny[dst] = x[src] ~ ~ |\n", "the mapping of 'src' (3 elements) to 'dst' lists 2 entries");
        assertError("src: a1, a2 -> (dst: b1, b2, b3) ~ ~ |\ndst: b1, b2, b3 ~ ~ |\nx[src] = 1, 2 ~ ~ |\ny[dst] = x[src] ~ ~ |\n",
                "the mapping of 'src' (2 elements) to 'dst' lists 3 entries");
    }

    @Test
    void anEntryOutsideTheTargetIsAnError() {
        assertError("src: a1, a2 -> (dst: zz, b2) ~ ~ |\ndst: b1, b2 ~ ~ |\nx[src] = 1, 2 ~ ~ |\ny[dst] = x[src] ~ ~ |\n",
                "'zz' in the mapping of 'src' is neither an element nor a subrange of 'dst'");
        assertError("src: a1, a2 -> (dst: other, b2) ~ ~ |\ndst: b1, b2 ~ ~ |\nother: c1, c2 ~ ~ |\nx[src] = 1, 2 ~ ~ |\n",
                "'other' in the mapping of 'src' is neither an element nor a subrange of 'dst'");
    }
}
