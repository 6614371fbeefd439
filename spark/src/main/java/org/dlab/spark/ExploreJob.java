package org.dlab.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.dlab.engine.ModelException;
import org.dlab.workbench.Exploration;
import org.dlab.workbench.store.Provenance;
import org.dlab.workbench.store.StoreLayout;
import org.dlab.workbench.study.BoundStudy;
import org.dlab.workbench.study.Study.Policy;
import org.dlab.workbench.study.StudyParser;

/**
 * {@code dlab explore} as a Spark job. The driver reads the study and ships it (model text
 * included) to the executors, splits the design into tasks of consecutive run indices, and
 * writes every run as Parquet partitioned by policy under {@code OUT/outcomes} (and the time
 * series under {@code OUT/series}); then it reads the output back to count the runs, and writes
 * {@code OUT/summary.json}, {@code OUT/provenance.json} and the study's files under
 * {@code OUT/study/}, which is all {@code dlab import} needs to make a results store.
 *
 * <pre>spark-submit --class org.dlab.spark.ExploreJob dlab-spark.jar models/korea --out /data/korea -n 10000</pre>
 */
public final class ExploreJob {
    /** Runs per task when the task count is left to the job: a few seconds of korea runs, small enough to retry. */
    static final long RUNS_PER_TASK = 5000;

    /**
     * What a job did, from its output read back.
     *
     * @param distinctRuns the number of different design indices in the output; equals {@code rows} and {@code runsTotal} when every run is there once
     * @param compilations how many executor JVMs compiled the model (a retried task on a fresh executor adds one)
     */
    public record Summary(String out, long runsTotal, long rows, long distinctRuns, long ok, long failed, Map<String, Long> perPolicy,
            int tasks, long compilations, double seconds) {
        public boolean complete() {
            return rows == runsTotal && distinctRuns == runsTotal;
        }

        public double runsPerSecond() {
            return seconds == 0 ? 0 : rows / seconds;
        }
    }

    private ExploreJob() {}

    public static void main(String[] args) {
        JobSpec spec;
        try {
            spec = JobSpec.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("dlab-spark: " + e.getMessage());
            System.exit(2);
            return;
        } catch (ModelException e) {
            System.err.println(e.describe());
            System.exit(2);
            return;
        }
        SparkSession spark = SparkSession.builder().appName("dlab explore " + spec.studyName()).getOrCreate();
        // Spark's INFO lines would bury the job's own two; -Ddlab.spark.logLevel=INFO brings them back
        spark.sparkContext().setLogLevel(System.getProperty("dlab.spark.logLevel", "WARN"));
        int code;
        try {
            Summary s = run(spark, spec, System.out);
            code = s.complete() ? 0 : 1;
        } catch (ModelException e) {
            System.err.println(e.describe());
            code = 2;
        } catch (IllegalArgumentException e) {
            System.err.println("dlab-spark: " + e.getMessage());
            code = 2;
        } finally {
            // a local executor's last heartbeat can race the shutdown and log a harmless stack trace
            if (System.getProperty("dlab.spark.logLevel") == null) spark.sparkContext().setLogLevel("ERROR");
            spark.stop();
        }
        System.exit(code);
    }

