package org.dlab.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.dlab.engine.SharedFolder;
import org.junit.jupiter.api.Test;

/**
 * Runs every Vensim model of the SDXorg test-models suite that has a canonical output (scored by
 * {@link ConformanceSuite}). Prints one line per case and "N passed, N failed"; fails when a
 * case listed in vensim-passing.txt regresses.
 */
class VensimConformanceTest {
    @Test
    void everyVensimCaseMatchesItsCanonicalOutput() throws IOException {
        List<ConformanceSuite.Case> cases = ConformanceSuite.run(SharedFolder.testModels(), List.of(".mdl"));
        String report = ConformanceSuite.report(cases);
        System.out.print(report);
        ConformanceSuite.write("conformance-vensim.txt", report);
        assertThat(ConformanceSuite.regressions(cases, "/conformance/vensim-passing.txt"))
                .as("cases in vensim-passing.txt that no longer pass").isEmpty();
    }
}
