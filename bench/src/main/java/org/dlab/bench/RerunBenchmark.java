package org.dlab.bench;

import java.util.concurrent.TimeUnit;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.run.Model;
import org.dlab.engine.run.Run;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Runs per second when every run sets a new value of a constant by slot before simulating, as
 * a sensitivity or calibration ensemble does (teacup's Characteristic Time, SIR's Contact
 * Infectivity, Query_file's SalesPricePerStove), cycling through 16 values from 0.5x to 1.44x
 * the model's own. {@code oneValue} keeps one variable, {@code allColumns} stores every variable
 * at every step. One thread; the machine's cores would multiply it.
 *
 * <pre>
 * mvn -B -q -o -pl bench -am package -DskipTests
 * java -jar bench/target/benchmarks.jar RerunBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s
 * </pre>
 *
 * On a loaded machine Throughput also counts the time the thread waited for a core; add
 * {@code -bm sample -tu us} and invert the p0.50 per-run time for the runs/s of the run itself.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class RerunBenchmark {
    @Param({"teacup", "SIR", "Query_file"})
    public String model;

    private Run run;
    private int slot;
    private final double[] values = new double[16];
    private int next;
    private ColumnarSink columns;
    private LastValueSink last;

    @Setup
    public void setUp() {
        Sample sample = Sample.byId(model);
        Model m = ModelLoader.load(sample.path());
        run = m.newRun();
        slot = m.slotOf(sample.constant);
        if (slot < 0) throw new IllegalStateException("no constant '" + sample.constant + "' in " + model);
        for (int i = 0; i < values.length; i++) values[i] = sample.constantValue * (0.5 + i / 16.0);
        columns = ColumnarSink.of(m);
        last = new LastValueSink(m.slotOf(sample.target));
        run.simulate(columns);
    }

    @Benchmark
    public double oneValue() {
        run.setSlot(slot, values[next++ & 15]);
        run.simulate(last);
        return last.last();
    }

    @Benchmark
    public ColumnarSink allColumns() {
        run.setSlot(slot, values[next++ & 15]);
        run.simulate(columns);
        return columns;
    }
}
