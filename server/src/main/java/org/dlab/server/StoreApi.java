package org.dlab.server;

import java.util.List;
import java.util.Map;

/** The JSON shapes of the results-store endpoints (/api/v1/stores). Unknown fields are refused. */
public final class StoreApi {
    private StoreApi() {}

    /** Hard limits on what one request may ask of a store; the OpenAPI document and README repeat them. */
    public static final int MAX_FILTERS = 50;
    public static final int MAX_POLICIES = 64;
    public static final int MAX_PAGE = 1_000;
    public static final long MAX_OFFSET = 10_000_000;
    public static final int MAX_ANALYSIS_RUNS = 250_000;
    public static final int MIN_BINS = 2;
    public static final int MAX_BINS = 100;
    public static final int MAX_QUANTILES = 9;
    public static final int MAX_ENVELOPE_POLICIES = 8;
    public static final int MAX_DISCOVERY_ROWS = 200;
    public static final int QUERY_SECONDS = 20;

    public record Limits(int maxFilters, int maxPolicies, int maxPage, long maxOffset, int maxAnalysisRuns, int maxBins,
            int maxQuantiles, int maxEnvelopePolicies, int querySeconds) {
        static final Limits V1 = new Limits(MAX_FILTERS, MAX_POLICIES, MAX_PAGE, MAX_OFFSET, MAX_ANALYSIS_RUNS, MAX_BINS, MAX_QUANTILES,
                MAX_ENVELOPE_POLICIES, QUERY_SECONDS);
    }

    public record Entry(String id, String title, long bytes) {}

    public record Listing(List<Entry> items) {}

    public record Input(String name, String role, String distribution, String description, String unit, Double low, Double high, Double baseline) {}

    public record OutcomeDef(String name, String variable, String reduce, String kind, Double threshold) {}

    public record PolicyCount(String policy, long runs, long failed) {}

    public record Summary(String id, String title, String status, String design, String sampler, String n, String seed, String study,
            long runs, long failed, long futures, List<String> policies, List<PolicyCount> counts, List<Input> uncertainties,
            List<Input> levers, List<OutcomeDef> outcomes, List<String> seriesVariables, boolean discoveries, Limits limits) {}

    /** Keeps the runs whose input lies in [min, max] (either side may be left out). */
    public record Filter(String input, Double min, Double max) {}

    public record ExperimentsRequest(List<Filter> filters, List<String> policies, List<String> columns, Long offset, Integer limit) {}

    public record ExperimentsResponse(long total, long offset, List<String> columns, List<List<Object>> rows) {}

    public record CompareRequest(List<Filter> filters, List<String> policies) {}

    /**
     * One outcome's figures per policy (arrays in {@code policies} order); {@code beats[a][b]} the
     * share of paired futures where policy a does better than b. Pairwise figures only for a full design.
     */
    public record OutcomeComparison(String name, String variable, String reduce, String kind, Double threshold, boolean crossing,
            int[] futures, Double[] mean, Double[] median, Double[] p5, Double[] p95, Double[] beyond, Double[] never,
            Double[] meanRegret, Double[][] beats, int paired) {}

    public record CompareResponse(long futures, boolean paired, List<String> policies, int[] failed, List<OutcomeComparison> outcomes,
            double elapsedMs) {}

    public record DistributionRequest(String outcome, List<Filter> filters, List<String> policies, Integer bins) {}

    public record DistributionResponse(String outcome, double[] edges, Map<String, long[]> counts, long missing) {}

    public record EnvelopeRequest(String variable, List<Filter> filters, List<String> policies, List<Double> quantiles) {}

    /** Per policy, one array of times and one array per quantile (null where no run has a value). */
    public record Envelope(long runs, double[] times, List<Double[]> values) {}

    public record EnvelopeResponse(String variable, List<Double> quantiles, Map<String, Envelope> policies, double elapsedMs) {}

    public record DiscoverRequest(String outcome, String condition, String policy, String versus, List<Filter> filters, Double minDensity,
            Double alpha, Double minMass) {}

    public record Limit(String name, double lower, double upper, boolean lowerRestricted, boolean upperRestricted, Double quasiP) {}

    public record BoxStats(int index, double coverage, double density, double mass, int restricted, boolean pasted) {}

    public record DiscoverResponse(String outcome, String condition, int cases, int rows, List<BoxStats> trajectory, BoxStats box,
            List<Limit> limits, double elapsedMs) {}

    /** The discoveries {@code dlab discover} saved in the store, newest last (at most {@link #MAX_DISCOVERY_ROWS}). */
    public record SavedDiscoveries(boolean available, List<SavedDiscovery> items) {}

    /** One saved PRIM box with its question; numbers that were not measured are null. */
    public record SavedDiscovery(int id, String createdAt, String question, String outcome, String condition, String policy, String versus,
            int cases, int runs, int box, Double coverage, Double density, Double mass, List<SavedLimit> limits, List<SavedScore> scores) {}

    /** One restricted uncertainty of a saved box; {@code resampledShare}: the share of bootstrap resamples restricting it. */
    public record SavedLimit(String name, Double lower, Double upper, boolean lowerRestricted, boolean upperRestricted, Double quasiP,
            Double resampledShare) {}

    /** A feature score against the discovery's own outcome. */
    public record SavedScore(String uncertainty, Double importance) {}
}
