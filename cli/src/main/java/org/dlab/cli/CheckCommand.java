package org.dlab.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.dlab.engine.model.ScalarVar;
import org.dlab.engine.model.Subscripts;
import org.dlab.engine.run.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code dlab check MODEL}: parse, analyse and compile; report the structure or the first error. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check a model and report its structure: stocks, flows and auxiliaries, constants, subscript ranges.")
final class CheckCommand implements Callable<Integer> {
    @Mixin ModelOptions options;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Model m = options.load();
        PrintWriter out = spec.commandLine().getOut();
        int stocks = 0;
        int dynamic = 0;
        int constants = 0;
        for (ScalarVar v : m.variables()) {
            if (v.kind == ScalarVar.Kind.STOCK) stocks++;
            else if (v.expr != null) dynamic++;
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
            String kind = v.kind == ScalarVar.Kind.STOCK ? "stock" : v.expr != null ? "auxiliary" : "constant";
            out.printf("  %-9s %s%s%n", kind, v.name, v.units.isEmpty() ? "" : "  [" + v.units + "]");
        }
        out.flush();
        return ExitCodes.OK;
    }
}
