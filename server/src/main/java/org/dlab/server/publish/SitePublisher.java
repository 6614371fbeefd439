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
import org.dlab.engine.LoadWarning;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.compile.JavaScriptGenerator;
import org.dlab.engine.run.Model;
import org.dlab.workbench.study.BoundStudy;
import org.dlab.workbench.study.StudyParser;

/**
 * {@code dlab publish}: a study or model as a folder of static files that runs the model in the
 * page. The model becomes JavaScript ({@link JavaScriptGenerator}). The page is the served
 * simulator's own (web/index.html, app.js, common.js, style.css and the palette, copied from the
 * classpath at publish time, so the two cannot drift apart); publish/inpage-api.js answers the
 * page's {@code /api/v1} calls with the model running in the page, and a worker computes the
 * bands. uPlot and the site data sit beside it, so any static host (or the disk) serves it with
 * no network.
 * The folder is built in a temporary folder beside the target and moved into place; an existing
 * folder is replaced only when it is empty or an earlier site (it holds {@link #MARKER}).
 */
public final class SitePublisher {
    /** The file that marks a folder as a published site, which a later publish may replace. */
    public static final String MARKER = ".dlab-site";
    private static final String UPLOT = "/META-INF/resources/webjars/uplot/1.6.30/dist/";
    /** The served simulator's files, used as they are. */
    private static final List<String> SERVED_FILES = List.of("app.js", "common.js", "style.css");
    /** What only the published page needs: the in-page API, the bands and their worker. */
    private static final List<String> PUBLISH_FILES = List.of("inpage-api.js", "bands.js", "worker.js");
    /** The scripts the published page loads after the served page's common.js, before its app.js. */
    private static final String PUBLISH_SCRIPTS = "<script src=\"site.js\"></script>\n<script src=\"model.js\"></script>\n"
            + "<script src=\"bands.js\"></script>\n<script src=\"inpage-api.js\"></script>\n";

    /**
     * What was written: the folder, its files and their total size in bytes, and the model's load
     * warnings (for the command to print; the page shows them too, files relative to the model's folder).
     */
    public record Site(Path folder, int files, long bytes, List<LoadWarning> warnings) {}

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
            model = BoundStudy.loadModel(parsed, dataFiles);
            data = SiteData.ofStudy(BoundStudy.bind(parsed, model), charts);
        } else {
            model = ModelLoader.load(target, dataFiles);
            data = SiteData.ofModel(model, target, levers, charts);
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
            Files.writeString(tmp.resolve("index.html"), page(resource("/web/index.html")));
            for (String f : SERVED_FILES) copy("/web/" + f, tmp.resolve(f));
            Files.writeString(tmp.resolve("palette.js"), palette());
            for (String f : PUBLISH_FILES) copy("/publish/" + f, tmp.resolve(f));
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
        return new Site(out, files, bytes, model.loadWarnings());
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

    /** The palette script as {@code dlab serve} answers {@code /palette.js}: the workbench's palette. */
    static String palette() {
        return "window.DLAB_PALETTE = " + org.dlab.workbench.plot.Palette.json() + ";\n";
    }

    /**
     * The served simulator's index.html for a folder: paths relative (the site may live in any
     * folder of a host), uPlot beside it, no links to the pages only the server has, and the
     * publish scripts loaded between common.js and app.js. Throws when the served page no longer
     * has what this relies on, so a change there fails the build instead of the published page.
     */
    static String page(String served) {
        String nav = "(?s)\\s*<nav class=\"pages\">.*?</nav>";
        String s = expectOnce(served, nav, "the pages' <nav class=\"pages\">").replaceFirst(nav, "");
        s = s.replaceAll("(src|href)=\"/webjars/uplot/[^/\"]+/dist/", "$1=\"");
        s = s.replaceAll("(src|href)=\"/", "$1=\"");
        String common = "<script src=\"common.js\"></script>\n";
        expectOnce(s, java.util.regex.Pattern.quote(common), "<script src=\"/common.js\">");
        expectOnce(s, java.util.regex.Pattern.quote("<script src=\"app.js\"></script>"), "<script src=\"/app.js\">");
        expectOnce(s, java.util.regex.Pattern.quote("<script src=\"palette.js\"></script>"), "<script src=\"/palette.js\">");
        if (!s.contains("src=\"uPlot.iife.min.js\"") || !s.contains("href=\"uPlot.min.css\"")) {
            throw new IllegalStateException("web/index.html no longer loads uPlot from /webjars/uplot/VERSION/dist/");
        }
        return s.replace(common, common + PUBLISH_SCRIPTS);
    }

    private static String expectOnce(String text, String regex, String what) {
        long n = java.util.regex.Pattern.compile(regex).matcher(text).results().count();
        if (n != 1) throw new IllegalStateException("web/index.html has " + n + " times " + what + " where dlab publish expects it once");
        return text;
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
