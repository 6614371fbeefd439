package org.dlab.workbench.report;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dlab.workbench.plot.AnalysisCharts;
import org.dlab.workbench.store.DiscoveryTables;
import org.dlab.workbench.store.StoredStudy;

/**
 * The report's "Scenario discovery" section: every discovery saved by {@code dlab discover}
 * with its question, box statistics, limits per restricted uncertainty next to the assumption
 * behind it (distribution and source from the study), the leading feature scores, and the
 * box-limits and trade-off charts as inline SVG.
 */
final class DiscoverySection {
    /** Feature scores listed per discovery. */
    static final int SCORES = 10;

    private DiscoverySection() {}

    static List<Map<String, Object>> data(Statement st, StoredStudy stored) throws SQLException {
        List<DiscoveryTables.Saved> saved = DiscoveryTables.read(st);
        List<Map<String, Object>> out = new ArrayList<>();
        if (saved.isEmpty()) return out;
        Map<String, String[]> assumptions = new HashMap<>();
        for (StoredStudy.Input i : stored.inputs()) if (i.isUncertainty()) assumptions.put(i.name(), new String[] {i.distribution(), i.description()});
        for (DiscoveryTables.Saved d : saved) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", d.id());
            m.put("question", d.question());
            m.put("created", d.createdAt());
            m.put("cases", d.cases());
            m.put("runs", d.runs());
            m.put("box", d.box());
            m.put("pasted", d.pasted());
            m.put("coverage", num(d.coverage()));
            m.put("density", num(d.density()));
            m.put("mass", num(d.mass()));
            m.put("settings", String.format(java.util.Locale.ROOT, "alpha %.3g, minimum mass %.3g, minimum density %.3g, %d resamples", d.alpha(),
                    d.minMass(), d.minDensity(), d.resamples()));
            m.put("resampled", d.resamples() == 0 ? null : List.of(num(d.resampledCoverage()), num(d.resampledDensity())));
            List<Object[]> limits = new ArrayList<>();
            List<AnalysisCharts.Limit> bars = new ArrayList<>();
            for (DiscoveryTables.Limit l : d.limits()) {
                String[] a = assumptions.getOrDefault(l.uncertainty(), new String[] {"", ""});
                limits.add(new Object[] {l.uncertainty(), l.lowerRestricted() ? num(l.lower()) : null, l.upperRestricted() ? num(l.upper()) : null,
                    num(l.quasiP()), Double.isNaN(l.resampledShare()) ? null : l.resampledShare(), a[0], a[1]});
                bars.add(new AnalysisCharts.Limit(l.uncertainty(), l.lowerRestricted() ? l.lower() : l.dataLow(), l.upperRestricted() ? l.upper() : l.dataHigh(),
                        l.dataLow(), l.dataHigh(), l.quasiP()));
            }
            m.put("limits", limits);
            List<Object[]> scores = new ArrayList<>();
            for (DiscoveryTables.Score s : d.scores()) {
                if (s.outcome().equals(d.outcome()) && scores.size() < SCORES) scores.add(new Object[] {s.uncertainty(), num(s.importance()), num(s.sd())});
            }
            m.put("scores", scores);
            String title = String.format(java.util.Locale.ROOT, "PRIM box %d: coverage %.2f, density %.2f", d.box(), d.coverage(), d.density());
            m.put("limitsSvg", inline(AnalysisCharts.boxLimits(title, bars)));
            int n = d.tradeoff().size();
            double[] cov = new double[n];
            double[] den = new double[n];
            int[] res = new int[n];
            int chosen = -1;
            for (int i = 0; i < n; i++) {
                DiscoveryTables.Point p = d.tradeoff().get(i);
                cov[i] = p.coverage();
                den[i] = p.density();
                res[i] = p.restricted();
                if (p.box() == d.box()) chosen = i;
            }
            m.put("tradeoffSvg", n == 0 ? null : inline(AnalysisCharts.tradeOff("Trade-off: " + d.question(), cov, den, res, chosen)));
            out.add(m);
        }
        return out;
    }

    /** An SVG document as an element for HTML: without its XML declaration. */
    static String inline(String svg) {
        int i = svg.indexOf("<svg");
        return i < 0 ? svg : svg.substring(i);
    }

    private static Object num(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
