package org.dlab.workbench;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Paths of the test models, and of the shared test-model folder when present. */
public final class TestModels {
    private TestModels() {}

    public static Path resource(String name) {
        try {
            return Path.of(TestModels.class.getResource("/models/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource models/" + name, e);
        }
    }

    /** ../shared (via the dlab.shared property), or empty with a notice when absent. */
    public static Optional<Path> shared(String relative) {
        String prop = System.getProperty("dlab.shared");
        if (prop != null) {
            Path p = Path.of(prop).resolve(relative);
            if (Files.exists(p)) return Optional.of(p);
        }
        System.err.println("NOTICE: shared test file " + relative + " not found (dlab.shared=" + prop + "); test skipped");
        return Optional.empty();
    }
}
