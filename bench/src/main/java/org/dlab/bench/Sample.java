package org.dlab.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The sample models the benchmarks run, found in the team's shared folder: system property
 * {@code dlab.shared}, else {@code ../shared} relative to the working directory (the folder
 * beside the checkout when run from its root). Each names the variable an ensemble would read
 * and a constant to vary between runs.
 */
public enum Sample {
    TEACUP("teacup", "teacup/teacup.mdl", "Teacup Temperature", "Characteristic Time", 10),
    SIR("SIR", "SIR/SIR.mdl", "Infectious", "Contact Infectivity", 0.3),
    QUERY_FILE("Query_file", "Query_file/Query_file.mdl", "BalanceFunds", "SalesPricePerStove", 4271);

    /** The name used in JMH's {@code -p model=...} and in the shared folder. */
    public final String id;
    private final String file;
    /** What the one-value sink reads. */
    public final String target;
    /** The constant set before each run in the re-run benchmark, and its value in the model. */
    public final String constant;
    public final double constantValue;

    Sample(String id, String file, String target, String constant, double constantValue) {
        this.id = id;
        this.file = file;
        this.target = target;
        this.constant = constant;
        this.constantValue = constantValue;
    }

    public static Sample byId(String id) {
        for (Sample s : values()) if (s.id.equals(id)) return s;
        throw new IllegalArgumentException("unknown sample '" + id + "', expected one of " + Arrays.toString(ids()));
    }

    private static String[] ids() {
        return Arrays.stream(values()).map(s -> s.id).toArray(String[]::new);
    }

    /** The .mdl file; fails with a message saying where it looked and how to point elsewhere. */
    public Path path() {
        Path samples = sharedFolder().resolve("sd-test-models").resolve("samples");
        Path p = samples.resolve(file);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("sample model not found: " + p.toAbsolutePath().normalize()
                    + " (the shared folder must hold sd-test-models/samples; set -Ddlab.shared=PATH)");
        }
        return p;
    }

    public static Path sharedFolder() {
        String prop = System.getProperty("dlab.shared", "../shared");
        Path dir = Path.of(prop);
        if (!Files.isDirectory(dir.resolve("sd-test-models"))) {
            throw new IllegalStateException("the shared folder with sd-test-models was not found at "
                    + dir.toAbsolutePath().normalize() + " (from " + (System.getProperty("dlab.shared") == null
                            ? "the default ../shared relative to " + Path.of("").toAbsolutePath()
                            : "-Ddlab.shared=" + prop)
                    + "); run from the checkout's root with shared/ beside it, or pass -Ddlab.shared=PATH");
        }
        return dir;
    }
}
