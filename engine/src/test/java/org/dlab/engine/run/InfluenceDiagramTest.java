package org.dlab.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.vensim.VensimParser;
import org.junit.jupiter.api.Test;

class InfluenceDiagramTest {
    private static Model model(String eqs) {
        String text = "{UTF-8}\n" + eqs + "\nINITIAL TIME = 0 ~ ~ |\nFINAL TIME = 20 ~ ~ |\nTIME STEP = 0.25 ~ ~ |\nSAVEPER = 1 ~ ~ |\n";
        return ModelLoader.compile(VensimParser.parse("m.mdl", text, Path.of(".")));
    }

    @Test
    void predatorPreyHasTheTextbookPolarities() {
        Model m = model("""
                Prey = INTEG(prey births - predation, 100) ~ ~ |
                Predators = INTEG(predator births - predator deaths, 10) ~ ~ |
                prey births = 0.5 * Prey ~ ~ |
                predation = 0.01 * Prey * Predators ~ ~ |
                predator births = 0.002 * Prey * Predators ~ ~ |
                predator deaths = 0.3 * Predators ~ ~ |
                """);
        InfluenceDiagram d = InfluenceDiagram.of(m, 10);
        assertThat(d.edges()).contains(
                new InfluenceDiagram.Edge("Prey", "Predators", 1),
                new InfluenceDiagram.Edge("Predators", "Prey", -1));
        // the predator-prey loop is balancing: + times -
        assertThat(d.loops(4, 100)).anySatisfy(l -> {
            assertThat(l.nodes()).containsExactlyInAnyOrder("Prey", "Predators");
            assertThat(l.polarity()).isEqualTo(-1);
        });
    }

    @Test
    void aSmoothedPerceptionIsOneNodeInTheLoop() {
        Model m = model("""
                Inventory = INTEG(production - 10, 50) ~ ~ |
                perceived inventory = SMOOTH3(Inventory, 2) ~ ~ |
                production = MAX(0, 10 + (60 - perceived inventory) / 4) ~ ~ |
                """);
        InfluenceDiagram d = InfluenceDiagram.of(m, 10);
        assertThat(d.nodes()).containsExactly("Inventory", "perceived inventory");
        assertThat(d.edges()).contains(
                new InfluenceDiagram.Edge("Inventory", "perceived inventory", 1),
                new InfluenceDiagram.Edge("perceived inventory", "Inventory", -1));
        assertThat(d.toDot("m")).contains("\"perceived inventory\" [shape=ellipse]").contains("\"Inventory\" [shape=box]");
    }

    @Test
    void withoutSinksKeepsTheFeedbackCore() {
        Model m = model("""
                Workers = INTEG(Work / 10 - Workers / 5, 10) ~ ~ |
                Work = INTEG(5 - Workers / 2, 20) ~ ~ |
                Lone = INTEG(-Lone / 3, 1) ~ ~ |
                Total = INTEG(Workers, 0) ~ ~ |
                """);
        InfluenceDiagram d = InfluenceDiagram.of(m, 5);
        assertThat(d.nodes()).containsExactly("Workers", "Work", "Lone", "Total");
        // Total feeds nothing; Lone feeds only itself: neither belongs to the feedback core
        assertThat(d.withoutSinks().nodes()).containsExactly("Workers", "Work");
    }

    @Test
    void namesAreEscapedInDot() {
        assertThat(InfluenceDiagram.quote("a \"b\" \\ c")).isEqualTo("\"a \\\"b\\\" \\\\ c\"");
    }
}
