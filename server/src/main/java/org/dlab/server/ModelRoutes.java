package org.dlab.server;

import io.javalin.config.RoutesConfig;

/** Model structure endpoints: equations, the causal-loop diagram and the figures beside the model. */
final class ModelRoutes {
    private final Catalog catalog;
    private final JsonExchange io;

    ModelRoutes(Catalog catalog, JsonExchange io) {
        this.catalog = catalog;
        this.io = io;
    }

    void register(RoutesConfig r) {
        for (String kind : new String[] {"study", "model"}) {
            String base = "/api/v1/" + (kind.equals("study") ? "studies" : "models") + "/{id}";
            r.get(base + "/structure", ctx -> io.send(ctx, catalog.structure(kind, ctx.pathParam("id")).structure()));
            r.get(base + "/diagram", ctx -> io.send(ctx, catalog.structure(kind, ctx.pathParam("id")).diagram()));
            r.get(base + "/figures/{name}", ctx -> {
                byte[] svg = catalog.structure(kind, ctx.pathParam("id")).figure(ctx.pathParam("name"));
                // shown through <img>, where scripts never run; the sandbox keeps them off when opened directly too
                ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox");
                ctx.contentType("image/svg+xml").result(svg);
            });
        }
    }
}
