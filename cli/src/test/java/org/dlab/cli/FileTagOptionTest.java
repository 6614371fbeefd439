package org.dlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dlab.engine.data.FileAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --file-tag TAG=FILE resolves a model's '?TAG' file reference (Vensim's Model>Settings>XLS Files). */
class FileTagOptionTest {
    @TempDir Path tmp;

    @AfterEach
    void forget() {
        FileAccess.reset();
    }

    @Test
    void runCheckAndBenchTakeTheMapping() throws Exception {
        Path model = Files.createDirectories(tmp.resolve("model")).resolve("m.mdl");
        Files.writeString(Files.createDirectories(model.resolveSibling("scenarios")).resolve("s.csv"), "a,7\n");
        Files.writeString(model, "INITIAL TIME = 0 ~~|\nFINAL TIME = 1 ~~|\nTIME STEP = 1 ~~|\nSAVEPER = 1 ~~|\n"
                + "c = GET DIRECT CONSTANTS('?../../scenarios/s.csv', ',', 'B1') ~~|\n");
        String tag = "../../scenarios/s.csv=" + model.resolveSibling("scenarios").resolve("s.csv");

        Cli.Result unmapped = Cli.run("run", model.toString());
        assertThat(unmapped.code()).isEqualTo(2);
        assertThat(unmapped.err().strip()).contains("'?../../scenarios/s.csv': no file is mapped to this tag").doesNotContain("\n");

        Cli.Result run = Cli.run("run", "--file-tag", tag, "--vars", "c", model.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("7");
        assertThat(Cli.run("check", "--file-tag", tag, model.toString()).code()).isZero();
        assertThat(Cli.run("bench", "--file-tag", tag, "--runs", "1", "--warmup", "0", model.toString()).code()).isZero();

        Cli.Result bad = Cli.run("run", "--file-tag", "no-equals-sign", model.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--file-tag expects TAG=FILE");
        Cli.Result missing = Cli.run("run", "--file-tag", "t=" + tmp.resolve("gone.csv"), model.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("--file-tag t:").contains("no such file");
    }

    @Test
    void aStudysFileTagsReachExploreAndCompare() throws Exception {
        Path model = Files.createDirectories(tmp.resolve("model")).resolve("m.mdl");
        Files.writeString(model, "INITIAL TIME = 0 ~~|\nFINAL TIME = 1 ~~|\nTIME STEP = 1 ~~|\nSAVEPER = 1 ~~|\n"
                + "c = GET DIRECT CONSTANTS('?inputs.csv', ',', 'B1') ~~|\nscale = 1 ~~|\ny = c * scale ~~|\n");
        Files.writeString(Files.createDirectories(model.resolveSibling("data")).resolve("inputs.csv"), "a,7\n");
        String body = "levers:\n  - {name: scale, low: 1, high: 2, baseline: 1}\npolicies:\n  one: {}\n  two: {scale: 2}\n"
                + "outcomes:\n  - {name: y, reduce: final, kind: maximize}\n";
        Path study = tmp.resolve("study.yaml");

        // without the mapping the tag is read as a file beside the model, where there is none
        Files.writeString(study, "model: model/m.mdl\n" + body);
        Cli.Result unmapped = Cli.run("explore", study.toString(), "-n", "2", "--db", tmp.resolve("a.duckdb").toString(), "--quiet");
        assertThat(unmapped.code()).isEqualTo(2);
        assertThat(unmapped.err()).contains("'?inputs.csv': no file is mapped to this tag");

        Files.writeString(study, "model: model/m.mdl\nfile_tags:\n  inputs.csv: model/data/inputs.csv\n" + body);
        Cli.Result explore = Cli.run("explore", study.toString(), "-n", "2", "--db", tmp.resolve("b.duckdb").toString(), "--quiet");
        assertThat(explore.code()).as(explore.err()).isZero();
        Cli.Result compare = Cli.run("compare", study.toString(), "--policies", "one,two", "-n", "2", "--threads", "1", "--quiet");
        assertThat(compare.code()).as(compare.err()).isZero();
        // y is 7 under one and 14 under two in every future: the mapped file's 7
        assertThat(compare.out()).containsPattern("\\n  mean +7 +14\\n");

        // a file outside the model's folder needs --allow-files, as with --file-tag
        Files.writeString(Files.createDirectories(tmp.resolve("shared")).resolve("inputs.csv"), "a,7\n");
        Files.writeString(study, "model: model/m.mdl\nfile_tags:\n  inputs.csv: shared/inputs.csv\n" + body);
        Cli.Result outside = Cli.run("compare", study.toString(), "--policies", "one,two", "-n", "2", "--quiet");
        assertThat(outside.code()).isEqualTo(2);
        assertThat(outside.err()).contains(study + ":3:15: the file of tag 'inputs.csv': inputs.csv: outside the model's folder")
                .contains("--allow-files");
        Cli.Result allowed = Cli.run("--allow-files", tmp.resolve("shared").toString(), "compare", study.toString(), "--policies", "one,two", "-n", "2", "--quiet");
        assertThat(allowed.code()).as(allowed.err()).isZero();
    }

    @Test
    void runWithAPolicyTakesTheStudysFileTagsAndFileTagWins() throws Exception {
        Path model = Files.createDirectories(tmp.resolve("model")).resolve("m.mdl");
        Files.writeString(model, "INITIAL TIME = 0 ~~|\nFINAL TIME = 1 ~~|\nTIME STEP = 1 ~~|\nSAVEPER = 1 ~~|\n"
                + "c = GET DIRECT CONSTANTS('?inputs.csv', ',', 'B1') ~~|\nscale = 1 ~~|\ny = c * scale ~~|\n");
        Path data = Files.createDirectories(model.resolveSibling("data"));
        Files.writeString(data.resolve("inputs.csv"), "a,7\n");
        Files.writeString(data.resolve("other.csv"), "a,5\n");
        Path study = tmp.resolve("study.yaml");
        Files.writeString(study, "model: model/m.mdl\nfile_tags:\n  inputs.csv: model/data/inputs.csv\n"
                + "levers:\n  - {name: scale, low: 1, high: 2, baseline: 1}\npolicies:\n  two: {scale: 2}\n"
                + "outcomes:\n  - {name: y, reduce: final}\n");
        Cli.Result r = Cli.run("run", model.toString(), "--policy", "two", "--study", study.toString(), "--vars", "y");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\n1,14\n"); // the study's file: 7, doubled by the policy
        Cli.Result overridden = Cli.run("run", model.toString(), "--policy", "two", "--study", study.toString(), "--vars", "y",
                "--file-tag", "inputs.csv=" + data.resolve("other.csv"));
        assertThat(overridden.code()).as(overridden.err()).isZero();
        assertThat(overridden.out()).contains("\n1,10\n");
    }
}
