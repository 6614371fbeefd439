package org.dlab.server;

import java.util.List;
import java.util.Map;

/** The JSON shapes of the HTTP API (v1). Jackson maps them; unknown fields are refused. */
public final class Api {
    private Api() {}

    /** Hard limits on what one request may ask for; the OpenAPI document and README repeat them. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    public static final int DEFAULT_ENSEMBLE = 200;
    public static final int MAX_ENSEMBLE = 2000;
    public static final int MAX_VARIABLES = 24;
    public static final int MAX_OVERRIDES = 200;
    public static final double MAX_HORIZON = 200;
    public static final long MAX_STEPS = 200_000;
    public static final int MAX_ROWS = 5_000;
    /** Request bodies being received at once; more are answered 503 at once. */
    public static final int MAX_UPLOADS = 32;
    /** A request body must arrive within this time, else the connection is closed (408). */
    public static final long BODY_DEADLINE_MS = 5_000;
    /** Beyond MAX_UPLOADS, up to this many more bodies may be received with a deadline of QUICK_BODY_DEADLINE_MS. */
    public static final int MAX_QUICK_UPLOADS = 256;
    public static final long QUICK_BODY_DEADLINE_MS = 250;
    /** How long a body waits for a quick slot before the 503. */
    public static final long QUICK_SLOT_WAIT_MS = 200;
    /** An ensemble stops and answers 503 past this time. */
    public static final long ENSEMBLE_DEADLINE_MS = 30_000;

    public record Entry(String id, String kind, String title) {}

    /** A listing; {@code defaultId} is what the server was started with (the page opens it). */
    public record Listing(String defaultId, List<Entry> items) {}

    public record LeverInfo(String name, String unit, String description, double low, double high, double baseline) {}

    public record PolicyInfo(String name, Map<String, Double> levers) {}

    /** {@code unit}: the study's word for the outcome's unit, or null (then the model variable's unit applies). */
    public record OutcomeInfo(String name, String variable, String reduce, String kind, String unit) {}

    /**
     * A study or model as the page opens it. {@code warnings}: the model's load warnings (e.g. a
     * spreadsheet text cell read as 0), one line each, files named relative to the model's folder; empty when none.
     */
    public record StudyInfo(String id, String kind, String title, double startTime, double finalTime, double timeStep,
            double saveper, List<LeverInfo> levers, List<PolicyInfo> policies, List<OutcomeInfo> outcomes,
            List<String> uncertainties, List<String> variables, Limits limits, String reference, List<String> warnings) {}

    public record Limits(int maxBodyBytes, int defaultEnsemble, int maxEnsemble, int maxVariables, int maxOverrides,
            double maxHorizon, long maxSteps, int maxRows) {
        static final Limits V1 = new Limits(MAX_BODY_BYTES, DEFAULT_ENSEMBLE, MAX_ENSEMBLE, MAX_VARIABLES, MAX_OVERRIDES,
                MAX_HORIZON, MAX_STEPS, MAX_ROWS);
    }

    /** One simulation in the model's own future: a policy, then lever and constant overrides. */
    public record RunRequest(String policy, Map<String, Double> levers, Map<String, Double> constants,
            List<String> variables, Double saveper, Double finalTime) {}

    public record RunResponse(String id, String policy, double[] times, Map<String, double[]> series, double elapsedMs) {}

    /** A Latin hypercube over the study's uncertainties, all runs under the same lever values. */
    public record EnsembleRequest(String policy, Map<String, Double> levers, Integer n, Long seed, List<String> variables) {}

    public record Bands(double[] p5, double[] p50, double[] p95) {}

    public record EnsembleResponse(String id, String policy, int n, long seed, int failed, double[] times,
            Map<String, Bands> series, double elapsedMs) {}

    public record Error(int status, String error, String field) {}
}
