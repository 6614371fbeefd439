package org.dlab.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Arrays;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.compile.ModelCompiler;
import org.dlab.engine.ir.ModelSource;
import org.dlab.engine.model.AnalyzedModel;
import org.dlab.engine.model.Plan;
import org.dlab.engine.model.Planner;
import org.dlab.engine.run.Model;
import org.dlab.engine.run.ModelCode;
import org.dlab.engine.run.Run;
import org.dlab.engine.vensim.VensimParser;

/**
 * Compile time, run time and peak heap of a synthetic model against its size, in the JVM it
 * starts in (run one size per fresh JVM for cold figures):
 *
 * <pre>
 * mvn -B -q -o -pl bench -am package -DskipTests
 * for n in 1000 4000 17000 34000 68000; do java -cp bench/target/benchmarks.jar org.dlab.bench.ScaleBenchmark $n; done
 * </pre>
 *
 * The model repeats a block of five scalar equations (a number constant, an auxiliary with a
 * number of its own, a lookup, a flow and a stock fed by its neighbour), the mix of a published
 * model, for 400 steps of 0.25 (FINAL TIME 100), saving every 1.
 */
public final class ScaleBenchmark {
    private ScaleBenchmark() {}

    /** A synthetic model of about {@code scalars} scalar variables. */
    public static String model(int scalars) {
        int blocks = Math.max(1, scalars / 5);
        StringBuilder b = new StringBuilder(blocks * 200);
        b.append("{UTF-8}\ntbl( (0,0),(1,0.5),(2,0.8),(4,1),(8,1.1) ) ~ ~ |\n");
        for (int i = 0; i < blocks; i++) {
            int prev = i == 0 ? blocks - 1 : i - 1;
            b.append("c").append(i).append(" = ").append(0.5 + i * 1e-6).append(" ~ ~ |\n");
            b.append("a").append(i).append(" = c").append(i).append(" * s").append(i).append(" + ").append(1 + i * 1e-7).append(" ~ ~ |\n");
            b.append("l").append(i).append(" = tbl(a").append(i).append(") ~ ~ |\n");
            b.append("f").append(i).append(" = l").append(i).append(" - s").append(i).append(" / (1 + Time) - 0.01 * s").append(prev).append(" ~ ~ |\n");
            b.append("s").append(i).append(" = INTEG(f").append(i).append(", 1) ~ ~ |\n");
        }
        b.append("INITIAL TIME = 0 ~ ~ |\nFINAL TIME = 100 ~ ~ |\nTIME STEP = 0.25 ~ ~ |\nSAVEPER = 1 ~ ~ |\n");
        return b.toString();
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 17_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        String text = model(n);
        long c0 = cpu();
        long t0 = System.nanoTime();
        ModelSource src = VensimParser.parse("synthetic.mdl", text, Path.of("."));
        long t1 = System.nanoTime();
        long c1 = cpu();
        AnalyzedModel am = ModelLoader.analyze(src);
        long t2 = System.nanoTime();
        long c2 = cpu();
        Plan plan = Planner.plan(am);
        long t3 = System.nanoTime();
        long c3 = cpu();
        ModelCode code = ModelCompiler.compile(plan);
        long t5 = System.nanoTime();
        long c5 = cpu();
        String classes = code.getClass().getSimpleName();
        Model model = new Model(plan, code, src.method());
        Run run = model.newRun();
        run.simulate();
        long t6 = System.nanoTime();
        long c6 = cpu();
        double[] perRun = new double[runs];
        double[] perRunCpu = new double[runs];
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < runs; i++) {
            long a = System.nanoTime();
            long ac = threads.getCurrentThreadCpuTime();
            run.simulate();
            perRun[i] = (System.nanoTime() - a) / 1e6;
            perRunCpu[i] = (threads.getCurrentThreadCpuTime() - ac) / 1e6;
        }
        Arrays.sort(perRun);
        Arrays.sort(perRunCpu);
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) peak += p.getPeakUsage().getUsed();
        }
        System.out.printf("scalars %d (slots %d), code %s: wall parse %.0f ms, analyse %.0f, plan %.0f, generate+load %.0f;"
                        + " process CPU parse %.0f ms, analyse %.0f, plan %.0f, generate+load %.0f;"
                        + " total %.0f ms wall, %.0f ms process CPU; first run %.1f ms wall, %.0f ms CPU; per run median %.2f ms wall (min %.2f),"
                        + " thread CPU median %.2f ms (min %.2f) over %d runs; peak heap %d MB; load average %.1f%n",
                n, plan.slotCount(), classes, ms(t0, t1), ms(t1, t2), ms(t2, t3), ms(t3, t5),
                ms(c0, c1), ms(c1, c2), ms(c2, c3), ms(c3, c5), ms(t0, t5), ms(c0, c5), ms(t5, t6), ms(c5, c6), perRun[runs / 2], perRun[0], perRunCpu[runs / 2],
                perRunCpu[0], runs, peak >> 20, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** CPU time of the whole process (compiler, JIT and GC threads included), ns. */
    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double ms(long a, long b) {
        return (b - a) / 1e6;
    }
}
