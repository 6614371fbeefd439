package org.dlab.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dlab.engine.LoadWarning;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.ir.IntegrationMethod;
import org.dlab.engine.run.Model;
import org.dlab.engine.run.Run;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Options shared by the commands that run a model: the file, overrides, time settings. */
final class ModelOptions {
    private static final java.util.regex.Pattern DECIMAL =
            java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    @Parameters(index = "0", paramLabel = "MODEL", description = "model file: Vensim .mdl, or XMILE .xmile, .xml, .stmx, .itmx (Stella, iThink)")
    Path model;

    @Option(names = "--data", arity = "0..*", paramLabel = "FILE", description = "time series for the model's data variables: a tab or CSV file with a Time column, or a Vensim .dat file (repeatable)")
    List<Path> data = List.of();

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "override a constant (repeatable)")
    List<String> sets = List.of();

    @Option(names = "--initial-time", paramLabel = "T") Double initialTime;

    @Option(names = "--final-time", paramLabel = "T") Double finalTime;

    @Option(names = "--time-step", paramLabel = "DT") Double timeStep;

    @Option(names = "--saveper", paramLabel = "S") Double saveper;

    @Option(names = "--method", paramLabel = "euler|rk2|rk4", description = "integration method (default: the model's)")
    String method;

    @Option(names = "--repair-xml", description = "XMILE only: close elements the file leaves open (a variable still open when the next "
            + "starts, or before an end tag further up), with a warning for each; without it malformed XML is an error")
    boolean repairXml;

    @Option(names = "--file-tag", paramLabel = "TAG=FILE", description = "read FILE where the model writes the indirect "
            + "reference '?TAG' (Vensim's Model>Settings>XLS Files; repeatable). FILE must lie in the model's folder or an "
            + "--allow-files folder; an unmapped tag is read as a file name beside the model")
    List<String> fileTags = List.of();

    @Option(names = "--numbers-as-written", description = "Vensim models: compute with the numbers written in the model at double "
            + "precision; by default they are held at single precision, as Vensim holds them (its own runs match only so)")
    boolean numbersAsWritten;

    @Spec(Spec.Target.MIXEE) CommandSpec mixee;

    Model load() {
        return load(Map.of());
    }

    /** As {@link #load()}, with '?tag' mappings from elsewhere (a study's file_tags); --file-tag wins over them. */
    Model load(Map<String, Path> baseTags) {
        if (!Files.isRegularFile(model)) throw new UserInputException(model + ": no such model file");
        for (Path d : data) if (!Files.isRegularFile(d)) throw new UserInputException(d + ": no such data file");
        Map<String, Path> tags = new LinkedHashMap<>(baseTags);
        tags.putAll(fileTags());
        PrintWriter err = mixee.commandLine().getErr();
        Model m = ModelLoader.load(model, data, repairXml ? line -> err.println("warning: repaired " + line) : null, tags, numbersAsWritten);
        printWarnings(m, err);
        return m;
    }

    /** The model's load warnings on standard error, one line each: standard output may be CSV. */
    static void printWarnings(Model m, PrintWriter err) {
        for (LoadWarning w : m.loadWarnings()) err.println("warning: " + w);
        err.flush();
    }

    /** The --file-tag options as tag to file; the tag is what follows '?' in the model (the '?' may be given too). */
    Map<String, Path> fileTags() {
        Map<String, Path> out = new LinkedHashMap<>();
        for (String s : fileTags) {
            // a tag may hold '=' no more than a file name does; split at the last one so FILE stays whole
            int eq = s.lastIndexOf('=');
            if (eq <= 0 || eq == s.length() - 1) throw new UserInputException("--file-tag expects TAG=FILE, got '" + s + "'");
            String tag = s.substring(0, eq).strip();
            Path file;
            try {
                file = Path.of(s.substring(eq + 1).strip());
            } catch (java.nio.file.InvalidPathException e) {
                throw new UserInputException("--file-tag " + tag + ": not a valid file name");
            }
            if (!Files.isRegularFile(file)) throw new UserInputException("--file-tag " + tag + ": " + file + ": no such file");
            out.put(tag, file);
        }
        return out;
    }

    Map<String, Double> overrides() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String s : sets) {
            int eq = s.lastIndexOf('=');
            if (eq <= 0) throw new UserInputException("--set expects NAME=VALUE, got '" + s + "'");
            String name = s.substring(0, eq).trim();
            String v = s.substring(eq + 1).trim();
            // a plain decimal number: Double.parseDouble would also take 0x10, 5f, NaN and Infinity
            double d = DECIMAL.matcher(v).matches() ? Double.parseDouble(v) : Double.NaN;
            if (!Double.isFinite(d)) throw new UserInputException("--set " + name + ": '" + v + "' is not a finite decimal number");
            out.put(name, d);
        }
        if (initialTime != null) out.put("INITIAL TIME", initialTime);
        if (finalTime != null) out.put("FINAL TIME", finalTime);
        if (timeStep != null) out.put("TIME STEP", timeStep);
        if (saveper != null) out.put("SAVEPER", saveper);
        return out;
    }

    Run configure(Run run) {
        Map<String, Double> o = overrides();
        for (String name : sets.stream().map(x -> x.substring(0, Math.max(0, x.lastIndexOf('='))).trim()).toList()) {
            if (run.model().variable(name) == null) {
                throw new UserInputException("--set: no variable '" + name + "' in the model"
                        + org.dlab.workbench.study.BoundStudy.suggestion(name, run.model().variableNames()));
            }
        }
        o.forEach(run::set);
        if (method != null) {
            try {
                run.method(IntegrationMethod.parse(method));
            } catch (IllegalArgumentException e) {
                throw new UserInputException("--method: " + e.getMessage());
            }
        }
        return run;
    }
}
