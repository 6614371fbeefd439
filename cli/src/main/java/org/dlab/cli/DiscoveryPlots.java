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
            List<PrimInspection.Limit> top = limits.subList(0, Math.min(PAIRS, limits.size()));
            List<String> names = top.stream().map(PrimInspection.Limit::name).toList();
            double[][] cols = new double[top.size()][];
            double[] lo = new double[top.size()];
            double[] hi = new double[top.size()];
            for (int k = 0; k < top.size(); k++) {
                PrimInspection.Limit l = top.get(k);
                cols[k] = x.column(l.input());
                lo[k] = l.lowerRestricted() ? l.lower() : Double.NEGATIVE_INFINITY;
                hi[k] = l.upperRestricted() ? l.upper() : Double.POSITIVE_INFINITY;
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
