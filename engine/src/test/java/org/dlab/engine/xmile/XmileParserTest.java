package org.dlab.engine.xmile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dlab.engine.ModelException;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.ir.IntegrationMethod;
import org.dlab.engine.run.SimResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small XMILE models for what the test-models suite covers thinly or not at all. */
class XmileParserTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    /** A model of the given variables (and optional extra top-level XML) from 0 to 4, DT 1. */
    private static String doc(String extra, String variables) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                + "<xmile version=\"1.0\" xmlns=\"http://docs.oasis-open.org/xmile/ns/XMILE/v1.0\">\n"
                + "<header><vendor>test</vendor></header>\n"
                + "<sim_specs><start>0</start><stop>4</stop><dt>1</dt></sim_specs>\n"
                + extra
                + "<model><variables>\n" + variables + "</variables></model>\n</xmile>\n";
    }

    private SimResult run(String extra, String variables) throws IOException {
        return ModelLoader.load(write("m.xmile", doc(extra, variables))).newRun().simulate();
    }

    private ModelException error(String text) throws IOException {
        Path f = write("bad.xmile", text);
        try {
            ModelLoader.load(f);
        } catch (ModelException e) {
            assertThat(e.describe()).doesNotContain("\n");
            return e;
        }
        throw new AssertionError("expected a ModelException");
    }

    @Test
    void stocksIntegrateInflowsMinusOutflows() throws IOException {
        SimResult r = run("", "<stock name=\"Tank\"><eqn>10</eqn><inflow>fill</inflow><outflow>\"Drain Rate\"</outflow></stock>\n"
                + "<flow name=\"fill\"><eqn>3</eqn></flow><flow name=\"Drain_Rate\"><eqn>Tank * 0.5</eqn></flow>\n");
        assertThat(r.valueAt("Tank", 1)).isEqualTo(10 + 3 - 5);
        assertThat(r.valueAt("Tank", 2)).isEqualTo(8 + 3 - 4);
        assertThat(r.valueAt("INITIAL TIME", 0)).isEqualTo(0);
        assertThat(r.valueAt("FINAL TIME", 0)).isEqualTo(4);
    }

    @Test
    void operatorsFollowXmilePrecedence() throws IOException {
        SimResult r = run("", "<aux name=\"a\"><eqn>-2^2</eqn></aux><aux name=\"b\"><eqn>2 + 3 * 4 MOD 5</eqn></aux>\n"
                + "<aux name=\"c\"><eqn>IF a &lt; 0 AND NOT b = 0 THEN 1 ELSE IF a &gt; 0 THEN 2 ELSE 3</eqn></aux>\n"
                + "<aux name=\"d\"><eqn>1 + IF TIME &gt;= 2 THEN 10 ELSE 20 + 5 {a comment}</eqn></aux>\n"
                + "<aux name=\"e\"><eqn>.5e1 + 1E-1</eqn></aux>\n");
        assertThat(r.valueAt("a", 0)).isEqualTo(-4);
        assertThat(r.valueAt("b", 0)).isEqualTo(2 + 12 % 5);
        assertThat(r.valueAt("c", 0)).isEqualTo(1);
        assertThat(r.valueAt("d", 0)).isEqualTo(26);
        assertThat(r.valueAt("d", 2)).isEqualTo(11);
        assertThat(r.valueAt("e", 0)).isCloseTo(5.1, within(1e-12));
    }

    @Test
    void namesAreCaseInsensitiveWithUnderscoresAsSpacesAndEscapedNewlines() throws IOException {
        SimResult r = run("", "<aux name=\"Birth\\nRate\"><eqn>2</eqn></aux><aux name=\"twice\"><eqn>BIRTH_rate * 2</eqn></aux>\n");
        assertThat(r.names()).contains("Birth Rate");
        assertThat(r.valueAt("twice", 0)).isEqualTo(4);
    }

    @Test
    void reciprocalDtAndTheIntegrationMethodComeFromSimSpecs() throws IOException {
        String text = doc("", "<stock name=\"s\"><eqn>0</eqn><inflow>f</inflow></stock><flow name=\"f\"><eqn>TIME</eqn></flow>\n"
                + "<aux name=\"step\"><eqn>DT</eqn></aux><aux name=\"span\"><eqn>STOPTIME - STARTTIME</eqn></aux>\n")
                .replace("<sim_specs>", "<sim_specs method=\"RK4\">").replace("<dt>1</dt>", "<dt reciprocal=\"true\">4</dt>");
        Path f = write("m.STMX", text);
        assertThat(ModelLoader.parse(f).method()).isEqualTo(IntegrationMethod.RK4);
        SimResult r = ModelLoader.load(f).newRun().simulate();
        assertThat(r.valueAt("step", 0)).isEqualTo(0.25);
        assertThat(r.valueAt("span", 0)).isEqualTo(4);
        // RK4 integrates TIME exactly: t^2 / 2
        assertThat(r.valueAt("s", 2)).isCloseTo(2, within(1e-9));
    }

    @Test
    void nonNegativeStocksClipAndUniflowsNeverRunBackwards() throws IOException {
        SimResult r = run("<behavior><flow><non_negative/></flow></behavior>\n",
                "<stock name=\"s\"><eqn>1</eqn><outflow>out</outflow><non_negative/></stock>\n"
                        + "<flow name=\"out\"><eqn>2</eqn><non_negative>false</non_negative></flow>\n"
                        + "<flow name=\"uni\"><eqn>-3</eqn></flow>\n");
        assertThat(r.valueAt("s", 1)).isEqualTo(0);
        assertThat(r.valueAt("uni", 0)).isEqualTo(0);
        assertThat(r.valueAt("out", 0)).isEqualTo(2);
    }

    @Test
    void graphicalFunctionsInterpolateExtrapolateOrStep() throws IOException {
        String pts = "<xpts>0,10</xpts><ypts>0,100</ypts>";
        SimResult r = run("", "<aux name=\"cont\"><eqn>20</eqn><gf>" + pts + "</gf></aux>\n"
                + "<aux name=\"extra\"><eqn>20</eqn><gf type=\"extrapolate\">" + pts + "</gf></aux>\n"
                + "<aux name=\"disc\"><eqn>5</eqn><gf type=\"discrete\">" + pts + "</gf></aux>\n"
                + "<gf name=\"table\"><xscale min=\"0\" max=\"4\"/><ypts>0;1;4;9;16</ypts></gf>\n".replace("<ypts>", "<ypts sep=\";\">")
                + "<aux name=\"called\"><eqn>table(TIME + 0.5) + LOOKUP(table, 1)</eqn></aux>\n");
        assertThat(r.valueAt("cont", 0)).isEqualTo(100);
        assertThat(r.valueAt("extra", 0)).isEqualTo(200);
        assertThat(r.valueAt("disc", 0)).isEqualTo(0);
        assertThat(r.valueAt("called", 1)).isEqualTo(2.5 + 1);
    }

    @Test
    void arraysApplyToAllWithImplicitSubscriptsElementsAndReductions() throws IOException {
        String dims = "<dimensions><dim name=\"Region\"><elem name=\"north\"/><elem name=\"south\"/></dim><dim name=\"N\" size=\"3\"/></dimensions>\n";
        SimResult r = run(dims, "<aux name=\"pop\"><dimensions><dim name=\"Region\"/></dimensions>"
                + "<element subscript=\"north\"><eqn>10</eqn></element><element subscript=\"south\"><eqn>30</eqn></element></aux>\n"
                + "<aux name=\"double\"><dimensions><dim name=\"Region\"/></dimensions><eqn>pop * 2</eqn></aux>\n"
                + "<aux name=\"total\"><eqn>SUM(pop[*])</eqn></aux><aux name=\"avg\"><eqn>MEAN(pop[*])</eqn></aux>\n"
                + "<aux name=\"biggest\"><eqn>MAX(pop[Region])</eqn></aux><aux name=\"count\"><eqn>SIZE(pop)</eqn></aux>\n"
                + "<aux name=\"sd\"><eqn>STDDEV(pop[*])</eqn></aux><aux name=\"r\"><eqn>RANK(-pop[*], 1)</eqn></aux>\n"
                + "<aux name=\"v\"><dimensions><dim name=\"N\"/></dimensions><eqn>1, 2, 3</eqn></aux>\n"
                + "<aux name=\"third\"><eqn>v[3] + pop[south]</eqn></aux>\n"
                + "<stock name=\"acc\"><dimensions><dim name=\"Region\"/></dimensions><eqn>pop</eqn><inflow>growth</inflow></stock>\n"
                + "<flow name=\"growth\"><dimensions><dim name=\"Region\"/></dimensions><eqn>acc * 0.1</eqn></flow>\n");
        assertThat(r.valueAt("double[south]", 0)).isEqualTo(60);
        assertThat(r.valueAt("total", 0)).isEqualTo(40);
        assertThat(r.valueAt("avg", 0)).isEqualTo(20);
        assertThat(r.valueAt("biggest", 0)).isEqualTo(30);
        assertThat(r.valueAt("count", 0)).isEqualTo(2);
        assertThat(r.valueAt("sd", 0)).isEqualTo(10);
        assertThat(r.valueAt("r", 0)).isEqualTo(2);
        assertThat(r.valueAt("third", 0)).isEqualTo(33);
        assertThat(r.valueAt("acc[north]", 1)).isCloseTo(11, within(1e-12));
    }

    @Test
    void modulesAreFlattenedUnderTheirInstanceNameAndFedThroughConnections() throws IOException {
        String text = "<xmile version=\"1.0\"><header/><sim_specs><start>0</start><stop>2</stop><dt>1</dt></sim_specs>\n"
                + "<model><variables><module name=\"pop\"><connect to=\"pop.rate\" from=\".growth rate\"/></module>\n"
                + "<aux name=\"growth rate\"><eqn>0.5</eqn></aux><aux name=\"seen\"><eqn>pop.people</eqn></aux></variables></model>\n"
                + "<model name=\"pop\"><variables><stock name=\"people\"><eqn>100</eqn><inflow>births</inflow></stock>\n"
                + "<flow name=\"births\"><eqn>people * rate</eqn></flow><aux name=\"rate\" access=\"input\"><eqn>0</eqn></aux></variables></model>\n"
                + "</xmile>\n";
        SimResult r = ModelLoader.load(write("mod.xmile", text)).newRun().simulate();
        assertThat(r.valueAt("pop.people", 1)).isEqualTo(150);
        assertThat(r.valueAt("pop.rate", 0)).isEqualTo(0.5);
        assertThat(r.valueAt("seen", 2)).isEqualTo(225);
    }

    @Test
    void macrosExpandLikeFunctions() throws IOException {
        SimResult r = run("<macro name=\"twice plus\"><parm>x</parm><parm>y</parm><eqn>2 * x + y</eqn></macro>\n",
                "<aux name=\"m\"><eqn>twice_plus(3, TIME)</eqn></aux>\n");
        assertThat(r.valueAt("m", 2)).isEqualTo(8);
    }

    @Test
    void xmileBuiltinsMapOntoTheLibrary() throws IOException {
        SimResult r = run("", "<flow name=\"p\"><eqn>PULSE(10, 1, 2)</eqn></flow><aux name=\"d\"><eqn>DELAY(TIME, 2)</eqn></aux>\n"
                + "<aux name=\"d0\"><eqn>DELAY(TIME, 2, -1)</eqn></aux><aux name=\"prev\"><eqn>PREVIOUS(TIME * 10, 7)</eqn></aux>\n"
                + "<aux name=\"safe\"><eqn>SAFEDIV(1, 0, 9) + SAFEDIV(6, 3)</eqn></aux><aux name=\"first\"><eqn>INIT(TIME + 5)</eqn></aux>\n"
                + "<aux name=\"sm\"><eqn>SMTH1(10, 1, 0)</eqn></aux><aux name=\"dn\"><eqn>DELAYN(4, 2, 2)</eqn></aux>\n"
                + "<aux name=\"mx\"><eqn>MAX(1, 7, 3) + MIN(4, 2, 9)</eqn></aux><aux name=\"st\"><eqn>STEP(3, 2) + RAMP(1, 3)</eqn></aux>\n");
        assertThat(r.valueAt("p", 0)).isEqualTo(0);
        assertThat(r.valueAt("p", 1)).isEqualTo(10);
        assertThat(r.valueAt("p", 2)).isEqualTo(0);
        assertThat(r.valueAt("p", 3)).isEqualTo(10);
        assertThat(r.valueAt("d", 1)).isEqualTo(0);
        assertThat(r.valueAt("d", 3)).isEqualTo(1);
        assertThat(r.valueAt("d0", 1)).isEqualTo(-1);
        assertThat(r.valueAt("prev", 0)).isEqualTo(7);
        assertThat(r.valueAt("prev", 3)).isEqualTo(20);
        assertThat(r.valueAt("safe", 0)).isEqualTo(11);
        assertThat(r.valueAt("first", 3)).isEqualTo(5);
        assertThat(r.valueAt("sm", 1)).isEqualTo(10);
        assertThat(r.valueAt("dn", 0)).isEqualTo(4);
        assertThat(r.valueAt("mx", 0)).isEqualTo(9);
        assertThat(r.valueAt("st", 4)).isEqualTo(4);
    }

    @Test
    void randomBuiltinsDrawInRangeAndRepeatWithTheSeed() throws IOException {
        String vars = "<aux name=\"u\"><eqn>RANDOM(2, 3)</eqn></aux><aux name=\"n\"><eqn>NORMAL(10, 0)</eqn></aux>\n"
                + "<aux name=\"p\"><eqn>POISSON(3)</eqn></aux><aux name=\"e\"><eqn>EXPRND(2)</eqn></aux>\n"
                + "<aux name=\"l\"><eqn>LOGNORMAL(5, 0)</eqn></aux><aux name=\"t\"><eqn>TRIANGULAR(1, 2, 4)</eqn></aux>\n";
        var model = ModelLoader.load(write("r.xmile", doc("", vars)));
        SimResult a = model.newRun().seed(7).simulate();
        SimResult b = model.newRun().seed(7).simulate();
        for (double t = 0; t <= 4; t++) {
            assertThat(a.valueAt("u", t)).isBetween(2.0, 3.0).isEqualTo(b.valueAt("u", t));
            assertThat(a.valueAt("p", t)).isGreaterThanOrEqualTo(0).isEqualTo(Math.rint(a.valueAt("p", t)));
            assertThat(a.valueAt("e", t)).isGreaterThanOrEqualTo(0);
            assertThat(a.valueAt("t", t)).isBetween(1.0, 4.0);
        }
        assertThat(a.valueAt("n", 2)).isEqualTo(10);
        assertThat(a.valueAt("l", 2)).isCloseTo(5, within(1e-9));
    }

    // ---- bad input: one line, file:line:col ----

    @Test
    void anEntityExpansionBombIsRefused() throws IOException {
        String bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
                + " <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
                + " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n]>\n"
                + "<xmile><model><variables><aux name=\"a\"><eqn>&lol3;</eqn></aux></variables></model></xmile>\n";
        ModelException e = error(bomb);
        assertThat(e.getMessage()).contains("DOCTYPE");
        assertThat(e.pos().line()).isGreaterThan(0);
    }

    @Test
    void anExternalEntityIsNeverRead() throws IOException {
        Path secret = write("secret.txt", "42");
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<xmile><sim_specs><stop>1</stop></sim_specs><model><variables><aux name=\"a\"><eqn>&xxe;</eqn></aux></variables></model></xmile>\n";
        ModelException e = error(xxe);
        assertThat(e.getMessage()).contains("DOCTYPE").doesNotContain("42");
    }

    @Test
    void malformedXmlNamesWhereItBreaks() throws IOException {
        ModelException e = error("<xmile>\n<model>\n  <variables><aux name=\"a\"><eqn>1</eqn></variables>\n</model></xmile>\n");
        assertThat(e.pos().line()).isEqualTo(3);
        assertThat(e.getMessage()).startsWith("malformed XML");
    }

    @Test
    void equationErrorsPointIntoTheEquationPastEntities() throws IOException {
        // the '&lt;' counts four characters in the file, one in the equation
        ModelException e = error(doc("", "<aux name=\"a\">\n  <eqn>1 &lt; 2 + FOO(3)</eqn></aux>\n"));
        assertThat(e.getMessage()).contains("unknown function 'FOO'");
        assertThat(e.pos().line()).isEqualTo(7);
        assertThat(e.pos().column()).isEqualTo(19);
        ModelException syntax = error(doc("", "<aux name=\"a\"><eqn>1 +\n * 2</eqn></aux>\n"));
        assertThat(syntax.pos().line()).isEqualTo(7);
        assertThat(syntax.pos().column()).isEqualTo(2);
    }

    @Test
    void missingDimensionsAndUndefinedNamesAreReported() throws IOException {
        ModelException dim = error(doc("", "<aux name=\"a\"><dimensions><dim name=\"Nowhere\"/></dimensions><eqn>1</eqn></aux>\n"));
        assertThat(dim.getMessage()).contains("unknown dimension 'Nowhere'");
        assertThat(dim.pos().line()).isEqualTo(6);
        ModelException name = error(doc("", "<aux name=\"a\"><eqn>b + 1</eqn></aux>\n"));
        assertThat(name.getMessage()).contains("undefined name 'b'");
        assertThat(name.pos().column()).isEqualTo(20);
    }

    @Test
    void ovensAreRefusedRatherThanIntegratedAsPlainStocks() throws IOException {
        // conveyors and queues run now (ConveyorTest, QueueTest); ovens are still refused at their element
        ModelException e = error(doc("", "<stock name=\"belt\"><eqn>0</eqn><oven/></stock>\n"));
        assertThat(e.getMessage()).startsWith("oven stocks are not supported: ");
        assertThat(e.pos().line()).isEqualTo(6);
    }

    @Test
    void absurdlyDeepNestingIsAnErrorNotAStackOverflow() throws IOException {
        String deep = "(".repeat(5000) + "1" + ")".repeat(5000);
        assertThat(error(doc("", "<aux name=\"a\"><eqn>" + deep + "</eqn></aux>\n")).getMessage()).contains("nests more than");
        assertThat(error(doc("", "<aux name=\"a\"><eqn>" + "-".repeat(5000) + "1</eqn></aux>\n")).getMessage()).contains("nests more than");
    }

    @Test
    void notAnXmileFileIsSaidSo() throws IOException {
        assertThat(error("<html><body/></html>").getMessage()).contains("not an XMILE file");
        assertThatThrownBy(() -> ModelLoader.parse(write("m.txt", "x"))).isInstanceOf(ModelException.class)
                .hasMessageContaining(".stmx");
    }
}
