package org.dlab.engine.xmile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dlab.engine.ModelException;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.compile.JavaScriptGenerator;
import org.dlab.engine.ir.IntegrationMethod;
import org.dlab.engine.run.SimResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queues, with values worked out by hand from XMILE 1.0 ("Queues"; sections 4.2, 4.3) and isee's
 * "Queue Computation": every DT each nonzero inflow adds a batch of flow * DT; a queue draining
 * to a stock, queue or cloud is never held back, so its first outflow takes the contents and this
 * DT's batches, and later outflows (overflows included) take nothing. Euler throughout:
 * stock(t + DT) = stock(t) + DT * (inflows(t) - outflows(t)).
 */
class QueueTest {
    @TempDir
    Path dir;

    private static final double EPS = 1e-12;

    private Path file(String specs, String variables) throws IOException {
        String text = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                + "<xmile version=\"1.0\" xmlns=\"http://docs.oasis-open.org/xmile/ns/XMILE/v1.0\">\n"
                + "<header><vendor>test</vendor></header>\n"
                + "<sim_specs" + specs + "><start>0</start><stop>6</stop><dt>DT</dt></sim_specs>\n"
                + "<dimensions><dim name=\"Line\"><elem name=\"a\"/><elem name=\"b\"/></dim></dimensions>\n"
                + "<model><variables>\n" + variables + "</variables></model>\n</xmile>\n";
        Path f = dir.resolve("m.stmx");
        Files.writeString(f, text);
        return f;
    }

    private SimResult run(String dt, String variables) throws IOException {
        Path f = file("", variables);
        Files.writeString(f, Files.readString(f).replace("<dt>DT</dt>", "<dt>" + dt + "</dt>"));
        return ModelLoader.load(f).newRun().simulate();
    }

