package org.dlab.engine.real;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tab export's printed precision, as the comparison in RealModelsTest uses it. */
class ReferenceRunTest {

    @Test
    void halfAUnitInTheLastPrintedDigit() {
        assertThat(ReferenceRun.halfUnitInLastDigit("2170")).isCloseTo(5e-3, within(1e-15));
        assertThat(ReferenceRun.halfUnitInLastDigit("0.045")).isCloseTo(5e-8, within(1e-20));
        assertThat(ReferenceRun.halfUnitInLastDigit("1234567")).isEqualTo(0.5);
        assertThat(ReferenceRun.halfUnitInLastDigit("0")).isZero();
        assertThat(ReferenceRun.halfUnitInLastDigit("0.0102051")).isCloseTo(5e-8, within(1e-20));
        assertThat(ReferenceRun.halfUnitInLastDigit("3.42989E-4")).isCloseTo(5e-10, within(1e-22));
        assertThat(ReferenceRun.halfUnitInLastDigit("-1.5e+06")).isCloseTo(5, within(1e-9));
        assertThat(ReferenceRun.halfUnitInLastDigit("n/a")).isZero();
    }

    @Test
    void aTabExportKeepsEachValuesPrintedPrecision(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("out.txt");
        Files.writeString(f, "Time (Year)\t0\t1\n\"Deaths Mp/y\" : run\t28.985\t0.000342989\n", StandardCharsets.ISO_8859_1);
        // 28.985 is 28.9850 with the trailing zero dropped: its kept digit is the 6th significant
        ReferenceRun ref = ReferenceRun.transposedTab(List.of(f));
        assertThat(ref.series().get("\"Deaths Mp/y\"")).containsExactly(28.985, 0.000342989);
        double[] half = ref.rounding().get("\"Deaths Mp/y\"");
        assertThat(half[0]).isCloseTo(5e-5, within(1e-16));
        assertThat(half[1]).isCloseTo(5e-10, within(1e-22));
    }
}
