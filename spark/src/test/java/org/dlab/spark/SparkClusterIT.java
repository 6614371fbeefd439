package org.dlab.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.dlab.workbench.Exploration;
import org.dlab.workbench.run.Progress;
import org.dlab.workbench.store.ParquetImport;
import org.dlab.workbench.study.BoundStudy;
import org.dlab.workbench.study.StudyParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster on loopback, every part its own process: a master, two workers
 * (one core each, so each holds one executor), and the job submitted with spark-submit's class
 * and the packaged dlab-spark.jar, as a user would. One worker and its executor are killed
 * (SIGKILL) once some tasks have finished; the job must still complete with every run of the
 * design present exactly once, and the runs must equal the local runner's.
 *
 * <p>Spark comes from Maven's jars (spark-classpath.txt): the workers need a SPARK_HOME with an
 * empty jars/ folder, SPARK_SCALA_VERSION and SPARK_DIST_CLASSPATH to launch executors.
 */
class SparkClusterIT {
    static final Path KOREA = SparkLocalModeTest.KOREA;
    static final int TASKS = 40;
    final long t0 = System.nanoTime();

    @TempDir
    Path tmp;

    final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopAll() {
        for (Process p : started) kill(p);
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void aJobSurvivesTheLossOfAWorkerAndWritesEveryRunOnce() throws Exception {
        // failsafe sets these after package; under surefire (-Dtest=Spark*) the jar may be stale or absent
        Assumptions.assumeTrue(System.getProperty("dlab.spark.jar") != null, "skipped: the cluster test runs under failsafe after package (mvn verify)");
        Path jar = Path.of(System.getProperty("dlab.spark.jar")).toAbsolutePath();
        Path cpFile = Path.of(System.getProperty("dlab.spark.classpath")).toAbsolutePath();
        Assumptions.assumeTrue(Files.isRegularFile(jar) && Files.isRegularFile(cpFile), "skipped: no " + jar + " or " + cpFile + " (run after package)");
        String cp = Files.readString(cpFile).strip();
        List<String> jvm = new ArrayList<>(Arrays.asList(System.getProperty("dlab.spark.jvmOptions", "").trim().split("\\s+")));
        jvm.removeIf(String::isEmpty);
        Path home = Files.createDirectories(tmp.resolve("spark-home/jars"));

        int masterPort = freePort();
        String master = "spark://127.0.0.1:" + masterPort;
        Path masterLog = tmp.resolve("master.log");
        start(masterLog, home.getParent(), cp, jvm, "256m", "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", Integer.toString(masterPort), "--webui-port", Integer.toString(freePort()));
        await(masterLog, s -> s.contains("I have been elected leader"), Duration.ofSeconds(90), "the master to start");
        stage("master up");
        List<Process> workers = new ArrayList<>();
        List<Path> workerLogs = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            Path log = tmp.resolve("worker" + w + ".log");
            workerLogs.add(log);
            workers.add(start(log, home.getParent(), cp, jvm, "256m", "org.apache.spark.deploy.worker.Worker",
                    "--host", "127.0.0.1", "--cores", "1", "--memory", "1g", "--webui-port", Integer.toString(freePort()),
                    "--work-dir", Files.createDirectories(tmp.resolve("work" + w)).toString(), master));
        }
        for (Path log : workerLogs) await(log, s -> s.contains("Successfully registered with master"), Duration.ofSeconds(90), "a worker to register");
        stage("two workers registered");

        Path out = tmp.resolve("korea-cluster");
        Path driverLog = tmp.resolve("driver.log");
        List<String> submit = new ArrayList<>(List.of(
                "--master", master, "--class", ExploreJob.class.getName(),
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1", "--conf", "spark.ui.enabled=false",
                "--conf", "spark.executor.memory=512m", "--conf", "spark.executor.cores=1", "--conf", "spark.cores.max=2",
                jar.toString(), KOREA.toString(), "--out", out.toString(), "-n", "2000", "--seed", "3",
                "--policies", "wait-and-see,recalibrated", "--tasks", Integer.toString(TASKS)));
        List<String> driverJvm = new ArrayList<>(jvm);
        driverJvm.add("-Ddlab.spark.logLevel=INFO"); // the test reads the scheduler's lines
        Process driver = start(driverLog, home.getParent(), cp, driverJvm, "768m", "org.apache.spark.deploy.SparkSubmit", submit.toArray(new String[0]));

        // both executors working, a few tasks done: now one machine "dies"
        await(driverLog, s -> count(s, "Finished task") >= 6 && count(s, "Registered executor") >= 2, Duration.ofMinutes(4), "tasks to finish on two executors");
        Process victim = workers.get(0);
        victim.descendants().forEach(ProcessHandle::destroyForcibly);
        victim.destroyForcibly();
        String atKill = Files.readString(driverLog);
        stage("worker 0 killed after " + count(atKill, "Finished task") + " of " + TASKS + " tasks");
        assertThat(count(atKill, "Finished task")).as("killed mid-job").isLessThan(TASKS);

        assertThat(driver.waitFor(5, TimeUnit.MINUTES)).as("the job finishes").isTrue();
        String log = Files.readString(driverLog);
        stage("job done: " + log.lines().filter(l -> l.startsWith("done:") || l.contains("Lost executor")).toList());
        assertThat(driver.exitValue()).as("exit code; driver log:\n" + tail(log)).isZero();
        assertThat(log).contains("Lost executor").contains("done: 4000 runs");

        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            String parquet = "read_parquet('" + out.resolve("outcomes") + "/**/*.parquet', hive_partitioning = true)";
            assertThat(SparkLocalModeTest.count(st, "SELECT count(*) FROM " + parquet)).isEqualTo(4000);
            assertThat(SparkLocalModeTest.count(st, "SELECT count(DISTINCT run) FROM " + parquet)).isEqualTo(4000);
            assertThat(SparkLocalModeTest.count(st, "SELECT max(run) - min(run) + 1 FROM " + parquet)).isEqualTo(4000);
        }
        assertThat(Files.readString(out.resolve("summary.json"))).contains("\"complete\" : true");

        Path local = tmp.resolve("local.duckdb");
        new Exploration(BoundStudy.bind(StudyParser.parse(KOREA)), Exploration.Settings.defaults(local).withN(2000).withSeed(3).withThreads(2)
                .withPolicies(List.of("wait-and-see", "recalibrated"))).run(Progress.NONE);
        Path imported = tmp.resolve("imported.duckdb");
        ParquetImport.load(out, imported, false);
        SparkLocalModeTest.assertSameRuns(local, imported, List.of("experiments", "outcomes"), 4000);
        stage("imported runs equal the local runner's");
    }

    private void stage(String what) {
        System.out.printf(java.util.Locale.ROOT, "cluster test, %.1f s: %s%n", (System.nanoTime() - t0) / 1e9, what);
    }

    private Process start(Path log, Path sparkHome, String cp, List<String> jvm, String heap, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heap);
        cmd.addAll(jvm);
        cmd.add("-cp");
        cmd.add(cp);
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_DIST_CLASSPATH", cp);
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.remove("SPARK_CONF_DIR");
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private static void await(Path log, Predicate<String> ready, Duration limit, String what) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        String text = "";
        while (System.nanoTime() < end) {
            text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            if (ready.test(text)) return;
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what + "; " + log.getFileName() + ":\n" + tail(text));
    }

    static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) n++;
        return n;
    }

    private static String tail(String s) {
        return s.length() <= 4000 ? s : s.substring(s.length() - 4000);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
