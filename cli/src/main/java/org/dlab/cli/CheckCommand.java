package org.dlab.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.dlab.engine.model.ScalarVar;
import org.dlab.engine.model.Subscripts;
import org.dlab.engine.run.Model;
import org.dlab.engine.units.Finding;
import org.dlab.engine.units.UnitsChecker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dlab check MODEL}: parse, analyse and compile; report the structure or the first error.
 * With {@code --units}, report units inconsistencies instead, one line each, and exit 2 if any.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check a model and report its structure: stocks, flows and auxiliaries, constants, subscript ranges.")
final class CheckCommand implements Callable<Integer> {
    @Mixin ModelOptions options;

    @Option(names = "--units", description = "check the consistency of the model's units (as Vensim's Units Check); exit 2 if inconsistent")
    boolean units;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Model m = options.load();
        PrintWriter out = spec.commandLine().getOut();
        if (units) return units(m, out);
        int stocks = 0;
        int dynamic = 0;
        int constants = 0;
        for (ScalarVar v : m.variables()) {
            if (v.kind == ScalarVar.Kind.STOCK) stocks++;
            else if (m.plan().info(v).computedEachStep()) dynamic++;
            else constants++;
        }
        var plan = m.plan();
        out.printf("%s: ok%n", options.model);
        out.printf("  stocks: %d, flows and auxiliaries: %d, constants: %d, lookups: %d, hidden states: %d%n",
                stocks, dynamic, constants, plan.tables().size(), plan.model().vars().size() - m.variables().size());
        for (Subscripts.Range r : plan.model().subscripts().all()) {
            out.printf("  subscript range %s: %s%n", r.name(), String.join(", ", r.elements()));
        }
        for (ScalarVar v : m.variables()) {
            String kind = v.kind == ScalarVar.Kind.STOCK ? "stock" : m.plan().info(v).computedEachStep() ? "auxiliary" : "constant";
            out.printf("  %-9s %s%s%n", kind, v.name, v.units.isEmpty() ? "" : "  [" + v.units + "]");
        }
        out.flush();
        return ExitCodes.OK;
    }

    private int units(Model m, PrintWriter out) {
        // unit synonyms (the 22: settings lines) are read from the model file itself
        UnitsChecker.Report r = UnitsChecker.run(m.plan().model());
        for (Finding f : r.findings()) out.println(f);
        String unitless = r.withoutUnits().isEmpty() ? "" : ", " + r.withoutUnits().size()
                + (r.withoutUnits().size() == 1 ? " variable" : " variables") + " without units not checked";
        String time = r.timeUnit() == null ? ", no time unit (TIME STEP has no units): stocks not checked" : "";
        int n = r.findings().size();
        if (n == 0) {
            out.printf("%s: units consistent (%d equations%s%s)%n", options.model, r.equations(), unitless, time);
        } else {
            out.printf("%s: %d units %s (%d equations%s%s)%n", options.model, n,
                    n == 1 ? "inconsistency" : "inconsistencies", r.equations(), unitless, time);
        }
        out.flush();
        return n == 0 ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }
}
