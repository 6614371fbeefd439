package org.dlab.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dlab.workbench.report.StoreStats;
import org.dlab.workbench.store.DiscoveryTables;
import org.dlab.workbench.store.ReadOnlyStore;
import org.dlab.workbench.store.RunFilter;

/**
 * Read-only questions to one results store: its summary, pages of experiments, outcome
 * distributions and percentile envelopes of series, all over the runs a request's filters keep.
 * Every statement has a time limit and every result a size limit.
 */
final class StoreReader {
    private final StoreCatalog.Entry entry;
    private final ReadOnlyStore store;
    private final StoreSchema schema;

    StoreReader(StoreCatalog.Entry entry, ReadOnlyStore store) {
        this.entry = entry;
        this.store = store;
        this.schema = StoreSchema.of(store.study());
    }

    StoreSchema schema() {
        return schema;
    }

    /** The open store, for the analyses. */
    ReadOnlyStore store() {
        return store;
    }

    StoreApi.Summary summary() {
        ReadOnlyStore.Counts c = store.counts();
        List<StoreApi.PolicyCount> counts = new ArrayList<>();
        long runs = 0;
        long failed = 0;
        for (String p : schema.policies()) {
            long[] rf = c.byPolicy().getOrDefault(p, new long[2]);
            counts.add(new StoreApi.PolicyCount(p, rf[0], rf[1]));
            runs += rf[0];
            failed += rf[1];
        }
        Map<String, String> p = schema.provenance();
        String study = p.get("study_file");
        if (study != null) study = java.nio.file.Path.of(study).getFileName().toString();
        return new StoreApi.Summary(entry.id(), entry.title(), p.get("status"), p.get("policy_design"), p.get("sampler"), p.get("n"),
                p.get("seed"), study, runs, failed, c.futures(), schema.policies(), counts, schema.uncertainties(), schema.levers(),
                schema.outcomes(), schema.seriesVariables(), schema.discoveries(), StoreApi.Limits.V1);
    }

    /** How many runs the filters keep. */
    long count(RunFilter f) {
        return store.count(f);
    }

    StoreApi.ExperimentsResponse experiments(StoreApi.ExperimentsRequest req) {
        long offset = req.offset() == null ? 0 : req.offset();
        int limit = req.limit() == null ? 100 : req.limit();
        if (offset < 0 || offset > StoreApi.MAX_OFFSET) throw ApiException.badRequest("offset", "must be between 0 and " + StoreApi.MAX_OFFSET);
        if (limit < 1 || limit > StoreApi.MAX_PAGE) throw ApiException.badRequest("limit", "must be between 1 and " + StoreApi.MAX_PAGE + ", got " + limit);
        List<String> pols = schema.policies(req.policies(), StoreApi.MAX_POLICIES);
        RunFilter w = schema.where(req.filters(), pols);
        // columns: run, scenario, policy, then inputs and outcomes by name (checked against the store)
        List<String> known = new ArrayList<>(List.of("run", "scenario", "policy", "status"));
        for (StoreApi.Input i : schema.uncertainties()) known.add(i.name());
        for (StoreApi.Input i : schema.levers()) known.add(i.name());
        for (StoreApi.OutcomeDef o : schema.outcomes()) known.add(o.name());
        List<String> cols = new ArrayList<>();
        if (req.columns() == null || req.columns().isEmpty()) {
            cols.addAll(List.of("run", "scenario", "policy", "status"));
            for (StoreApi.OutcomeDef o : schema.outcomes()) cols.add(o.name());
        } else {
            if (req.columns().size() > known.size()) throw ApiException.badRequest("columns", "at most " + known.size() + " columns");
            for (String c : req.columns()) {
                if (c == null || !known.contains(c)) throw ApiException.badRequest("columns", "no column '" + c + "' in this store");
                if (!cols.contains(c)) cols.add(c);
            }
        }
        long total = count(w);
        return new StoreApi.ExperimentsResponse(total, offset, cols, store.experiments(w, cols, limit, offset));
    }