    /** Runs the job on a session; prints one line when it starts and one when it is done. */
    public static Summary run(SparkSession spark, JobSpec spec, PrintStream log) {
        long t0 = System.nanoTime();
        String started = Instant.now().toString();
        // the driver binds the study too: bad names fail here, before any executor starts
        Path local = Path.of(System.getProperty("java.io.tmpdir"));
        // (from the shipped bytes, outside the executors' cache, so the executors' compilations are counted alone)
        Path driverCopy = null;
        BoundStudy bound;
        Provenance.Sources sources;
        try {
            driverCopy = java.nio.file.Files.createTempDirectory("dlab-driver-study-");
            bound = BoundStudy.bind(StudyParser.parse(spec.bundle().extract(driverCopy)));
            sources = Provenance.Sources.of(bound); // the bytes shipped, hashed before the copy goes
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the study on the driver: " + e.getMessage(), e);
        } finally {
            if (driverCopy != null) CompiledStudies.delete(driverCopy);
        }
        List<Policy> policies = bound.selectPolicies(spec.policies());
        List<String> names = policies.stream().map(Policy::name).toList();
        boolean series = !Double.isNaN(spec.seriesStep());
        StoreLayout layout = StoreLayout.of(bound, policies, series);
        RunTable.checkNames(layout);
        Exploration.Settings settings = new Exploration.Settings(spec.sampler(), spec.n(), spec.seed(), spec.combine(), spec.policies(),
                1, spec.seriesStep(), local.resolve("unused.duckdb"), false, false);
        Exploration exploration = new Exploration(bound, settings, sources);
        long total = exploration.design().size();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int tasks = spec.tasks() > 0 ? spec.tasks()
                : (int) Math.min(100_000, Math.max(2L * jsc.defaultParallelism(), (total + RUNS_PER_TASK - 1) / RUNS_PER_TASK));
        tasks = (int) Math.max(1, Math.min(tasks, total));

        org.apache.hadoop.fs.Path out = new org.apache.hadoop.fs.Path(spec.out());
        FileSystem fs = fileSystem(spark, out);
        prepare(fs, out, spec.overwrite());
        log.printf(Locale.ROOT, "%s: %d runs (%s, n = %d, %d polic%s, %s design) in %d tasks on %s -> %s%n", spec.studyPath(), total,
                spec.sampler().cliName, spec.n(), names.size(), names.size() == 1 ? "y" : "ies", spec.combine().cliName(), tasks, spark.sparkContext().master(), spec.out());
        log.flush();

        Broadcast<JobSpec> shipped = jsc.broadcast(spec);
        LongAccumulator compilations = jsc.sc().longAccumulator("dlab model compilations");
        RunTable table = new RunTable(layout, names);
        JavaRDD<Integer> taskIds = jsc.parallelize(IntStream.range(0, tasks).boxed().toList(), tasks);
        JavaRDD<Row> rows = taskIds.mapPartitions(new TaskRuns(shipped, total, tasks, names, compilations));
        Dataset<Row> runs = spark.createDataFrame(rows, table.schema(series));
        String outcomesDir = new org.apache.hadoop.fs.Path(out, "outcomes").toString();
        if (series) {
            // computed once, written twice (outcomes, then series rows): kept on the executors' disks in between
            runs = runs.persist(StorageLevel.DISK_ONLY());
            runs.drop("series").write().mode(SaveMode.ErrorIfExists).partitionBy("policy").parquet(outcomesDir);
            List<String> vars = layout.seriesVariables();
            List<Column> cols = new ArrayList<>();
            cols.add(col("run"));
            cols.add(col("policy_index"));
            cols.add(col("row").getItem(0).as("time"));
            for (int i = 0; i < vars.size(); i++) cols.add(col("row").getItem(i + 1).as(vars.get(i)));
            cols.add(col("policy"));
            runs.select(col("run"), col("policy_index"), col("policy"), explode(col("series")).as("row"))
                    .select(cols.toArray(new Column[0]))
                    .write().mode(SaveMode.ErrorIfExists).partitionBy("policy").parquet(new org.apache.hadoop.fs.Path(out, "series").toString());
            runs.unpersist(false);
        } else {
            runs.write().mode(SaveMode.ErrorIfExists).partitionBy("policy").parquet(outcomesDir);
        }

        Dataset<Row> back = spark.read().parquet(outcomesDir);
        Row c = back.agg(count("*"), countDistinct(col("run")), sum(when(col("status").equalTo("ok"), 1).otherwise(0))).first();
        Map<String, Long> perPolicy = new LinkedHashMap<>();
        for (String n : names) perPolicy.put(n, 0L);
        for (Row r : back.groupBy("policy").count().collectAsList()) perPolicy.put(String.valueOf(r.get(0)), r.getLong(1));
        long rowsBack = c.getLong(0);
        long ok = c.isNullAt(2) ? 0 : c.getLong(2);
        Summary summary = new Summary(spec.out(), total, rowsBack, c.getLong(1), ok, rowsBack - ok, perPolicy, tasks, compilations.value(),
                (System.nanoTime() - t0) / 1e9);

        Map<String, String> provenance = new LinkedHashMap<>(exploration.provenance());
        provenance.put("study_file", spec.studyPath());
        provenance.put("model_file", driverCopy.relativize(bound.study().model()).toString());
        provenance.put("spark_study_file", "study/" + spec.bundle().laidOutStudyFile());
        provenance.put("started_at", started);
        provenance.put("threads", Integer.toString(jsc.defaultParallelism()));
        provenance.put("runner", "spark");
        provenance.put("spark_version", spark.version());
        provenance.put("spark_master", spark.sparkContext().master());
        provenance.put("spark_tasks", Integer.toString(tasks));
        provenance.put("spark_output", spec.out());
        provenance.put("finished_at", Instant.now().toString());
        provenance.put("status", summary.complete() ? "complete" : "incomplete");
        writeJson(fs, new org.apache.hadoop.fs.Path(out, "provenance.json"), provenance);
        writeJson(fs, new org.apache.hadoop.fs.Path(out, "summary.json"), summaryJson(summary));
        for (Map.Entry<String, byte[]> f : spec.bundle().laidOut().entrySet()) write(fs, new org.apache.hadoop.fs.Path(out, "study/" + f.getKey()), f.getValue());
        log.printf(Locale.ROOT, "%s %d runs (%d ok, %d failed; %d distinct) in %.1f s, %.0f runs/s, %d tasks, model compiled in %d executor JVM%s%n",
                summary.complete() ? "done:" : "INCOMPLETE:", summary.rows(), summary.ok(), summary.failed(), summary.distinctRuns(), summary.seconds(),
                summary.runsPerSecond(), tasks, summary.compilations(), summary.compilations() == 1 ? "" : "s");
        log.printf("import with: dlab import %s --db %s.duckdb%n", spec.out(), spec.studyName());
        log.flush();
        return summary;
    }

