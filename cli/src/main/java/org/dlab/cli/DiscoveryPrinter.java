package org.dlab.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dlab.workbench.analysis.Box;
import org.dlab.workbench.analysis.Cart;
import org.dlab.workbench.analysis.FeatureScoring;
import org.dlab.workbench.analysis.PrimBox;
import org.dlab.workbench.analysis.PrimInspection;
import org.dlab.workbench.analysis.PrimStability;
import org.dlab.workbench.analysis.PrimTrajectory;

/** The text sections of {@code dlab discover}: trade-off curve, box, stability, CART leaves, feature scores. */
final class DiscoveryPrinter {
    /** Rows of the trade-off table before it is thinned; the plot always has every box. */
    private static final int TRADE_OFF_ROWS = 25;
    /** Scores listed per outcome other than the condition's (whose list is complete). */
    private static final int OTHER_SCORES = 8;

    private DiscoveryPrinter() {}

    static void screening(PrintWriter out, List<String> kept, int of, String outcome) {
        out.println();
        out.printf(Locale.ROOT, "screening: PRIM and CART use the %d of %d uncertainties with the highest feature scores on %s:%n", kept.size(), of, outcome);
        out.println("  " + String.join(", ", kept));
    }

    /** The box's interpretability warnings (Discovery.boxWarnings), one line each. */
    static void warnings(PrintWriter out, List<String> warnings) {
        for (String w : warnings) out.println("  warning: " + w);
    }

    static void tradeOff(PrintWriter out, PrimTrajectory t, int chosen) {
        out.println();
        List<PrimBox> boxes = t.boxes();
        int step = Math.max(1, (boxes.size() + TRADE_OFF_ROWS - 1) / TRADE_OFF_ROWS);
        out.printf(Locale.ROOT, "trade-off curve (PRIM peeling trajectory, %d boxes%s; * the box inspected below)%n", boxes.size(),
                step > 1 ? ", one in " + step + " shown" : "");
        out.printf(Locale.ROOT, "  %5s %9s %9s %9s %11s%n", "box", "coverage", "density", "mass", "restricted");
        for (PrimBox b : boxes) {
            int i = b.index();
            if (i % step != 0 && i != chosen && i != boxes.size() - 1) continue;
            out.printf(Locale.ROOT, "  %4d%s %9.3f %9.3f %9.3f %11d%n", i, i == chosen ? "*" : " ", b.coverage(), b.density(), b.mass(), b.restrictedCount());
        }
    }

    static void box(PrintWriter out, PrimBox box, PrimInspection insp, PrimStability.Result stability) {
        out.println();
        out.printf(Locale.ROOT, "PRIM box %d: coverage %.3f, density %.3f, mass %.3f, %d restricted dimension(s)%s%n", box.index(),
                box.coverage(), box.density(), box.mass(), box.restrictedCount(), box.pasted() ? ", pasted" : "");
        List<PrimInspection.Limit> limits = new ArrayList<>();
        for (PrimInspection.Limit l : insp.bySignificance()) if (l.lowerRestricted() || l.upperRestricted()) limits.add(l);
        if (limits.isEmpty()) {
            out.println("  no dimension restricted: the cases are not concentrated in a box");
            return;
        }
        double[] share = stability == null ? null : stability.share();
        int w = width(limits.stream().map(PrimInspection.Limit::name).toList(), "uncertainty");
        out.printf(Locale.ROOT, "  %-" + w + "s %12s %12s %10s %10s %10s %10s%n", "uncertainty", "lower", "upper", "quasi-p", "qp lower", "qp upper",
                "resampled");
        for (PrimInspection.Limit l : limits) {
            out.printf(Locale.ROOT, "  %-" + w + "s %12s %12s %10.3g %10s %10s %10s%n", l.name(), l.lowerRestricted() ? num(l.lower()) : "-",
                    l.upperRestricted() ? num(l.upper()) : "-", l.quasiP(), p(l.quasiPLower()), p(l.quasiPUpper()),
                    share == null ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * share[l.input()]));
        }
        out.println("  (quasi-p: binomial probability of the box's density without that restriction, lower or upper limit alone;");
        out.println("   resampled: share of bootstrap resamples whose box restricts it)");
    }

    static void stability(PrintWriter out, PrimStability.Result s) {
        if (s == null) return;
        out.println();
        out.printf(Locale.ROOT, "resampling stability (%d bootstrap resamples, box chosen by the same rule): mean coverage %.3f, mean density %.3f%n",
                s.resamples(), s.meanCoverage(), s.meanDensity());
        double[] share = s.share();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < share.length; i++) if (share[i] > 0) order.add(i);
        order.sort((a, b) -> share[a] != share[b] ? Double.compare(share[b], share[a]) : s.names().get(a).compareTo(s.names().get(b)));
        if (order.isEmpty()) {
            out.println("  no uncertainty restricted in any resample");
            return;
        }
        int w = width(order.stream().map(i -> s.names().get(i)).toList(), "uncertainty");
        out.printf(Locale.ROOT, "  %-" + w + "s %10s%n", "uncertainty", "restricted");
        int shown = 0;
        for (int i : order) {
            if (shown++ == 20) {
                out.printf(Locale.ROOT, "  ... %d more restricted in fewer resamples%n", order.size() - 20);
                break;
            }
            out.printf(Locale.ROOT, "  %-" + w + "s %9.0f%%%n", s.names().get(i), 100 * share[i]);
        }
    }

    static void leaves(PrintWriter out, Cart.Tree tree) {
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

    /** Every input for the condition's outcome, then the leading ones of every other outcome. */
    static void scores(PrintWriter out, Map<String, FeatureScoring.Result> scores, String primary) {
        out.println();
        out.println("feature scoring (extra-trees importance against each outcome's value, not only the condition)");
        print(out, primary + " (the condition's outcome)", scores.get(primary), Integer.MAX_VALUE);
        if (scores.size() > 1) out.printf(Locale.ROOT, "  the other outcomes, %d leading inputs each (%d trees per outcome)%n", OTHER_SCORES, org.dlab.workbench.discover.StoreDiscovery.OTHER_TREES);
        for (Map.Entry<String, FeatureScoring.Result> e : scores.entrySet()) {
            if (!e.getKey().equals(primary)) print(out, e.getKey(), e.getValue(), OTHER_SCORES);
        }
    }

    private static void print(PrintWriter out, String title, FeatureScoring.Result r, int limit) {
        out.println("  outcome " + title);
        if (r == null) {
            out.println("    no variation among the runs with a value: nothing to score");
            return;
        }
        List<FeatureScoring.Score> ranked = r.ranked();
        int w = width(ranked.stream().map(FeatureScoring.Score::name).toList(), "uncertainty");
        out.printf(Locale.ROOT, "    %-" + w + "s %10s %10s%n", "uncertainty", "importance", "sd");
        for (int i = 0; i < ranked.size() && i < limit; i++) {
            FeatureScoring.Score s = ranked.get(i);
            out.printf(Locale.ROOT, "    %-" + w + "s %10.4f %10.4f%n", s.name(), s.importance(), s.sd());
        }
    }

    private static String describe(String name, double lo, double hi) {
        if (lo == Double.NEGATIVE_INFINITY) return name + " < " + num(hi);
        if (hi == Double.POSITIVE_INFINITY) return name + " >= " + num(lo);
        return num(lo) + " <= " + name + " < " + num(hi);
    }

    private static String p(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3g", v);
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static int width(List<String> names, String header) {
        int w = header.length();
        for (String s : names) w = Math.max(w, s.length());
        return w;
    }
}
