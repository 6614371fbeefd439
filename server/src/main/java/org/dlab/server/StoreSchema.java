package org.dlab.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.dlab.workbench.store.RunFilter;
import org.dlab.workbench.store.StoredStudy;
import org.dlab.workbench.study.Study;

/**
 * What a store holds ({@link StoredStudy}), as the API shows it: the only names a request may
 * use. A name reaches the workbench's queries only after it is found here.
 */
record StoreSchema(StoredStudy stored, List<StoreApi.Input> uncertainties, List<StoreApi.Input> levers, List<StoreApi.OutcomeDef> outcomes,
        List<String> policies, List<String> seriesVariables, Map<String, String> provenance, boolean discoveries) {

    static final Set<String> PROVENANCE_SHOWN = Set.of("status", "policy_design", "sampler", "n", "seed", "study_file", "runs_total");

    /** The store's descriptive tables, read by the workbench's read model, as the API shows them. */
    static StoreSchema of(StoredStudy stored) {
        List<StoreApi.Input> unc = new ArrayList<>();
        List<StoreApi.Input> lev = new ArrayList<>();
        for (StoredStudy.Input i : stored.inputs()) {
            StoreApi.Input in = new StoreApi.Input(i.name(), i.role(), i.distribution(), i.description(), i.unit(), i.low(), i.high(), i.baseline());
            (i.isLever() ? lev : unc).add(in);
        }
        List<StoreApi.OutcomeDef> outs = new ArrayList<>();
        for (Study.Outcome o : stored.outcomes()) {
            outs.add(new StoreApi.OutcomeDef(o.name(), o.variable(), o.reduce().describe(), o.kind().name().toLowerCase(Locale.ROOT),
                    o.hasThreshold() && Double.isFinite(o.threshold()) ? o.threshold() : null));
        }
        Map<String, String> prov = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : stored.provenance().entrySet()) if (PROVENANCE_SHOWN.contains(e.getKey())) prov.put(e.getKey(), e.getValue());
        return new StoreSchema(stored, List.copyOf(unc), List.copyOf(lev), List.copyOf(outs), stored.policies(), stored.seriesVariables(), prov,
                stored.hasDiscoveries());
    }

    boolean fullDesign() {
        return stored.fullDesign();
    }

    /** The outcome definitions as the workbench's analyses take them. */
    List<Study.Outcome> studyOutcomes() {
        return stored.outcomes();
    }

    boolean isInput(String name) {
        for (StoreApi.Input i : uncertainties) if (i.name().equals(name)) return true;
        for (StoreApi.Input i : levers) if (i.name().equals(name)) return true;
        return false;
    }

    StoreApi.OutcomeDef outcome(String field, String name) {
        if (name == null) throw ApiException.badRequest(field, "name an outcome; the store has: " + names(outcomes.stream().map(StoreApi.OutcomeDef::name).toList()));
        for (StoreApi.OutcomeDef o : outcomes) if (o.name().equals(name)) return o;
        throw ApiException.badRequest(field, "no outcome '" + name + "' in this store; it has: " + names(outcomes.stream().map(StoreApi.OutcomeDef::name).toList()));
    }

    String seriesVariable(String field, String name) {
        if (seriesVariables.isEmpty()) throw ApiException.badRequest(field, "this store has no time series (explore with --series to keep them)");
        if (name == null) throw ApiException.badRequest(field, "name a series variable; the store has: " + names(seriesVariables));
        if (!seriesVariables.contains(name)) throw ApiException.badRequest(field, "no series variable '" + name + "' in this store; it has: " + names(seriesVariables));
        return name;
    }

    /** The requested policies in the store's order, each checked; all of them when none are named. */
    List<String> policies(List<String> requested, int max) {
        if (requested == null || requested.isEmpty()) return policies.size() <= max ? policies : policies.subList(0, max);
        if (requested.size() > max) throw ApiException.badRequest("policies", "at most " + max + " policies per request, got " + requested.size());
        for (String p : requested) {
            if (p == null || !policies.contains(p)) throw ApiException.badRequest("policies", "no policy '" + p + "' in this store; it has: " + names(policies));
        }
        List<String> out = new ArrayList<>();
        for (String p : policies) if (requested.contains(p)) out.add(p);
        return out;
    }

    static String names(List<String> names) {
        String s = String.join(", ", names);
        return s.length() > 600 ? s.substring(0, 600) + "…" : s;
    }

    /**
     * The runs a request's filters and policies keep, each name checked against the store; the
     * workbench turns it into SQL with bound values.
     */
    RunFilter where(List<StoreApi.Filter> filters, List<String> pols) {
        List<RunFilter.Range> ranges = new ArrayList<>();
        if (filters != null) {
            if (filters.size() > StoreApi.MAX_FILTERS) throw ApiException.badRequest("filters", "at most " + StoreApi.MAX_FILTERS + " filters, got " + filters.size());
            for (int k = 0; k < filters.size(); k++) {
                StoreApi.Filter f = filters.get(k);
                String field = "filters[" + k + "]";
                if (f == null || f.input() == null) throw ApiException.badRequest(field + ".input", "each filter names an input");
                if (!isInput(f.input())) throw ApiException.badRequest(field + ".input", "no input '" + f.input() + "' in this store");
                if (f.min() == null && f.max() == null) throw ApiException.badRequest(field, "give min, max or both");
                if (f.min() != null && !Double.isFinite(f.min())) throw ApiException.badRequest(field + ".min", "must be a finite number");
                if (f.max() != null && !Double.isFinite(f.max())) throw ApiException.badRequest(field + ".max", "must be a finite number");
                if (f.min() != null && f.max() != null && f.min() > f.max()) throw ApiException.badRequest(field, "min is above max");
                ranges.add(new RunFilter.Range(f.input(), f.min(), f.max()));
            }
        }
        return new RunFilter(ranges, pols != null && pols.size() < policies.size() ? pols : null);
    }
}
