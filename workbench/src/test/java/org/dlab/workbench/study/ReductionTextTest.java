package org.dlab.workbench.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.dlab.workbench.study.Study.Op;
import org.dlab.workbench.study.Study.Reduction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The text a store keeps for a reduction reads back as the same reduction: parse is the inverse of describe. */
class ReductionTextTest {
    /** Every kind, with edge numbers (signed zero, integers beyond the integer format, subnormals) and random bit patterns. */
    static Stream<Reduction> reductions() {
        List<Reduction> out = new ArrayList<>();
        double[] edges = {0.0, -0.0, 1, -1, 2035, 20.5, 0.8, 1e15, -1e15, 1e15 + 2, 9.007199254740993E15, 1e300, Double.MIN_VALUE, -Double.MIN_NORMAL,
            Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 0.1 + 0.2, 1.0 / 3};
        SplittableRandom rnd = new SplittableRandom(14);
        for (Op op : Op.values()) {
            for (double v : edges) out.add(new Reduction(op, v));
            for (int i = 0; i < 200; i++) out.add(new Reduction(op, Double.longBitsToDouble(rnd.nextLong())));
            for (int i = 0; i < 50; i++) out.add(new Reduction(op, rnd.nextInt(-100_000, 100_000) / 8.0));
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("reductions")
    void parseInvertsDescribe(Reduction r) {
        assertThat(Reduction.parse(r.describe())).isEqualTo(r);
    }

    @Test
    void theStoredWordsAreTheStudyFileWords() {
        // these texts are in every store written so far; they must keep reading the same way
        assertThat(Reduction.parse("final")).isEqualTo(new Reduction(Op.FINAL, Double.NaN));
        assertThat(Reduction.parse("integral")).isEqualTo(new Reduction(Op.INTEGRAL, Double.NaN));
        assertThat(Reduction.parse("at 2035")).isEqualTo(new Reduction(Op.AT, 2035));
        assertThat(Reduction.parse("first below 0.8")).isEqualTo(new Reduction(Op.FIRST_BELOW, 0.8));
        assertThat(new Reduction(Op.FIRST_ABOVE, 100).describe()).isEqualTo("first above 100");
        assertThat(new Reduction(Op.AT, 20.5).describe()).isEqualTo("at 20.5");
    }

    @Test
    void aNumberOnAReductionWithoutOneIsDropped() {
        assertThat(new Reduction(Op.MAX, 3)).isEqualTo(new Reduction(Op.MAX, Double.NaN));
    }

    @Test
    void unknownTextIsAnErrorNotASilentDefault() {
        assertThatThrownBy(() -> Reduction.parse("median")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'median'");
        assertThatThrownBy(() -> Reduction.parse("at soon")).hasMessageContaining("'soon' is not a number");
        assertThatThrownBy(() -> Reduction.parse("first above")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Reduction.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