    StoreApi.DistributionResponse distribution(StoreApi.DistributionRequest req) {
        StoreApi.OutcomeDef o = schema.outcome("outcome", req.outcome());
        int bins = req.bins() == null ? StoreStats.BINS : req.bins();
        if (bins < StoreApi.MIN_BINS || bins > StoreApi.MAX_BINS) {
            throw ApiException.badRequest("bins", "must be between " + StoreApi.MIN_BINS + " and " + StoreApi.MAX_BINS + ", got " + bins);
        }
        List<String> pols = schema.policies(req.policies(), StoreApi.MAX_POLICIES);
        RunFilter w = schema.where(req.filters(), pols);
        ReadOnlyStore.Histogram h = store.histogram(w, o.name(), bins, pols);
        return new StoreApi.DistributionResponse(o.name(), h.edges(), h.counts(), h.missing());
    }

    StoreApi.EnvelopeResponse envelopes(StoreApi.EnvelopeRequest req) {
        long t0 = System.nanoTime();
        String v = schema.seriesVariable("variable", req.variable());
        List<Double> qs = req.quantiles() == null || req.quantiles().isEmpty() ? List.of(0.05, 0.25, 0.5, 0.75, 0.95) : req.quantiles();
        if (qs.size() > StoreApi.MAX_QUANTILES) throw ApiException.badRequest("quantiles", "at most " + StoreApi.MAX_QUANTILES + " quantiles");
        for (Double q : qs) if (q == null || !(q >= 0 && q <= 1)) throw ApiException.badRequest("quantiles", "each quantile is a number from 0 to 1");
        List<String> pols = schema.policies(req.policies(), StoreApi.MAX_ENVELOPE_POLICIES);
        RunFilter w = schema.where(req.filters(), pols);
        ReadOnlyStore.Envelopes env;
        try {
            env = store.envelopes(w, v, qs, Api.MAX_ROWS);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("variable", e.getMessage());
        }
        Map<String, List<double[]>> rows = env.rows();
        Map<String, Long> runs = env.runs();
        Map<String, StoreApi.Envelope> out = new LinkedHashMap<>();
        for (String p : pols) {
            List<double[]> rs = rows.getOrDefault(p, List.of());
            double[] times = new double[rs.size()];
            List<Double[]> values = new ArrayList<>();
            for (int i = 0; i < qs.size(); i++) values.add(new Double[rs.size()]);
            for (int t = 0; t < rs.size(); t++) {
                times[t] = rs.get(t)[0];
                for (int i = 0; i < qs.size(); i++) {
                    double x = rs.get(t)[i + 1];
                    values.get(i)[t] = Double.isFinite(x) ? x : null;
                }
            }
            out.put(p, new StoreApi.Envelope(runs.getOrDefault(p, 0L), times, values));
        }
        return new StoreApi.EnvelopeResponse(v, qs, out, (System.nanoTime() - t0) / 1e6);
    }

    /** The discoveries saved by {@code dlab discover}, read with the workbench's own reader. */
    StoreApi.SavedDiscoveries savedDiscoveries() {
        if (!schema.discoveries()) return new StoreApi.SavedDiscoveries(false, List.of());
        List<DiscoveryTables.Saved> all = store.discoveries();
        List<StoreApi.SavedDiscovery> out = new ArrayList<>();
        for (DiscoveryTables.Saved d : all.subList(Math.max(0, all.size() - StoreApi.MAX_DISCOVERY_ROWS), all.size())) {
            List<StoreApi.SavedLimit> limits = new ArrayList<>();
            for (DiscoveryTables.Limit l : d.limits()) {
                limits.add(new StoreApi.SavedLimit(l.uncertainty(), finite(l.lower()), finite(l.upper()), l.lowerRestricted(), l.upperRestricted(),
                        finite(l.quasiP()), finite(l.resampledShare())));
            }
            List<StoreApi.SavedScore> scores = new ArrayList<>();
            for (DiscoveryTables.Score sc : d.scores()) {
                if (sc.outcome().equals(d.outcome()) && scores.size() < 10) scores.add(new StoreApi.SavedScore(sc.uncertainty(), finite(sc.importance())));
            }
            out.add(new StoreApi.SavedDiscovery(d.id(), d.createdAt(), d.question(), d.outcome(), d.condition(), d.policy(), d.versus(), d.cases(),
                    d.runs(), d.box(), finite(d.coverage()), finite(d.density()), finite(d.mass()), limits, scores));
        }
        return new StoreApi.SavedDiscoveries(true, out);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
