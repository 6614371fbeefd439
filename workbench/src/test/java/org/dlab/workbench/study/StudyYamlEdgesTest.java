package org.dlab.workbench.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.dlab.engine.ModelException;
import org.dlab.workbench.analysis.Discovery;
import org.junit.jupiter.api.Test;

/** YAML's special floats and aliases in a study, and non-finite discovery conditions: clear errors, never exit 1. */
class StudyYamlEdgesTest {
    private static final Path FILE = Path.of("target", "no-such-dir", "study.yaml");
    private static final String OUTCOME = "outcomes:\n  - {name: Peak, variable: Infected, kind: minimize}\n";

    private static String error(String text) {
        try {
            StudyParser.parse(FILE, text);
        } catch (ModelException e) {
            return e.describe();
        }
        throw new AssertionError("no error for:\n" + text);
    }

    @Test
    void yamlInfinityAndNanAreNotFiniteNumbers() {
        // was NumberFormatException (exit 1): YAML says .inf is a float, Java's parser does not know it
        for (String v : new String[] {".inf", "-.Inf", ".NaN", "+.INF"}) {
            String text = "model: sir.mdl\nuncertainties:\n  - {name: Infectivity, dist: uniform, low: 0, high: " + v + "}\n" + OUTCOME;
            assertThat(error(text)).as(v).isEqualTo(FILE + ":3:" + (text.split("\n")[2].indexOf(v) + 1) + ": high must be a finite number");
        }
    }

    @Test
    void aliasesAreRefusedNotStoredAsTheAnchorsName() {
        String text = "model: sir.mdl\nuncertainties:\n  - {name: &n Infectivity, dist: uniform, low: 0, high: 1}\n"
                + "levers:\n  - {name: *n, low: 0, high: 1, baseline: 0}\n" + OUTCOME;
        assertThat(error(text)).startsWith(FILE + ":5:").contains("YAML aliases (*n) are not supported");
    }

    @Test
    void discoveryConditionsNeedAFiniteNumber() {
        for (String c : new String[] {"> NaN", "<= Infinity", ">= -Infinity"}) {
            assertThatThrownBy(() -> Discovery.condition(c)).as(c).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be finite");
        }
        assertThat(Discovery.condition("> 0.5").test(0.6)).isTrue();
    }
}
