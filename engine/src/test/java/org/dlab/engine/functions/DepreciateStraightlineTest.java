package org.dlab.engine.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.dlab.engine.ModelException;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.run.SimResult;
import org.dlab.engine.vensim.VensimParser;
import org.junit.jupiter.api.Test;

/**
 * DEPRECIATE STRAIGHTLINE(str, dtime, fisc, init) against values worked by hand from Vensim's
 * documentation: each fiscal period's investment is returned 1/N per period over N = dtime/fisc
 * periods starting with its own, the current period through 1/N of str's current value.
 */
class DepreciateStraightlineTest {
    private static SimResult run(double step, double end, String equations) {
        String text = "{UTF-8}\n" + equations + "INITIAL TIME = 0 ~ ~ |\nFINAL TIME = " + end + " ~ ~ |\nTIME STEP = " + step
                + " ~ ~ |\nSAVEPER = TIME STEP ~ ~ |\n";
        return ModelLoader.compile(VensimParser.parse("d.mdl", text, Path.of("."))).newRun().simulate();
    }

    @Test
    void oneInvestmentIsReturnedInThirdsOverThreePeriods() {
        // 30 invested at time 2 (one step of 1), dtime 3, fisc 1: 10 at times 2, 3 and 4, then nothing
        SimResult r = run(1, 7, "str = PULSE(2, 1) * 30 ~ ~ |\nd = DEPRECIATE STRAIGHTLINE(str, 3, 1, 0) ~ ~ |\n");
        assertThat(r.series("d")).containsExactly(new double[] {0, 0, 10, 10, 10, 0, 0, 0}, within(1e-12));
    }

    @Test
    void aConstantStreamEqualToInitIsReturnedUnchanged() {
        SimResult r = run(0.25, 30, "dtime = 20 ~ ~ |\nfisc = 1 ~ ~ |\nd = DEPRECIATE STRAIGHTLINE(5, dtime, fisc, 5) ~ ~ |\n");
        for (double v : r.series("d")) assertThat(v).isCloseTo(5, within(1e-12));
    }

    @Test
    void investmentsWithinAFiscalPeriodAreLumped() {
        // fisc 2, dtime 4 (N = 2), str 6 from time 2: the current period gives 6/2 = 3 at times 2 and 3;
        // from time 4 the period [2, 4) invested 12, returned 12/2 per period = 3 as a rate, plus 3 for now
        SimResult r = run(1, 6, "str = STEP(6, 2) ~ ~ |\nd = DEPRECIATE STRAIGHTLINE(str, 4, 2, 0) ~ ~ |\n");
        assertThat(r.series("d")).containsExactly(new double[] {0, 0, 3, 3, 6, 6, 6}, within(1e-12));
    }

    @Test
    void aPeriodOfSeveralStepsReturnsWhatWasInvestedInIt() {
        // TIME STEP 0.5, fisc 1, dtime 2: 4 per time unit over [0, 1) invests 4; 2 per time unit for two periods
        SimResult r = run(0.5, 3, "str = 4 - STEP(4, 1) ~ ~ |\nd = DEPRECIATE STRAIGHTLINE(str, 2, 1, 0) ~ ~ |\n");
        assertThat(r.series("d")).containsExactly(new double[] {2, 2, 2, 2, 0, 0, 0}, within(1e-12));
    }

    @Test
    void aFiscalPeriodThatIsNotAboveZeroOrTooManyPeriodsAreErrors() {
        assertThatThrownBy(() -> run(1, 2, "d = DEPRECIATE STRAIGHTLINE(1, 3, 0, 0) ~ ~ |\n"))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.describe()).startsWith("d.mdl:2:5:").contains("fiscal period"));
        assertThatThrownBy(() -> run(1, 2, "d = DEPRECIATE STRAIGHTLINE(1, 1e9, 1, 0) ~ ~ |\n"))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.describe()).contains("at most 1000"));
    }
}
