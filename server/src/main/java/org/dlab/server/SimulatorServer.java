package org.dlab.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.dlab.workbench.study.Study;

/**
 * The simulator's HTTP server: the JSON API under /api/v1 and the static page. Binds to loopback
 * unless told otherwise; only serves the studies and models of its {@link Catalog}.
 */
public final class SimulatorServer implements AutoCloseable {
    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");
    /** Ensembles are the only expensive requests; more than this many at once wait, then get 503. */
    private static final int CONCURRENT_ENSEMBLES = 2;

    private final Catalog catalog;
    private final StoreCatalog stores;
    private final JsonExchange io = new JsonExchange();
    /**
     * Ensembles get every core but one: a slider's single run then always finds a free core
     * instead of queueing behind 400 ensemble runs (-Ddlab.serve.ensembleThreads overrides).
     */
    private final int threads = Integer.getInteger("dlab.serve.ensembleThreads", Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
    private final ExecutorService workers = Executors.newFixedThreadPool(threads, r -> {
        Thread t = new Thread(r, "dlab-ensemble");
        t.setDaemon(true);
        return t;
    });
    private final Semaphore ensembles = new Semaphore(CONCURRENT_ENSEMBLES);
    private final boolean checkHost;
    private final byte[] openapi;
    private Javalin app;

    private SimulatorServer(Catalog catalog, StoreCatalog stores, boolean loopback) {
        this.catalog = catalog;
        this.stores = stores;
        this.checkHost = loopback;
        try (InputStream in = SimulatorServer.class.getResourceAsStream("/openapi.json")) {
            openapi = in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("openapi.json missing from the jar", e);
        }
    }

    /**
     * Starts a server.
     *
     * @param primary the study or model opened by default
     * @param roots folders it may read (empty: the primary's folder)
     * @param bind address to listen on
     * @param port port, 0 for any free one
     */
    public static SimulatorServer start(Path primary, List<Path> roots, String bind, int port) {
        return start(primary, roots, List.of(), bind, port);
    }

    /**
     * Starts a server that also reads the results stores ({@code *.duckdb}) in the roots and in
     * {@code storeFolders}.
     */
    public static SimulatorServer start(Path primary, List<Path> roots, List<Path> storeFolders, String bind, int port) {
        boolean loopback;
        try {
            loopback = InetAddress.getByName(bind).isLoopbackAddress();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot resolve --bind " + bind);
        }
        Catalog catalog = new Catalog(primary, roots);
        List<Path> folders = new ArrayList<>(catalog.roots());
        folders.addAll(storeFolders);
        SimulatorServer s = new SimulatorServer(catalog, new StoreCatalog(folders), loopback);
        // compile the default now: the first page load is then fast, and a broken model fails at start
        try {
            s.catalog.target(s.catalog.defaultKind(), s.catalog.defaultId());
        } catch (ApiException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        s.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.http.maxRequestSize = Api.MAX_BODY_BYTES;
            cfg.staticFiles.add(sf -> {
                sf.hostedPath = "/";
                sf.directory = "/web";
                sf.location = Location.CLASSPATH;
            });
            cfg.staticFiles.enableWebjars();
            s.routes(cfg);
        });
        s.app.start(bind, port);
        return s;
    }

    public int port() {
        return app.port();
    }

    public String defaultId() {
        return catalog.defaultId();
    }

    @Override
    public void close() {
        app.stop();
        workers.shutdownNow();
    }

