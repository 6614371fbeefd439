package org.dlab.workbench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.dlab.workbench.Exploration;
import org.dlab.workbench.TestModels;
import org.dlab.workbench.run.Progress;
import org.dlab.workbench.study.BoundStudy;
import org.dlab.workbench.study.Study;
import org.dlab.workbench.study.StudyParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store reads back as the study that wrote it: the reference is the parsed study file itself. */
class StoredStudyTest {
    @TempDir Path tmp;

    private BoundStudy sir() {
        return BoundStudy.bind(StudyParser.parse(TestModels.resource("sir-study.yaml")));
    }

    private Path explore(BoundStudy study, boolean series) {
        Path db = tmp.resolve(series ? "s.duckdb" : "n.duckdb");
        new Exploration(study, Exploration.Settings.defaults(db).withN(8).withThreads(1).withSeries(series ? 5 : Double.NaN)).run(Progress.NONE);
        return db;
    }

    @Test
    void theStoreGivesBackTheStudysDefinitions() throws Exception {
        BoundStudy sir = sir();
        Path db = explore(sir, true);
        StoredStudy s;
        try (Connection c = ResultsStore.openReadOnly(db)) {
            s = StoredStudy.read(c);
        }
        Study study = sir.study();
        assertThat(s.outcomes()).hasSize(study.outcomes().size());
        for (int i = 0; i < study.outcomes().size(); i++) {
            Study.Outcome want = study.outcomes().get(i);
            Study.Outcome got = s.outcomes().get(i);
            assertThat(got.name()).isEqualTo(want.name());
            assertThat(got.variable()).isEqualTo(want.variable());
            // the reduction itself, not its text: at 20.5 and first above 100 carry their numbers back
            assertThat(got.reduce()).isEqualTo(want.reduce());
            assertThat(got.kind()).isEqualTo(want.kind());
            assertThat(Double.compare(got.threshold(), want.threshold())).as(want.name()).isZero();
        }
        assertThat(s.policies()).isEqualTo(sir.policies().stream().map(Study.Policy::name).toList());
        assertThat(s.uncertainties()).isEqualTo(study.uncertainties().stream().map(Study.Uncertainty::name).toList());
        assertThat(s.inputs().stream().filter(StoredStudy.Input::isLever).map(StoredStudy.Input::name).toList())
                .isEqualTo(study.levers().stream().map(Study.Lever::name).toList());
        assertThat(s.hasSeries()).isTrue();
        assertThat(s.seriesVariables()).contains("Infected", "Burden[South]");
        assertThat(s.hasDiscoveries()).isFalse();
        assertThat(s.provenance()).containsKey("study_sha256").containsEntry("n", "8");
        assertThat(List.copyOf(s.provenance().keySet())).isSorted();
    }

    @Test
    void withoutSeriesThereAreNoSeriesVariables() throws Exception {
        Path db = explore(sir(), false);
        try (Connection c = ResultsStore.openReadOnly(db)) {
            StoredStudy s = StoredStudy.read(c);
            assertThat(s.hasSeries()).isFalse();
            assertThat(s.seriesVariables()).isEmpty();
        }
    }

    @Test
    void aDefinitionThatDoesNotReadBackIsAnErrorNamingTheOutcome() throws Exception {
        Path db = explore(sir(), false);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath()); Statement st = c.createStatement()) {
            st.execute("UPDATE outcome_definitions SET reduce = 'median' WHERE name = 'Mean recovered'");
        }
        try (Connection c = ResultsStore.openReadOnly(db)) {
            assertThatThrownBy(() -> StoredStudy.read(c)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("outcome_definitions").hasMessageContaining("'Mean recovered'").hasMessageContaining("'median'");
        }
    }

    @Test
    void quotingDoublesInnerQuotes() {
        assertThat(SqlIdentifier.quote("Burden[South]")).isEqualTo("\"Burden[South]\"");
        assertThat(SqlIdentifier.quote("a \"b\" c")).isEqualTo("\"a \"\"b\"\" c\"");
    }
}
