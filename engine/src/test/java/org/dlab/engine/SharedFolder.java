package org.dlab.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Where tests find ../shared (the test-models suite and datasets): the one setting
 * {@code -Ddlab.shared=PATH}, which the build sets to the folder beside the checkout. Where it
 * is absent, such tests skip with a notice instead of failing.
 */
public final class SharedFolder {
    private SharedFolder() {}

    public static Path path() {
        String p = System.getProperty("dlab.shared");
        Path dir = p == null ? null : Path.of(p);
        Assumptions.assumeTrue(dir != null && Files.isDirectory(dir.resolve("sd-test-models")),
                "skipped: the shared folder with sd-test-models was not found (" + p + "); "
                        + "put the team's shared/ folder beside the checkout or run with -Ddlab.shared=PATH");
        return dir;
    }

    public static Path testModels() {
        return path().resolve("sd-test-models");
    }
}
