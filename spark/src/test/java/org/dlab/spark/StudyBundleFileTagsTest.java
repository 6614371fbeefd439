package org.dlab.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dlab.workbench.run.FutureRun;
import org.dlab.workbench.study.BoundStudy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A study's file_tags files travel with the job, so an executor's model reads what the driver's does. */
class StudyBundleFileTagsTest {
    @Test
    void theMappedFilesAreBundledAndReadOnTheExecutor(@TempDir Path dir) throws Exception {
        Path model = Files.createDirectories(dir.resolve("model/data"));
        Files.writeString(dir.resolve("model/m.mdl"), """
                {UTF-8}
                Base := GET DIRECT CONSTANTS('?mytag.csv', 'Sheet1', 'B2') ~ ~ |
                Doubled = Base * 2 ~ ~ |
                INITIAL TIME = 0 ~ ~ |
                FINAL TIME = 2 ~ ~ |
                TIME STEP = 1 ~ ~ |
                SAVEPER = TIME STEP ~ ~ |
                """);
        // below the model's folder, where the files bundled for being beside the model are not
        Files.writeString(model.resolve("real.csv"), "name,value\nbase,21\n");
        Path study = dir.resolve("study.yaml");
        Files.writeString(study, "model: model/m.mdl\nfile_tags:\n  mytag.csv: model/data/real.csv\n"
                + "outcomes:\n  - {name: Doubled, reduce: final}\n");
        StudyBundle bundle = StudyBundle.read(study);
        assertThat(bundle.files()).containsKeys("study.yaml", "model/m.mdl", "model/data/real.csv");
        assertThat(new String(bundle.files().get("model/data/real.csv"), java.nio.charset.StandardCharsets.UTF_8)).contains("21");
        BoundStudy b = CompiledStudies.get(bundle);
        FutureRun run = new FutureRun(b, null, 0);
        assertThat(run.simulateReference(b.policies().get(0))).isNull();
        assertThat(run.reducer().outcomes()[0]).isEqualTo(42.0);
    }
}
