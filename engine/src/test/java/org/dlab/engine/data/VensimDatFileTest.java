package org.dlab.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dlab.engine.ModelException;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.run.Model;
import org.dlab.engine.run.SimResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Vensim's .dat format (Vensim Help, ".dat format") read for data variables, checked against the same series as a table. */
class VensimDatFileTest {
    @TempDir Path dir;

    static final String MODEL = """
            {UTF-8}
            r: (r1-r2) ~~|
            demand ~ widgets ~ a data variable |
            price[r] ~ $ ~ |
            total = demand + price[r1] + price[r2] ~ widgets ~ |
            INITIAL TIME = 0 ~ year ~ |
            FINAL TIME = 4 ~ year ~ |
            TIME STEP = 0.5 ~ year ~ |
            SAVEPER = 0.5 ~ year ~ |
            """;

    private double[] run(Path data, String variable) throws Exception {
        Path m = dir.resolve("m.mdl");
        Files.writeString(m, MODEL);
        Model model = ModelLoader.load(m, List.of(data));
        SimResult r = model.newRun().simulate();
        return r.series(variable);
    }

    @Test
    void readsTheSameNumbersAsTheTableFormat() throws Exception {
        Path dat = dir.resolve("in.dat");
        Files.writeString(dat, """
                demand / sales of widgets, from the survey
                0   10   first survey
                2   14
                price[r1]
                0 1.5
                4 2.5
                  demand
                  4  20     later survey, appended to the series above
                price[ r2 ]
                0, 3
                """);
        Path tab = dir.resolve("in.tab");
        Files.writeString(tab, "Time\tdemand\tprice[r1]\tprice[r2]\n0\t10\t1.5\t3\n2\t14\t\t\n4\t20\t2.5\t\n");
        for (String v : new String[] {"demand", "price[r1]", "price[r2]", "total"}) {
            assertThat(run(dat, v)).as(v).containsExactly(run(tab, v));
        }
        // the data points themselves, independent of how the engine fills between them
        double[] demand = run(dat, "demand");
        assertThat(demand[0]).isEqualTo(10);
        assertThat(demand[4]).isEqualTo(14);
        assertThat(demand[8]).isEqualTo(20);
    }

    @Test
    void badLinesNameTheirPlace() throws Exception {
        assertRefused("a.dat", "0 1\nx\n1 2\n", ":1:1: a data point before any variable name");
        assertRefused("b.dat", "x\n0 1\n  1 abc\n", ":3:5: expected a number, found 'abc'");
        assertRefused("c.dat", "x\n0 1\nx\n0 2\n", ":4:1: 'x' has two values at time 0");
        assertRefused("d.dat", "x <MONTHS>\n0 1\n", ":1:3: time bases ('<MONTHS>') are not supported; give the series in model time");
        assertRefused("e.dat", "x\ny\n0 1\n", ":1:1: 'x' has no data points");
    }

    /** Reading {@code text} as a .dat file fails with file:line:col and the message. */
    private void assertRefused(String name, String text, String whereAndWhat) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        assertThatThrownBy(() -> DataFiles.read(List.of(f))).isInstanceOf(ModelException.class)
                .satisfies(e -> assertThat(((ModelException) e).describe()).isEqualTo(f + whereAndWhat));
    }

    @Test
    void naIsAMissingPoint() throws Exception {
        Path na = dir.resolve("na.dat");
        Files.writeString(na, "x\n0 1\n1 :NA:\n2 3\n");
        DataFiles.Series s = DataFiles.read(List.of(na)).get("x");
        assertThat(s.times()).containsExactly(0, 1, 2);
        assertThat(s.values()[0]).isEqualTo(1);
        assertThat(s.values()[1]).isNaN();
        assertThat(s.values()[2]).isEqualTo(3);
    }
}
