package org.dlab.workbench.discover;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dlab.workbench.analysis.Dataset;
import org.dlab.workbench.analysis.Discovery;
import org.dlab.workbench.analysis.FeatureScoring;
import org.dlab.workbench.analysis.Prim;
import org.dlab.workbench.analysis.PrimBox;
import org.dlab.workbench.analysis.PrimInspection;
import org.dlab.workbench.analysis.PrimStability;
import org.dlab.workbench.store.DiscoveryTables;
import org.dlab.workbench.store.FuturesFrame;
import org.dlab.workbench.store.ResultsStore;
import org.dlab.workbench.store.RunFilter;
import org.dlab.workbench.store.StoreException;
import org.dlab.workbench.store.StoredStudy;

/**
 * Scenario discovery over the futures of a results store: the successful runs (optionally of one
 * policy, or one policy's outcome minus another's in the same future), their uncertainties as
 * inputs, and the analysis of {@code dlab discover}: optional screening, PRIM with stability,
 * CART and feature scores for every outcome. The server's discovery reads the same
 * {@link FuturesFrame}, narrowed by its filters.
 */
public final class StoreDiscovery {
    /** Trees per outcome other than the condition's: enough to rank the leading inputs, a quarter of the cost. */
    public static final int OTHER_TREES = 25;

    private StoreDiscovery() {}

    /**
     * What is asked: where {@code outcome} meets {@code condition}; with {@code policy} only that
     * policy's runs; with {@code versus} too, the outcome is policy's value minus versus's in the same future.
     */
    public record Question(String outcome, String condition, String policy, String versus) {
        /** The outcome as printed: {@code (y)[a - b]} for a difference. */
        public String label() {
            return versus == null ? outcome : "(" + outcome + ")[" + policy + " - " + versus + "]";
        }
    }

    /** PRIM's and the screening's settings; {@code box} -1 takes the density rule's box, {@code top} 0 keeps every input. */
    public record Settings(double alpha, double minMass, double minDensity, int resamples, int box, int top) {
        Discovery.Options options() {
            Discovery.Options d = Discovery.Options.defaults();
            return new Discovery.Options(new Prim.Options(alpha, alpha, minMass, d.prim().objective()), minDensity, resamples, d.cart(), d.scoring(), d.seed());
        }
    }

    /**
     * A discovery's outcome: {@code all} the inputs, {@code x} those kept by the screening, the
     * report on the question's outcome and the feature scores of every outcome (on all inputs).
     */
    public record Result(Question question, Dataset all, Dataset x, Discovery.Report report, Map<String, FeatureScoring.Result> scores) {
        public boolean screened() {
            return x != all;
        }
    }

    /**
     * The names a question uses, checked against the store; the message names what the store
     * has. {@code where} names the store in the message.
     */
    public static void check(StoredStudy s, Question q, String where) {
        List<String> outcomes = s.outcomeNames();
        if (!outcomes.contains(q.outcome())) {
            throw new IllegalArgumentException("no outcome '" + q.outcome() + "' in " + where + " (it has: " + String.join(", ", outcomes) + ")");
        }
        if (q.policy() != null) {
            for (String p : q.versus() == null ? List.of(q.policy()) : List.of(q.policy(), q.versus())) {
                if (!s.policies().contains(p)) {
                    throw new IllegalArgumentException("no policy '" + p + "' in " + where + " (it has: " + String.join(", ", s.policies()) + ")");
                }
            }
        }
        if (s.uncertainties().isEmpty()) throw new IllegalArgumentException(where + " holds no uncertainties to discover over");
    }

    /** Opens the store read-only, checks the question and reads every outcome of its successful runs. */
    public static FuturesFrame read(Path db, Question q) {
        try (Connection c = ResultsStore.openReadOnly(db)) {
            StoredStudy s = StoredStudy.read(c);
            check(s, q, db.toString());
            return FuturesFrame.read(c, s, q.policy(), q.versus(), s.outcomeNames(), RunFilter.ALL, 0);
        } catch (SQLException e) {
            throw new StoreException(db.toString(), "cannot read the store: " + ResultsStore.firstLine(e.getMessage()));
        }
    }

    /**
     * The analysis of {@code dlab discover}: screening (when {@code top > 0}), the discovery on the
     * question's outcome, and feature scores for every outcome of the frame. A bad condition or
     * box is an {@link IllegalArgumentException}.
     */
    public static Result run(FuturesFrame d, Question q, Settings s) {
        double[] y = d.outcome(q.outcome());
        Dataset all = dataset(d);
        Discovery.Options options = s.options();
        // screening scores the condition's outcome on every input first; the scores kept are those (all inputs) either way
        FeatureScoring.Result screenScores = s.top() == 0 ? null : Discovery.scores(all, y, options.scoring());
        List<String> kept = s.top() == 0 ? all.names() : Discovery.screen(all, screenScores, s.top());
        Dataset x = kept.size() == all.inputs() ? all : all.inputs(kept);
        Discovery.Report r = Discovery.run(x, y, q.condition(), options, s.box());
        FeatureScoring.Result primaryScores = s.top() == 0 ? r.scores() : screenScores;
        Map<String, FeatureScoring.Result> scores = new LinkedHashMap<>();
        FeatureScoring.Options full = options.scoring();
        // a smaller ensemble for the other outcomes: korea's 20 outcomes at 100 trees each would take most of the command's time
        FeatureScoring.Options other = new FeatureScoring.Options(OTHER_TREES, full.maxFeatures(), full.minLeaf(), full.maxDepth(), full.sampleSize(), full.seed());
        for (int k = 0; k < d.outcomes().size(); k++) {
            String name = d.outcomes().get(k);
            // the condition's outcome was scored by the discovery itself
            scores.put(name, name.equals(q.outcome()) ? primaryScores : Discovery.scores(all, d.values()[k], other));
        }
        return new Result(q, all, x, r, scores);
    }

    /** The frame's uncertainties as the analyses' inputs. */
    public static Dataset dataset(FuturesFrame f) {
        return Dataset.ofColumns(f.inputs(), f.columns());
    }

    /** Saves the discovery in the store for {@code dlab report}; returns its number. */
    public static int save(Path db, Result result, Settings s) {
        return DiscoveryTables.save(db, saved(result, s));
    }

    /** The discovery as the store keeps it. */
    static DiscoveryTables.Saved saved(Result result, Settings s) {
        Discovery.Report r = result.report();
        double[][] range = r.trajectory().range();
        Map<Integer, Double> share = new LinkedHashMap<>();
        if (r.stability() != null) {
            double[] sh = r.stability().share();
            for (int i = 0; i < sh.length; i++) share.put(i, sh[i]);
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
        for (Map.Entry<String, FeatureScoring.Result> e : result.scores().entrySet()) {
            if (e.getValue() == null) continue;
            for (FeatureScoring.Score sc : e.getValue().ranked()) rows.add(new DiscoveryTables.Score(e.getKey(), sc.name(), sc.importance(), sc.sd()));
        }
        PrimBox b = r.box();
        PrimStability.Result st = r.stability();
        Question q = result.question();
        return new DiscoveryTables.Saved(0, java.time.Instant.now().toString(), q.outcome(), r.condition(), q.policy(), q.versus(), r.cases(), r.rows(),
                s.alpha(), s.minMass(), s.minDensity(), b.index(), b.pasted(), b.coverage(), b.density(), b.mass(), st == null ? 0 : st.resamples(),
                st == null ? Double.NaN : st.meanCoverage(), st == null ? Double.NaN : st.meanDensity(), limits, points, rows);
    }
}
