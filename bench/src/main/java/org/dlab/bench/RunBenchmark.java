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
 * Time of one run of a compiled sample after warm-up, in µs: {@code allColumns} stores every
 * visible variable at every saved step in a preallocated columnar buffer (what {@code dlab run}
 * does before writing), {@code oneValue} reads a single variable (an ensemble's use). The SIR
 * sample already has TIME STEP 0.03125 and FINAL TIME 100, the settings the reference figures
 * quote, so it runs as is. Run it together with the hand-written baseline, so the ratio comes
 * from one JMH run, from the checkout's root (or pass {@code -Ddlab.shared=PATH}):
 *
 * <pre>
 * mvn -B -q -o -pl bench -am package -DskipTests
 * java -jar bench/target/benchmarks.jar 'RunBenchmark|HandWrittenBenchmark' -f 1 -wi 3 -i 5 -w 1s -r 1s
 * </pre>
 *
 * On a loaded machine AverageTime also counts the time the thread waited for a core; add
 * {@code -bm sample} and read the p0.50 lines for the run's own cost.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class RunBenchmark {
    @Param({"teacup", "SIR", "Query_file"})
    public String model;

    private Run run;
    private ColumnarSink columns;
    private LastValueSink last;

    @Setup
    public void setUp() {
        Sample sample = Sample.byId(model);
        Model m = ModelLoader.load(sample.path());
        run = m.newRun();
        columns = ColumnarSink.of(m);
        last = new LastValueSink(m.slotOf(sample.target));
        run.simulate(columns); // sizes the buffer once, outside the timing
    }

    @Benchmark
    public ColumnarSink allColumns() {
        run.simulate(columns);
        return columns;
    }

    @Benchmark
    public double oneValue() {
        run.simulate(last);
        return last.last();
    }
}
