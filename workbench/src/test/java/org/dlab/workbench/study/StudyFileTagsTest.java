package org.dlab.workbench.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dlab.engine.ModelException;
import org.dlab.engine.data.FileAccess;
import org.dlab.workbench.run.FutureRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The study key {@code file_tags}: Vensim's indirect file references {@code '?tag'} mapped to files,
 * as {@code --file-tag TAG=FILE} does for a single model.
 */
class StudyFileTagsTest {
    /** Reads its constant through the tag; outcome Doubled is twice it. */
    static final String MODEL = """
            {UTF-8}
            Base := GET DIRECT CONSTANTS('?mytag.csv', 'Sheet1', 'B2') ~ ~ |
            Doubled = Base * 2 ~ ~ |
            INITIAL TIME = 0 ~ ~ |
            FINAL TIME = 2 ~ ~ |
            TIME STEP = 1 ~ ~ |
            SAVEPER = TIME STEP ~ ~ |
            """;
    static final String OUTCOME = "outcomes:\n  - {name: Doubled, reduce: final}\n";

    @TempDir
    Path dir;
    Path study;

    @BeforeEach
    void model() throws IOException {
        Files.writeString(dir.resolve("m.mdl"), MODEL);
        // the file an unmapped tag would read: beside the model, named as the tag
        Files.writeString(dir.resolve("mytag.csv"), "name,value\nbase,1\n");
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/real.csv"), "name,value\nbase,21\n");
        study = dir.resolve("study.yaml");
    }

    @AfterEach
    void forgetAllowedFolders() {
        FileAccess.reset();
    }

    Study parse(String text) {
        return StudyParser.parse(study, text);
    }

    /** {@code file:line:col: } of the first {@code token} on 1-based line {@code line} of {@code text}. */
    String at(String text, int line, String token) {
        String l = text.split("\n", -1)[line - 1];
        int col = l.indexOf(token);
        if (col < 0) throw new IllegalArgumentException(token + " not on line " + line);
        return study + ":" + line + ":" + (col + 1) + ": ";
    }

    static String where(Throwable t) {
        return ((ModelException) t).describe();
    }

    /** The outcome of the reference run under the study's first policy. */
    static double doubled(BoundStudy b) {
        FutureRun run = new FutureRun(b, null, 0);
        assertThat(run.simulateReference(b.policies().get(0))).isNull();
        return run.reducer().outcomes()[0];
    }

    @Test
    void aMappingParsesInOrderWithPathsAgainstTheStudysFolder() throws IOException {
        Files.createDirectories(dir.resolve("scenarios"));
        Files.writeString(dir.resolve("scenarios/scen_w.csv"), "a\n");
        String text = "model: m.mdl\nfile_tags:\n  mytag.csv: data/real.csv\n  \"?../../scenarios/scen_w.xlsx\": scenarios/scen_w.csv\n" + OUTCOME;
        Study s = parse(text);
        assertThat(s.fileTags()).extracting(Study.FileTag::tag).containsExactly("mytag.csv", "../../scenarios/scen_w.xlsx");
        assertThat(s.fileTags()).extracting(Study.FileTag::file)
                .containsExactly(dir.resolve("data/real.csv").toAbsolutePath(), dir.resolve("scenarios/scen_w.csv").toAbsolutePath());
        assertThat(s.fileTags().get(1).pos().line()).isEqualTo(4);
        assertThat(s.fileTagMap()).containsExactly(Map.entry("mytag.csv", dir.resolve("data/real.csv").toAbsolutePath()),
                Map.entry("../../scenarios/scen_w.xlsx", dir.resolve("scenarios/scen_w.csv").toAbsolutePath()));
    }

    @Test
    void withoutTheKeyThereAreNoTagsAndAnEmptyKeyIsNone() {
        assertThat(parse("model: m.mdl\n" + OUTCOME).fileTags()).isEmpty();
        assertThat(parse("model: m.mdl\nfile_tags:\n" + OUTCOME).fileTags()).isEmpty();
    }

