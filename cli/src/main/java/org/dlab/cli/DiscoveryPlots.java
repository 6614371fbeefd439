package org.dlab.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dlab.workbench.analysis.Dataset;
import org.dlab.workbench.analysis.Discovery;
import org.dlab.workbench.analysis.FeatureScoring;
import org.dlab.workbench.analysis.PrimBox;
import org.dlab.workbench.analysis.PrimInspection;
import org.dlab.workbench.plot.AnalysisCharts;

/** The SVG files of {@code dlab discover --plots DIR}. */
final class DiscoveryPlots {
    /** Inputs in the pairs scatter: beyond four the panels get too small to read. */
    static final int PAIRS = 4;
    /** Inputs in the feature-score chart. */
    static final int SCORES = 15;

    private DiscoveryPlots() {}

    /** Writes the plots and returns their file names. */
    static List<String> write(Path dir, String question, Dataset x, boolean[] cases, Discovery.Report r) {
        List<String> files = new ArrayList<>();
        List<PrimBox> boxes = r.trajectory().boxes();
        int[] restricted = boxes.stream().mapToInt(PrimBox::restrictedCount).toArray();
        AnalysisCharts.write(dir.resolve("tradeoff.svg"), AnalysisCharts.tradeOff("PRIM trade-off: " + question,
                r.trajectory().coverages(), r.trajectory().densities(), restricted, r.box().index()));
        files.add("tradeoff.svg");

        double[][] range = r.trajectory().range();
        List<PrimInspection.Limit> limits = r.inspection().bySignificance().stream().filter(l -> l.lowerRestricted() || l.upperRestricted()).toList();
        List<AnalysisCharts.Limit> bars = limits.stream()
                .map(l -> new AnalysisCharts.Limit(l.name(), l.lower(), l.upper(), range[l.input()][0], range[l.input()][1], l.quasiP())).toList();
        AnalysisCharts.write(dir.resolve("box-limits.svg"), AnalysisCharts.boxLimits(String.format(java.util.Locale.ROOT,
                "PRIM box %d: coverage %.2f, density %.2f", r.box().index(), r.box().coverage(), r.box().density()), bars));
        files.add("box-limits.svg");

        if (!limits.isEmpty()) {
            List<PrimInspection.Limit> top = new ArrayList<>(limits.subList(0, Math.min(PAIRS, limits.size())));
            List<Integer> inputs = new ArrayList<>(top.stream().map(PrimInspection.Limit::input).toList());
            if (inputs.size() == 1 && r.scores() != null) {
                // one restriction alone makes no pair: show it against the best-scoring other input, unrestricted
                r.scores().ranked().stream().filter(s -> s.input() != inputs.get(0)).findFirst().ifPresent(s -> inputs.add(s.input()));
            }
            int k2 = inputs.size();
            List<String> names = inputs.stream().map(x::name).toList();
            double[][] cols = new double[k2][];
            double[] lo = new double[k2];
            double[] hi = new double[k2];
            for (int k = 0; k < k2; k++) {
                cols[k] = x.column(inputs.get(k));
                PrimInspection.Limit l = k < top.size() ? top.get(k) : null;
                lo[k] = l != null && l.lowerRestricted() ? l.lower() : Double.NEGATIVE_INFINITY;
                hi[k] = l != null && l.upperRestricted() ? l.upper() : Double.POSITIVE_INFINITY;
            }
            AnalysisCharts.write(dir.resolve("pairs.svg"), AnalysisCharts.pairs("Restricted uncertainties, most significant first", names, cols, cases, lo, hi));
            files.add("pairs.svg");
        }

        FeatureScoring.Result s = r.scores();
        if (s != null) {
            List<FeatureScoring.Score> ranked = s.ranked();
            ranked = ranked.subList(0, Math.min(SCORES, ranked.size()));
            int n = ranked.size();
            double[][] v = new double[1][n];
            double[][] lo = new double[1][n];
            double[][] hi = new double[1][n];
            for (int i = 0; i < n; i++) {
                FeatureScoring.Score sc = ranked.get(i);
                v[0][i] = sc.importance();
                lo[0][i] = Math.max(0, sc.importance() - sc.sd());
                hi[0][i] = sc.importance() + sc.sd();
            }
            AnalysisCharts.write(dir.resolve("feature-scores.svg"), AnalysisCharts.intervalBars("Feature scores: " + question,
                    "extra-trees importance (whisker: ± one sd over trees)", ranked.stream().map(FeatureScoring.Score::name).toList(),
                    List.of("importance"), v, lo, hi));
            files.add("feature-scores.svg");
        }
        return files;
    }
}
