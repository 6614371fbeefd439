package org.dlab.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.dlab.workbench.study.BoundStudy;
import org.dlab.workbench.study.StudyParser;

/**
 * The compiled model of each study this JVM has seen, so an executor compiles a study once
 * however many tasks it runs. The bundle is unpacked into a temporary folder (the parsers read
 * files, and a model's spreadsheets are found beside it), compiled, and the folder removed.
 */
final class CompiledStudies {
    private static final Map<String, BoundStudy> BY_SHA = new HashMap<>();
    private static long compilations;

    private CompiledStudies() {}

    /** The bound study of a bundle; compiles it the first time this JVM sees it (tasks of one executor wait for it). */
    static synchronized BoundStudy get(StudyBundle bundle) {
        BoundStudy b = BY_SHA.get(bundle.sha256());
        if (b != null) return b;
        Path root = null;
        try {
            root = Files.createTempDirectory("dlab-study-");
            b = BoundStudy.bind(StudyParser.parse(bundle.extract(root)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the study on this executor: " + e.getMessage(), e);
        } finally {
            if (root != null) delete(root);
        }
        BY_SHA.put(bundle.sha256(), b);
        compilations++;
        return b;
    }

    /** How many times this JVM compiled a study (for the test that checks once per executor). */
    static synchronized long compilations() {
        return compilations;
    }

    static void delete(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary folder is harmless
        }
    }
}
