package org.dlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.dlab.engine.data.RunTable;
import org.dlab.engine.run.Model;
import org.dlab.engine.run.RunComparison;
import org.dlab.engine.run.RunComparison.Difference;
import org.dlab.engine.run.RunComparison.Result;
import org.dlab.engine.run.RunComparison.Tolerance;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dlab compare-run A B}: two runs of a model, variable by variable, B the reference. */
@Command(name = "compare-run", mixinStandardHelpOptions = true, modelTransformer = CompareRunCommand.Labels.class,
        description = {"Compare two runs of a model variable by variable, B being the reference: a variable matches when at every time both "
            + "runs have, |A - B| <= rtol |B| or |A - B| <= peak-tol * max |B|, the peak over all elements of a subscripted "
            + "variable (--peak-per-element: over each element). Prints the counts and, for each differing variable, the "
            + "first time it leaves tolerance with both values and the relative error, earliest first.",
            "Exit codes: 0 every shared variable matches, 1 some differ, 2 bad files or arguments (an internal fault is also 1, "
            + "with 'internal error' on stderr)."})
final class CompareRunCommand implements Callable<Integer> {
    /** The model options' MODEL is this command's A, which may also be a run file. */
    @Mixin ModelOptions options;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "B", description = "the reference run: a `dlab run` table (CSV/TSV), a Vensim tab "
            + "export (time down or across), a CSV with a Time column, or a Vensim .dat file; several files of one run (Vensim's "
            + "exports per sector) are read as one, a name in more than one taken from the first")
    List<Path> references;

    @Option(names = "--rtol", paramLabel = "R", defaultValue = "1e-3", description = "relative tolerance (default 1e-3)")
    double rtol;

    @Option(names = "--peak-tol", paramLabel = "P", defaultValue = "1e-6",
            description = "also within tolerance when |A - B| <= P times the variable's peak |B| (values crossing zero; default 1e-6)")
    double peakTol;

    @Option(names = "--peak-per-element", description = "take --peak-tol's peak over each element of a subscripted variable, not over "
            + "the whole variable (stricter for elements that stay near zero)")
    boolean peakPerElement;

    @Option(names = "--time-tolerance", paramLabel = "T", defaultValue = "1e-6",
            description = "how far apart two times may be and still be the same time (default 1e-6; a Vensim export rounds times)")
    double timeTolerance;

    @Option(names = "--variables", paramLabel = "GLOB,...", description = "only these variables: names or globs (* and ?), "
            + "comma-separated, e.g. 'pop*,Births[*]'")
    List<String> variables;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "output format (default text)")
    String format;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "text: list at most N differing variables (default 50; json lists all)")
    int limit;

    @Spec CommandSpec spec;

    private static final List<String> MODEL_EXTENSIONS = List.of(".mdl", ".xmile", ".xml", ".stmx", ".itmx");

    @Override
    public Integer call() {
        if (!format.equals("text") && !format.equals("json")) throw new UserInputException("--format must be text or json, got '" + format + "'");
        if (limit < 0) throw new UserInputException("--limit must not be negative");
        Tolerance tol;
        try {
            tol = new Tolerance(rtol, peakTol, timeTolerance, peakPerElement);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--rtol, --peak-tol, --time-tolerance: " + e.getMessage());
        }
        RunTable a = runA();
        RunTable b = RunTable.merge(references.stream().map(RunTable::read).toList());
        Predicate<String> include;
        try {
            include = variables == null ? n -> true : RunComparison.globs(variables);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--variables: " + e.getMessage());
        }
        Result r = RunComparison.compare(a, b, tol, include);
        if (r.shared() == 0) {
            throw new UserInputException("no variable in common between " + a.source() + " (" + a.series().size() + " variables) and "
                    + b.source() + " (" + b.series().size() + ")" + (variables == null ? "" : " among --variables " + String.join(",", variables)));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) out.println(json(a, b, tol, r));
        else text(out, r, tol);
        out.flush();
        return r.allMatch() ? ExitCodes.OK : ExitCodes.DIFFERENT;
    }

    /** A model file is run (with the model options); anything else is read as a run. */
    private RunTable runA() {
        Path file = options.model;
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (MODEL_EXTENSIONS.stream().anyMatch(n::endsWith)) {
            Model m = options.load();
            return RunTable.of(file.toString(), options.configure(m.newRun()).simulate());
        }
        if (!options.data.isEmpty() || !options.sets.isEmpty() || options.overrides().size() > 0 || options.method != null) {
            throw new UserInputException("--data, --set, time and --method options need a model as A; " + file + " is read as a run");
        }
        return RunTable.read(file);
    }

    private void text(PrintWriter out, Result r, Tolerance tol) {
        out.printf(Locale.ROOT, "shared variables: %d; matching: %d; differing: %d (rtol %s, peak-tol %s of each %s's peak, time tolerance %s)%n",
                r.shared(), r.matching(), r.differences().size(), tol.rtol(), tol.peakTol(), tol.peakPerElement() ? "element" : "variable",
                tol.timeTolerance());
        if (!r.onlyInA().isEmpty() || !r.onlyInB().isEmpty()) {
            out.printf(Locale.ROOT, "only in A: %d; only in B: %d%n", r.onlyInA().size(), r.onlyInB().size());
        }
        if (r.differences().isEmpty()) return;
        out.println("first divergence, earliest first:");
        out.printf(Locale.ROOT, "%-14s %-16s %-16s %-10s %s%n", "time", "A", "B", "rel.error", "variable");
        List<Difference> ds = r.differences();
        for (Difference d : ds.subList(0, Math.min(ds.size(), limit))) {
            if (d.time() == null) {
                out.printf(Locale.ROOT, "%-14s %-16s %-16s %-10s %s%n", "-", "-", "-", "-", d.name() + " (no time in common)");
            } else {
                out.printf(Locale.ROOT, "%-14s %-16s %-16s %-10s %s%n", num(d.time()), num(d.a()), num(d.b()), rel(d.relativeError()),
                        d.name() + " (outside at " + d.timesOutside() + (d.timesOutside() == 1 ? " time)" : " times)"));
            }
        }
        if (ds.size() > limit) out.printf("... and %d more (--limit, or --format json for all)%n", ds.size() - limit);
    }

    /** Nine significant digits, trailing zeros dropped: enough to see a 1e-3 difference at a glance. */
    static String num(double v) {
        if (Double.isNaN(v)) return "missing";
        String s = String.format(Locale.ROOT, "%.9g", v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.contains(".")) mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        return e < 0 ? mantissa : mantissa + s.substring(e);
    }

    private static String rel(double v) {
        return Double.isNaN(v) ? "-" : Double.isInfinite(v) ? "inf" : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String json(RunTable a, RunTable b, Tolerance tol, Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", a.source());
        m.put("b", b.source());
        m.put("rtol", tol.rtol());
        m.put("peakTol", tol.peakTol());
        m.put("peakOver", tol.peakPerElement() ? "element" : "variable");
        m.put("timeTolerance", tol.timeTolerance());
        m.put("shared", r.shared());
        m.put("matching", r.matching());
        m.put("onlyInA", r.onlyInA());
        m.put("onlyInB", r.onlyInB());
        List<Map<String, Object>> ds = new ArrayList<>();
        for (Difference d : r.differences()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("variable", d.name());
            e.put("time", d.time());
            e.put("a", finite(d.a()));
            e.put("b", finite(d.b()));
            e.put("relativeError", finite(d.relativeError()));
            e.put("timesOutside", d.timesOutside());
            ds.add(e);
        }
        m.put("differing", ds);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** JSON has no NaN or infinity: a missing value or an infinite relative error (B is 0) is null. */
    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** Relabels the model options' MODEL as A: here it may be a run file as well as a model. */
    static final class Labels implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            PositionalParamSpec model = spec.positionalParameters().get(0);
            for (PositionalParamSpec p : spec.positionalParameters()) if ("MODEL".equals(p.paramLabel())) model = p;
            spec.remove(model);
            spec.addPositional(model.toBuilder().paramLabel("A").description("a model file (.mdl, .xmile, .xml, .stmx, .itmx), run first with "
                    + "the options below, or a run file like B").build());
            return spec;
        }
    }
}
