package org.dlab.engine.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Which files a model may read: those in its own folder or below, after symbolic links are
 * resolved, plus the folders the user allows ({@code --allow-files DIR}). A model is untrusted
 * input, so GET DIRECT CONSTANTS('/etc/passwd', ...) or '../../secret.csv' is refused.
 */
public final class FileAccess {
    private static final List<Path> ALLOWED = new CopyOnWriteArrayList<>();

    private FileAccess() {}

    /** Lets every model read files under {@code dir} too (the CLI's --allow-files). */
    public static void allow(Path dir) {
        try {
            ALLOWED.add(dir.toRealPath());
        } catch (IOException e) {
            throw new IllegalArgumentException("no such folder: " + dir);
        }
    }

    /** Forgets the allowed folders (tests). */
    public static void reset() {
        ALLOWED.clear();
    }

    /**
     * The real path of {@code file} when the model in {@code modelDirectory} may read it, else an
     * {@link IllegalArgumentException} with the reason (for readers outside this package, e.g. XMILE module files).
     */
    public static Path readable(Path modelDirectory, Path file) {
        try {
            return check(modelDirectory, file, null);
        } catch (DataError e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /**
     * The real path of {@code file} when the model in {@code modelDirectory} may read it;
     * otherwise a {@link DataError} naming the file as the model wrote it (never an absolute path).
     */
    static Path check(Path modelDirectory, Path file, String name) {
        Path real;
        Path home;
        try {
            real = file.toRealPath();
            home = modelDirectory.toRealPath();
        } catch (IOException e) {
            throw new DataError(file.getFileName() + ": cannot read the file");
        }
        if (real.startsWith(home)) return real;
        for (Path a : ALLOWED) if (real.startsWith(a)) return real;
        // only the file's own name: the folders around it are nobody's business on a server
        throw new DataError(file.getFileName() + ": outside the model's folder; models read only files in their own folder or below"
                + " (dlab --allow-files DIR allows another folder)");
    }
}