    @Test
    void theMappedFileIsWhatTheStudysRunsRead() {
        // 21 from data/real.csv; the file beside the model named as the tag holds 1
        BoundStudy mapped = BoundStudy.bind(parse("model: m.mdl\nfile_tags:\n  mytag.csv: data/real.csv\n" + OUTCOME));
        assertThat(doubled(mapped)).isEqualTo(42.0);
        BoundStudy unmapped = BoundStudy.bind(parse("model: m.mdl\n" + OUTCOME));
        assertThat(doubled(unmapped)).isEqualTo(2.0);
    }

    @Test
    void tagsIgnoreCaseAndMayKeepTheirQuestionMark() {
        BoundStudy b = BoundStudy.bind(parse("model: m.mdl\nfile_tags:\n  \"?MyTag.CSV\": data/real.csv\n" + OUTCOME));
        assertThat(doubled(b)).isEqualTo(42.0);
    }

    @Test
    void aStudyInAnotherFolderResolvesAgainstItsOwnFolder() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("studies"));
        Files.writeString(sub.resolve("s.yaml"), "model: ../m.mdl\nfile_tags:\n  mytag.csv: ../data/real.csv\n" + OUTCOME);
        assertThat(doubled(BoundStudy.bind(StudyParser.parse(sub.resolve("s.yaml"))))).isEqualTo(42.0);
    }

    @Test
    void loadModelTakesTheTagsToo() {
        Study s = parse("model: m.mdl\nfile_tags:\n  mytag.csv: data/real.csv\n" + OUTCOME);
        var run = BoundStudy.loadModel(s, List.of()).newRun();
        var r = run.simulate();
        assertThat(r.series("Base")[0]).isEqualTo(21.0);
    }

    @Test
    void aValueThatIsNotAMappingIsAnErrorAtIt() {
        String list = "model: m.mdl\nfile_tags: [data/real.csv]\n" + OUTCOME;
        assertThatThrownBy(() -> parse(list)).satisfies(t -> assertThat(where(t))
                .startsWith(at(list, 2, "[") + "file_tags must be a mapping of tag to file").endsWith("got a list"));
        String text = "model: m.mdl\nfile_tags: data/real.csv\n" + OUTCOME;
        assertThatThrownBy(() -> parse(text)).satisfies(t -> assertThat(where(t))
                .startsWith(at(text, 2, "data") + "file_tags must be a mapping of tag to file").endsWith("got the text 'data/real.csv'"));
    }

    @Test
    void storedTextIsCheckedButItsFilesAreNotLookedFor() {
        String gone = "model: m.mdl\nfile_tags:\n  mytag.csv: data/absent.csv\n" + OUTCOME;
        assertThat(StudyParser.parseStored(study, gone).fileTagMap()).containsExactly(Map.entry("mytag.csv", dir.resolve("data/absent.csv").toAbsolutePath()));
        String list = "model: m.mdl\nfile_tags: [data/real.csv]\n" + OUTCOME;
        assertThatThrownBy(() -> StudyParser.parseStored(study, list)).satisfies(t -> assertThat(where(t))
                .startsWith(at(list, 2, "[") + "file_tags must be a mapping of tag to file"));
    }

    @Test
    void anEmptyTagIsAnErrorAtIt() {
        String empty = "model: m.mdl\nfile_tags:\n  \"\": data/real.csv\n" + OUTCOME;
        assertThatThrownBy(() -> parse(empty)).satisfies(t -> assertThat(where(t))
                .startsWith(at(empty, 3, "\"\"") + "a file tag must not be empty"));
        String mark = "model: m.mdl\nfile_tags:\n  mytag.csv: data/real.csv\n  \"? \": data/real.csv\n" + OUTCOME;
        assertThatThrownBy(() -> parse(mark)).satisfies(t -> assertThat(where(t))
                .startsWith(at(mark, 4, "\"?") + "a file tag must not be empty"));
    }

    @Test
    void aTagMappedTwiceIgnoringCaseIsAnError() {
        String text = "model: m.mdl\nfile_tags:\n  mytag.csv: data/real.csv\n  MYTAG.csv: mytag.csv\n" + OUTCOME;
        assertThatThrownBy(() -> parse(text)).satisfies(t -> assertThat(where(t))
                .isEqualTo(at(text, 4, "MYTAG") + "the file tag 'MYTAG.csv' is mapped twice (tags ignore case, as in Vensim); first at line 3"));
    }

    @Test
    void aMissingFileIsAnErrorAtItsName() {
        String text = "model: m.mdl\nfile_tags:\n  mytag.csv: data/absent.csv\n" + OUTCOME;
        assertThatThrownBy(() -> parse(text)).satisfies(t -> assertThat(where(t))
                .isEqualTo(at(text, 3, "data/") + "the file of tag 'mytag.csv': no such file: data/absent.csv (paths are relative to the study's folder)"));
        String blank = "model: m.mdl\nfile_tags:\n  mytag.csv: \" \"\n" + OUTCOME;
        assertThatThrownBy(() -> parse(blank)).satisfies(t -> assertThat(where(t))
                .isEqualTo(at(blank, 3, "\" \"") + "the file of tag 'mytag.csv' must not be empty"));
        String none = "model: m.mdl\nfile_tags:\n  mytag.csv:\n" + OUTCOME;
        assertThatThrownBy(() -> parse(none)).satisfies(t -> assertThat(where(t))
                .startsWith(study + ":3:").contains("the file of tag 'mytag.csv' must be text, got an empty value"));
    }

    @Test
    void aFolderIsNotAFile() {
        String text = "model: m.mdl\nfile_tags:\n  mytag.csv: data\n" + OUTCOME;
        assertThatThrownBy(() -> parse(text)).satisfies(t -> assertThat(where(t))
                .isEqualTo(at(text, 3, "data") + "the file of tag 'mytag.csv': data is not a regular file"));
    }

    @Test
    void aFileOutsideTheModelsFolderIsRefusedUnlessItsFolderIsAllowed() throws IOException {
        Path modelDir = Files.createDirectories(dir.resolve("model"));
        Files.writeString(modelDir.resolve("m.mdl"), MODEL);
        String text = "model: model/m.mdl\nfile_tags:\n  mytag.csv: data/real.csv\n" + OUTCOME;
        assertThatThrownBy(() -> parse(text)).satisfies(t -> assertThat(where(t))
                .isEqualTo(at(text, 3, "data/") + "the file of tag 'mytag.csv': real.csv: outside the model's folder; models read only files "
                        + "in their own folder or below (dlab --allow-files DIR allows another folder)"));
        // as --file-tag: a folder allowed with --allow-files may be read
        FileAccess.allow(dir.resolve("data"));
        assertThat(doubled(BoundStudy.bind(parse(text)))).isEqualTo(42.0);
    }

    @Test
    void atMost256Tags() {
        StringBuilder many = new StringBuilder("model: m.mdl\nfile_tags:\n");
        for (int i = 0; i <= Study.MAX_FILE_TAGS; i++) many.append("  t").append(i).append(".csv: data/real.csv\n");
        String text = many + OUTCOME;
        assertThatThrownBy(() -> parse(text)).satisfies(t -> assertThat(where(t))
                .isEqualTo(study + ":3:3: file_tags maps 257 tags; a study may map at most 256"));
        StringBuilder enough = new StringBuilder("model: m.mdl\nfile_tags:\n");
        for (int i = 0; i < Study.MAX_FILE_TAGS; i++) enough.append("  t").append(i).append(".csv: data/real.csv\n");
        assertThat(parse(enough + OUTCOME).fileTags()).hasSize(256);
    }

    @Test
    void theOldConstructorsMeanNoTags() {
        Study s = parse("model: m.mdl\nfile_tags:\n  mytag.csv: data/real.csv\n" + OUTCOME);
        Study old = new Study(s.file(), s.text(), s.model(), s.modelPos(), s.time(), s.uncertainties(), s.levers(), s.policies(), s.outcomes(),
                s.constraints(), s.presentation());
        assertThat(old.fileTags()).isEmpty();
        assertThat(doubled(BoundStudy.bind(old))).isEqualTo(2.0);
    }
}
