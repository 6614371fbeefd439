package org.dlab.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.NodeJs;
import org.dlab.engine.functions.Library;
import org.dlab.engine.run.SimResult;
import org.dlab.engine.vensim.VensimParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every row of {@link Builtin} against values from its definition (Vensim's reference manual,
 * or the mathematics), through each place the row reaches: the constant evaluator, a compiled
 * model on both JVM back ends, the JavaScript target under node, the library and XMILE names.
 * A new row needs a line in {@link #REFERENCE}; {@link #everyRowHasAReferenceValue} fails until
 * it has one.
 */
class BuiltinTest {
    /** Arguments (as the target takes them) and the value they must give. */
    record Case(double[] args, double value) {}

    private static final Map<Builtin, Case> REFERENCE = new EnumMap<>(Builtin.class);

    private static void ref(Builtin b, double value, double... args) {
        REFERENCE.put(b, new Case(args, value));
    }

    static {
        ref(Builtin.ABS, 2.5, -2.5);
        ref(Builtin.EXP, Math.E, 1);
        ref(Builtin.LN, 1, Math.E);
        ref(Builtin.SQRT, 3, 9);
        ref(Builtin.LOG, 3, 8, 2);
        ref(Builtin.POWER, 8, 2, 3);
        ref(Builtin.SIN, 1, Math.PI / 2);
        ref(Builtin.COS, -1, Math.PI);
        ref(Builtin.TAN, 1, Math.PI / 4);
        ref(Builtin.ARCSIN, Math.PI / 2, 1);
        ref(Builtin.ARCCOS, Math.PI, -1);
        ref(Builtin.ARCTAN, Math.PI / 4, 1);
        ref(Builtin.SINH, (Math.E - 1 / Math.E) / 2, 1);
        ref(Builtin.COSH, (Math.E + 1 / Math.E) / 2, 1);
        ref(Builtin.TANH, (Math.E * Math.E - 1) / (Math.E * Math.E + 1), 1);
        ref(Builtin.MIN, -1, 3, -1);
        ref(Builtin.MAX, 3, 3, -1);
        // Vensim: INTEGER truncates toward zero, ROUND rounds half away from zero, MODULO(-10, 3) = -1
        ref(Builtin.INTEGER, -2, -2.7);
        ref(Builtin.ROUND, -3, -2.5);
        ref(Builtin.MODULO, -1, -10, 3);
        ref(Builtin.QUANTUM, 6, 7.9, 2);
        ref(Builtin.XIDZ, 5, 1, 0, 5);
        ref(Builtin.ZIDZ, 0, 1, 0);
        ref(Builtin.SIGN, -1, -4);
        // ln Gamma(5) = ln 4! = ln 24
        ref(Builtin.GAMMA_LN, Math.log(24), 5);
        // STEP(height 2, start 3) at time 3 with dt 1: on (tested at mid-step)
        ref(Builtin.STEP, 2, 2, 3, 3, 1);
        // PULSE(start 3, width 2) at time 4 with dt 1: on
        ref(Builtin.PULSE, 1, 3, 2, 4, 1);
        // PULSE TRAIN(start 0, width 1, interval 5, end 100) at time 5: the second pulse
        ref(Builtin.PULSE_TRAIN, 1, 0, 1, 5, 100, 5, 1);
        // RAMP(slope 2, start 1, end 4) at time 10: 2 * (4 - 1)
        ref(Builtin.RAMP, 6, 2, 1, 4, 10);
        // measure 4 is the day of the month: 1 to 31 (checked as a range below)
        ref(Builtin.CLOCK, Double.NaN, 4);
        // 740,318.75 days after Jan 1 of year 0 is 3 Dec 2026, 18:00, a Thursday (4)
        ref(Builtin.CALENDAR, 4, 740318.75, 5, 1);
    }

    @Test
    void everyRowHasAReferenceValue() {
        for (Builtin b : Builtin.values()) assertThat(REFERENCE).as("reference value of " + b).containsKey(b);
    }

    @Test
    void theJavaTargetAndTheConstantEvaluatorGiveTheReference() {
        for (Map.Entry<Builtin, Case> e : REFERENCE.entrySet()) {
            Builtin b = e.getKey();
            double v = b.evaluate(e.getValue().args());
            if (b == Builtin.CLOCK) {
                assertThat(v).isBetween(1.0, 31.0);
                assertThat(b.pure()).isFalse();
            } else {
                assertThat(v).as(b.name()).isCloseTo(e.getValue().value(), within(1e-12));
                assertThat(b.pure()).as(b.name()).isTrue();
            }
        }
    }

    @Test
    void namesAndXmileNamesLeadBackToTheRow() {
        for (Builtin b : Builtin.values()) {
            for (String n : b.names) {
                assertThat(Builtin.named(n)).isSameAs(b);
                assertThat(Library.has(n)).as(n + " in the library").isTrue();
            }
            if (b.xmile != null) assertThat(Builtin.ofXmile(b.xmile)).isSameAs(b);
            assertThat(b.names.isEmpty()).as(b + ": named exactly when called by name").isEqualTo(b.call == Builtin.CallForm.NOT_BY_NAME);
        }
    }

    /** A model calling every row written with its own arguments, run on the bytecode and the Janino back ends. */
    @Test
    void aModelCallingEachRowGivesTheReferenceOnBothJvmBackEnds() {
        StringBuilder m = new StringBuilder("{UTF-8}\n");
        List<Builtin> called = new ArrayList<>();
        for (Map.Entry<Builtin, Case> e : REFERENCE.entrySet()) {
            Builtin b = e.getKey();
            if (b.call != Builtin.CallForm.AS_WRITTEN && b.call != Builtin.CallForm.PAIR_OR_ARRAY) continue;
            List<String> args = new ArrayList<>();
            // each argument through a variable, so the call is compiled rather than folded by the planner
            for (int i = 0; i < b.arity; i++) {
                m.append("a ").append(b.name()).append(' ').append(i).append(" = ").append(e.getValue().args()[i]).append(" + 0 * Time ~ ~ |\n");
                args.add("a " + b.name() + " " + i);
            }
            m.append("v ").append(b.name()).append(" = ").append(b.names.get(0).toUpperCase(Locale.ROOT))
                    .append('(').append(String.join(", ", args)).append(") ~ ~ |\n");
            called.add(b);
        }
        m.append("INITIAL TIME = 0 ~ ~ |\nFINAL TIME = 1 ~ ~ |\nTIME STEP = 1 ~ ~ |\nSAVEPER = 1 ~ ~ |\n");
        assertThat(called).hasSizeGreaterThan(20);
        for (String backEnd : new String[] {"asm", "janino"}) {
            String before = System.getProperty("dlab.codegen");
            System.setProperty("dlab.codegen", backEnd);
            try {
                SimResult r = ModelLoader.compile(VensimParser.parse("b.mdl", m.toString(), Path.of("."))).newRun().simulate();
                for (Builtin b : called) {
                    assertThat(r.series("v " + b.name())[0]).as(backEnd + " " + b).isCloseTo(REFERENCE.get(b).value(), within(1e-12));
                }
            } finally {
                if (before == null) System.clearProperty("dlab.codegen");
                else System.setProperty("dlab.codegen", before);
            }
        }
    }

    @Test
    void theJavaScriptTargetGivesTheSameDoubles(@TempDir Path dir) throws Exception {
        String node = NodeJs.find();
        assumeTrue(node != null, "node is not installed");
        String runtime = NodeJs.resource("/org/dlab/engine/compile/runtime.js");
        StringBuilder script = new StringBuilder(runtime.replace("export ", "")).append('\n');
        List<Builtin> rows = new ArrayList<>();
        for (Map.Entry<Builtin, Case> e : REFERENCE.entrySet()) {
            if (e.getKey() == Builtin.CLOCK) continue;
            List<String> args = new ArrayList<>();
            for (double a : e.getValue().args()) args.add("(" + a + ")");
            script.append("console.log(").append(e.getKey().javaScript).append('(').append(String.join(", ", args)).append("));\n");
            rows.add(e.getKey());
        }
        Files.writeString(dir.resolve("rows.js"), script.toString());
        List<String> out = NodeJs.run(node, dir, "rows.js");
        assertThat(out).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Builtin b = rows.get(i);
            assertThat(Double.parseDouble(out.get(i))).as(b.name()).isCloseTo(b.evaluate(REFERENCE.get(b).args()), within(1e-12));
        }
    }
}
