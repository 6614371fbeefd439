package org.dlab.cli;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code dlab explore --spark MASTER}: runs Spark's own {@code SparkSubmit} in a child JVM with
 * dlab-spark.jar as the application. The dlab jar carries no Spark (300 MB of jars): the child's
 * classpath is {@code --spark-classpath}, else {@code $SPARK_HOME/jars/*}, else the
 * {@code spark/target/spark-classpath.txt} that the build writes beside a checkout.
 *
 * @param jvmArgs extra options for the child JVM (the driver): heap and the like
 */
record SparkSubmission(String master, Path jar, String classpath, List<String> conf, List<String> jobArgs, List<String> jvmArgs) {
    static final String JOB_CLASS = "org.dlab.spark.ExploreJob";
    /** Spark's Java 17 module options (org.apache.spark.launcher.JavaModuleOptions), which a JVM running Spark needs. */
    static final List<String> MODULE_OPTIONS = List.of("-XX:+IgnoreUnrecognizedVMOptions", "--add-modules=jdk.incubator.vector",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED", "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED", "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED", "-Djdk.reflect.useDirectMethodHandle=false",
            "-Dio.netty.tryReflectionSetAccessible=true");

    private static final Pattern MASTER = Pattern.compile(
            "local(\\[(\\*|[1-9][0-9]*)(,[1-9][0-9]*)?\\])?|spark://[^\\s/:,]+:[0-9]{1,5}(,[^\\s/:,]+:[0-9]{1,5})*|yarn|k8s://\\S+|local-cluster\\[\\d+,\\d+,\\d+\\]");
    private static final Pattern LOOPBACK = Pattern.compile("local.*|spark://(127\\.[0-9.]+|localhost):[0-9]+");

    static String checkMaster(String master) {
        if (!MASTER.matcher(master).matches()) {
            throw new UserInputException("--spark: '" + master + "' is not a Spark master URL (expected local[N], spark://HOST:PORT, yarn or k8s://...)");
        }
        return master;
    }

    /** True when the driver and executors all live on this machine: then everything binds to loopback. */
    boolean onThisMachine() {
        return LOOPBACK.matcher(master).matches();
    }

    /** dlab-spark.jar: the option, else DLAB_SPARK_JAR, else spark/target/ of the checkout this dlab was built in. */
    static Path findJar(Path option) {
        if (option != null) {
            if (!Files.isRegularFile(option)) throw new UserInputException("--spark-jar: no such file " + option);
            return option.toAbsolutePath();
        }
        String env = System.getenv("DLAB_SPARK_JAR");
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env);
            if (!Files.isRegularFile(p)) throw new UserInputException("DLAB_SPARK_JAR names no file: " + env);
            return p.toAbsolutePath();
        }
        Path built = checkout().resolve("spark/target/dlab-spark.jar");
        if (!Files.isRegularFile(built)) {
            throw new UserInputException("--spark needs dlab-spark.jar, not found at " + built
                    + "; build it with 'mvn -B -pl spark -am package -DskipTests', or give --spark-jar FILE or DLAB_SPARK_JAR");
        }
        return built;
    }

    /** Spark's classpath: the option, else $SPARK_HOME/jars/*, else spark/target/spark-classpath.txt of the checkout. */
    static String findClasspath(String option) {
        if (option != null && !option.isBlank()) return option;
        String home = System.getenv("SPARK_HOME");
        if (home != null && !home.isBlank() && Files.isDirectory(Path.of(home, "jars"))) {
            try (var s = Files.list(Path.of(home, "jars"))) {
                if (s.anyMatch(p -> p.getFileName().toString().startsWith("spark-core"))) return Path.of(home, "jars") + File.separator + "*";
            } catch (IOException e) {
                // fall through to the checkout's list
            }
        }
        Path listed = checkout().resolve("spark/target/spark-classpath.txt");
        if (!Files.isRegularFile(listed)) {
            throw new UserInputException("--spark needs Spark's jars: set SPARK_HOME to a Spark 4 installation, give --spark-classpath CP, or build "
                    + listed + " with 'mvn -B -pl spark -am package -DskipTests'");
        }
        try {
            return Files.readString(listed).strip();
        } catch (IOException e) {
            throw new UserInputException("cannot read " + listed + ": " + e.getMessage());
        }
    }

    /** The checkout this dlab runs from: the jar or classes folder is in cli/target. */
    private static Path checkout() {
        try {
            Path self = Path.of(Dlab.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
            Path target = self.getParent(); // cli/target, for the jar and for the classes folder alike
            Path cli = target == null ? null : target.getParent();
            Path root = cli == null ? null : cli.getParent();
            return root == null ? Path.of("").toAbsolutePath() : root;
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("").toAbsolutePath();
        }
    }

    List<String> command() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.addAll(MODULE_OPTIONS);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add("org.apache.spark.deploy.SparkSubmit");
        cmd.add("--master");
        cmd.add(master);
        cmd.add("--class");
        cmd.add(JOB_CLASS);
        List<String> all = new ArrayList<>();
        if (onThisMachine()) all.addAll(List.of("spark.driver.host=127.0.0.1", "spark.driver.bindAddress=127.0.0.1"));
        all.add("spark.ui.enabled=false");
        all.addAll(conf);
        for (String c : all) {
            cmd.add("--conf");
            cmd.add(c);
        }
        cmd.add(jar.toString());
        cmd.addAll(jobArgs);
        return cmd;
    }

    /** Runs the job with the terminal as its output; returns its exit code. */
    int run() {
        ProcessBuilder pb = new ProcessBuilder(command()).inheritIO();
        if (onThisMachine()) pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        try {
            Process p = pb.start();
            Thread stop = new Thread(p::destroy, "dlab-spark-stop");
            Runtime.getRuntime().addShutdownHook(stop);
            try {
                return p.waitFor();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(stop);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: the child is being stopped
                }
            }
        } catch (IOException e) {
            throw new UserInputException("cannot start spark-submit: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.INTERNAL;
        }
    }

    static String describe(int code) {
        return String.format(Locale.ROOT, "the Spark job failed (exit code %d); its log is above", code);
    }
}
