package org.dlab.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoublePredicate;
import org.dlab.workbench.analysis.Dataset;
import org.dlab.workbench.analysis.Discovery;
import org.dlab.workbench.analysis.Prim;
import org.dlab.workbench.analysis.PrimBox;
import org.dlab.workbench.analysis.PrimInspection;
import org.dlab.workbench.analysis.PrimTrajectory;
import org.dlab.workbench.compare.Comparison;
import org.dlab.workbench.discover.StoreDiscovery;
import org.dlab.workbench.store.FuturesFrame;
import org.dlab.workbench.store.ReadOnlyStore;
import org.dlab.workbench.store.RunFilter;
import org.dlab.workbench.compare.MemorySink;
import org.dlab.workbench.run.RunRecord;
import org.dlab.workbench.study.Study;

/**
 * The two analyses the Explore page runs on the futures a filter keeps: the policy comparison of
 * {@code dlab compare} (the workbench's {@link Comparison}, so the figures agree) and PRIM scenario
 * discovery as {@code dlab discover} does it ({@link StoreDiscovery}). Both read at most {@link StoreApi#MAX_ANALYSIS_RUNS} runs.
 */
final class StoreAnalysis {
    private final StoreReader store;
    private final StoreSchema schema;

    StoreAnalysis(StoreReader store) {
        this.store = store;
        this.schema = store.schema();
    }

    private void checkSize(RunFilter w) {
        long n = store.count(w);
        if (n > StoreApi.MAX_ANALYSIS_RUNS) {
            throw new ApiException(422, "filters", "the filters keep " + n + " runs; the server analyses at most " + StoreApi.MAX_ANALYSIS_RUNS
                    + " at once: narrow the filters or use dlab compare / dlab discover");
        }
    }

    StoreApi.CompareResponse compare(StoreApi.CompareRequest req) {
        long t0 = System.nanoTime();
        List<String> pols = schema.policies(req.policies(), StoreApi.MAX_POLICIES);
        RunFilter w = schema.where(req.filters(), pols);
        List<Study.Outcome> outcomes = schema.studyOutcomes();
        int no = outcomes.size();
        // per scenario, the runs of each policy (a full design has one per policy and scenario)
        Map<Long, Row[]> byScenario = new LinkedHashMap<>();
        checkSize(w);
        for (ReadOnlyStore.OutcomeRow r : store.store().outcomeRows(w)) {
            int p = pols.indexOf(r.policy());
            if (p < 0) continue;
            Row row = new Row(r.ok(), r.feasible(), r.values());
            long s = schema.fullDesign() ? r.scenario() : byScenario.size();
            Row[] runs = byScenario.computeIfAbsent(s, k -> new Row[pols.size()]);
            runs[p] = row;
        }
        boolean paired = schema.fullDesign();
        int np = pols.size();
        List<Comparison> parts = new ArrayList<>();
        long futures;
        if (paired) {
            // only the futures every chosen policy was run in (a stopped exploration may lack some)
            List<Row[]> whole = new ArrayList<>();
            for (Row[] runs : byScenario.values()) {
                boolean all = true;
                for (Row x : runs) all &= x != null;
                if (all) whole.add(runs);
            }
            futures = whole.size();
            MemorySink sink = new MemorySink(Math.max(1, (long) whole.size() * np), no);
            for (int s = 0; s < whole.size(); s++) {
                for (int p = 0; p < np; p++) sink.accept(record((long) s * np + p, whole.get(s)[p]));
            }
            parts.add(Comparison.of(pols, outcomes, false, whole.size(), sink));
        } else {
            // each policy on its own futures: distributions only, nothing to pair
            futures = byScenario.size();
            for (int p = 0; p < np; p++) {
                List<Row> mine = new ArrayList<>();
                for (Row[] runs : byScenario.values()) if (runs[p] != null) mine.add(runs[p]);
                MemorySink sink = new MemorySink(Math.max(1, mine.size()), no);
                for (int i = 0; i < mine.size(); i++) sink.accept(record(i, mine.get(i)));
                parts.add(Comparison.of(List.of(pols.get(p)), outcomes, false, mine.size(), sink));
            }
        }
        int[] failed = new int[np];
        for (int p = 0; p < np; p++) failed[p] = paired ? parts.get(0).failed()[p] : parts.get(p).failed()[0];
        List<StoreApi.OutcomeComparison> out = new ArrayList<>();
        for (int o = 0; o < no; o++) out.add(outcomeStats(o, parts, np, paired));
        return new StoreApi.CompareResponse(futures, paired, pols, failed, out, (System.nanoTime() - t0) / 1e6);
    }

    private record Row(boolean ok, boolean feasible, double[] values) {}

    private static RunRecord record(long run, Row r) {
        return new RunRecord(run, 0, 0, new double[0], r.values(), r.feasible(), r.ok() ? null : "failed", null, 0);
    }