    private static FileSystem fileSystem(SparkSession spark, org.apache.hadoop.fs.Path out) {
        try {
            return out.getFileSystem(spark.sparkContext().hadoopConfiguration());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot use the output " + out + ": " + e.getMessage());
        }
    }

    private static void prepare(FileSystem fs, org.apache.hadoop.fs.Path out, boolean overwrite) {
        try {
            if (fs.exists(out)) {
                if (!overwrite) throw new IllegalArgumentException("the output " + out + " already exists; pass --overwrite to replace it");
                fs.delete(out, true);
            }
            fs.mkdirs(out);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot prepare the output " + out + ": " + e.getMessage());
        }
    }

    static Map<String, Object> summaryJson(Summary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("complete", s.complete());
        m.put("runs_total", s.runsTotal());
        m.put("rows", s.rows());
        m.put("distinct_runs", s.distinctRuns());
        m.put("ok", s.ok());
        m.put("failed", s.failed());
        m.put("runs_per_policy", s.perPolicy());
        m.put("tasks", s.tasks());
        m.put("model_compilations", s.compilations());
        m.put("seconds", Math.round(s.seconds() * 1000) / 1000.0);
        m.put("runs_per_second", Math.round(s.runsPerSecond() * 10) / 10.0);
        return m;
    }

    private static void writeJson(FileSystem fs, org.apache.hadoop.fs.Path p, Object value) {
        try {
            write(fs, p, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value).getBytes(StandardCharsets.UTF_8));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(FileSystem fs, org.apache.hadoop.fs.Path p, byte[] content) {
        try (OutputStream o = fs.create(p, true)) {
            o.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + p + ": " + e.getMessage(), e);
        }
    }
}
