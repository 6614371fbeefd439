package org.dlab.engine.xmile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dlab.engine.ModelException;
import org.dlab.engine.data.FileAccess;
import org.dlab.engine.model.Names;
import org.dlab.engine.xmile.XmlTree.Element;

/**
 * The models that modules take from other files: Stella writes {@code <module name="Energy"
 * url="r../FRIDA_Modules/Energy.itmx">} (an "r" path is relative to the referencing file itself,
 * so ".." is the file's folder), XMILE 1.0 {@code resource="file"} (relative to its folder).
 * The file's model of the module's name (Stella), else its unnamed one (XMILE), becomes the
 * module's model; its other models, dimensions and
 * macros join the main file's (the first definition of a name wins). Files are read only under
 * the main model's folder (FileAccess); an absolute path (Stella records the author's disk) is
 * read as the file of that name beside the referencing file.
 */
final class ModuleFiles {
    /** Module files in all, and their total size: a model file must not make us read without end. */
    static final int MAX_FILES = 500;
    static final long MAX_TOTAL_BYTES = 256L << 20;

    private final Path home;
    private final Map<String, Element> models;
    private final XmileSymbols sym;
    final List<Element> macros = new ArrayList<>();
    private final Map<Path, Element> loaded = new HashMap<>();
    private long totalBytes;

    ModuleFiles(Path home, Map<String, Element> models, XmileSymbols sym) {
        this.home = home;
        this.models = models;
        this.sym = sym;
    }

    /** Loads, depth first, every file that a module of {@code model} (read from {@code file}) needs. */
    void load(Element model, Path file, int depth) {
        if (depth > 32) throw new ModelException(model.pos, "module files nest more than 32 deep (does a file contain itself?)");
        Element vars = model.child("variables") != null ? model.child("variables") : model;
        for (Element m : vars.all("module")) {
            String inst = m.attr("name");
            if (inst == null) continue;
            String modelName = m.attr("model_name") != null ? m.attr("model_name") : inst;
            String key = Names.key(XmileSymbols.displayName(modelName));
            if (models.containsKey(key)) continue;
            String ref = m.attr("url") != null ? m.attr("url") : m.attr("resource");
            if (ref == null || ref.isBlank()) continue; // the reader reports the missing model
            Path target = resolve(m, file, ref.trim(), m.attr("url") != null);
            Element root = loaded.get(target);
            boolean fresh = root == null;
            if (fresh) {
                root = read(m, target);
                loaded.put(target, root);
            }
            Element main = null;
            for (Element sub : root.all("model")) {
                String n = sub.attr("name");
                if (n == null || n.isBlank()) {
                    if (main == null) main = sub;
                } else {
                    models.putIfAbsent(Names.key(XmileSymbols.displayName(n)), sub);
                }
            }
            // Stella names the file's main model after the module; XMILE leaves it unnamed
            if (!models.containsKey(key)) {
                if (main == null) throw new ModelException(m.pos, "module '" + XmileSymbols.displayName(inst) + "': " + target.getFileName() + " defines no model '" + XmileSymbols.displayName(modelName) + "' and no unnamed <model>");
                models.put(key, main);
            }
            if (fresh) {
                XmileParser.dimensions(root, sym, true);
                macros.addAll(root.all("macro"));
                for (Element sub : root.all("model")) load(sub, target, depth + 1);
            }
        }
    }

    Path resolve(Element m, Path from, String ref, boolean stella) {
        String r = ref.startsWith("file://") ? ref.substring(7) : ref;
        boolean absolute = r.startsWith("/") || r.startsWith("\\") || r.matches("^[A-Za-z]:[/\\\\].*");
        Path candidate = null;
        if (!absolute) {
            try {
                if (stella && r.startsWith("r") && (r.startsWith("r../") || r.startsWith("r./"))) {
                    candidate = from.resolve(r.substring(1)).normalize();
                } else {
                    candidate = from.toAbsolutePath().getParent().resolve(r).normalize();
                }
            } catch (InvalidPathException e) {
                throw new ModelException(m.pos, "module file '" + ref + "' is not a valid path");
            }
        }
        if (candidate == null || !Files.isRegularFile(candidate)) {
            // the author's own disk, or a moved folder: the file of that name beside the referencing file
            String name = r.substring(Math.max(r.lastIndexOf('/'), r.lastIndexOf('\\')) + 1);
            try {
                candidate = from.toAbsolutePath().getParent().resolve(name).normalize();
            } catch (InvalidPathException e) {
                throw new ModelException(m.pos, "module file '" + ref + "' is not a valid path");
            }
        }
        if (!Files.isRegularFile(candidate)) throw new ModelException(m.pos, (m.is("module") ? "module" : "data") + " file '" + ref + "' not found");
        try {
            return FileAccess.readable(home, candidate);
        } catch (IllegalArgumentException e) {
            throw new ModelException(m.pos, "module file '" + ref + "': " + e.getMessage());
        }
    }

    private Element read(Element m, Path file) {
        if (loaded.size() >= MAX_FILES) throw new ModelException(m.pos, "more than " + MAX_FILES + " module files");
        byte[] bytes;
        try {
            long size = Files.size(file);
            totalBytes += size;
            if (size > XmileParser.MAX_FILE_BYTES || totalBytes > MAX_TOTAL_BYTES) {
                throw new ModelException(m.pos, "module file " + file.getFileName() + ": the module files exceed " + (MAX_TOTAL_BYTES >> 20) + " MB");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ModelException(m.pos, "cannot read module file " + file.getFileName() + ": " + e.getMessage());
        }
        Element root = XmlTree.read(file.toString(), XmileParser.decode(bytes));
        if (!root.is("xmile")) throw new ModelException(root.pos, "module file is not XMILE: the root element is <" + root.name + ">");
        return root;
    }
}
