package org.dlab.workbench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.dlab.engine.ir.Pos;
import org.dlab.workbench.study.Study.Kind;
import org.dlab.workbench.study.Study.Op;
import org.dlab.workbench.study.Study.Outcome;
import org.dlab.workbench.study.Study.Reduction;
import org.junit.jupiter.api.Test;

class OutcomeReducerTest {
    private static Outcome outcome(Op op, double arg) {
        return new Outcome(op.name(), "x", new Reduction(op, arg), Kind.INFO, Double.NaN, Pos.NONE, Pos.NONE, Pos.NONE);
    }

    /** Feeds x(t) = t^2 at t = 0, 1, ..., 4 through a reducer of every kind. */
    @Test
    void reducesAStreamOfRows() {
        List<Outcome> outs = List.of(outcome(Op.FINAL, 0), outcome(Op.MIN, 0), outcome(Op.MAX, 0), outcome(Op.MEAN, 0),
                outcome(Op.INTEGRAL, 0), outcome(Op.AT, 2.5), outcome(Op.AT, 3), outcome(Op.FIRST_ABOVE, 5),
                outcome(Op.FIRST_BELOW, -1), outcome(Op.FIRST_ABOVE, -1));
        int[] slots = new int[outs.size()];
        OutcomeReducer r = new OutcomeReducer(outs, slots, new int[] {0}, 2);
        for (int rep = 0; rep < 2; rep++) { // a reducer is reused run after run
            r.reset();
            r.begin(5);
            for (int t = 0; t <= 4; t++) r.row(t, new double[] {t * t});
            double[] v = r.outcomes();
            assertThat(v[0]).isEqualTo(16);
            assertThat(v[1]).isEqualTo(0);
            assertThat(v[2]).isEqualTo(16);
            assertThat(v[3]).isEqualTo((0 + 1 + 4 + 9 + 16) / 5.0);
            // trapezoid over the saved rows: (0+1)/2 + (1+4)/2 + (4+9)/2 + (9+16)/2
            assertThat(v[4]).isEqualTo(22);
            assertThat(v[5]).isEqualTo(6.5); // between 4 and 9
            assertThat(v[6]).isEqualTo(9);
            assertThat(v[7]).isCloseTo(2 + (5 - 4) / 5.0, within(1e-12)); // crosses 5 between t=2 (4) and t=3 (9)
            assertThat(v[8]).isNaN(); // never below -1
            assertThat(v[9]).isEqualTo(0); // above -1 from the start
            assertThat(r.seriesRows()).isEqualTo(3); // t = 0, 2, 4
            assertThat(r.series()).containsExactly(0, 0, 2, 4, 4, 16);
        }
    }

    @Test
    void aNonFiniteValueAbandonsTheRun() {
        OutcomeReducer r = new OutcomeReducer(List.of(outcome(Op.MAX, 0)), new int[] {0}, null, 0);
        r.reset();
        r.row(0, new double[] {1});
        assertThatThrownBy(() -> r.row(1, new double[] {Double.NaN})).hasMessage("'x' became NaN at time 1.0");
        assertThatThrownBy(() -> r.row(2, new double[] {Double.NEGATIVE_INFINITY})).hasMessage("'x' became infinite (overflow) at time 2.0");
    }
}
