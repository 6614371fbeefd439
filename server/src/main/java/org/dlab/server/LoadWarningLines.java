package org.dlab.server;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.dlab.engine.LoadWarning;
import org.dlab.engine.LoadWarnings;

/**
 * A model's load warnings as the HTTP API and a published page show them: one line each
 * ({@code file: where: message}), with file names relative to the model's folder, never the
 * server's absolute paths (the engine names a summary's model by the path it was loaded from).
 */
public final class LoadWarningLines {
    /** Lines shown at most; the engine gives {@link LoadWarnings#LIMIT} plus one summary per kind. */
    public static final int MAX = LoadWarnings.LIMIT + 5;

    private LoadWarningLines() {}

    /** The lines of {@code warnings} of the model loaded from {@code modelFile}; empty when none. */
    public static List<String> of(List<LoadWarning> warnings, Path modelFile) {
        if (warnings == null || warnings.isEmpty()) return List.of();
        Set<Path> dirs = new LinkedHashSet<>();
        Path dir = modelFile.toAbsolutePath().normalize().getParent();
        if (dir != null) {
            dirs.add(dir);
            try {
                dirs.add(dir.toRealPath());
            } catch (IOException e) {
                // the folder as given is all there is
            }
        }
        List<String> out = new ArrayList<>();
        for (LoadWarning w : warnings) {
            if (out.size() == MAX - 1 && warnings.size() > MAX) {
                out.add("... and " + (warnings.size() - out.size()) + " more warnings");
                break;
            }
            String line = new LoadWarning(shown(w.file(), dirs), w.where(), w.message()).toString();
            // a folder named anywhere else in the line goes too
            for (Path d : dirs) line = line.replace(d + d.getFileSystem().getSeparator(), "");
            out.add(line);
        }
        return List.copyOf(out);
    }

    /** {@code file} as the model names it; an absolute one relative to the model's folder, else by its own name. */
    private static String shown(String file, Set<Path> dirs) {
        Path p;
        try {
            p = Path.of(file);
        } catch (InvalidPathException e) {
            return file; // e.g. "?tag (data.xlsx)" where '?' is no file name character
        }
        if (!p.isAbsolute()) return file;
        p = p.normalize();
        for (Path d : dirs) if (p.startsWith(d) && !p.equals(d)) return d.relativize(p).toString().replace('\\', '/');
        Path name = p.getFileName();
        return name == null ? "" : name.toString();
    }
}
