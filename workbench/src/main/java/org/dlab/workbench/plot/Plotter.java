package org.dlab.workbench.plot;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dlab.workbench.report.StoreStats;
import org.dlab.workbench.store.ResultsStore;
import org.dlab.workbench.store.StoreException;
import org.dlab.workbench.store.StoredStudy;
import org.dlab.workbench.study.Study;

/**
 * {@code dlab plot}: one chart of a results store as SVG or PNG for a paper, from the same
 * figures as the HTML report ({@link StoreStats}). The format follows the file's extension.
 */
public final class Plotter {
    public static final int MIN_SIZE = 100;
    public static final int MAX_SIZE = 4000;

    /** Fan chart of a series variable over time, or distribution of an outcome. */
    public enum Kind { FAN, DISTRIBUTION }

    /**
     * What to plot: {@code name} is the series variable (fan) or the outcome (distribution);
     * {@code policies} empty means all, in the study's order.
     */
    public record Spec(Kind kind, String name, List<String> policies, int width, int height) {
        public Spec {
            if (width < MIN_SIZE || width > MAX_SIZE || height < MIN_SIZE || height > MAX_SIZE) {
                throw new IllegalArgumentException("width and height must be between " + MIN_SIZE + " and " + MAX_SIZE);
            }
            policies = List.copyOf(policies);
        }
    }

    private Plotter() {}

    /** Writes the chart to {@code out} (a temporary file moved into place: a failed write leaves no half image). */
    public static void write(Path db, Path out, Spec spec) {
        String ext = extension(out);
        if (!ext.equals("svg") && !ext.equals("png")) throw new StoreException(out.toString(), "the output must end in .svg or .png");
        Chart.Data data;
        try (Connection c = ResultsStore.openReadOnly(db); Statement st = c.createStatement()) {
            data = read(StoredStudy.read(c), st, db, spec);
        } catch (SQLException e) {
            throw new StoreException(db.toString(), "cannot read the store: " + ResultsStore.firstLine(e.getMessage()));
        }
        ChartFile.write(out, ext.equals("svg"), spec.width(), spec.height(), canvas -> data.draw(new Chart(canvas, spec.width(), spec.height(), data.order())));
    }

    private static String extension(Path out) {
        String name = out.getFileName() == null ? "" : out.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static Chart.Data read(StoredStudy stored, Statement st, Path db, Spec spec) throws SQLException {
        List<String> all = stored.policies();
        List<String> policies = new ArrayList<>();
        for (String p : spec.policies()) {
            if (!all.contains(p)) throw new StoreException(db.toString(), "no policy '" + p + "' in the store (it has: " + String.join(", ", all) + ")");
            if (!policies.contains(p)) policies.add(p);
        }
        if (policies.isEmpty()) policies = all;
        if (spec.kind() == Kind.FAN) {
            if (!stored.hasSeries()) {
                throw new StoreException(db.toString(), "the store has no series table: explore with --series DT to plot fan charts");
            }
            List<String> vars = stored.seriesVariables();
            if (!vars.contains(spec.name())) {
                throw new StoreException(db.toString(), "no series variable '" + spec.name() + "' in the store (it has: " + String.join(", ", vars) + ")");
            }
            StoreStats.Fan fan = StoreStats.fan(st, spec.name(), policies);
            String title = spec.name() + ": median, 25–75% and 5–95% of futures";
            String yLabel = org.dlab.workbench.report.VariableUnits.of(stored).label(spec.name());
            return new Chart.Data(all, chart -> chart.fan(fan, title, yLabel));
        }
        List<String> outcomes = stored.outcomeNames();
        Study.Outcome def = stored.outcome(spec.name()).orElseThrow(() -> new StoreException(db.toString(),
                "no outcome '" + spec.name() + "' in the store (it has: " + String.join(", ", outcomes) + ")"));
        StoreStats.Histogram h = StoreStats.histogram(st, spec.name(), policies);
        String xLabel = spec.name() + " (" + def.reduce().describe() + " of " + def.variable() + ")";
        return new Chart.Data(all, chart -> chart.distribution(h, spec.name() + ": distribution over futures", xLabel));
    }
}
