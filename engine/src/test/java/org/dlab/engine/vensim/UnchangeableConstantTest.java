package org.dlab.engine.vensim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.run.SimResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Vensim's unchangeable constant {@code x == value}, including one read from a file (pymedeas). */
class UnchangeableConstantTest {
    @Test
    void anUnchangeableConstantMayReadItsValueFromAFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("c.csv"), "a,b\n1,2.5\n");
        String text = "{UTF-8}\nk == 3 ~ ~ |\nm == GET DIRECT CONSTANTS('?c.csv', ',', 'B2') ~ ~ |\nx = k * m ~ ~ |\n"
                + "INITIAL TIME = 0 ~ ~ |\nFINAL TIME = 1 ~ ~ |\nTIME STEP = 1 ~ ~ |\nSAVEPER = 1 ~ ~ |\n";
        SimResult r = ModelLoader.compile(VensimParser.parse("u.mdl", text, dir)).newRun().simulate();
        assertThat(r.last("m")).isEqualTo(2.5);
        assertThat(r.last("x")).isEqualTo(7.5);
    }
}
