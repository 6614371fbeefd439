package org.dlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dlab.workbench.analysis.Box;
import org.dlab.workbench.analysis.Cart;
import org.dlab.workbench.analysis.Dataset;
import org.dlab.workbench.analysis.Discovery;
import org.dlab.workbench.analysis.FeatureScoring;
import org.dlab.workbench.analysis.Prim;
import org.dlab.workbench.analysis.PrimBox;
import org.dlab.workbench.analysis.PrimInspection;
import org.dlab.workbench.store.ResultsStore;
import org.dlab.workbench.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dlab discover DB --outcome NAME --where "> 0.2"}: scenario discovery over a results store. */
@Command(name = "discover", mixinStandardHelpOptions = true,
        description = {"Scenario discovery: over the futures of a results store, find which uncertainties decide whether an outcome "
            + "meets a condition. Prints the PRIM box (limits, coverage, density, mass, quasi-p-values), the inputs ranked by "
            + "feature scoring, and the CART leaves where cases of interest are the majority."})
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

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    /** Uncertainty columns and outcome values of the selected runs. */
    private record Data(List<String> names, double[][] columns, double[] outcome) {}

    @Override
    public Integer call() {
        // checked before the store is read, so a typo costs no wait on a large store
        ExploreCommand.parse(() -> Discovery.condition(where));
        if (!(alpha > 0 && alpha < 0.5)) throw new UserInputException("--alpha must be above 0 and below 0.5");
        if (!(minMass > 0 && minMass < 1)) throw new UserInputException("--min-mass must be above 0 and below 1");
        if (!(minDensity > 0 && minDensity <= 1)) throw new UserInputException("--min-density must be above 0 and at most 1");
        if (versus != null && policy == null) throw new UserInputException("--versus needs --policy (the policy compared against it)");
        if (versus != null && versus.equals(policy)) throw new UserInputException("--versus must name another policy than --policy");
        Data d = read();
        if (d.outcome().length < 2) throw new UserInputException(db + ": " + d.outcome().length + " successful runs; discovery needs at least 2");
        Dataset x = Dataset.ofColumns(d.names(), d.columns());
        Discovery.Options defaults = Discovery.Options.defaults();
        Discovery.Options options = new Discovery.Options(new Prim.Options(alpha, alpha, minMass, defaults.prim().objective()), minDensity,
                defaults.resamples(), defaults.cart(), defaults.scoring(), defaults.seed());
        Discovery.Report r = ExploreCommand.parse(() -> Discovery.run(x, d.outcome(), where, options));

        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s: %s %s in %d of %d runs%s%n", db, versus == null ? outcome : "(" + outcome + ")[" + policy + " - " + versus + "]",
                r.condition(), r.cases(), r.rows(), policy == null ? "" : versus == null ? " of policy " + policy : " (futures run under both)");
        if (r.cases() == 0) {
            // no case of interest: PRIM and CART have nothing to describe, a box would be noise
            out.println("no run meets the condition; nothing to discover");
            printScores(out, r.scores());
            out.flush();
            return ExitCodes.OK;
        }
        printBox(out, r.box(), r.inspection());
        printScores(out, r.scores());
        printLeaves(out, r.tree());
        out.flush();
        return ExitCodes.OK;
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
            StringBuilder sql = new StringBuilder("SELECT o.").append(q(outcome));
            if (versus != null) sql.append(" - ob.").append(q(outcome));
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
                        double[] row = new double[names.size() + 1];
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
            double[] y = new double[rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                double[] row = rows.get(r);
                y[r] = row[0];
                for (int i = 0; i < names.size(); i++) cols[i][r] = row[i + 1];
            }
            return new Data(names, cols, y);
        } catch (SQLException e) {
            String m = e.getMessage() == null ? "unknown error" : e.getMessage().lines().findFirst().orElse("");
            throw new StoreException(db.toString(), "cannot read the store: " + m);
        }
    }

    private static String q(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static void printBox(PrintWriter out, PrimBox box, PrimInspection insp) {
        out.println();
        out.printf(Locale.ROOT, "PRIM box %d: coverage %.3f, density %.3f, mass %.3f, %d restricted dimension(s)%s%n", box.index(),
                box.coverage(), box.density(), box.mass(), box.restrictedCount(), box.pasted() ? ", pasted" : "");
        List<PrimInspection.Limit> limits = new ArrayList<>();
        for (PrimInspection.Limit l : insp.bySignificance()) if (l.lowerRestricted() || l.upperRestricted()) limits.add(l);
        if (limits.isEmpty()) {
            out.println("  no dimension restricted: the cases are not concentrated in a box");
            return;
        }
        int w = width(limits.stream().map(PrimInspection.Limit::name).toList(), "uncertainty");
        out.printf(Locale.ROOT, "  %-" + w + "s %12s %12s %10s%n", "uncertainty", "lower", "upper", "quasi-p");
        for (PrimInspection.Limit l : limits) {
            out.printf(Locale.ROOT, "  %-" + w + "s %12s %12s %10.3g%n", l.name(), l.lowerRestricted() ? num(l.lower()) : "-",
                    l.upperRestricted() ? num(l.upper()) : "-", l.quasiP());
        }
    }

    private static void printScores(PrintWriter out, FeatureScoring.Result scores) {
        out.println();
        out.println("feature scoring (extra-trees importance against the outcome)");
        List<FeatureScoring.Score> ranked = scores.ranked();
        int w = width(ranked.stream().map(FeatureScoring.Score::name).toList(), "uncertainty");
        out.printf(Locale.ROOT, "  %-" + w + "s %10s %10s%n", "uncertainty", "importance", "sd");
        for (FeatureScoring.Score s : ranked) out.printf(Locale.ROOT, "  %-" + w + "s %10.4f %10.4f%n", s.name(), s.importance(), s.sd());
    }

    private static void printLeaves(PrintWriter out, Cart.Tree tree) {
        out.println();
        List<Cart.LeafBox> leaves = tree.positiveLeaves();
        out.println("CART leaves where cases are the majority");
        if (leaves.isEmpty()) {
            out.println("  none");
            return;
        }
        for (Cart.LeafBox l : leaves) {
            out.printf(Locale.ROOT, "  coverage %.3f, density %.3f, mass %.3f:", l.coverage(), l.density(), l.mass());
            Box b = l.box();
            int[] restricted = b.restrictedInputs();
            if (restricted.length == 0) out.print(" everywhere");
            for (int i = 0; i < restricted.length; i++) {
                int d = restricted[i];
                out.print(i == 0 ? " " : ", ");
                out.print(describe(tree.names().get(d), b.lower(d), b.upper(d)));
            }
            out.println();
        }
    }

    private static String describe(String name, double lo, double hi) {
        if (lo == Double.NEGATIVE_INFINITY) return name + " < " + num(hi);
        if (hi == Double.POSITIVE_INFINITY) return name + " >= " + num(lo);
        return num(lo) + " <= " + name + " < " + num(hi);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static int width(List<String> names, String header) {
        int w = header.length();
        for (String s : names) w = Math.max(w, s.length());
        return w;
    }
}
