package org.dlab.engine.xmile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dlab.engine.ModelException;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.run.SimResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the XMILE writer makes of Vensim structure: flows, diagrams, arrays, refusals. */
class XmileWriterTest {
    @TempDir
    Path dir;

    private String convert(String equations) throws IOException {
        Path f = dir.resolve("m.mdl");
        Files.writeString(f, "{UTF-8}\n" + equations
                + "INITIAL TIME = 0 ~ Year ~|\nFINAL TIME = 4 ~ Year ~|\nTIME STEP = 0.5 ~ Year [0,?] ~|\nSAVEPER = TIME STEP ~~|\n");
        return XmileWriter.write(ModelLoader.parse(f));
    }

    private SimResult reread(String xml) {
        return ModelLoader.compile(XmileParser.parse("m.xmile", xml, dir)).newRun().simulate();
    }

    @Test
    void aStocksRateBecomesNamedInflowsOutflowsAndANetFlowForTheRest() throws IOException {
        String xml = convert("pop = INTEG(births - deaths + 0.5 * x, 100) ~ people ~|\nbirths = pop * 0.1 ~~|\n"
                + "deaths = pop / 20 ~~|\nx = 2 ~~|\n");
        assertThat(xml).contains("<stock name=\"pop\">").contains("<inflow>births</inflow>").contains("<outflow>deaths</outflow>")
                .contains("<flow name=\"births\">").contains("<flow name=\"pop net flow\">").contains("<eqn>0.5 * x</eqn>")
                .contains("<inflow>pop_net_flow</inflow>").contains("<units>people/Year</units>")
                .contains("time_units=\"Year\"").contains("<dt>0.5</dt>");
        // the diagram: a stock, three pipes into or out of it, the aux, connectors into the flows
        assertThat(xml).contains("<stock name=\"pop\" x=").contains("<flow name=\"births\" x=").contains("<pts>")
                .contains("<aux name=\"x\" x=").contains("<from>x</from>").contains("<to>pop_net_flow</to>")
                .doesNotContain("<aux name=\"TIME_STEP\" x=");
        SimResult r = reread(xml);
        assertThat(r.valueAt("pop", 0.5)).isEqualTo(100 + 0.5 * (10 - 5 + 1));
    }

    @Test
    void vensimPulseIsSpelledOutBecauseXmilePulseMeansSomethingElse() throws IOException {
        String xml = convert("p = PULSE(1, 1) ~~|\nl = LOG(8, 2) ~~|\ns = SMOOTH N(p, 2, 0, 3) ~~|\n");
        assertThat(xml).contains("IF TIME + DT / 2 &gt; 1 AND").contains("LN(8) / LN(2)").contains("SMTHN(p, 2, 3, 0)");
        SimResult r = reread(xml);
        assertThat(r.valueAt("p", 0.5)).isEqualTo(0);
        assertThat(r.valueAt("p", 1)).isEqualTo(1);
        assertThat(r.valueAt("p", 1.5)).isEqualTo(1);
        assertThat(r.valueAt("p", 2)).isEqualTo(0);
        assertThat(r.valueAt("l", 0)).isEqualTo(3);
    }

    @Test
    void piecewiseArraysAreWrittenElementByElementWithTheirRangesResolved() throws IOException {
        String xml = convert("dim: a1, a2, a3 ~~|\nsub: a1, a2 ~~|\nv[sub] = sub * 10 ~~|\nv[a3] = 7 ~~|\n"
                + "w[dim] = v[dim] + 1 ~~|\ntotal = SUM(w[dim!]) ~~|\ntab([(0,0)-(2,2)], (0,0), (2,2)) ~~|\n"
                + "lk = WITH LOOKUP(Time, ((0,1), (4,5))) + tab(1) ~~|\n");
        assertThat(xml).contains("<element subscript=\"a2\">").contains("<eqn>a2 * 10</eqn>").contains("<eqn>SUM(w[*])</eqn>")
                .contains("<gf name=\"tab\">").contains("<gf name=\"lookup table 1\">").contains("lookup_table_1(Time) + tab(1)");
        SimResult r = reread(xml);
        assertThat(r.valueAt("v[a2]", 0)).isEqualTo(20);
        assertThat(r.valueAt("total", 0)).isEqualTo(11 + 21 + 8);
        assertThat(r.valueAt("lk", 2)).isEqualTo(3 + 1);
    }

