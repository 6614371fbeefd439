package org.dlab.bench;

import java.util.concurrent.TimeUnit;
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
 * The baseline for {@link RunBenchmark}: teacup and SIR as hand-written Java loops
 * ({@link HandWritten}) doing the same output work, in µs per run. The constant comes from a
 * field so the JIT cannot fold the whole run away. Run both in one JMH run, from the
 * checkout's root:
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
public class HandWrittenBenchmark {
    @Param({"teacup", "SIR"})
    public String model;

    private boolean teacup;
    private double constant;
    private ColumnarSink columns;

    @Setup
    public void setUp() {
        Sample sample = Sample.byId(model);
        if (sample == Sample.QUERY_FILE) throw new IllegalArgumentException("no hand-written Query_file");
        teacup = sample == Sample.TEACUP;
        constant = sample.constantValue;
        columns = ColumnarSink.ofColumns((teacup ? HandWritten.TEACUP_COLUMNS : HandWritten.SIR_COLUMNS).size());
    }

    @Benchmark
    public ColumnarSink allColumns() {
        if (teacup) HandWritten.teacup(constant, columns);
        else HandWritten.sir(constant, columns);
        return columns;
    }

    @Benchmark
    public double oneValue() {
        return teacup ? HandWritten.teacupFinal(constant) : HandWritten.sirFinal(constant);
    }
}
