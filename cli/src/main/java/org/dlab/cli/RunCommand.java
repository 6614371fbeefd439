package org.dlab.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dlab.engine.run.Model;
import org.dlab.engine.run.SimResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dlab run MODEL}: simulate once and write a table of every saved time. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Simulate a model and write its variables over time as CSV or TSV (stdout without -o).")
final class RunCommand implements Callable<Integer> {
    @Mixin ModelOptions options;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "output file (default: stdout)")
    Path output;

    @Option(names = "--format", paramLabel = "csv|tsv", description = "table format (default: csv, or tsv for a .tab/.tsv output)")
    String format;

    @Option(names = "--vars", split = ",", paramLabel = "NAME", description = "only these variables (names as in the model)")
    List<String> vars;

    @Option(names = "--policy", paramLabel = "NAME", description = "apply a named policy's lever values from the study file first (--set still wins)")
    String policy;

    @Option(names = "--study", paramLabel = "FILE", description = "study file for --policy (default: study.yaml beside the model)")
    Path study;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        // a policy's study may map the model's '?tag' files (file_tags); --file-tag still wins
        org.dlab.workbench.study.Study policyStudy = policy != null ? policyStudy() : null;
        Model model = policyStudy == null ? options.load() : options.load(policyStudy.fileTagMap());
        org.dlab.engine.run.Run run = model.newRun();
        if (policy != null) applyPolicy(policyStudy, model, run);
        SimResult r = options.configure(run).simulate();
        if (run.saveWarning() != null) spec.commandLine().getErr().println("dlab run: warning: " + run.saveWarning());
        char sep = separator();
        List<Integer> cols = columns(r);
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            write(r, cols, sep, out);
            out.flush();
        } else {
            writeFile(r, cols, sep);
        }
        return ExitCodes.OK;
    }

    private org.dlab.workbench.study.Study policyStudy() {
        Path file = study != null ? study : options.model.toAbsolutePath().resolveSibling("study.yaml");
        if (!Files.isRegularFile(file)) throw new UserInputException("--policy needs a study file: " + file + " does not exist (use --study FILE)");
        return org.dlab.workbench.study.StudyParser.parse(file);
    }

    private void applyPolicy(org.dlab.workbench.study.Study parsed, Model model, org.dlab.engine.run.Run run) {
        var bound = org.dlab.workbench.study.BoundStudy.bind(parsed, model);
        try {
            bound.applyPolicy(run, bound.selectPolicies(List.of(policy)).get(0));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--policy: " + e.getMessage());
        }
    }

    /**
     * Writes beside the target and moves into place: a failed run never leaves half a file, an
     * old file stays until the new one is whole, and no temporary file is left behind. Errors
     * name the file the user gave, not the temporary one.
     */
    private void writeFile(SimResult r, List<Integer> cols, char sep) {
        Path abs = output.toAbsolutePath();
        if (Files.isDirectory(abs)) throw new UserInputException("cannot write " + output + ": it is a folder");
        Path tmp;
        try {
            tmp = Files.createTempFile(abs.getParent(), ".dlab-run", ".tmp");
        } catch (NoSuchFileException e) {
            throw new UserInputException("cannot write " + output + ": no such folder " + abs.getParent());
        } catch (IOException e) {
            throw new UserInputException("cannot write " + output + ": " + e.getMessage());
        }
        try {
            try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(tmp), StandardCharsets.UTF_8), 1 << 16)) {
                write(r, cols, sep, w);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UserInputException("cannot write " + output + ": " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // nothing more to do: the write itself has been reported or has succeeded
            }
        }
    }

    private char separator() {
        String f = format;
        if (f == null) {
            String n = output == null ? "" : output.toString().toLowerCase(java.util.Locale.ROOT);
            f = n.endsWith(".tab") || n.endsWith(".tsv") ? "tsv" : "csv";
        }
        return switch (f.toLowerCase(java.util.Locale.ROOT)) {
            case "csv" -> ',';
            case "tsv", "tab" -> '\t';
            default -> throw new UserInputException("--format must be csv or tsv, got '" + format + "'");
        };
    }

    private List<Integer> columns(SimResult r) {
        List<Integer> cols = new ArrayList<>();
        if (vars == null) {
            for (int i = 0; i < r.names().size(); i++) cols.add(i);
            return cols;
        }
        for (String v : vars) {
            int found = -1;
            for (int i = 0; i < r.names().size(); i++) {
                if (org.dlab.engine.model.Names.key(r.names().get(i).replace(", ", ",")).equals(org.dlab.engine.model.Names.key(v.replace(", ", ",")))) found = i;
            }
            if (found < 0) throw new UserInputException("--vars: no variable '" + v + "' in the model");
            cols.add(found);
        }
        return cols;
    }

    static void write(SimResult r, List<Integer> cols, char sep, Writer w) throws IOException {
        StringBuilder b = new StringBuilder("Time");
        for (int c : cols) b.append(sep).append(quote(r.names().get(c), sep));
        w.write(b.append('\n').toString());
        for (int row = 0; row < r.rows(); row++) {
            b.setLength(0);
            b.append(number(r.time(row)));
            for (int c : cols) b.append(sep).append(number(r.value(c, row)));
            w.write(b.append('\n').toString());
        }
    }

    /** Vensim's :NA: (-2^110) is written as a blank cell, as Vensim's own exports write it. */
    static String number(double v) {
        if (v == org.dlab.engine.functions.Library.NA) return "";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        // a number the model wrote, held at single precision as Vensim holds it, prints as written (0.1, not 0.10000000149011612)
        float f = (float) v;
        if (f == v) return Float.toString(f);
        return Double.toString(v);
    }

    private static String quote(String name, char sep) {
        if (name.indexOf(sep) < 0 && name.indexOf('"') < 0) return name;
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