    private static StoreApi.OutcomeComparison outcomeStats(int o, List<Comparison> parts, int np, boolean paired) {
        int[] futures = new int[np];
        Double[] mean = new Double[np];
        Double[] median = new Double[np];
        Double[] p5 = new Double[np];
        Double[] p95 = new Double[np];
        Double[] beyond = new Double[np];
        Double[] never = new Double[np];
        Double[] regret = new Double[np];
        Double[][] beats = new Double[np][np];
        Comparison.OutcomeStats first = parts.get(0).stats().get(o);
        for (int p = 0; p < np; p++) {
            Comparison.OutcomeStats s = paired ? first : parts.get(p).stats().get(o);
            int k = paired ? p : 0;
            futures[p] = s.futures()[k];
            mean[p] = json(s.mean()[k]);
            median[p] = json(s.median()[k]);
            p5[p] = json(s.p5()[k]);
            p95[p] = json(s.p95()[k]);
            beyond[p] = json(s.beyond()[k]);
            never[p] = json(s.never()[k]);
            regret[p] = paired ? json(s.meanRegret()[k]) : null;
            for (int q = 0; q < np; q++) beats[p][q] = paired ? json(s.beats()[p][q]) : null;
        }
        Study.Outcome def = first.outcome();
        return new StoreApi.OutcomeComparison(def.name(), def.variable(), def.reduce().describe(), def.kind().name().toLowerCase(Locale.ROOT),
                json(def.threshold()), first.crossing(), futures, mean, median, p5, p95, beyond, never, regret, beats, paired ? first.paired() : 0);
    }

    static Double json(double v) {
        return Double.isFinite(v) ? v : null;
    }

    StoreApi.DiscoverResponse discover(StoreApi.DiscoverRequest req) {
        long t0 = System.nanoTime();
        StoreApi.OutcomeDef o = schema.outcome("outcome", req.outcome());
        if (req.condition() == null) throw ApiException.badRequest("condition", "give a condition on the outcome, e.g. \"> 0.2\"");
        if (req.condition().length() > 100) throw ApiException.badRequest("condition", "at most 100 characters");
        DoublePredicate cond;
        try {
            cond = Discovery.condition(req.condition());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("condition", e.getMessage());
        }
        double minDensity = bounded("minDensity", req.minDensity(), 0.8, 0, 1, true);
        double alpha = bounded("alpha", req.alpha(), 0.05, 0, 0.5, false);
        double minMass = bounded("minMass", req.minMass(), 0.05, 0, 1, false);
        if (req.versus() != null && req.policy() == null) throw ApiException.badRequest("versus", "versus needs policy (the policy compared against it)");
        if (req.versus() != null && req.versus().equals(req.policy())) throw ApiException.badRequest("versus", "name another policy than policy");
        if (req.policy() != null) schema.policies(List.of(req.policy()), 1);
        if (req.versus() != null) schema.policies(List.of(req.versus()), 1);
        if (schema.uncertainties().isEmpty()) throw ApiException.badRequest(null, "this store holds no uncertainties to discover over");
        RunFilter w = schema.where(req.filters(), req.policy() == null ? null : List.of(req.policy()));
        StoreDiscovery.Question q = new StoreDiscovery.Question(o.name(), req.condition(), req.policy(), req.versus());
        checkSize(w);
        // the same reading as dlab discover, narrowed by the request's filters
        FuturesFrame frame = store.store().futures(o.name(), req.policy(), req.versus(), w);
        if (frame.rows() < 2) throw new ApiException(422, "filters", frame.rows() + " successful runs match; discovery needs at least 2");
        Dataset x = StoreDiscovery.dataset(frame);
        boolean[] cases = Discovery.cases(frame.outcome(o.name()), cond);
        int positives = 0;
        for (boolean c : cases) if (c) positives++;
        String label = q.label();
        String condition = req.condition().trim().toLowerCase(Locale.ROOT);
        if (positives == 0) {
            return new StoreApi.DiscoverResponse(label, condition, 0, frame.rows(), List.of(), null, List.of(), (System.nanoTime() - t0) / 1e6);
        }
        Prim.Options options = new Prim.Options(alpha, alpha, minMass, Prim.Options.defaults().objective());
        Discovery.PrimPart part = Discovery.prim(x, cases, options, minDensity, -1);
        PrimTrajectory t = part.trajectory();
        PrimBox box = part.box();
        PrimInspection insp = part.inspection();
        List<StoreApi.BoxStats> traj = new ArrayList<>();
        for (PrimBox b : t.boxes()) traj.add(stats(b));
        List<StoreApi.Limit> limits = new ArrayList<>();
        for (PrimInspection.Limit l : insp.bySignificance()) {
            if (l.lowerRestricted() || l.upperRestricted()) {
                limits.add(new StoreApi.Limit(l.name(), l.lower(), l.upper(), l.lowerRestricted(), l.upperRestricted(), json(l.quasiP())));
            }
        }
        return new StoreApi.DiscoverResponse(label, condition, positives, frame.rows(), traj, stats(box), limits, (System.nanoTime() - t0) / 1e6);
    }

    private static StoreApi.BoxStats stats(PrimBox b) {
        return new StoreApi.BoxStats(b.index(), b.coverage(), b.density(), b.mass(), b.restrictedCount(), b.pasted());
    }

    private static double bounded(String field, Double v, double dflt, double lo, double hi, boolean hiInclusive) {
        if (v == null) return dflt;
        if (!(v > lo && (hiInclusive ? v <= hi : v < hi))) {
            throw ApiException.badRequest(field, "must be above " + lo + " and " + (hiInclusive ? "at most " : "below ") + hi);
        }
        return v;
    }
}