    /** "/m.stmx:line:column:" of the first {@code needle} in the file, both 1-based. */
    private static String at(Path f, String needle) throws IOException {
        String[] lines = Files.readString(f).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int c = lines[i].indexOf(needle);
            if (c >= 0) return "/m.stmx:" + (i + 1) + ":" + (c + 1) + ":";
        }
        throw new AssertionError(needle + " not in the file");
    }

    /** A queue (initially {@code init}) filled by {@code arrive}, served into the stock done. */
    private static String line(String init, String arrive) {
        return "<stock name=\"line\"><eqn>" + init + "</eqn><inflow>arrive</inflow><outflow>served</outflow><queue/></stock>\n"
                + "<flow name=\"arrive\"><eqn>" + arrive + "</eqn></flow>\n"
                + "<flow name=\"served\"><eqn>12345</eqn></flow>\n"
                + "<stock name=\"done\"><eqn>0</eqn><inflow>served</inflow></stock>\n";
    }

    /**
     * Batches 5, 3, 4 arrive at t = 1, 2, 3 (DT 1) behind an initial 2; the outflow to a stock is
     * never limited, so each DT it takes what is queued plus that DT's batch:
     * served = 2/1 + 0, 0 + 5, 0 + 3, 0 + 4, 0, ...; the queue is 2, then 0 (2 + 0 - 2, 0 + 5 - 5, ...);
     * done accumulates 0, 2, 7, 10, 14, 14, 14.
     */
    @Test
    void eachBatchLeavesInTheDtItArrives() throws IOException {
        SimResult r = run("1", line("2", "IF TIME = 1 THEN 5 ELSE IF TIME = 2 THEN 3 ELSE IF TIME = 3 THEN 4 ELSE 0"));
        double[] in = {0, 5, 3, 4, 0, 0, 0};
        double[] served = {2, 5, 3, 4, 0, 0, 0};
        double[] queue = {2, 0, 0, 0, 0, 0, 0};
        double[] done = {0, 2, 7, 10, 14, 14, 14};
        for (int t = 0; t <= 6; t++) {
            assertThat(r.valueAt("arrive", t)).as("arrive at %d", t).isEqualTo(in[t]);
            assertThat(r.valueAt("served", t)).as("served at %d", t).isCloseTo(served[t], within(EPS));
            assertThat(r.valueAt("line", t)).as("line at %d", t).isCloseTo(queue[t], within(EPS));
            assertThat(r.valueAt("done", t)).as("done at %d", t).isCloseTo(done[t], within(EPS));
        }
        conserved(r, 1, 6, "line", new String[] {"arrive"}, new String[] {"served"});
    }

    /**
     * isee's example: DT 1/4 and a flow of 8 make batches of 2. Initial 3: served(0) = 3 / 0.25 + 8
     * = 20, the queue is 3 + 0.25 * (8 - 20) = 0 at 0.25 and served is 8 from then on; done = 3 + 8t.
     */
    @Test
    void aBatchIsTheFlowTimesDt() throws IOException {
        SimResult r = run("0.25", line("3", "8"));
        assertThat(r.valueAt("served", 0)).isCloseTo(20, within(EPS));
        assertThat(r.valueAt("line", 0.25)).isCloseTo(0, within(EPS));
        assertThat(r.valueAt("served", 0.25)).isCloseTo(8, within(EPS));
        assertThat(r.valueAt("done", 0.25)).isCloseTo(5, within(EPS));
        assertThat(r.valueAt("done", 1)).isCloseTo(11, within(EPS));
        assertThat(r.valueAt("done", 6)).isCloseTo(51, within(EPS));
        conserved(r, 0.25, 24, "line", new String[] {"arrive"}, new String[] {"served"});
    }

    /**
     * Two inflows (2 and 3 per DT) and three outflows: the first takes everything, 1/1 + 2 + 3 = 6
     * at t = 0 and 5 after; the overflow (into a cloud) and the plain third outflow take 0, since
     * an outflow into a stock is never blocked.
     */
    @Test
    void laterOutflowsAndOverflowsTakeNothing() throws IOException {
        SimResult r = run("1", "<stock name=\"line\"><eqn>1</eqn><inflow>walk_in</inflow><inflow>call_in</inflow>"
                + "<outflow>served</outflow><outflow>spill</outflow><outflow>other</outflow><queue/></stock>\n"
                + "<flow name=\"walk_in\"><eqn>2</eqn></flow>\n<flow name=\"call_in\"><eqn>3</eqn></flow>\n"
                + "<flow name=\"served\"/>\n<flow name=\"spill\"><overflow/></flow>\n<flow name=\"other\"/>\n"
                + "<stock name=\"done\"><eqn>0</eqn><inflow>served</inflow></stock>\n");
        assertThat(r.valueAt("served", 0)).isCloseTo(6, within(EPS));
        for (int t = 1; t <= 6; t++) assertThat(r.valueAt("served", t)).isCloseTo(5, within(EPS));
        for (int t = 0; t <= 6; t++) {
            assertThat(r.valueAt("spill", t)).isEqualTo(0);
            assertThat(r.valueAt("other", t)).isEqualTo(0);
        }
        assertThat(r.valueAt("done", 6)).isCloseTo(1 + 6 * 5, within(EPS));
        conserved(r, 1, 6, "line", new String[] {"walk_in", "call_in"}, new String[] {"served", "spill", "other"});
    }

    /** A queue is never inflow constrained (isee): 1 + 4 leaves the first queue and passes the second in the same DT. */
    @Test
    void aQueueIntoAQueuePassesItOn() throws IOException {
        SimResult r = run("1", "<stock name=\"first\"><eqn>1</eqn><inflow>arrive</inflow><outflow>move</outflow><queue/></stock>\n"
                + "<stock name=\"second\"><eqn>0</eqn><inflow>move</inflow><outflow>leave</outflow><queue/></stock>\n"
                + "<flow name=\"arrive\"><eqn>4</eqn></flow>\n<flow name=\"move\"/>\n<flow name=\"leave\"/>\n"
                + "<stock name=\"done\"><eqn>0</eqn><inflow>leave</inflow></stock>\n");
        assertThat(r.valueAt("move", 0)).isCloseTo(5, within(EPS));
        assertThat(r.valueAt("leave", 0)).isCloseTo(5, within(EPS));
        assertThat(r.valueAt("first", 1)).isCloseTo(0, within(EPS));
        assertThat(r.valueAt("second", 1)).isCloseTo(0, within(EPS));
        assertThat(r.valueAt("done", 2)).isCloseTo(9, within(EPS));
    }

    /** Arrayed by Line: each element is its own queue; 10 + 1 and 10 + 2 leave at t = 0, then 1 and 2. */
    @Test
    void anArrayedQueueEmptiesElementByElement() throws IOException {
        String dims = "<dimensions><dim name=\"Line\"/></dimensions>";
        SimResult r = run("1", "<stock name=\"line\">" + dims + "<eqn>10</eqn><inflow>arrive</inflow><outflow>served</outflow><queue/></stock>\n"
                + "<flow name=\"arrive\">" + dims + "<element subscript=\"a\"><eqn>1</eqn></element><element subscript=\"b\"><eqn>2</eqn></element></flow>\n"
                + "<flow name=\"served\">" + dims + "</flow>\n");
        assertThat(r.valueAt("served[a]", 0)).isCloseTo(11, within(EPS));
        assertThat(r.valueAt("served[b]", 0)).isCloseTo(12, within(EPS));
        assertThat(r.valueAt("served[b]", 3)).isCloseTo(2, within(EPS));
        assertThat(r.valueAt("line[a]", 1)).isCloseTo(0, within(EPS));
    }

    /** XMILE 4.3: queue inflows are non-negative, so -4 flows as 0 and takes nothing out of the queue. */
    @Test
    void aQueueInflowIsAUniflow() throws IOException {
        SimResult r = run("1", line("5", "-4"));
        assertThat(r.valueAt("arrive", 0)).isEqualTo(0);
        assertThat(r.valueAt("served", 0)).isCloseTo(5, within(EPS));
        assertThat(r.valueAt("done", 6)).isCloseTo(5, within(EPS));
    }

    /** A queue is one formula and no runtime state, so the JavaScript back end (dlab publish) writes it too. */
    @Test
    void theJavaScriptBackEndWritesAQueue() throws IOException {
        Path f = model("", line("2", "3"));
        String js = JavaScriptGenerator.generate(ModelLoader.load(f).plan(), IntegrationMethod.EULER);
        assertThat(js).contains("served");
    }

    /** Queue(t + DT) = queue(t) + DT * (inflows(t) - outflows(t)) at every step. */
    private static void conserved(SimResult r, double dt, int steps, String queue, String[] ins, String[] outs) {
        for (int i = 0; i < steps; i++) {
            double t = i * dt;
            double rate = 0;
            for (String f : ins) rate += r.valueAt(f, t);
            for (String f : outs) rate -= r.valueAt(f, t);
            assertThat(r.valueAt(queue, t + dt)).as("%s at %s", queue, t + dt).isCloseTo(r.valueAt(queue, t) + dt * rate, within(EPS));
        }
    }

    private void refused(Path f, String message, String needle) {
        assertThatThrownBy(() -> ModelLoader.load(f)).isInstanceOf(ModelException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((ModelException) e).describe()).contains(at(f, needle)));
    }

    private Path model(String specs, String variables) throws IOException {
        Path f = file(specs, variables);
        Files.writeString(f, Files.readString(f).replace("<dt>DT</dt>", "<dt>1</dt>"));
        return f;
    }

    @Test
    void whatIsStillRefusedNamesItsElement() throws IOException {
        refused(model("", line("0", "1").replace("<queue/>", "<queue><order/></queue>")),
                "queue option <order> is not supported ('line')", "<order/>");
        refused(model("", line("0", "1").replace("<queue/>", "<queue x=\"1\"/>")),
                "queue option x=\"1\" is not supported ('line')", "<queue x");
        refused(model("", line("0", "1").replace("<flow name=\"served\"><eqn>12345</eqn>", "<flow name=\"served\"><overflow/>")),
                "the first outflow of queue 'line' cannot be an <overflow/> ('served')", "<overflow/>");
        refused(model("", line("0", "1").replace("<stock name=\"done\"><eqn>0</eqn>", "<stock name=\"done\"><eqn>0</eqn><conveyor><len>2</len></conveyor>")),
                "queue 'line' outflow 'served' feeds conveyor 'done'", "<outflow>served");
        refused(model(" method=\"rk4\"", line("0", "1")), "queue stocks are computed per DT and run with method=\"euler\" only, not rk4", "<queue/>");
        refused(model("", line("0", "1").replace("<flow name=\"arrive\">", "<flow name=\"arrive\"><dimensions><dim name=\"Line\"/></dimensions>")),
                "flow 'arrive' of queue 'line' must have the queue's dimensions [], not [Line]", "<dimensions><dim name=\"Line\"/>");
        refused(model("", line("0", "1") + "<aux name=\"length\"><eqn>SIZE(line)</eqn></aux>\n"),
                "SIZE(line) reads the batches of queue 'line', which is not supported", "SIZE(line)");
        refused(model("", "<stock name=\"batch\"><eqn>0</eqn><oven/></stock>\n"), "oven stocks are not supported", "<oven/>");
    }
}
