package org.dlab.engine.units;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dlab.engine.ModelException;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.SharedFolder;
import org.dlab.engine.model.AnalyzedModel;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checker on real models: the teacup sample, the Korea model, the whole test-models suite. */
class UnitsCheckerModelsTest {
    @TempDir Path dir;

    private static List<String> findings(Path model) {
        List<String> out = new ArrayList<>();
        UnitsChecker.check(ModelLoader.analyze(ModelLoader.parse(model))).forEach(f -> out.add(f.toString()));
        return out;
    }

    /**
     * The teacup writes its characteristic time in Minutes and its time in Minute, and declares
     * no Minute/Minutes synonym (only $ and Hour): Vensim compares unit names literally, so this
     * is the one inconsistency. With the synonym added, the model is consistent.
     */
    @Test
    void teacup() throws IOException {
        Path teacup = SharedFolder.testModels().resolve("samples/teacup/teacup.mdl");
        Assumptions.assumeTrue(Files.isRegularFile(teacup), "teacup sample not in the shared folder");
        assertThat(findings(teacup)).containsExactly(teacup + ":8:1: units: 'Heat Loss to Room': the equation gives units"
                + " Degrees Fahrenheit/Minutes, declared Degrees Fahrenheit/Minute");

        Path copy = dir.resolve("teacup.mdl");
        Files.writeString(copy, Files.readString(teacup).replace("22:Hour,Hours", "22:Hour,Hours\n22:Minute,Minutes"));
        assertThat(findings(copy)).isEmpty();
    }

    @Test
    void koreaModelIsConsistent() {
        Path korea = Path.of("..", "models", "korea", "korea.mdl");
        Assumptions.assumeTrue(Files.isRegularFile(korea), "models/korea/korea.mdl not found from " + Path.of("").toAbsolutePath());
        AnalyzedModel m = ModelLoader.analyze(ModelLoader.parse(korea));
        UnitsChecker.Report r = UnitsChecker.run(m);
        assertThat(r.findings()).isEmpty();
        assertThat(r.timeUnit()).hasToString("Year");
        assertThat(r.equations()).isGreaterThan(300);
    }

    /** Every model the engine can analyse gets findings, never an exception. */
    @Test
    void neverThrowsOnTheTestModelsSuite() throws IOException {
        List<Path> models;
        try (Stream<Path> s = Files.walk(SharedFolder.testModels())) {
            models = s.filter(p -> p.toString().endsWith(".mdl")).sorted().toList();
        }
        assertThat(models).isNotEmpty();
        int checked = 0;
        List<String> thrown = new ArrayList<>();
        for (Path p : models) {
            AnalyzedModel m;
            try {
                m = ModelLoader.analyze(ModelLoader.parse(p));
            } catch (ModelException e) {
                continue; // not this checker's concern: the engine cannot analyse it
            }
            try {
                for (Finding f : UnitsChecker.check(m)) {
                    assertThat(f.toString()).startsWith(p + ":").contains(": units: ");
                }
                checked++;
            } catch (RuntimeException | StackOverflowError e) {
                thrown.add(p + ": " + e);
            }
        }
        assertThat(thrown).isEmpty();
        assertThat(checked).isGreaterThan(models.size() / 2);
    }
}
