package org.dlab.workbench.analysis;

import java.util.SplittableRandom;

/**
 * Scale check, not part of the test suite (no @Test): PRIM and feature scoring on 1,000,000
 * futures x 30 inputs. The outcome is true inside a box on three inputs, with 5% of labels
 * flipped. Run after {@code mvn -pl workbench test-compile} with
 * {@code java -Xmx6g -cp workbench/target/classes:workbench/target/test-classes:<deps> org.dlab.workbench.analysis.AnalysisScale [rows] [inputs]}.
 */
public final class AnalysisScale {
    private AnalysisScale() {}

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int dims = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        long t0 = System.nanoTime();
        SplittableRandom rnd = new SplittableRandom(1);
        double[][] cols = new double[dims][rows];
        for (int d = 0; d < dims; d++) for (int i = 0; i < rows; i++) cols[d][i] = rnd.nextDouble();
        boolean[] y = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            boolean in = cols[3][i] > 0.4 && cols[11][i] < 0.7 && cols[20][i] > 0.2 && cols[20][i] < 0.9;
            y[i] = rnd.nextDouble() < 0.05 ? !in : in;
        }
        Dataset x = Dataset.ofColumns(Dataset.defaultNames(dims), cols);
        System.out.printf("data %d x %d generated in %.2f s; %d processors, max heap %d MB%n", rows, dims, secs(t0),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

        boolean prim = args.length <= 2 || !args[2].equals("fs-only");
        long t = System.nanoTime();
        double c0 = cpu();
        if (prim) {
        SortedColumns order = Prim.sort(x);
        double sort = secs(t);
        t = System.nanoTime();
        Prim.Options o = Prim.Options.defaults();
        PrimTrajectory traj = Prim.peel(x, y, o, order);
        double peel = secs(t);
        t = System.nanoTime();
        PrimBox box = Prim.paste(x, y, traj.choose(0.8), o, order);
        double paste = secs(t);
        t = System.nanoTime();
        PrimInspection insp = PrimInspection.inspect(x, y, box);
        double inspect = secs(t);
        System.out.printf("PRIM: sort %.2f s, peel %.2f s (%d boxes), paste %.2f s, inspect %.2f s; total %.2f s wall, %.2f s CPU%n", sort, peel,
                traj.boxes().size(), paste, inspect, sort + peel + paste + inspect, cpu() - c0);
        System.out.printf("  box cov %.3f dens %.3f mass %.3f restricts %d inputs: %s%n", box.coverage(), box.density(), box.mass(),
                box.restrictedCount(), box.box());
        insp.bySignificance().stream().limit(5).forEach(l -> System.out.printf("  %s [%.3f, %.3f] qp %.2g%n", l.name(), l.lower(), l.upper(), l.quasiP()));
        }

        t = System.nanoTime();
        c0 = cpu();
        FeatureScoring.Options fo = FeatureScoring.Options.defaults();
        FeatureScoring.Result fs = FeatureScoring.classification(x, y, fo);
        System.out.printf("feature scoring (%d trees, %d rows each, max features %.1f, min leaf %d): %.2f s wall, %.2f s CPU%n", fo.trees(),
                Math.min(rows, fo.sampleSize() == 0 ? rows : fo.sampleSize()), fo.maxFeatures(), fo.minLeaf(), secs(t), cpu() - c0);
        fs.ranked().stream().limit(5).forEach(s -> System.out.printf("  %s %.3f%n", s.name(), s.importance()));
        if (args.length > 2 && args[2].equals("all-rows")) {
            t = System.nanoTime();
            FeatureScoring.Options all = new FeatureScoring.Options(fo.trees(), fo.maxFeatures(), fo.minLeaf(), fo.maxDepth(), 0, fo.seed());
            FeatureScoring.Result fa = FeatureScoring.classification(x, y, all);
            System.out.printf("feature scoring on all rows per tree: %.2f s; top %s%n", secs(t), fa.ranked().get(0).name());
        }
    }

    private static double secs(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** CPU seconds of this process so far: the machine is shared, so wall time alone would mislead. */
    static double cpu() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean b ? b.getProcessCpuTime() / 1e9 : Double.NaN;
    }
}
