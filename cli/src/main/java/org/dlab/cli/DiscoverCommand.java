package org.dlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dlab.workbench.analysis.Dataset;
import org.dlab.workbench.analysis.Discovery;
import org.dlab.workbench.analysis.FeatureScoring;
import org.dlab.workbench.analysis.Prim;
import org.dlab.workbench.analysis.PrimBox;
import org.dlab.workbench.analysis.PrimInspection;
import org.dlab.workbench.analysis.PrimStability;
import org.dlab.workbench.store.DiscoveryTables;
import org.dlab.workbench.store.ResultsStore;
import org.dlab.workbench.store.StoreException;
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

    /** Trees per outcome other than the condition's: enough to rank the leading inputs, a quarter of the cost. */
    static final int OTHER_TREES = 25;

    /** Uncertainty columns of the selected runs and every outcome's values ({@code outcomes[k][row]}); {@code primary} is --outcome. */
    private record Data(List<String> names, double[][] columns, List<String> outcomeNames, double[][] outcomes, int primary) {
        double[] outcome() {
            return outcomes[primary];
        }
    }

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
        int top = screening(inputs);
        Data d = read();
        if (d.outcome().length < 2) throw new UserInputException(db + ": " + d.outcome().length + " successful runs; discovery needs at least 2");
        Dataset all = Dataset.ofColumns(d.names(), d.columns());
        Discovery.Options defaults = Discovery.Options.defaults();
        Discovery.Options options = new Discovery.Options(new Prim.Options(alpha, alpha, minMass, defaults.prim().objective()), minDensity,
                resamples, defaults.cart(), defaults.scoring(), defaults.seed());
        int pick = box == null ? -1 : box;
        // screening scores the condition's outcome on every input first; the printed scores are those (all inputs) either way
        FeatureScoring.Result screenScores = top == 0 ? null : Discovery.scores(all, d.outcome(), options.scoring());
        List<String> kept = top == 0 ? all.names() : Discovery.screen(all, screenScores, top);
        Dataset x = kept.size() == all.inputs() ? all : all.inputs(kept);
        Discovery.Report r = ExploreCommand.parse(() -> Discovery.run(x, d.outcome(), where, options, pick));
        FeatureScoring.Result primaryScores = top == 0 ? r.scores() : screenScores;
        Map<String, FeatureScoring.Result> scores = new LinkedHashMap<>();
        FeatureScoring.Options full = options.scoring();
        // a smaller ensemble for the other outcomes: korea's 20 outcomes at 100 trees each would take most of the command's time
        FeatureScoring.Options other = new FeatureScoring.Options(OTHER_TREES, full.maxFeatures(), full.minLeaf(), full.maxDepth(), full.sampleSize(), full.seed());
        for (int k = 0; k < d.outcomeNames().size(); k++) {
            // the condition's outcome was scored by the discovery itself
            scores.put(d.outcomeNames().get(k), k == d.primary() ? primaryScores : Discovery.scores(all, d.outcomes()[k], other));
        }

        PrintWriter out = spec.commandLine().getOut();
        String question = versus == null ? outcome : "(" + outcome + ")[" + policy + " - " + versus + "]";
        out.printf(Locale.ROOT, "%s: %s %s in %d of %d runs (%.1f%%)%s%n", db, question, r.condition(), r.cases(), r.rows(),
                100.0 * r.cases() / r.rows(), policy == null ? "" : versus == null ? " of policy " + policy : " (futures run under both)");
        if (r.cases() == 0) {
            // no case of interest: PRIM and CART have nothing to describe, a box would be noise
            out.println("no run meets the condition; nothing to discover");
            DiscoveryPrinter.scores(out, scores, d.outcomeNames().get(d.primary()));
            out.flush();
            return ExitCodes.OK;
        }
        if (x != all) DiscoveryPrinter.screening(out, kept, all.inputs(), outcome);
        DiscoveryPrinter.tradeOff(out, r.trajectory(), r.box().index());
        DiscoveryPrinter.box(out, r.box(), r.inspection(), r.stability());
        DiscoveryPrinter.warnings(out, Discovery.boxWarnings(r.inspection()));
        DiscoveryPrinter.stability(out, r.stability());
        DiscoveryPrinter.leaves(out, r.tree());
        DiscoveryPrinter.scores(out, scores, d.outcomeNames().get(d.primary()));
        if (plots != null) {
            List<String> files = DiscoveryPlots.write(plots, question + " " + r.condition(), x, Discovery.cases(d.outcome(), Discovery.condition(where)), r);
            out.println();
            out.println("plots: " + String.join(", ", files.stream().map(f -> plots.resolve(f).toString()).toList()));
        }
        if (!noSave) {
            int id = DiscoveryTables.save(db, saved(r, scores));
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

    /** The discovery as the store keeps it. */
    private DiscoveryTables.Saved saved(Discovery.Report r, Map<String, FeatureScoring.Result> scores) {
        double[][] range = r.trajectory().range();
        Map<Integer, Double> share = new LinkedHashMap<>();
        if (r.stability() != null) {
            double[] s = r.stability().share();
            for (int i = 0; i < s.length; i++) share.put(i, s[i]);
        }
        List<DiscoveryTables.Limit> limits = new ArrayList<>();
        for (PrimInspection.Limit l : r.inspection().limits()) {
            if (!l.lowerRestricted() && !l.upperRestricted()) continue;
            limits.add(new DiscoveryTables.Limit(l.name(), l.lower(), l.upper(), l.lowerRestricted(), l.upperRestricted(), l.quasiP(),
                    share.getOrDefault(l.input(), Double.NaN), range[l.input()][0], range[l.input()][1]));
        }
        List<DiscoveryTables.Point> points = new ArrayList<>();
        for (PrimBox b : r.trajectory().boxes()) points.add(new DiscoveryTables.Point(b.index(), b.coverage(), b.density(), b.mass(), b.restrictedCount()));
        List<DiscoveryTables.Score> rows = new ArrayList<>();
        for (Map.Entry<String, FeatureScoring.Result> e : scores.entrySet()) {
            if (e.getValue() == null) continue;
            for (FeatureScoring.Score s : e.getValue().ranked()) rows.add(new DiscoveryTables.Score(e.getKey(), s.name(), s.importance(), s.sd()));
        }
        PrimBox b = r.box();
        PrimStability.Result st = r.stability();
        return new DiscoveryTables.Saved(0, java.time.Instant.now().toString(), outcome, r.condition(), policy, versus, r.cases(), r.rows(), alpha,
                minMass, minDensity, b.index(), b.pasted(), b.coverage(), b.density(), b.mass(), st == null ? 0 : st.resamples(),
                st == null ? Double.NaN : st.meanCoverage(), st == null ? Double.NaN : st.meanDensity(), limits, points, rows);
    }

    private Data read() {
        try (Connection c = ResultsStore.openReadOnly(db); Statement st = c.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT name FROM inputs WHERE role = 'uncertainty'")) {
                while (rs.next()) names.add(rs.getString(1));
            }
            List<String> outcomes = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT name FROM outcome_definitions")) {
                while (rs.next()) outcomes.add(rs.getString(1));
            }
            if (!outcomes.contains(outcome)) {
                throw new UserInputException("no outcome '" + outcome + "' in " + db + " (it has: " + String.join(", ", outcomes) + ")");
            }
            if (policy != null) {
                List<String> policies = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("SELECT DISTINCT position, policy FROM policies ORDER BY position")) {
                    while (rs.next()) policies.add(rs.getString(2));
                }
                for (String p : versus == null ? List.of(policy) : List.of(policy, versus)) {
                    if (!policies.contains(p)) {
                        throw new UserInputException("no policy '" + p + "' in " + db + " (it has: " + String.join(", ", policies) + ")");
                    }
                }
            }
            if (names.isEmpty()) throw new UserInputException(db + " holds no uncertainties to discover over");
            int primary = outcomes.indexOf(outcome);
            int no = outcomes.size();
            StringBuilder sql = new StringBuilder("SELECT ");
            for (int k = 0; k < no; k++) {
                if (k > 0) sql.append(", ");
                sql.append("o.").append(q(outcomes.get(k)));
                if (versus != null) sql.append(" - ob.").append(q(outcomes.get(k)));
            }
            for (String n : names) sql.append(", e.").append(q(n));
            // failed runs carry meaningless outcomes; run order keeps the result independent of DuckDB's scan order
            sql.append(" FROM experiments e JOIN outcomes o USING (run)");
            if (versus != null) {
                // the same future (scenario) under the other policy
                sql.append(" JOIN experiments eb ON eb.scenario = e.scenario AND eb.policy = ? JOIN outcomes ob ON ob.run = eb.run");
            }
            sql.append(" WHERE o.status = 'ok'").append(versus == null ? "" : " AND ob.status = 'ok'")
                    .append(policy == null ? "" : " AND e.policy = ?").append(" ORDER BY e.run");
            List<double[]> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int k = 1;
                if (versus != null) ps.setString(k++, versus);
                if (policy != null) ps.setString(k, policy);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        double[] row = new double[no + names.size()];
                        for (int i = 0; i < row.length; i++) {
                            row[i] = rs.getDouble(i + 1);
                            // NULL stands for a reduction without a value (NaN): never a case
                            if (rs.wasNull()) row[i] = Double.NaN;
                        }
                        rows.add(row);
                    }
                }
            }
            double[][] cols = new double[names.size()][rows.size()];
            double[][] ys = new double[no][rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                double[] row = rows.get(r);
                for (int k = 0; k < no; k++) ys[k][r] = row[k];
                for (int i = 0; i < names.size(); i++) cols[i][r] = row[no + i];
            }
            return new Data(names, cols, outcomes, ys, primary);
        } catch (SQLException e) {
            String m = e.getMessage() == null ? "unknown error" : e.getMessage().lines().findFirst().orElse("");
            throw new StoreException(db.toString(), "cannot read the store: " + m);
        }
    }

    private static String q(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