    private void routes(io.javalin.config.JavalinConfig cfg) {
        var r = cfg.routes;
        r.before(ctx -> {
            if (checkHost && !hostAllowed(ctx.header("Host"))) {
                // a page on another site that rebinds its DNS name to 127.0.0.1 must not reach the API
                throw new ApiException(403, "Host", "requests must name localhost or 127.0.0.1 as Host");
            }
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Referrer-Policy", "no-referrer");
            ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self'");
        });
        r.get("/api/v1/openapi.json", ctx -> ctx.contentType("application/json").result(openapi));
        // the workbench's palette, so a policy has the same colour on every page, in the report and in dlab plot
        r.get("/palette.js", ctx -> ctx.contentType("text/javascript").result("window.DLAB_PALETTE = " + org.dlab.workbench.plot.Palette.json() + ";\n"));
        r.get("/api/v1/studies", ctx -> send(ctx, listing(catalog.studies(), "study")));
        r.get("/api/v1/models", ctx -> send(ctx, listing(catalog.models(), "model")));
        r.get("/api/v1/studies/{id}", ctx -> send(ctx, info(catalog.target("study", ctx.pathParam("id")))));
        r.get("/api/v1/models/{id}", ctx -> send(ctx, info(catalog.target("model", ctx.pathParam("id")))));
        r.post("/api/v1/studies/{id}/run", ctx -> run(ctx, "study"));
        r.post("/api/v1/models/{id}/run", ctx -> run(ctx, "model"));
        r.post("/api/v1/studies/{id}/ensemble", ctx -> {
            Target t = catalog.target("study", ctx.pathParam("id"));
            Api.EnsembleRequest req = body(ctx, Api.EnsembleRequest.class);
            if (!ensembles.tryAcquire(10, TimeUnit.SECONDS)) throw new ApiException(503, null, "too many ensembles at once; try again");
            try {
                send(ctx, t.ensemble(req, workers, threads));
            } finally {
                ensembles.release();
            }
        });
        new StoreRoutes(stores, io).register(r);
        new ModelRoutes(catalog, io).register(r);
        r.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage(), e.field()));
        r.exception(Exception.class, (e, ctx) -> {
            System.err.println("dlab serve: internal error on " + ctx.path() + ": " + e);
            error(ctx, 500, "internal error: " + e.getClass().getSimpleName(), null);
        });
        r.error(404, ctx -> {
            if (ctx.path().startsWith("/api/") && ctx.result() == null) error(ctx, 404, "no such endpoint: " + ctx.method() + " " + ctx.path(), null);
        });
    }

    private static boolean hostAllowed(String host) {
        if (host == null) return false;
        String h = host.toLowerCase(Locale.ROOT);
        int colon = h.lastIndexOf(':');
        if (colon > h.lastIndexOf(']')) h = h.substring(0, colon);
        return LOOPBACK_HOSTS.contains(h);
    }

    private void run(Context ctx, String kind) {
        Target t = catalog.target(kind, ctx.pathParam("id"));
        send(ctx, t.run(body(ctx, Api.RunRequest.class)));
    }

    private <T> T body(Context ctx, Class<T> type) {
        return io.body(ctx, type);
    }

    private void send(Context ctx, Object o) {
        io.send(ctx, o);
    }

    private void error(Context ctx, int status, String message, String field) {
        io.error(ctx, status, message, field);
    }

    private Api.Listing listing(List<Catalog.Item> items, String kind) {
        List<Api.Entry> out = new ArrayList<>();
        for (Catalog.Item i : items) out.add(new Api.Entry(i.id(), i.kind(), i.title()));
        return new Api.Listing(catalog.defaultKind().equals(kind) ? catalog.defaultId() : null, out);
    }

    private static Api.StudyInfo info(Target t) {
        List<Api.LeverInfo> levers = new ArrayList<>();
        List<Api.PolicyInfo> policies = new ArrayList<>();
        List<Api.OutcomeInfo> outcomes = new ArrayList<>();
        List<String> uncertainties = new ArrayList<>();
        if (t.study != null) {
            Study s = t.study.study();
            for (Study.Lever l : s.levers()) levers.add(new Api.LeverInfo(l.name(), l.unit(), l.description(), l.low(), l.high(), l.baseline()));
            for (Study.Policy p : t.study.policies()) {
                double[] v = t.study.leverValues(p);
                Map<String, Double> m = new LinkedHashMap<>();
                for (int i = 0; i < v.length; i++) m.put(s.levers().get(i).name(), v[i]);
                policies.add(new Api.PolicyInfo(p.name(), m));
            }
            for (Study.Outcome o : s.outcomes()) {
                outcomes.add(new Api.OutcomeInfo(o.name(), o.variable(), o.reduce().describe(), o.kind().name().toLowerCase(Locale.ROOT),
                        s.presentation().units().get(o.name())));
            }
            for (Study.Uncertainty u : s.uncertainties()) uncertainties.add(u.name());
        }
        // the study's own title (presentation key) when it has one, else its file
        String title = t.study != null && t.study.study().presentation().title() != null ? t.study.study().presentation().title() : t.title;
        return new Api.StudyInfo(t.id, t.kind, title, t.startTime, t.finalTime, t.timeStep, t.saveper, levers, policies, outcomes,
                uncertainties, t.model.variableNames(), Api.Limits.V1, t.study == null ? null : t.study.study().presentation().reference(), t.warnings);
    }
}