    @Test
    void whatXmileCannotSayIsRefusedWithItsPosition() throws IOException {
        assertThatThrownBy(() -> convert("c = GET DIRECT CONSTANTS('in.csv', ',', 'B2') ~~|\n"))
                .isInstanceOf(ModelException.class).hasMessageContaining("cannot be written as XMILE")
                .satisfies(e -> assertThat(((ModelException) e).pos().line()).isEqualTo(2));
    }

    @Test
    void vensimOnlyFunctionsAreWrittenInXmileTermsWithTheSameNumbers() throws IOException {
        String eqs = "a = Time - 2 ~~|\nz = ZIDZ(1, a) ~~|\nx = XIDZ(3, a - 1e-7, 9) ~~|\n"
                + "pt = PULSE TRAIN(0.5, 0.5, 1.5, 3.5) ~~|\nr = RAMP(2, 1, 2.5) ~~|\nq = QUANTUM(a * 3.3, 2) ~~|\n"
                + "w = POWER(2, a) ~~|\ng = GAME(a) ~~|\nh = TANH(a) + SINH(a) - COSH(a) ~~|\n"
                + "d = DELAY N(a, 2, 1, 2) ~~|\n";
        Path f = dir.resolve("m.mdl");
        Files.writeString(f, "{UTF-8}\n" + eqs
                + "INITIAL TIME = 0 ~ Year ~|\nFINAL TIME = 4 ~ Year ~|\nTIME STEP = 0.5 ~ Year [0,?] ~|\nSAVEPER = TIME STEP ~~|\n");
        XmileWriter.Conversion c = XmileWriter.convert(ModelLoader.parse(f));
        assertThat(c.foreignFunctions()).isEmpty();
        assertThat(c.xml()).doesNotContain("ZIDZ").doesNotContain("PULSE_TRAIN").doesNotContain("QUANTUM")
                .doesNotContain("POWER").doesNotContain("TANH").contains("DELAYN(a, 2, 2, 1)");
        SimResult mdl = ModelLoader.compile(ModelLoader.parse(f)).newRun().simulate();
        SimResult xmile = reread(c.xml());
        for (String v : java.util.List.of("z", "x", "pt", "r", "q", "w", "g", "h", "d")) {
            for (double t = 0; t <= 4; t += 0.5) {
                assertThat(xmile.valueAt(v, t)).as(v + " at " + t).isCloseTo(mdl.valueAt(v, t), org.assertj.core.data.Offset.offset(1e-12));
            }
        }
    }

    @Test
    void functionsWithoutAnXmileFormAreKeptAndReported() throws IOException {
        Path f = dir.resolve("m.mdl");
        Files.writeString(f, "{UTF-8}\na = Time ~~|\nd = DELAY N(a, a + 1, 0, 3) ~~|\nai = ACTIVE INITIAL(a * 2, 1) ~~|\n"
                + "INITIAL TIME = 0 ~ Year ~|\nFINAL TIME = 4 ~ Year ~|\nTIME STEP = 0.5 ~ Year [0,?] ~|\nSAVEPER = TIME STEP ~~|\n");
        XmileWriter.Conversion c = XmileWriter.convert(ModelLoader.parse(f));
        // a varying delay time: Vensim's DELAY N lags it, XMILE's DELAYN does not
        assertThat(c.foreignFunctions()).containsExactly("ACTIVE_INITIAL", "DELAY_N");
        SimResult mdl = ModelLoader.compile(ModelLoader.parse(f)).newRun().simulate();
        assertThat(reread(c.xml()).valueAt("d", 4)).isEqualTo(mdl.valueAt("d", 4));
    }

    /** One :EXCEPT: check for the analyzer and the writer: a list of the wrong length is refused by both, the same way. */
    @Test
    void anExceptListOfTheWrongLengthIsRefusedByTheWriterAsByTheAnalyzer() throws IOException {
        String eqs = "s : a, b, c ~~|\nx[s] :EXCEPT: [a, b] = 1 ~~|\nx[a] = 2 ~~|\n";
        String message = ":EXCEPT: list has 2 subscripts, the variable 1";
        assertThatThrownBy(() -> convert(eqs)).isInstanceOf(ModelException.class).hasMessageContaining(message);
        Path f = dir.resolve("m.mdl");
        assertThatThrownBy(() -> ModelLoader.load(f)).isInstanceOf(ModelException.class).hasMessageContaining(message);
        // the right length excludes the element, in both
        String ok = convert("s : a, b, c ~~|\nx[s] :EXCEPT: [a] = 1 ~~|\nx[a] = 2 ~~|\n");
        assertThat(reread(ok).valueAt("x[a]", 0)).isEqualTo(2);
        assertThat(reread(ok).valueAt("x[c]", 0)).isEqualTo(1);
    }
}
