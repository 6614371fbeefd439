package org.dlab.workbench.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A report, chart or other output file written beside its target and then moved into place, so a
 * failed write never leaves half a file and the previous one stays until the new one is whole.
 */
public final class OutputFile {
    private OutputFile() {}

    /** Writes the content into the temporary file it is given. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path tmp) throws IOException;
    }

    /** Writes {@code file} (creating its folder); {@code what} names it in errors ("the plot"). */
    public static void replace(Path file, String what, Content content) {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        try {
            if (dir != null) Files.createDirectories(dir);
            Path tmp = (dir == null ? Path.of(".") : dir).resolve("." + abs.getFileName() + ".tmp");
            content.writeTo(tmp);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StoreException(file.toString(), "cannot write " + what + ": " + e.getMessage());
        }
    }

    /** Writes UTF-8 text to {@code file}. */
    public static void replace(Path file, String what, String text) {
        replace(file, what, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }
}
