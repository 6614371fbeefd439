package org.dlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckUnitsCommandTest {
    @TempDir Path dir;

    private static final String CONTROL = String.join("\n",
            "FINAL TIME = 10 ~ Year ~|",
            "INITIAL TIME = 0 ~ Year ~|",
            "SAVEPER = TIME STEP ~ Year ~|",
            "TIME STEP = 1 ~ Year [0,?] ~|");

    private static Cli.Result dlab(String... args) {
        return Cli.run(args);
    }

    private Path model(String name, String... lines) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "{UTF-8}\n" + String.join("\n", lines) + "\n" + CONTROL + "\n");
        return p;
    }

    @Test
    void consistentModelExitsZeroWithASummary() throws IOException {
        Path p = model("ok.mdl",
                "Population = INTEG(Births, 100) ~ Person ~|",
                "Births = Population * Birth rate ~ Person/Year ~|",
                "Birth rate = 0.02 ~ 1/Year ~|",
                "Note = Population * 3 ~~|");
        Cli.Result r = dlab("check", "--units", p.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo(p + ": units consistent (8 equations, 1 variable without units not checked)\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void inconsistentModelPrintsOneLineEachAndExitsTwo() throws IOException {
        Path p = model("bad.mdl",
                "Population = INTEG(Births, 100) ~ Person ~|",
                "Births = Population * Birth rate ~ Person ~|",
                "Birth rate = 0.02 ~ 1/Year ~|",
                "Older = Population + Birth rate ~ Person ~|");
        Cli.Result r = dlab("check", "--units", p.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out().split("\n")).containsExactly(
                p + ":2:1: units: 'Population': the net flow has units Person, expected Person/Year (stock units per Year)",
                p + ":3:1: units: 'Births': the equation gives units Person/Year, declared Person",
                p + ":5:1: units: 'Older': cannot add Person and 1/Year",
                p + ": 3 units inconsistencies (8 equations)");
    }

    @Test
    void withoutTheOptionCheckStillReportsTheStructure() throws IOException {
        Path p = model("plain.mdl", "Births = 5 ~ Person ~|", "Older = Births + 1 ~ Year ~|");
        Cli.Result r = dlab("check", p.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith(p + ": ok").doesNotContain("units:");
    }

    @Test
    void aModelThatDoesNotLoadIsAnErrorNotAFinding() throws IOException {
        Path p = model("broken.mdl", "Births = Nowhere * 2 ~ Person ~|");
        Cli.Result r = dlab("check", "--units", p.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("undefined name 'Nowhere'");
    }

    @Test
    void koreaModelHasConsistentUnits() {
        Path korea = Path.of("..", "models", "korea", "korea.mdl");
        Assumptions.assumeTrue(Files.isRegularFile(korea), "models/korea/korea.mdl not found");
        Cli.Result r = dlab("check", "--units", korea.toString());
        assertThat(r.out()).startsWith(korea + ": units consistent (");
        assertThat(r.code()).isZero();
    }

    @Test
    void teacupSampleWhenTheSharedFolderIsThere() {
        String shared = System.getProperty("dlab.shared");
        Path teacup = shared == null ? null : Path.of(shared, "sd-test-models", "samples", "teacup", "teacup.mdl");
        Assumptions.assumeTrue(teacup != null && Files.isRegularFile(teacup), "skipped: shared teacup sample not found");
        Cli.Result r = dlab("check", "--units", teacup.toString());
        // Minutes (characteristic time) against Minute (time): no synonym declared in the model
        assertThat(r.out()).startsWith(teacup + ":8:1: units: 'Heat Loss to Room': the equation gives units "
                + "Degrees Fahrenheit/Minutes, declared Degrees Fahrenheit/Minute\n");
        assertThat(r.code()).isEqualTo(2);
    }
}
