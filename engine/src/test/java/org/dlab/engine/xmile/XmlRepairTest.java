package org.dlab.engine.xmile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dlab.engine.ModelException;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.run.SimResult;
import org.junit.jupiter.api.Test;

/** The two repairs --repair-xml makes, their reports, and what it leaves for the strict parser. */
class XmlRepairTest {
    private static final String HEAD = "<xmile version=\"1.0\"><sim_specs><start>0</start><stop>2</stop><dt>1</dt></sim_specs>\n<model><variables>\n";

    @Test
    void aVariableLeftOpenIsClosedWhereTheNextOneStarts() {
        String text = HEAD + "<flow name=\"f\"><eqn>1</eqn><non_negative>FALSE</non_negative>\n"
                + "<stock name=\"s\"><inflow>f</inflow><eqn>10</eqn></stock>\n</variables></model></xmile>\n";
        assertThatThrownBy(() -> XmileParser.parse("m.xmile", text, null)).isInstanceOf(ModelException.class)
                .hasMessageContaining("malformed XML");
        XmlRepair.Result r = XmlRepair.repair("m.xmile", text);
        assertThat(r.repairs()).containsExactly("m.xmile:3:1: <flow name=\"f\"> was not closed; closed it before <stock> at 4:1");
        SimResult run = ModelLoader.compile(XmileParser.parse("m.xmile", r.text(), java.nio.file.Path.of("."))).newRun().simulate();
        assertThat(run.valueAt("s", 2)).isEqualTo(12);
    }

    @Test
    void anEndTagFurtherUpClosesTheElementsInBetween() {
        String text = HEAD + "<aux name=\"a\"><eqn>3</eqn>\n</variables></model></xmile>\n";
        XmlRepair.Result r = XmlRepair.repair("m.xmile", text);
        assertThat(r.repairs()).containsExactly("m.xmile:3:1: <aux name=\"a\"> was not closed; closed it before </variables> at 4:1");
        assertThat(ModelLoader.compile(XmileParser.parse("m.xmile", r.text(), java.nio.file.Path.of("."))).newRun().simulate().valueAt("a", 0)).isEqualTo(3);
    }

    @Test
    void wellFormedFilesAndMarkupInsideCommentsOrQuotesAreUntouched() {
        String text = HEAD + "<!-- <flow> --><aux name=\"a&gt;b\" note='x > <y'><eqn><![CDATA[1 <flow]]></eqn></aux>\n</variables></model></xmile>\n";
        XmlRepair.Result r = XmlRepair.repair("m.xmile", text);
        assertThat(r.repairs()).isEmpty();
        assertThat(r.text()).isSameAs(text);
    }

    @Test
    void aGraphicalFunctionInsideAVariableIsItsChildNotASibling() {
        String text = HEAD + "<aux name=\"a\"><eqn>TIME</eqn><gf><xscale min=\"0\" max=\"2\"/><ypts>0,1,4</ypts></gf></aux>\n"
                + "<gf name=\"g\"><xscale min=\"0\" max=\"1\"/><ypts>0,1</ypts></gf>\n</variables></model></xmile>\n";
        XmlRepair.Result r = XmlRepair.repair("m.xmile", text);
        assertThat(r.repairs()).isEmpty();
        assertThat(r.text()).isSameAs(text);
    }

    /** Every XMILE file of the test-models suite that is well-formed comes out of the repair untouched. */
    @Test
    void wellFormedSuiteFilesNeedNoRepair() throws java.io.IOException {
        java.nio.file.Path root = org.dlab.engine.SharedFolder.testModels();
        java.util.List<java.nio.file.Path> files;
        try (var walk = java.nio.file.Files.walk(root)) {
            files = walk.filter(f -> f.toString().toLowerCase(java.util.Locale.ROOT).matches(".*\\.(xmile|stmx|itmx)$")).sorted().toList();
        }
        int checked = 0;
        for (java.nio.file.Path f : files) {
            String text = java.nio.file.Files.readString(f, java.nio.charset.StandardCharsets.UTF_8);
            try {
                XmlTree.read(f.toString(), text);
            } catch (ModelException malformed) {
                continue;
            }
            checked++;
            assertThat(XmlRepair.repair(f.toString(), text).repairs()).as(f.toString()).isEmpty();
        }
        assertThat(checked).isGreaterThan(100);
    }

    @Test
    void whatItCannotRepairIsStillRefusedWithAPosition() {
        String text = HEAD + "<aux name=\"a\"><eqn>3</eqn></aux>\n</variables></model>\n"; // no </xmile>
        String repaired = XmlRepair.repair("m.xmile", text).text();
        assertThatThrownBy(() -> XmileParser.parse("m.xmile", repaired, null)).isInstanceOf(ModelException.class)
                .satisfies(e -> assertThat(((ModelException) e).describe()).startsWith("m.xmile:"));
    }
}
