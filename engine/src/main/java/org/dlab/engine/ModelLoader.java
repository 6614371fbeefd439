package org.dlab.engine;

import java.nio.file.Path;
import java.util.Locale;
import org.dlab.engine.compile.ModelCompiler;
import org.dlab.engine.data.DataFiles;
import org.dlab.engine.data.SpreadsheetData;
import org.dlab.engine.ir.ModelSource;
import org.dlab.engine.ir.Pos;
import org.dlab.engine.model.AnalyzedModel;
import org.dlab.engine.model.Analyzer;
import org.dlab.engine.model.Plan;
import org.dlab.engine.model.Planner;
import org.dlab.engine.run.Model;
import org.dlab.engine.run.ModelCode;
import org.dlab.engine.vensim.SinglePrecisionNumbers;
import org.dlab.engine.vensim.VensimParser;
import org.dlab.engine.xmile.XmileParser;

/**
 * The engine's front door: reads a model file (Vensim or XMILE, chosen by its extension), analyses, plans and
 * compiles it. {@code ModelLoader.load(path).newRun().simulate()}. What a load accepted but a modeller
 * should hear of is on {@link Model#loadWarnings()}.
 */
public final class ModelLoader {
    private ModelLoader() {}

    public static ModelSource parse(Path file) {
        return parse(file, null);
    }

    /**
     * Reads a model; for XMILE files, {@code xmlRepairs} (when not null) asks for elements left
     * open to be closed, and receives one line per repair. Vensim files ignore it.
     */
    public static ModelSource parse(Path file, java.util.function.Consumer<String> xmlRepairs) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".mdl")) return VensimParser.parse(file);
        if (XmileParser.accepts(name)) return XmileParser.parse(file, xmlRepairs);
        throw new ModelException(new Pos(file.toString(), 0, 0),
                "unknown model format (expected a Vensim .mdl or an XMILE .xmile, .xml, .stmx or .itmx file)");
    }

    public static AnalyzedModel analyze(ModelSource src) {
        return analyze(src, DataFiles.NONE);
    }

    public static AnalyzedModel analyze(ModelSource src, DataFiles data) {
        return analyze(src, data, java.util.Map.of());
    }

    /** As {@link #analyze(ModelSource, DataFiles)}, resolving {@code '?tag'} file references through {@code fileTags}. */
    public static AnalyzedModel analyze(ModelSource src, DataFiles data, java.util.Map<String, Path> fileTags) {
        return Analyzer.analyze(src, new SpreadsheetData(src.directory(), fileTags), data);
    }

    /** A model whose data variables read the given files (tab or CSV, a Time column). */
    public static Model load(Path file, java.util.List<Path> dataFiles) {
        return load(file, dataFiles, null);
    }

    /** As {@link #load(Path, java.util.List)}, repairing unclosed XMILE elements when {@code xmlRepairs} is given. */
    public static Model load(Path file, java.util.List<Path> dataFiles, java.util.function.Consumer<String> xmlRepairs) {
        return load(file, dataFiles, xmlRepairs, java.util.Map.of());
    }

    /**
     * As {@link #load(Path, java.util.List, java.util.function.Consumer)}; {@code fileTags} maps the tags of
     * Vensim's indirect file references {@code '?tag'} to files (Vensim's Model>Settings>XLS Files). An
     * unmapped tag is read as a file name beside the model.
     */
    public static Model load(Path file, java.util.List<Path> dataFiles, java.util.function.Consumer<String> xmlRepairs,
            java.util.Map<String, Path> fileTags) {
        return load(file, dataFiles, xmlRepairs, fileTags, false);
    }

    /**
     * As {@link #load(Path, java.util.List, java.util.function.Consumer, java.util.Map)}; {@code numbersAsWritten}
     * keeps a Vensim model's numbers at double precision instead of Vensim's single (see {@link SinglePrecisionNumbers}).
     */
    public static Model load(Path file, java.util.List<Path> dataFiles, java.util.function.Consumer<String> xmlRepairs,
            java.util.Map<String, Path> fileTags, boolean numbersAsWritten) {
        return compile(parse(file, xmlRepairs), DataFiles.read(dataFiles), fileTags, numbersAsWritten);
    }

    /** A model file as its tool runs it: a Vensim model's numbers held at single precision, as Vensim holds them. */
    public static Model load(Path file) {
        return compile(parse(file), false);
    }

    /**
     * Compiles a model source as given: a source built or parsed in code keeps its numbers exactly (the
     * loads from a file above hold a Vensim model's numbers as Vensim does).
     */
    public static Model compile(ModelSource src) {
        return compile(src, true);
    }

    /**
     * As {@link #compile(ModelSource)}; with {@code numbersAsWritten} false, a Vensim source's (a
     * {@code .mdl} file name) numbers are held at single precision ({@link SinglePrecisionNumbers}).
     */
    public static Model compile(ModelSource src, boolean numbersAsWritten) {
        return compile(src, DataFiles.NONE, java.util.Map.of(), numbersAsWritten);
    }

    private static Model compile(ModelSource src, DataFiles data, java.util.Map<String, Path> fileTags, boolean numbersAsWritten) {
        if (!numbersAsWritten && src.fileName().toLowerCase(Locale.ROOT).endsWith(".mdl")) src = SinglePrecisionNumbers.apply(src);
        // one collector per load, so the Model carries exactly the warnings of its own load
        LoadWarnings warnings = new LoadWarnings(src.fileName());
        Plan plan = Planner.plan(Analyzer.analyze(src, new SpreadsheetData(src.directory(), fileTags, warnings), data));
        ModelCode code = ModelCompiler.compile(plan);
        return new Model(plan, code, src.method(), warnings.list());
    }
}
