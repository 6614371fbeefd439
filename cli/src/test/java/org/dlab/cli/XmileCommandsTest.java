package org.dlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dlab run} and {@code dlab check} on XMILE files, and their answer to hostile XML. */
class XmileCommandsTest {
    @TempDir
    Path dir;

    private Cli.Result dlab(String... args) {
        return Cli.run(args);
    }

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private static final String TEACUP = "<xmile version=\"1.0\"><sim_specs><start>0</start><stop>2</stop><dt>1</dt></sim_specs>\n"
            + "<model><variables><stock name=\"Teacup Temperature\"><eqn>180</eqn><outflow>Heat_Loss</outflow></stock>\n"
            + "<flow name=\"Heat Loss\"><eqn>(Teacup_Temperature - 70) / 10</eqn></flow></variables></model></xmile>\n";

    @Test
    void runAndCheckTakeXmileFilesWhateverTheCaseOfTheExtension() throws IOException {
        Path m = write("teacup.XMILE", TEACUP);
        Cli.Result run = dlab("run", m.toString());
        assertThat(run.code()).isEqualTo(0);
        assertThat(run.out()).startsWith("Time,Teacup Temperature,Heat Loss").contains("\n1,169,");
        Cli.Result check = dlab("check", write("teacup.itmx", TEACUP).toString());
        assertThat(check.code()).isEqualTo(0);
        assertThat(check.out()).contains("stock     Teacup Temperature");
    }

    @Test
    void anXmlBombIsOneLineAndExitTwo() throws IOException {
        Path bomb = write("bomb.xmile", "<?xml version=\"1.0\"?>\n<!DOCTYPE b [<!ENTITY a \"aaaaaaaaaa\">"
                + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>\n"
                + "<xmile><model><variables><aux name=\"x\"><eqn>&c;</eqn></aux></variables></model></xmile>\n");
        Cli.Result o = dlab("run", bomb.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err().strip()).doesNotContain("\n").startsWith(bomb + ":2:").contains("DOCTYPE");
    }

    @Test
    void anExternalEntityIsOneLineAndExitTwo() throws IOException {
        Path secret = write("secret.txt", "TOP-SECRET");
        Path xxe = write("xxe.stmx", "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<xmile><model><variables><aux name=\"x\"><eqn>&e;</eqn></aux></variables></model></xmile>\n");
        Cli.Result o = dlab("check", xxe.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err().strip()).doesNotContain("\n").doesNotContain("TOP-SECRET").contains("DOCTYPE");
        assertThat(o.out()).doesNotContain("TOP-SECRET");
    }

    @Test
    void malformedXmlAndUnknownBuiltinsAreOneLineWithAPosition() throws IOException {
        Path broken = write("broken.xml", "<xmile>\n<model><variables>\n<aux name=\"x\"><eqn>1</eqn>\n</variables></model></xmile>\n");
        Cli.Result o = dlab("run", broken.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err().strip()).doesNotContain("\n").startsWith(broken + ":4:");
        Path unknown = write("unknown.xmile", TEACUP.replace("(Teacup_Temperature - 70) / 10", "WOBBLE(Teacup_Temperature)"));
        Cli.Result u = dlab("run", unknown.toString());
        assertThat(u.code()).isEqualTo(2);
        assertThat(u.err().strip()).isEqualTo(unknown + ":3:29: unknown function 'WOBBLE'");
    }

    @Test
    void convertWritesXmileThatRunsToTheSameTable() throws IOException {
        Path mdl = write("cup.mdl", "{UTF-8}\nTeacup Temperature = INTEG(-Heat Loss, 180) ~~|\n"
                + "Heat Loss = (Teacup Temperature - Room) / 10 ~~|\nRoom = 70 ~~|\n"
                + "INITIAL TIME = 0 ~~|\nFINAL TIME = 3 ~~|\nTIME STEP = 0.5 ~~|\nSAVEPER = 1 ~~|\n");
        Path xmile = dir.resolve("cup.xmile");
        Cli.Result c = dlab("convert", mdl.toString(), "-o", xmile.toString());
        assertThat(c.code()).as(c.err()).isEqualTo(0);
        assertThat(Files.readString(xmile)).contains("<outflow>Heat_Loss</outflow>").contains("<views>");
        Cli.Result fromMdl = dlab("run", mdl.toString());
        Cli.Result fromXmile = dlab("run", xmile.toString(), "--vars", "Teacup Temperature,Heat Loss,Room");
        assertThat(fromXmile.out()).isEqualTo(dlab("run", mdl.toString(), "--vars", "Teacup Temperature,Heat Loss,Room").out());
        assertThat(fromMdl.out()).contains("\n3,");
        assertThat(c.err()).isEmpty();
        assertThat(dlab("convert", mdl.toString(), "-o", dir.resolve("cup.csv").toString()).code()).isEqualTo(2);
    }

    @Test
    void convertWarnsOfFunctionsStellaWillNotRead() throws IOException {
        Path mdl = write("v.mdl", "{UTF-8}\nx = ACTIVE INITIAL(Time * 2, 1) ~~|\ny = ZIDZ(1, x) ~~|\n"
                + "INITIAL TIME = 0 ~~|\nFINAL TIME = 3 ~~|\nTIME STEP = 1 ~~|\nSAVEPER = 1 ~~|\n");
        Cli.Result c = dlab("convert", mdl.toString(), "-o", dir.resolve("v.xmile").toString());
        assertThat(c.code()).isEqualTo(0);
        assertThat(c.err().strip()).startsWith("warning: " + mdl).contains("ACTIVE_INITIAL").doesNotContain("ZIDZ")
                .doesNotContain("\n");
    }

    @Test
    void repairXmlClosesAnUnclosedVariableWithAWarningAndWithoutItTheFileIsRefused() throws IOException {
        Path f = write("open.xmile", "<xmile version=\"1.0\"><sim_specs><start>0</start><stop>2</stop><dt>1</dt></sim_specs>\n"
                + "<model><variables>\n<flow name=\"f\"><eqn>1</eqn>\n<stock name=\"s\"><inflow>f</inflow><eqn>10</eqn></stock>\n"
                + "</variables></model></xmile>\n");
        Cli.Result strict = dlab("run", f.toString());
        assertThat(strict.code()).isEqualTo(2);
        assertThat(strict.err()).contains(f + ":5:").contains("malformed XML");
        Cli.Result repaired = dlab("run", f.toString(), "--repair-xml", "--vars", "s");
        assertThat(repaired.code()).as(repaired.err()).isEqualTo(0);
        assertThat(repaired.err().strip()).isEqualTo("warning: repaired " + f + ":3:1: <flow name=\"f\"> was not closed; closed it before <stock> at 4:1");
        assertThat(repaired.out()).contains("2,12");
    }
}
