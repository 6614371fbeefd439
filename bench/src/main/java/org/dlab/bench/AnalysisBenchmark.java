package org.dlab.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.dlab.workbench.analysis.Cart;
import org.dlab.workbench.analysis.Dataset;
import org.dlab.workbench.analysis.FeatureScoring;
import org.dlab.workbench.analysis.Prim;
import org.dlab.workbench.analysis.PrimBox;
import org.dlab.workbench.analysis.PrimInspection;
import org.dlab.workbench.analysis.PrimTrajectory;
import org.dlab.workbench.analysis.SortedColumns;
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
 * Scenario-discovery analyses at scale: 1,000,000 futures x 30 uncertainties, the outcome true
 * inside a box on three inputs (x3 > 0.4, x11 < 0.7, 0.2 < x20 < 0.9) with 5% of the labels
 * flipped. Each call is timed once (single shot: one analysis is what a user waits for), after
 * one warm-up call, three measured calls per fork:
 *
 * <pre>
 * mvn -B -q -o -pl bench -am package -DskipTests
 * java -jar bench/target/benchmarks.jar AnalysisBenchmark -f 1 -wi 1 -i 3
 * java -jar bench/target/benchmarks.jar AnalysisBenchmark -p rows=100000   # smaller data
 * </pre>
 *
 * <ul>
 *   <li>{@code primSort}: every input sorted once (radix sort), shared by peeling and pasting;
 *   <li>{@code primDiscover}: what {@code dlab discover} does for PRIM: sort, peel the whole
 *       trajectory, choose the box at density 0.8, paste and inspect it (quasi-p-values);
 *   <li>{@code featureScoring}: extra-trees importance with the defaults (100 trees of 50,000
 *       rows drawn without replacement, 60% of inputs per split) on the common fork-join pool;
 *   <li>{@code cart}: a classification tree of depth 6.
 * </ul>
 * The fork gets a 6 GB heap: the data is 240 MB, the sorted columns 360 MB more.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-XX:+UseParallelGC"})
@State(Scope.Benchmark)
public class AnalysisBenchmark {
    @Param({"1000000"})
    public int rows;

    @Param({"30"})
    public int inputs;

    private Dataset x;
    private boolean[] y;

    @Setup
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(1);
        double[][] cols = new double[inputs][rows];
        for (int d = 0; d < inputs; d++) for (int i = 0; i < rows; i++) cols[d][i] = rnd.nextDouble();
        y = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            boolean in = cols[3][i] > 0.4 && cols[11][i] < 0.7 && cols[20][i] > 0.2 && cols[20][i] < 0.9;
            y[i] = rnd.nextDouble() < 0.05 ? !in : in;
        }
        x = Dataset.ofColumns(Dataset.defaultNames(inputs), cols);
    }

    @Benchmark
    public SortedColumns primSort() {
        return Prim.sort(x);
    }

    @Benchmark
    public PrimInspection primDiscover() {
        SortedColumns order = Prim.sort(x);
        Prim.Options o = Prim.Options.defaults();
        PrimTrajectory t = Prim.peel(x, y, o, order);
        PrimBox box = Prim.paste(x, y, t.choose(0.8), o, order);
        return PrimInspection.inspect(x, y, box);
    }

    @Benchmark
    public FeatureScoring.Result featureScoring() {
        return FeatureScoring.classification(x, y, FeatureScoring.Options.defaults());
    }

    @Benchmark
    public Cart.Tree cart() {
        return Cart.grow(x, y, Cart.Options.defaults());
    }
}
