package org.dlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The equation text the Model page shows for XMILE variables, read from the file as written. */
class ModelStructureTest {
    @Test
    void anXmileAuxShowsItsEquationWithEntitiesDecoded() {
        String text = "<variables><aux name=\"a\"><eqn>IF x &gt; 1 THEN 2 ELSE 3</eqn><units>1</units></aux></variables>";
        assertThat(ModelStructure.xmileDefinition(text, text.indexOf("<aux"))).isEqualTo("IF x > 1 THEN 2 ELSE 3");
    }

    @Test
    void anXmileStockShowsItsFlowsAndInitialValue() {
        String text = "<stock name=\"s\">\n  <eqn>180</eqn>\n  <inflow>heating</inflow>\n  <outflow>Heat_Loss</outflow>\n</stock>";
        assertThat(ModelStructure.xmileDefinition(text, 0)).isEqualTo("INTEG(heating - Heat_Loss, 180)");
    }

    @Test
    void anElementWithoutItsEndTagShowsNothing() {
        assertThat(ModelStructure.xmileDefinition("<aux name=\"a\"><eqn>1</eqn>", 0)).isEmpty();
    }
}
