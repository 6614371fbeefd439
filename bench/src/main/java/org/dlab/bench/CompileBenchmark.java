package org.dlab.bench;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.run.Model;
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
 * Compile time of a sample in ms: read and parse the .mdl, analyse, plan, generate Java and
 * compile it to bytecode with Janino, and instantiate it ({@link ModelLoader#load}). By default
 * the average over many compiles in a warmed JVM (a server or notebook compiling models one
 * after another):
 *
 * <pre>
 * mvn -B -q -o -pl bench -am package -DskipTests
 * java -jar bench/target/benchmarks.jar CompileBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s
 * </pre>
 *
 * The first compile in a fresh JVM (what one {@code dlab run} pays, class loading and
 * interpreter included) is the single shot of each fork with no warm-up:
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar CompileBenchmark -bm ss -wi 0 -i 1 -f 5 -tu ms
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class CompileBenchmark {
    @Param({"teacup", "SIR", "Query_file"})
    public String model;

    private Path path;

    @Setup
    public void setUp() {
        path = Sample.byId(model).path();
    }

    @Benchmark
    public Model compile() {
        return ModelLoader.load(path);
    }
}
