package org.dlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dlab.workbench.analysis.Discovery;
import org.dlab.workbench.discover.StoreDiscovery;
import org.dlab.workbench.store.FuturesFrame;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dlab discover DB --outcome NAME --where "> 0.2"}: scenario discovery over a results store. */
@Command(name = "discover", mixinStandardHelpOptions = true,
        description = {"Scenario discovery: over the futures of a results store, find which uncertainties decide whether an outcome "
            + "meets a condition. Prints the PRIM trade-off curve, the chosen box (limits, coverage, density, mass, quasi-p-values, "
            + "resampling share), PRIM's resampling stability, the CART leaves where cases of interest are the majority, and feature "
            + "scores for every outcome; saves the discovery in the store for dlab report; --plots DIR writes SVG charts."})
final class DiscoverCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DB", description = "a results store written by dlab explore")
    Path db;

    @Option(names = "--outcome", paramLabel = "NAME", required = true, description = "the outcome whose condition defines the cases of interest")
    String outcome;

    @Option(names = "--where", paramLabel = "CONDITION", required = true, description = "an operator and a number, e.g. \"> 0.2\" or \"<= 5\"")
    String where;

    @Option(names = "--policy", paramLabel = "NAME", description = "only the runs of this policy (default: every run)")
    String policy;

    @Option(names = "--versus", paramLabel = "NAME", description = "with --policy A: the outcome becomes A's value minus this policy's in the same future, "
            + "so --where \"> 0\" finds where A does worse on an outcome to minimize")
    String versus;

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "0.05", description = "PRIM peeling and pasting share (default 0.05)")
    double alpha;

    @Option(names = "--min-mass", paramLabel = "M", defaultValue = "0.05", description = "smallest share of futures a PRIM box may hold (default 0.05)")
    double minMass;

    @Option(names = "--min-density", paramLabel = "D", defaultValue = "0.8", description = "density the chosen PRIM box must reach (default 0.8)")
    double minDensity;

    @Option(names = "--resamples", paramLabel = "R", defaultValue = "10", description = "bootstrap reruns of PRIM for the stability of the box (default 10; 0 skips)")
    int resamples;

    @Option(names = "--box", paramLabel = "INDEX", description = "inspect this box of the trade-off curve (as printed) instead of the one the density rule picks")
    Integer box;

    @Option(names = "--plots", paramLabel = "DIR", description = "also write the trade-off curve, the box limits, a pairs scatter of the restricted "
            + "uncertainties and the feature scores as SVG into DIR")
    Path plots;

    @Option(names = "--inputs", paramLabel = "all|top:N", defaultValue = "all",
            description = "screen the uncertainties before PRIM and CART: top:N keeps the N with the highest feature scores on the outcome "
                    + "(EMA practice; fewer, interpretable restrictions); default all")
    String inputs;

    @Option(names = "--no-save", description = "do not save the discovery in the store (by default it is, for dlab report)")
    boolean noSave;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        // checked before the store is read, so a typo costs no wait on a large store
        ExploreCommand.parse(() -> Discovery.condition(where));
        if (!(alpha > 0 && alpha < 0.5)) throw new UserInputException("--alpha must be above 0 and below 0.5");
        if (!(minMass > 0 && minMass < 1)) throw new UserInputException("--min-mass must be above 0 and below 1");
        if (!(minDensity > 0 && minDensity <= 1)) throw new UserInputException("--min-density must be above 0 and at most 1");
        if (versus != null && policy == null) throw new UserInputException("--versus needs --policy (the policy compared against it)");
        if (versus != null && versus.equals(policy)) throw new UserInputException("--versus must name another policy than --policy");
        if (resamples < 0 || resamples > 1000) throw new UserInputException("--resamples must be from 0 to 1000");
        if (box != null && box < 0) throw new UserInputException("--box must be 0 or more (a box number of the trade-off curve)");
        StoreDiscovery.Question q = new StoreDiscovery.Question(outcome, where, policy, versus);
        StoreDiscovery.Settings settings = new StoreDiscovery.Settings(alpha, minMass, minDensity, resamples, box == null ? -1 : box, screening(inputs));
        FuturesFrame d = ExploreCommand.parse(() -> StoreDiscovery.read(db, q));
        if (d.rows() < 2) throw new UserInputException(db + ": " + d.rows() + " successful runs; discovery needs at least 2");
        StoreDiscovery.Result result = ExploreCommand.parse(() -> StoreDiscovery.run(d, q, settings));
        Discovery.Report r = result.report();

        PrintWriter out = spec.commandLine().getOut();
        String question = q.label();
        out.printf(Locale.ROOT, "%s: %s %s in %d of %d runs (%.1f%%)%s%n", db, question, r.condition(), r.cases(), r.rows(),
                100.0 * r.cases() / r.rows(), policy == null ? "" : versus == null ? " of policy " + policy : " (futures run under both)");
        if (r.cases() == 0) {
            // no case of interest: PRIM and CART have nothing to describe, a box would be noise
            out.println("no run meets the condition; nothing to discover");
            DiscoveryPrinter.scores(out, result.scores(), outcome);
            out.flush();
            return ExitCodes.OK;
        }
        if (result.screened()) DiscoveryPrinter.screening(out, result.x().names(), result.all().inputs(), outcome);
        DiscoveryPrinter.tradeOff(out, r.trajectory(), r.box().index());
        DiscoveryPrinter.box(out, r.box(), r.inspection(), r.stability());
        DiscoveryPrinter.warnings(out, Discovery.boxWarnings(r.inspection()));
        DiscoveryPrinter.stability(out, r.stability());
        DiscoveryPrinter.leaves(out, r.tree());
        DiscoveryPrinter.scores(out, result.scores(), outcome);
        if (plots != null) {
            List<String> files = DiscoveryPlots.write(plots, question + " " + r.condition(), result.x(), Discovery.cases(d.outcome(outcome),
                    Discovery.condition(where)), r);
            out.println();
            out.println("plots: " + String.join(", ", files.stream().map(f -> plots.resolve(f).toString()).toList()));
        }
        if (!noSave) {
            int id = StoreDiscovery.save(db, result, settings);
            out.println();
            out.printf(Locale.ROOT, "saved as discovery %d in %s (dlab report shows it; --no-save skips)%n", id, db);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** 0 for every input, else N of {@code top:N}; bounded so a typo cannot ask for nonsense. */
    static int screening(String spec) {
        String t = spec == null ? "" : spec.trim();
        if (t.equals("all")) return 0;
        if (t.startsWith("top:")) {
            try {
                int n = Integer.parseInt(t.substring(4).trim());
                if (n >= 1 && n <= 10_000) return n;
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new UserInputException("--inputs: expected all or top:N with N from 1 to 10000, got '" + spec + "'");
    }
}
