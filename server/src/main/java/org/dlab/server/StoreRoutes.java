package org.dlab.server;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.dlab.workbench.store.ReadOnlyStore;

/**
 * Results-store endpoints under /api/v1/stores. Each request opens its store read-only and
 * closes it when done, so a store is never held open between requests (dlab explore --resume can
 * take it back). At most {@link #CONCURRENT} store requests run at once: the cores are shared with
 * the simulator's runs.
 */
final class StoreRoutes {
    private static final int CONCURRENT = 2;
    private final StoreCatalog stores;
    private final JsonExchange io;
    private final Semaphore running = new Semaphore(CONCURRENT);

    StoreRoutes(StoreCatalog stores, JsonExchange io) {
        this.stores = stores;
        this.io = io;
    }

    void register(RoutesConfig r) {
        r.get("/api/v1/stores", ctx -> {
            List<StoreApi.Entry> items = new ArrayList<>();
            for (StoreCatalog.Entry e : stores.list()) items.add(new StoreApi.Entry(e.id(), e.title(), sizeOf(e)));
            io.send(ctx, new StoreApi.Listing(items));
        });
        r.get("/api/v1/stores/{id}", ctx -> answer(ctx, StoreReader::summary));
        r.get("/api/v1/stores/{id}/discoveries", ctx -> answer(ctx, StoreReader::savedDiscoveries));
        r.post("/api/v1/stores/{id}/experiments", ctx -> {
            StoreApi.ExperimentsRequest req = io.body(ctx, StoreApi.ExperimentsRequest.class);
            answer(ctx, s -> s.experiments(req));
        });
        r.post("/api/v1/stores/{id}/distribution", ctx -> {
            StoreApi.DistributionRequest req = io.body(ctx, StoreApi.DistributionRequest.class);
            answer(ctx, s -> s.distribution(req));
        });
        r.post("/api/v1/stores/{id}/envelopes", ctx -> {
            StoreApi.EnvelopeRequest req = io.body(ctx, StoreApi.EnvelopeRequest.class);
            answer(ctx, s -> s.envelopes(req));
        });
        r.post("/api/v1/stores/{id}/compare", ctx -> {
            StoreApi.CompareRequest req = io.body(ctx, StoreApi.CompareRequest.class);
            answer(ctx, s -> new StoreAnalysis(s).compare(req));
        });
        r.post("/api/v1/stores/{id}/discover", ctx -> {
            StoreApi.DiscoverRequest req = io.body(ctx, StoreApi.DiscoverRequest.class);
            answer(ctx, s -> new StoreAnalysis(s).discover(req));
        });
    }

    private static long sizeOf(StoreCatalog.Entry e) {
        try {
            return java.nio.file.Files.size(e.file());
        } catch (java.io.IOException ex) {
            return -1;
        }
    }

    /** Opens the store named in the path, answers with {@code what}, closes the store. */
    private void answer(Context ctx, Function<StoreReader, Object> what) throws InterruptedException {
        StoreCatalog.Entry e = stores.get(ctx.pathParam("id"));
        if (!running.tryAcquire(10, TimeUnit.SECONDS)) throw new ApiException(503, null, "too many store requests at once; try again");
        try (ReadOnlyStore store = StoreCatalog.open(e)) {
            io.send(ctx, what.apply(new StoreReader(e, store)));
        } catch (ReadOnlyStore.Failure f) {
            // a store error as a response: a timeout is the caller's question being too big, anything else the store's fault
            if (f.kind() == ReadOnlyStore.Failure.Kind.TIMEOUT) {
                throw new ApiException(503, null, "the query took more than " + StoreApi.QUERY_SECONDS + " s; narrow the filters");
            }
            throw new ApiException(422, "id", "cannot read store '" + e.id() + "': " + f.getMessage());
        } finally {
            running.release();
        }
    }
}
