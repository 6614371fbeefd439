package org.dlab.server.publish;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.compile.JavaScriptGenerator;
import org.dlab.engine.run.Model;
import org.dlab.workbench.study.BoundStudy;
import org.dlab.workbench.study.StudyParser;

/**
 * {@code dlab publish}: a study or model as a folder of static files that runs the model in the
 * page. The model becomes JavaScript ({@link JavaScriptGenerator}); the page, its worker, uPlot
 * and the site data sit beside it, so any static host (or the disk) serves it with no network.
 * The folder is built in a temporary folder beside the target and moved into place; an existing
 * folder is replaced only when it is empty or an earlier site (it holds {@link #MARKER}).
 */
public final class SitePublisher {
    /** The file that marks a folder as a published site, which a later publish may replace. */
    public static final String MARKER = ".dlab-site";
    private static final String UPLOT = "/META-INF/resources/webjars/uplot/1.6.30/dist/";
    private static final List<String> PAGE_FILES = List.of("index.html", "page.js", "worker.js", "bands.js", "chart.js", "style.css");

    /** What was written: the folder, its files and their total size in bytes. */
    public record Site(Path folder, int files, long bytes) {}

    private SitePublisher() {}

    /**
     * Publishes a study (.yaml/.yml) or a model file. {@code levers} name model constants for a
     * plain model (NAME or NAME=LOW:HIGH); {@code charts} choose the charted variables (default:
     * the study's outcome variables, else the model's stocks). Throws ModelException for a model
     * or study problem (file:line:col), IllegalArgumentException for a bad option or target folder.
     */
    public static Site publish(Path target, List<String> levers, List<String> charts, Path out) throws IOException {
        return publish(target, levers, charts, List.of(), out);
    }

    /** As above, with time series files for the model's data variables (baked into the site as tables). */
    public static Site publish(Path target, List<String> levers, List<String> charts, List<Path> dataFiles, Path out) throws IOException {
        String name = target.getFileName() == null ? "" : target.getFileName().toString();
        boolean study = name.toLowerCase(Locale.ROOT).endsWith(".yaml") || name.toLowerCase(Locale.ROOT).endsWith(".yml");
        Model model;
        String data;
        if (study) {
            if (!levers.isEmpty()) throw new IllegalArgumentException("--lever is for a plain model; a study's levers come from its file");
            var parsed = StudyParser.parse(target);
            model = ModelLoader.load(parsed.model(), dataFiles);
            data = SiteData.ofStudy(BoundStudy.bind(parsed, model), charts);
        } else {
            model = ModelLoader.load(target, dataFiles);
            data = SiteData.ofModel(model, name, levers, charts);
        }
        String module = JavaScriptGenerator.generate(model.plan(), model.method());
        checkTarget(out);
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, "." + out.getFileName() + ".publishing-");
        try {
            // a temporary folder is private (rwx------); a site is for web servers to read
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Files.writeString(tmp.resolve("model.mjs"), module);
            Files.writeString(tmp.resolve("model.js"), classicScript(module));
            Files.writeString(tmp.resolve("site.js"), data);
            for (String f : PAGE_FILES) copy("/publish/" + f, tmp.resolve(f));
            copy(UPLOT + "uPlot.iife.min.js", tmp.resolve("uPlot.iife.min.js"));
            copy(UPLOT + "uPlot.min.css", tmp.resolve("uPlot.min.css"));
            Files.writeString(tmp.resolve(MARKER), "Published by dlab publish; a later dlab publish may replace this folder.\n");
            replace(tmp, out);
        } finally {
            if (Files.exists(tmp)) deleteTree(tmp);
        }
        long bytes = 0;
        int files = 0;
        try (Stream<Path> s = Files.walk(out)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                bytes += Files.size(p);
                files++;
            }
        }
        return new Site(out, files, bytes);
    }

    /**
     * The ES module as a classic script that sets {@code self.dlabModel = {meta, simulate}}: the
     * page and its worker load it with script/importScripts, which browsers allow from disk too.
     */
    static String classicScript(String module) {
        String body = module.replace("\nexport const meta = ", "\nconst meta = ").replace("\nexport function simulate(", "\nfunction simulate(");
        if (body.contains("\nexport ")) throw new IllegalStateException("unexpected export in the generated module");
        return "(function () {\n\"use strict\";\n" + body + "\nself.dlabModel = { meta: meta, simulate: simulate };\n})();\n";
    }

    /** Refuses a target that is a file, or a non-empty folder that is not an earlier site. */
    private static void checkTarget(Path out) throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) throw new IllegalArgumentException(out + ": exists and is not a folder");
        if (Files.isDirectory(out) && !Files.exists(out.resolve(MARKER))) {
            try (Stream<Path> s = Files.list(out)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalArgumentException(out + ": folder is not empty and is not a site made by dlab publish; choose another folder");
                }
            }
        }
    }

    /** Moves the finished folder into place; an earlier site is moved aside first, then deleted. */
    private static void replace(Path tmp, Path out) throws IOException {
        Path old = null;
        if (Files.exists(out)) {
            old = Files.createTempDirectory(out.toAbsolutePath().getParent(), "." + out.getFileName() + ".old-");
            Files.delete(old);
            move(out, old);
        }
        move(tmp, out);
        if (old != null) deleteTree(old);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void copy(String resource, Path to) throws IOException {
        try (InputStream in = SitePublisher.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            Files.copy(in, to);
        }
    }

    static String resource(String name) {
        try (InputStream in = SitePublisher.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        List<IOException> errors = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) errors.add(e);
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
        if (!errors.isEmpty()) throw errors.get(0);
    }
}
