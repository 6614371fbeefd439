package org.dlab.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.dlab.engine.ModelException;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.run.Model;
import org.dlab.engine.vensim.VensimParser;
import org.junit.jupiter.api.Test;

/** A model that meets a JVM class limit is the user's input meeting a limit: one line, never an internal error. */
class ClassLimitTest {
    @Test
    void aSumOverTwentyThousandElementsCompilesOrIsRefusedInOneLine() {
        // ~40 s of compiling on a loaded core: in the long profile (-Pfuzz sets dlab.long=true) only
        org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("dlab.long"), "long case: run with -Pfuzz");
        // was IllegalStateException "internal error compiling the model": SUM unrolled past 64 KB of method code
        String mdl = "{UTF-8}\nCell: (c1-c20000) ~ ~ |\nx[Cell] = 2 ~ ~ |\ntotal = SUM(x[Cell!]) ~ ~ |\n"
                + "INITIAL TIME = 0 ~ ~ |\nFINAL TIME = 1 ~ ~ |\nTIME STEP = 1 ~ ~ |\nSAVEPER = 1 ~ ~ |\n";
        try {
            Model m = ModelLoader.compile(VensimParser.parse("sum.mdl", mdl, Path.of(".")));
            assertThat(m.newRun().simulate().last("total")).isCloseTo(40_000, within(1e-9));
        } catch (ModelException e) {
            assertThat(e.describe()).matches("sum\\.mdl:1:1: the model is too large to compile [^\\n]+");
        }
    }

    @Test
    void janinosSizeMessagesAreRecognised() {
        assertThat(ModelCompiler.isSizeLimit(new RuntimeException("Constant pool for class GeneratedModel1 has grown past JVM limit of 0xFFFF"))).isTrue();
        assertThat(ModelCompiler.isSizeLimit(new IllegalStateException("wrap", new ClassFormatError("Method code too large")))).isTrue();
        assertThat(ModelCompiler.isSizeLimit(new RuntimeException("Unknown variable or type \"x\""))).isFalse();
    }
}
