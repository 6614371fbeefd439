package org.dlab.engine;

import java.nio.file.Path;
import java.util.Locale;
import org.dlab.engine.compile.ModelCompiler;
import org.dlab.engine.ir.ModelSource;
import org.dlab.engine.ir.Pos;
import org.dlab.engine.model.AnalyzedModel;
import org.dlab.engine.model.Analyzer;
import org.dlab.engine.model.Plan;
import org.dlab.engine.model.Planner;
import org.dlab.engine.run.Model;
import org.dlab.engine.run.ModelCode;
import org.dlab.engine.vensim.VensimParser;

/**
 * The engine's front door: reads a model file (chosen by its extension), analyses, plans and
 * compiles it. {@code ModelLoader.load(path).newRun().simulate()}.
 */
public final class ModelLoader {
    private ModelLoader() {}

    public static ModelSource parse(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".mdl")) return VensimParser.parse(file);
        throw new ModelException(new Pos(file.toString(), 0, 0), "unknown model format (expected a .mdl file)");
    }

    public static AnalyzedModel analyze(ModelSource src) {
        return Analyzer.analyze(src, externalData(src));
    }

    /**
     * The optional data module's reader, looked up once: a failed Class.forName per model cost
     * a ClassNotFoundException (about 0.1 ms) on every analysis.
     */
    private static final java.lang.reflect.Constructor<?> DATA_READER = dataReader();

    private static java.lang.reflect.Constructor<?> dataReader() {
        try {
            return Class.forName("org.dlab.engine.data.SpreadsheetData").getConstructor(Path.class);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static org.dlab.engine.model.ExternalData externalData(ModelSource src) {
        if (DATA_READER == null) return null;
        try {
            return (org.dlab.engine.model.ExternalData) DATA_READER.newInstance(src.directory());
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    public static Model load(Path file) {
        ModelSource src = parse(file);
        return compile(src);
    }

    public static Model compile(ModelSource src) {
        Plan plan = Planner.plan(analyze(src));
        ModelCode code = ModelCompiler.compile(plan);
        return new Model(plan, code, src.method());
    }
}
