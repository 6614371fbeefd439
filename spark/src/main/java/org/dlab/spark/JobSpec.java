package org.dlab.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dlab.workbench.sample.PolicyDesign;
import org.dlab.workbench.sample.SamplerKind;

/**
 * What one Spark exploration runs: the study (as bytes), the design, where the Parquet goes.
 * Serializable because every task receives it (through a broadcast).
 *
 * @param studyPath the study as named on the driver (for messages and provenance only)
 * @param n design size, as {@code dlab explore -n} ({@code null} in the arguments: the sampler's default)
 * @param policies policy names to run, empty for all
 * @param seriesStep NaN: no series; 0: every saved row; else the series resolution in model time
 * @param tasks Spark tasks to split the runs into; 0 picks a count from the size and the cluster
 * @param out output folder, absolute or a URI (s3://, gs://, dbfs:/ ...)
 */
public record JobSpec(StudyBundle bundle, String studyPath, SamplerKind sampler, long n, long seed, PolicyDesign combine,
        List<String> policies, double seriesStep, int tasks, String out, boolean overwrite) implements Serializable {
    private static final long serialVersionUID = 1L;

    public JobSpec {
        policies = List.copyOf(policies);
    }

    public static final String USAGE = "usage: STUDY --out DIR [-n N] [--sampler lhs|mc|sobol|qmc|morris|ff] [--seed S] "
            + "[--policies A,B] [--design full|cycle|sample] [--series DT] [--tasks T] [--overwrite]";

    /**
     * Reads the job's arguments (the same names as {@code dlab explore}). Bad values are
     * IllegalArgumentExceptions with a one-line message; an unreadable study a ModelException.
     */
    public static JobSpec parse(String[] args) {
        String study = null;
        String out = null;
        Long n = null;
        SamplerKind sampler = SamplerKind.LHS;
        long seed = 1;
        PolicyDesign combine = PolicyDesign.FULL;
        List<String> policies = new ArrayList<>();
        double series = Double.NaN;
        int tasks = 0;
        boolean overwrite = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--overwrite":
                    overwrite = true;
                    continue;
                case "-n": case "--sampler": case "--seed": case "--policies": case "--design": case "--series": case "--tasks": case "--out":
                    if (i + 1 >= args.length) throw new IllegalArgumentException(a + " needs a value; " + USAGE);
                    String v = args[++i];
                    switch (a) {
                        case "-n": n = number(a, v); break;
                        case "--sampler": sampler = SamplerKind.parse(v); break;
                        case "--seed": seed = number(a, v); break;
                        case "--policies": policies = List.of(v.split(",")); break;
                        case "--design": combine = PolicyDesign.parse(v); break;
                        case "--series": series = decimal(a, v); break;
                        case "--tasks": tasks = (int) Math.min(Integer.MAX_VALUE, number(a, v)); break;
                        default: out = v;
                    }
                    continue;
                default:
                    if (a.startsWith("-")) throw new IllegalArgumentException("unknown option " + a + "; " + USAGE);
                    if (study != null) throw new IllegalArgumentException("one study only (got " + study + " and " + a + "); " + USAGE);
                    study = a;
            }
        }
        if (study == null) throw new IllegalArgumentException("no study given; " + USAGE);
        if (out == null) throw new IllegalArgumentException("no output folder given (--out DIR); " + USAGE);
        long size = n == null ? sampler.defaultN : n;
        if (size < 1) throw new IllegalArgumentException("-n must be at least 1");
        if (!Double.isNaN(series) && !(series >= 0)) throw new IllegalArgumentException("--series must be 0 or a positive time step");
        if (tasks < 0) throw new IllegalArgumentException("--tasks must be positive");
        return new JobSpec(StudyBundle.read(StudyBundle.localPath(study)), study, sampler, size, seed, combine, policies, series, tasks, absolute(out), overwrite);
    }

    /** A plain path becomes absolute (executors may run in another folder); URIs stay as they are. */
    static String absolute(String out) {
        if (isUri(out)) return out;
        return Path.of(out).toAbsolutePath().normalize().toString();
    }

    /** s3://..., gs://..., dbfs:/..., file:/... (not a Windows drive letter). */
    static boolean isUri(String s) {
        return s.matches("[A-Za-z][A-Za-z0-9+.-]+:/.*");
    }

    private static long number(String option, String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, not '" + v + "'");
        }
    }

    private static double decimal(String option, String v) {
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a number, not '" + v + "'");
        }
    }

    /** The name a store of these results gets by default: the study's folder or file name. */
    String studyName() {
        String f = bundle.studyFile();
        String base = f.toLowerCase(Locale.ROOT).endsWith(".yaml") ? f.substring(0, f.length() - 5) : f;
        if (!base.equals("study")) return base;
        Path p = Path.of(studyPath).toAbsolutePath().normalize();
        Path dir = p.toString().endsWith(".yaml") ? p.getParent() : p;
        return dir == null || dir.getFileName() == null ? "results" : dir.getFileName().toString();
    }
}
