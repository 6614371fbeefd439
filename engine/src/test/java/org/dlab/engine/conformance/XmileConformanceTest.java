package org.dlab.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.dlab.engine.SharedFolder;
import org.junit.jupiter.api.Test;

/**
 * Runs every XMILE model of the SDXorg test-models suite that has a canonical output: the
 * .xmile/.xml files and Stella's .stmx/.itmx files, reported separately as the team's scorer
 * does (--formats xmile and stmx). Fails when a case listed in xmile-passing.txt regresses.
 */
class XmileConformanceTest {
    @Test
    void everyXmileCaseMatchesItsCanonicalOutput() throws IOException {
        List<ConformanceSuite.Case> xmile = ConformanceSuite.run(SharedFolder.testModels(), List.of(".xmile", ".xml"));
        List<ConformanceSuite.Case> stmx = ConformanceSuite.run(SharedFolder.testModels(), List.of(".stmx", ".itmx"));
        String report = "xmile:\n" + ConformanceSuite.report(xmile) + "stmx:\n" + ConformanceSuite.report(stmx);
        System.out.print(report);
        ConformanceSuite.write("conformance-xmile.txt", report);
        List<ConformanceSuite.Case> all = new ArrayList<>(xmile);
        all.addAll(stmx);
        assertThat(ConformanceSuite.regressions(all, "/conformance/xmile-passing.txt"))
                .as("cases in xmile-passing.txt that no longer pass").isEmpty();
    }
}
