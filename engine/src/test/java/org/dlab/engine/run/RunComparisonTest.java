package org.dlab.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dlab.engine.data.DataFiles.Series;
import org.dlab.engine.data.RunTable;
import org.dlab.engine.functions.Library;
import org.junit.jupiter.api.Test;

/** The comparison rule of {@code dlab compare-run} and the real-model tests, on series made by hand. */
class RunComparisonTest {
    private static final double[] T = {0, 1, 2, 3};

    private static RunTable table(String label, Object... nameThenValues) {
        Map<String, Series> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenValues.length; i += 2) m.put((String) nameThenValues[i], new Series(T, (double[]) nameThenValues[i + 1]));
        return RunTable.of(label, m);
    }

    @Test
    void relativeToleranceIsAgainstTheReference() {
        // |1.0011 - 1| = 1.1e-3 > 1e-3 * 1; |1.0009 - 1| is inside
        RunTable b = table("b", "x", new double[] {1, 1, 1, 1});
        assertThat(RunComparison.compare(table("a", "x", new double[] {1, 1.0009, 1, 1}), b, RunComparison.Tolerance.DEFAULT).allMatch()).isTrue();
        RunComparison.Result r = RunComparison.compare(table("a", "x", new double[] {1, 1.0011, 1, 1.0011}), b, RunComparison.Tolerance.DEFAULT);
        assertThat(r.differences()).singleElement().satisfies(d -> {
            assertThat(d.time()).isEqualTo(1.0);
            assertThat(d.relativeError()).isCloseTo(1.1e-3, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(d.timesOutside()).isEqualTo(2);
        });
    }

    @Test
    void sortedByFirstDivergenceThenName() {
        RunTable a = table("a", "late", new double[] {0, 0, 0, 5}, "early", new double[] {0, 5, 0, 0}, "Also early", new double[] {0, 5, 5, 5});
        RunTable b = table("b", "late", new double[] {0, 0, 0, 0}, "early", new double[] {0, 0, 0, 0}, "also_early", new double[] {0, 0, 0, 0});
        RunComparison.Result r = RunComparison.compare(a, b, RunComparison.Tolerance.DEFAULT);
        assertThat(r.differences()).extracting(RunComparison.Difference::name).containsExactly("also_early", "early", "late");
        assertThat(r.shared()).isEqualTo(3);
        assertThat(r.matching()).isZero();
    }

    @Test
    void peakToleranceAndMissingValues() {
        // 1e-7 off where the reference is 0: within 1e-6 of the peak 1, but not with peak-tol 1e-8
        RunTable a = table("a", "x", new double[] {1, 1e-7, -1, 0}, "gap", new double[] {Double.NaN, 1, Library.NA, 2});
        RunTable b = table("b", "x", new double[] {1, 0, -1, 0}, "gap", new double[] {Library.NA, 1, Double.NaN, Double.NaN});
        RunComparison.Result r = RunComparison.compare(a, b, RunComparison.Tolerance.DEFAULT);
        assertThat(r.differences()).extracting(RunComparison.Difference::name).containsExactly("gap");
        assertThat(r.differences().get(0).time()).isEqualTo(3.0);
        RunComparison.Result strict = RunComparison.compare(a, b, new RunComparison.Tolerance(1e-3, 1e-8, 1e-6));
        assertThat(strict.differences()).extracting(RunComparison.Difference::name).containsExactly("x", "gap");
        assertThat(strict.differences().get(0).relativeError()).isInfinite();
    }

    @Test
    void peakIsOverTheWholeSubscriptedVariableUnlessPerElement() {
        // energy[ships] stays near zero (reference 5e-7, we 0): 5e-7 <= 1e-6 * 30, energy[trucks]'s peak,
        // but not 1e-6 of its own peak 5e-7; "Energy" (another name, no subscripts) is not part of the array
        RunTable a = table("a", "energy[trucks]", new double[] {10, 20, 30, 25}, "energy[ships]", new double[] {0, 0, 0, 0},
                "energyx", new double[] {0, 0, 0, 0});
        RunTable b = table("b", "Energy[Trucks]", new double[] {10, 20, 30, 25}, "Energy[ Ships ]", new double[] {0, 5e-7, 4e-7, 0},
                "energyx", new double[] {0, 5e-7, 0, 0});
        RunComparison.Result r = RunComparison.compare(a, b, RunComparison.Tolerance.DEFAULT);
        assertThat(r.differences()).extracting(RunComparison.Difference::name).containsExactly("energyx");
        RunComparison.Result perElement = RunComparison.compare(a, b, new RunComparison.Tolerance(1e-3, 1e-6, 1e-6, true));
        assertThat(perElement.differences()).extracting(RunComparison.Difference::name).containsExactly("Energy[ Ships ]", "energyx");
        // beyond 1e-6 of the variable's peak it differs either way
        RunTable far = table("a", "energy[trucks]", new double[] {10, 20, 30, 25}, "energy[ships]", new double[] {0, 1e-4, 0, 0},
                "energyx", new double[] {0, 5e-7, 0, 0});
        assertThat(RunComparison.compare(far, b, RunComparison.Tolerance.DEFAULT).differences())
                .extracting(RunComparison.Difference::name).containsExactly("Energy[ Ships ]");
    }

    @Test
    void seriesWithoutACommonTimeDifferAndGlobsSelect() {
        Map<String, Series> m = new LinkedHashMap<>();
        m.put("x", new Series(new double[] {0.5}, new double[] {1}));
        RunComparison.Result r = RunComparison.compare(RunTable.of("a", m), table("b", "x", new double[] {1, 1, 1, 1}), RunComparison.Tolerance.DEFAULT);
        assertThat(r.differences()).singleElement().satisfies(d -> assertThat(d.time()).isNull());
        RunTable a = table("a", "Pop[north, a]", new double[] {1, 1, 1, 1}, "pop[south,a]", new double[] {1, 1, 1, 1}, "other", new double[] {1, 1, 1, 1});
        RunComparison.Result some = RunComparison.compare(a, a, RunComparison.Tolerance.DEFAULT, RunComparison.globs(List.of("POP[*,a], nothing")));
        assertThat(some.shared()).isEqualTo(2);
        assertThatThrownBy(() -> RunComparison.globs(List.of(" , "))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RunComparison.Tolerance(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
