package org.dlab.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.run.SimResult;
import org.dlab.engine.vensim.VensimParser;
import org.junit.jupiter.api.Test;

/**
 * IF THEN ELSE conditions written as direct jumps (comparisons, :AND:, :OR:, :NOT:) give the
 * truth Vensim documents for each operator, with NaN (here SQRT of a negative number) making
 * every comparison false except {@code <>}, and a NaN condition counting as non-zero. The
 * conditions depend on Time so they are computed by the generated code, not folded.
 * Expected rows are for x = Time - 2 = -2, -1, 0, 1, 2, worked out by hand.
 */
class ConditionBranchTest {
    private static final String MODEL = "{UTF-8}\n"
            + "x = Time - 2 ~ ~ |\n"
            + "n = SQRT(x) ~ ~ |\n"
            + "lt = IF THEN ELSE(x < 0, 1, 2) ~ ~ |\n"
            + "both = IF THEN ELSE(x > 0 :AND: x < 2, 1, 0) ~ ~ |\n"
            + "either = IF THEN ELSE(x = 0 :OR: x >= 2, 1, 0) ~ ~ |\n"
            + "negated = IF THEN ELSE(:NOT: (x <= -1), 1, 0) ~ ~ |\n"
            + "not both = IF THEN ELSE(:NOT: (x > -2 :AND: x <= 0), 1, 0) ~ ~ |\n"
            + "nan lt = IF THEN ELSE(n < 1, 1, 0) ~ ~ |\n"
            + "nan ne = IF THEN ELSE(n <> 5, 1, 0) ~ ~ |\n"
            + "nan truth = IF THEN ELSE(n, 1, 0) ~ ~ |\n"
            + "nan not = IF THEN ELSE(:NOT: n, 1, 0) ~ ~ |\n"
            + "nan or = IF THEN ELSE(n >= 0 :OR: x < -1, 1, 0) ~ ~ |\n"
            + "nan and = IF THEN ELSE(n >= 0 :AND: x > 0, 1, 0) ~ ~ |\n"
            + "as value = (x > 0) + 10 * (n < 1) ~ ~ |\n"
            + "INITIAL TIME = 0 ~ ~ |\nFINAL TIME = 4 ~ ~ |\nTIME STEP = 1 ~ ~ |\nSAVEPER = 1 ~ ~ |\n";

    @Test
    void conditionsJumpOnTheTruthOfEachOperator() {
        SimResult r = ModelLoader.compile(VensimParser.parse("cond.mdl", MODEL, Path.of("."))).newRun().simulate();
        assertThat(r.series("lt")).containsExactly(1, 1, 2, 2, 2);
        assertThat(r.series("both")).containsExactly(0, 0, 0, 1, 0);
        assertThat(r.series("either")).containsExactly(0, 0, 1, 0, 1);
        assertThat(r.series("negated")).containsExactly(0, 0, 1, 1, 1);
        assertThat(r.series("not both")).containsExactly(1, 0, 0, 1, 1);
        assertThat(r.series("nan lt")).containsExactly(0, 0, 1, 0, 0);
        assertThat(r.series("nan ne")).containsExactly(1, 1, 1, 1, 1);
        assertThat(r.series("nan truth")).containsExactly(1, 1, 0, 1, 1);
        assertThat(r.series("nan not")).containsExactly(0, 0, 1, 0, 0);
        assertThat(r.series("nan or")).containsExactly(1, 0, 1, 1, 1);
        assertThat(r.series("nan and")).containsExactly(0, 0, 0, 1, 1);
        assertThat(r.series("as value")).containsExactly(0, 0, 10, 1, 1);
    }
}
