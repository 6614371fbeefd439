package org.dlab.engine.vensim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.run.Model;
import org.dlab.engine.run.SimResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Vensim model's numbers held at single precision (Earth4All matches its Vensim exports only
 * so: RealModelsTest), the time controls excepted; numbersAsWritten keeps them as written.
 */
class SinglePrecisionNumbersTest {
    private static final String MODEL = """
            rate = 0.1 ~ ~ |
            table([(0,0)-(1,1)], (0,0.3), (1,0.7)) ~ ~ |
            looked up = table(0.5) ~ ~ |
            list[e] = 0.2, 1e-9 ~ ~ |
            e: one, two ~ ~ |
            stock = INTEG(rate, 1.1) ~ ~ |
            huge = 1e300 ~ ~ |
            INITIAL TIME = 0 ~ ~ |
            FINAL TIME = 1 ~ ~ |
            TIME STEP = 0.1 ~ ~ |
            SAVEPER = 0.1 ~ ~ |
            """;

    private static SimResult run(Path dir, boolean asWritten) throws IOException {
        Path mdl = dir.resolve("numbers.mdl");
        Files.writeString(mdl, MODEL);
        Model m = ModelLoader.load(mdl, java.util.List.of(), null, java.util.Map.of(), asWritten);
        return m.newRun().simulate();
    }

    private static double at(SimResult r, String name, int row) {
        return r.value(r.names().indexOf(name), row);
    }

    @Test
    void literalsConstantListsAndLookupPointsAreSinglePrecision(@TempDir Path dir) throws IOException {
        SimResult r = run(dir, false);
        assertThat(at(r, "rate", 0)).isEqualTo((double) 0.1f).isNotEqualTo(0.1);
        assertThat(at(r, "list[one]", 0)).isEqualTo((double) 0.2f);
        assertThat(at(r, "list[two]", 0)).isEqualTo((double) 1e-9f);
        // halfway between the two points, each rounded: (0.3f + 0.7f) / 2
        assertThat(at(r, "looked up", 0)).isEqualTo(((double) 0.3f + (double) 0.7f) / 2);
        assertThat(at(r, "stock", 0)).isEqualTo((double) 1.1f);
        // beyond float's range a number keeps its double value rather than becoming infinite
        assertThat(at(r, "huge", 0)).isEqualTo(1e300);
    }

    @Test
    void timeControlsKeepTheGridAsWritten(@TempDir Path dir) throws IOException {
        SimResult r = run(dir, false);
        // 0.1f * 10 would end at 1.0000000149 and drop the last step; the grid stays 0, 0.1, ..., 1
        assertThat(r.rows()).isEqualTo(11);
        assertThat(r.time(10)).isEqualTo(1.0);
        assertThat(r.time(3)).isEqualTo(0.1 * 3);
    }

    @Test
    void numbersAsWrittenKeepsDoubles(@TempDir Path dir) throws IOException {
        SimResult r = run(dir, true);
        assertThat(at(r, "rate", 0)).isEqualTo(0.1);
        assertThat(at(r, "looked up", 0)).isEqualTo(0.5);
        assertThat(at(r, "stock", 10)).isCloseTo(1.1 + 10 * 0.1 * 0.1, org.assertj.core.data.Offset.offset(1e-12));
    }
}
