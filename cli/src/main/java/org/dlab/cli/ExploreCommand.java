package org.dlab.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dlab.workbench.Exploration;
import org.dlab.workbench.run.Runner;
import org.dlab.workbench.sample.PolicyDesign;
import org.dlab.workbench.sample.SamplerKind;
import org.dlab.workbench.study.BoundStudy;
import org.dlab.workbench.study.StudyParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dlab explore STUDY}: runs a study's futures under its policies on every core and stores
 * inputs and outcomes in a DuckDB file. Ctrl-C stops after the runs in progress and leaves a
 * store that {@code --resume} completes.
 */
@Command(name = "explore", mixinStandardHelpOptions = true, modelTransformer = SamplerHelp.All.class,
        description = {"Run a study's sampled futures under its policies and store every run's inputs and outcomes in a DuckDB file.",
            "Ctrl-C stops cleanly; run again with --resume to finish. Export with 'dlab export'."})
final class ExploreCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "STUDY", description = "a study file, or a folder holding study.yaml")
    Path study;

    @Option(names = "-n", paramLabel = "N", description = "design size: points for lhs, mc, qmc (default 1000, qmc 1024); base points for sobol "
            + "(default 256, runs N(2D+2)); trajectories for morris (default 20, runs N(D+1)); levels per continuous input for ff (default 3)")
    Long n;

    // label and help are generated from SamplerKind (SamplerHelp)
    @Option(names = "--sampler", paramLabel = "SAMPLER", defaultValue = "lhs", description = "the sampler")
    String sampler;

    @Mixin SeedOption seedOption = new SeedOption();

    @Mixin StoreOptions storeOptions = new StoreOptions();

    @Mixin ThreadsOption threadsOption = new ThreadsOption();

    @Option(names = "--resume", description = "continue an interrupted exploration in --db, running only the runs it lacks")
    boolean resume;

    @Option(names = "--policies", split = ",", paramLabel = "A,B", description = "only these policies (default: all the study's)")
    List<String> policies;

    @Option(names = "--design", paramLabel = "full|cycle|sample", defaultValue = "full",
            description = "scenarios x policies: full (every future under every policy, default), cycle (future i under policy i mod P), "
                    + "sample (each future under one policy drawn at random)")
    String design;

    @Option(names = "--series", paramLabel = "DT", description = "also store the outcome variables over time every DT (0: every saved step)")
    Double series;

    @Mixin QuietOption quietOption = new QuietOption();

    @Option(names = "--spark", paramLabel = "MASTER_URL", description = "run on Apache Spark instead (local[N], spark://HOST:PORT, yarn, k8s://...): "
            + "writes Parquet to --out; load it with 'dlab import'")
    String spark;

    @Option(names = "--out", paramLabel = "DIR", description = "with --spark: the output folder, a path or a URI the cluster can write (default <study name>-spark)")
    String out;

    @Option(names = "--tasks", paramLabel = "T", description = "with --spark: tasks to split the runs into (default: one per 5,000 runs, at least two per core)")
    Integer tasks;

    @Option(names = "--spark-jar", paramLabel = "FILE", description = "with --spark: dlab-spark.jar (default DLAB_SPARK_JAR, else spark/target/ of this checkout)")
    Path sparkJar;

    @Option(names = "--spark-classpath", paramLabel = "CP", description = "with --spark: Spark's jars (default $SPARK_HOME/jars/*, else spark/target/spark-classpath.txt)")
    String sparkClasspath;

    @Option(names = "--spark-conf", paramLabel = "KEY=VALUE", description = "with --spark: a Spark setting, e.g. spark.executor.memory=2g (repeatable)")
    List<String> sparkConf;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    /** The command that continues this exploration: the same design options, or --resume refuses the store. */
    String resumeCommand(long size, Path store) {
        StringBuilder b = new StringBuilder("dlab explore ").append(quoted(study.toString())).append(" -n ").append(size)
                .append(" --sampler ").append(sampler).append(" --seed ").append(seedOption.seed).append(" --design ").append(design);
        if (policies != null && !policies.isEmpty()) b.append(" --policies ").append(quoted(String.join(",", policies)));
        if (series != null) b.append(" --series ").append(series);
        return b.append(" --db ").append(quoted(store.toString())).append(" --resume").toString();
    }

    private static String quoted(String s) {
        return s.matches("[A-Za-z0-9_./:,=+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    @Override
    public Integer call() {
        SamplerKind kind = parse(() -> SamplerKind.parse(sampler));
        PolicyDesign combine = parse(() -> PolicyDesign.parse(design));
        long size = n == null ? kind.defaultN : n;
        if (size < 1) throw new UserInputException("-n must be at least 1");
        int t = threadsOption.count();
        if (series != null && !(series >= 0)) throw new UserInputException("--series must be 0 or a positive time step");
        if (spark != null) return submit(size, kind, combine);
        if (out != null || tasks != null || sparkJar != null || sparkClasspath != null || sparkConf != null) {
            throw new UserInputException("--out, --tasks, --spark-jar, --spark-classpath and --spark-conf go with --spark");
        }
        BoundStudy bound = BoundStudy.bind(StudyParser.parse(study));
        ModelOptions.printWarnings(bound.model(), spec.commandLine().getErr());
        Path db = storeOptions.orElse(Path.of(defaultName(study) + ".duckdb"));
        Exploration.Settings s = new Exploration.Settings(kind, size, seedOption.seed, combine, policies, t,
                series == null ? Double.NaN : series, db, resume, storeOptions.overwrite);
        Exploration exploration = parse(() -> new Exploration(bound, s));
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s: %d runs (%s, n = %d, %d polic%s, %s design), %d threads -> %s%n", study, exploration.design().size(),
                kind.cliName, size, exploration.policies().size(), exploration.policies().size() == 1 ? "y" : "ies", combine.cliName(), t, db);
        out.flush();
        try (CleanStop stop = new CleanStop(() -> exploration.runner().requestStop())) {
            Runner.Summary summary = exploration.run(quietOption.progress("explore"));
            double secs = summary.nanos() / 1e9;
            out.printf(Locale.ROOT, "%s %d runs (%d ok, %d failed) in %.1f s, %.0f runs/s%s%n", summary.stopped() ? "stopped after" : "done:",
                    summary.ran(), summary.ok(), summary.failed(), secs, summary.runsPerSecond(),
                    summary.alreadyDone() > 0 ? "; " + summary.alreadyDone() + " were already stored" : "");
            if (summary.stopped()) out.printf("continue with: %s%n", resumeCommand(size, db));
            if (summary.failed() > 0) out.printf("failed runs keep their reason: SELECT run, reason FROM outcomes WHERE status = 'failed'%n");
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** Hands the exploration to Spark (see {@link SparkSubmission}); the job prints its own progress and summary. */
    private int submit(long size, SamplerKind kind, PolicyDesign combine) {
        SparkSubmission.checkMaster(spark);
        if (resume) throw new UserInputException("--resume does not apply to --spark: a Spark job reruns failed tasks itself; run again with --overwrite");
        if (threadsOption.given() || storeOptions.db != null) throw new UserInputException("--threads and --db do not apply to --spark (the cluster's cores; 'dlab import' makes the store)");
        if (tasks != null && tasks < 1) throw new UserInputException("--tasks must be at least 1");
        if (sparkConf != null) for (String c : sparkConf) if (!c.matches("[^=\\s]+=.*")) throw new UserInputException("--spark-conf takes KEY=VALUE, not '" + c + "'");
        StudyParser.parse(study); // a missing or broken study fails here, in one line, before a JVM starts
        Path jar = SparkSubmission.findJar(sparkJar);
        String cp = SparkSubmission.findClasspath(sparkClasspath);
        String target = out != null ? out : Path.of(defaultName(study) + "-spark").toAbsolutePath().toString();
        if (!target.matches("[A-Za-z][A-Za-z0-9+.-]*:/.*")) target = Path.of(target).toAbsolutePath().normalize().toString();
        List<String> args = new ArrayList<>(List.of(study.toAbsolutePath().toString(), "--out", target, "-n", Long.toString(size),
                "--sampler", kind.cliName, "--seed", Long.toString(seedOption.seed), "--design", combine.cliName()));
        if (policies != null && !policies.isEmpty()) args.addAll(List.of("--policies", String.join(",", policies)));
        if (series != null) args.addAll(List.of("--series", Double.toString(series)));
        if (tasks != null) args.addAll(List.of("--tasks", Integer.toString(tasks)));
        if (storeOptions.overwrite) args.add("--overwrite");
        String heap = System.getenv().getOrDefault("DLAB_SPARK_DRIVER_MEMORY", "1g");
        SparkSubmission job = new SparkSubmission(spark, jar, cp, sparkConf == null ? List.of() : sparkConf, args, List.of("-Xmx" + heap, "-Xss8m"));
        PrintWriter o = spec.commandLine().getOut();
        o.printf("submitting to %s: %s%n", spark, jar);
        o.flush();
        int code = job.run();
        if (code == ExitCodes.OK) return code;
        if (code == ExitCodes.BAD_INPUT) return code;
        spec.commandLine().getErr().println("dlab: " + SparkSubmission.describe(code));
        return ExitCodes.INTERNAL;
    }

    static String defaultName(Path study) {
        Path p = Files.isDirectory(study) ? study.toAbsolutePath().normalize() : study;
        String name = p.getFileName() == null ? "results" : p.getFileName().toString();
        if (!Files.isDirectory(study)) {
            int dot = name.lastIndexOf('.');
            if (dot > 0) name = name.substring(0, dot);
            // models/korea/study.yaml is "korea", not "study"
            if (name.equals("study") && study.toAbsolutePath().getParent() != null) name = study.toAbsolutePath().getParent().getFileName().toString();
        }
        return name;
    }

    interface Parse<T> {
        T get();
    }

    /** Turns a bad option value (IllegalArgumentException from the workbench) into exit 2. */
    static <T> T parse(Parse<T> p) {
        try {
            return p.get();
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
    }
}
