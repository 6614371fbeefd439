package org.dlab.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.dlab.engine.ModelException;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.run.Model;
import org.dlab.workbench.study.BoundStudy;
import org.dlab.workbench.study.Study;
import org.dlab.workbench.study.StudyParser;

/**
 * The studies and models the server may open: found once at start, inside the root folders only.
 * Requests name them by id; an id is a key of this catalogue, never a path, so a request cannot
 * reach a file outside the roots. Compiled targets are cached by id.
 */
final class Catalog {
    /** A file the catalogue knows: a study (.yaml) or a model (.mdl). */
    record Item(String id, String kind, Path file, String title) {}

    private static final int MAX_FILES = 500;
    private static final int MAX_DEPTH = 4;

    private final List<Path> roots;
    private final Map<String, Item> studies = new LinkedHashMap<>();
    private final Map<String, Item> models = new LinkedHashMap<>();
    private final Map<String, Target> compiled = new ConcurrentHashMap<>();
    private final Map<String, ModelStructure> structures = new ConcurrentHashMap<>();
    private final String defaultId;
    private final String defaultKind;

    /**
     * @param primary the study or model to open first (must lie inside a root)
     * @param roots folders the server may read; empty means the primary's folder
     */
    Catalog(Path primary, List<Path> roots) {
        Path p = real(primary, "study or model");
        List<Path> rs = new ArrayList<>();
        if (roots == null || roots.isEmpty()) rs.add(p.getParent());
        else for (Path r : roots) rs.add(real(r, "root folder"));
        this.roots = List.copyOf(rs);
        if (!inside(p)) throw new IllegalArgumentException(primary + " is outside the root folders " + this.roots);
        Item first = add(p);
        if (first == null) throw new IllegalArgumentException(primary + " is neither a study (.yaml) nor a model (.mdl)");
        defaultId = first.id();
        defaultKind = first.kind();
        int[] seen = {0};
        for (Path r : this.roots) {
            try (Stream<Path> files = Files.walk(r, MAX_DEPTH)) {
                files.filter(Files::isRegularFile).sorted().forEach(f -> {
                    if (seen[0]++ < MAX_FILES) add(real(f, "file"));
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + r, e);
            }
        }
    }

    private static Path real(Path p, String what) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("no such " + what + ": " + p);
        }
    }

    /** Inside a root after resolving symbolic links, so a link cannot lead out either. */
    boolean inside(Path realPath) {
        for (Path r : roots) if (realPath.startsWith(r)) return true;
        return false;
    }

    private Item add(Path f) {
        for (Item i : studies.values()) if (i.file().equals(f)) return i;
        for (Item i : models.values()) if (i.file().equals(f)) return i;
        if (!inside(f)) return null; // a link out of the roots: not served, models no more than studies
        String name = f.getFileName().toString();
        if (name.endsWith(".mdl")) {
            Item it = new Item(unique(stem(name), models), "model", f, name);
            models.put(it.id(), it);
            return it;
        }
        if (!name.endsWith(".yaml") && !name.endsWith(".yml")) return null;
        Study s;
        try {
            s = StudyParser.parse(f);
        } catch (RuntimeException e) {
            return null; // some other YAML file, or a broken study: not listed
        }
        Path model;
        try {
            model = s.model().toRealPath();
        } catch (IOException e) {
            return null;
        }
        if (!inside(model)) return null;
        String base = name.equals("study.yaml") || name.equals("study.yml") ? f.getParent().getFileName().toString() : stem(name);
        Item it = new Item(unique(base, studies), "study", f, f.getParent().getFileName() + "/" + name);
        studies.put(it.id(), it);
        return it;
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name).replaceAll("[^A-Za-z0-9._-]", "-");
    }

    private static String unique(String base, Map<String, Item> taken) {
        String id = base;
        for (int k = 2; taken.containsKey(id); k++) id = base + "-" + k;
        return id;
    }

    List<Path> roots() {
        return roots;
    }

    /** Equations, diagram and figures of a study's model or of a model, built on first use. */
    ModelStructure structure(String kind, String id) {
        Target t = target(kind, id);
        Item it = (kind.equals("study") ? studies : models).get(id);
        return structures.computeIfAbsent(kind + ":" + id, k -> new ModelStructure(t, t.study != null ? t.study.study().model() : it.file()));
    }

    String defaultId() {
        return defaultId;
    }

    String defaultKind() {
        return defaultKind;
    }

    List<Item> studies() {
        return List.copyOf(studies.values());
    }

    List<Item> models() {
        return List.copyOf(models.values());
    }

    /** The compiled target of a study or model id; 404 for an id the catalogue does not hold. */
    Target target(String kind, String id) {
        Map<String, Item> m = kind.equals("study") ? studies : models;
        Item it = m.get(id);
        if (it == null) throw new ApiException(404, "id", "no " + kind + " '" + id + "'; see GET /api/v1/" + kind.replace("y", "ie") + "s");
        return compiled.computeIfAbsent(kind + ":" + id, k -> compile(it));
    }

    private static Target compile(Item it) {
        try {
            if (it.kind().equals("model")) {
                Model m = ModelLoader.load(it.file());
                return new Target(it.id(), "model", it.title(), m, null, LoadWarningLines.of(m.loadWarnings(), it.file()));
            }
            BoundStudy b = BoundStudy.bind(StudyParser.parse(it.file()));
            return new Target(it.id(), "study", it.title(), b.model(), b, LoadWarningLines.of(b.model().loadWarnings(), b.study().model()));
        } catch (ModelException e) {
            throw new ApiException(422, "id", "'" + it.id() + "' does not compile: " + e.getMessage());
        }
    }
}
