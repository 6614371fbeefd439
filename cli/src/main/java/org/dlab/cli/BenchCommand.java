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
 * {@code dlab bench MODEL}: the first compile and first run in this fresh JVM (what a user
 * waits for), then a warm compile and the per-run time after warm-up, to size ensembles. A
 * quick estimate; the JMH benchmarks in bench/ are the measured figures.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Compile a model, warm it up, and print compile time and per-run time (median of N runs).")
final class BenchCommand implements Callable<Integer> {
    @Mixin ModelOptions options;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "200", description = "timed runs (default 200, 1 to 1000000)")
    int runs;

    @Option(names = "--all-columns", description = "store every variable at every saved time (the figure comparable with"
            + " other engines' benchmarks); by default one value per saved time is kept")
    boolean allColumns;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "-1", description = "warm-up runs (default: at least 10 runs"
            + " and 2 s, and up to 100 runs within 30 s, which big models need to reach their steady state)")
    int warmup;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    static volatile double sink0;

    /** Keeps every slot of every saved row in one buffer reused by each run. */
    static final class AllColumns implements ResultSink {
        private double[] buf = new double[0];
        private int at;

        @Override
        public void begin(int rows) {
            at = 0;
        }

        @Override
        public void row(double time, double[] slots) {
            if (at + slots.length + 1 > buf.length) buf = Arrays.copyOf(buf, Math.max(1024, 2 * (at + slots.length + 1)));
            buf[at++] = time;
            System.arraycopy(slots, 0, buf, at, slots.length);
            at += slots.length;
        }

        double checksum() {
            return at == 0 ? 0 : buf[at - 1];
        }
    }

    @Override
    public Integer call() {
        if (runs < 1 || runs > 1_000_000) throw new UserInputException("--runs must be from 1 to 1000000");
        if (warmup < -1 || warmup > 1_000_000) throw new UserInputException("--warmup must be from 0 to 1000000");
        long t0 = System.nanoTime();
        options.load(); // checks the file exists; the first compile in this JVM
        long firstCompileNs = System.nanoTime() - t0;
        t0 = System.nanoTime();
        Model m = ModelLoader.load(options.model, options.data, null, options.fileTags(), options.numbersAsWritten);
        long compileNs = System.nanoTime() - t0;
        Run run = options.configure(m.newRun());
        double[] sum = {0};
        AllColumns all = new AllColumns();
        ResultSink sink = allColumns ? all : (t, s) -> sum[0] += s[0];
        t0 = System.nanoTime();
        run.simulate(sink);
        long firstRunNs = System.nanoTime() - t0;
        long start = System.nanoTime();
        int warm = 0;
        while (warmup >= 0 ? warm < warmup : keepWarming(warm, System.nanoTime() - start)) {
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
        var out = spec.commandLine().getOut();
        out.printf("first compile %d ms, first run %.1f ms (this fresh JVM)%n", firstCompileNs / 1_000_000, firstRunNs / 1e6);
        out.printf("compile %d ms, per-run %.1f µs (median of %d runs after %d warm-up runs; %s)%n", compileNs / 1_000_000, median,
                runs, warm, allColumns ? "every variable stored at every saved time" : "one value kept per saved time");
        out.flush();
        sink0 = sum[0] + all.checksum(); // the runs' results escape, so the JIT cannot drop the work being timed
        return ExitCodes.OK;
    }

    /** At least 10 runs and 2 s; then on to 100 runs while under 30 s (a big model's JIT needs them). */
    static boolean keepWarming(int done, long elapsedNs) {
        if (done < 10 || elapsedNs < 2_000_000_000L) return done < 20_000;
        return done < 100 && elapsedNs < 30_000_000_000L;
    }
}
