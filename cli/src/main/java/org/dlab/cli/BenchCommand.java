package org.dlab.cli;

import java.util.Arrays;
import java.util.concurrent.Callable;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.run.Model;
import org.dlab.engine.run.ResultSink;
import org.dlab.engine.run.Run;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dlab bench MODEL}: compile time and the per-run time after warm-up, to size ensembles.
 * A quick estimate; the JMH benchmarks in bench/ are the measured figures.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Compile a model, warm it up, and print compile time and per-run time (median of N runs).")
final class BenchCommand implements Callable<Integer> {
    @Mixin ModelOptions options;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "200", description = "timed runs (default 200, 1 to 1000000)")
    int runs;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    static volatile double sink0;

    @Override
    public Integer call() {
        if (runs < 1 || runs > 1_000_000) throw new UserInputException("--runs must be from 1 to 1000000");
        options.load(); // checks the file exists and warms the parser
        long t0 = System.nanoTime();
        Model m = ModelLoader.load(options.model);
        long compileNs = System.nanoTime() - t0;
        Run run = options.configure(m.newRun());
        double[] sum = {0};
        ResultSink sink = (t, s) -> sum[0] += s[0];
        long warmEnd = System.nanoTime() + 2_000_000_000L;
        int warm = 0;
        while (warm < 20_000 && (warm < 10 || System.nanoTime() < warmEnd)) {
            run.simulate(sink);
            warm++;
        }
        long[] times = new long[runs];
        for (int i = 0; i < runs; i++) {
            long a = System.nanoTime();
            run.simulate(sink);
            times[i] = System.nanoTime() - a;
        }
        Arrays.sort(times);
        double median = times[runs / 2] / 1e3;
        spec.commandLine().getOut().printf("compile %d ms, per-run %.1f µs (median of %d runs)%n", compileNs / 1_000_000, median, runs);
        spec.commandLine().getOut().flush();
        sink0 = sum[0]; // the runs' results escape, so the JIT cannot drop the work being timed
        return ExitCodes.OK;
    }
}
