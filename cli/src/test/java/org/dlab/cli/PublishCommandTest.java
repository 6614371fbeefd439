package org.dlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dlab publish} as a user runs it: the site's size printed, bad input one line and exit 2. */
class PublishCommandTest {
    @Test
    void publishesAModelWithALeverAndPrintsTheSize(@TempDir Path dir) throws Exception {
        Path model = Cli.smallModel(dir);
        Path site = dir.resolve("site");
        Cli.Result r = Cli.run("publish", model.toString(), "-o", site.toString(), "--lever", "inflow");
        assertThat(r.code()).as(r.err()).isZero();
        long bytes;
        try (var s = Files.walk(site)) {
            bytes = s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        assertThat(r.out()).contains("14 files").contains("(" + bytes + " bytes)");
    }

    @Test
    void theModelsLoadWarningsGoToStandardError(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("flow.csv"), "0,1\n1,abc\n2,3\n");
        Path model = Files.writeString(dir.resolve("flow.mdl"), "{UTF-8}\nflow := GET DIRECT DATA('flow.csv', ',', 'A', 'B1') ~~|\n"
                + "INITIAL TIME = 0 ~~|\nFINAL TIME = 2 ~~|\nTIME STEP = 1 ~~|\nSAVEPER = 1 ~~|\n");
        Cli.Result r = Cli.run("publish", model.toString(), "-o", dir.resolve("site").toString(), "--chart", "flow");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err().strip()).isEqualTo("warning: flow.csv: cell B2: text 'abc' read as 0 (variable 'flow')");
        assertThat(r.out()).contains("14 files").doesNotContain("warning");
        // a model without warnings: nothing on standard error
        r = Cli.run("publish", Cli.smallModel(dir).toString(), "-o", dir.resolve("site2").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
    }

    @Test
    void badInputIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        Path model = Cli.smallModel(dir);
        Path mine = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(mine.resolve("keep.txt"), "x");
        Cli.Result r = Cli.run("publish", model.toString(), "-o", mine.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("dlab: ").contains("not a site made by dlab publish").doesNotContain("\n");

        r = Cli.run("publish", model.toString(), "-o", dir.resolve("x").toString(), "--lever", "level * 2");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("tank.mdl:1:1: no constant").doesNotContain("\n");

        r = Cli.run("publish", dir.resolve("missing.mdl").toString(), "-o", dir.resolve("y").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no such study or model file");
    }

    @Test
    void dataVariablesAreBakedInFromTheDataFiles(@TempDir Path dir) throws Exception {
        Path teacup = Cli.teacup(); // skips without the shared suite
        Path model = teacup.getParent().getParent().getParent().resolve("tests/data_from_other_model/test_data_from_other_model.mdl");
        Path site = dir.resolve("site");
        Cli.Result r = Cli.run("publish", model.toString(), "-o", site.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("test_data_from_other_model.mdl:").contains("has no data");
        assertThat(site).doesNotExist();
        r = Cli.run("publish", model.toString(), "--data", model.resolveSibling("data.tab").toString(), "-o", site.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(site.resolve("model.mjs"))).contains("new Float64Array([");
    }
}
