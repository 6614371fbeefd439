package org.dlab.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dlab.workbench.store.ReadOnlyStore;

/**
 * The results stores (DuckDB files from {@code dlab explore}) the server may read: every
 * {@code *.duckdb} inside its folders, found again when the list is asked for (a store made while
 * the server runs then appears). Requests name a store by id, never by path; a file reached
 * through a link that leads out of the folders is not listed.
 */
final class StoreCatalog {
    record Entry(String id, Path file, String title) {}

    private static final int MAX_FILES = 200;
    private static final int MAX_DEPTH = 3;
    private static final int MAX_VISITED = 20_000;
    private static final long RESCAN_MS = 2_000;
    private static final long FORCED_RESCAN_MS = 500;
    /** DuckDB's buffer cache for one open store; a server reads, so a modest cap suffices. */
    private static final String MEMORY_LIMIT = System.getProperty("dlab.serve.store.memory", "256MB");

    private final List<Path> folders;
    private final Map<String, Entry> byId = new LinkedHashMap<>();
    private long scannedAt;

    StoreCatalog(List<Path> folders) {
        List<Path> fs = new ArrayList<>();
        for (Path f : folders) {
            try {
                Path r = f.toRealPath();
                if (!fs.contains(r)) fs.add(r);
            } catch (IOException e) {
                throw new IllegalArgumentException("no such store folder: " + f);
            }
        }
        this.folders = List.copyOf(fs);
    }

    List<Path> folders() {
        return folders;
    }

    synchronized List<Entry> list() {
        rescan(false);
        return List.copyOf(byId.values());
    }

    /** The store with this id; 404 naming the listing when there is none. */
    synchronized Entry get(String id) {
        Entry e = byId.get(id);
        if (e == null) {
            rescan(true);
            e = byId.get(id);
        }
        if (e == null || !Files.isRegularFile(e.file())) throw new ApiException(404, "id", "no store '" + id + "'; see GET /api/v1/stores");
        return e;
    }

    /** Finds the stores again; an id once given stays with its file. */
    private void rescan(boolean force) {
        long now = System.currentTimeMillis();
        // an unknown id forces a rescan, but at most every FORCED_RESCAN_MS: 500 requests for made-up ids were 500 folder walks in a row
        if (now - scannedAt < (force ? FORCED_RESCAN_MS : RESCAN_MS)) return;
        scannedAt = now;
        Map<Path, Entry> known = new LinkedHashMap<>();
        for (Entry e : byId.values()) known.put(e.file(), e);
        List<Path> found = new ArrayList<>();
        for (Path root : folders) {
            try (Stream<Path> files = Files.walk(root, MAX_DEPTH)) {
                // at most MAX_VISITED entries looked at per folder, so a huge --root cannot stall a listing
                files.limit(MAX_VISITED).filter(f -> f.getFileName().toString().endsWith(".duckdb")).filter(Files::isRegularFile).sorted()
                        .limit(MAX_FILES).forEach(f -> {
                            try {
                                Path r = f.toRealPath();
                                if (inside(r) && !found.contains(r)) found.add(r);
                            } catch (IOException ignored) {
                                // vanished between listing and resolving: not listed
                            }
                        });
            } catch (IOException | UncheckedIOException e) {
                // an unreadable folder lists nothing; the others still do
            }
        }
        Map<String, Entry> next = new LinkedHashMap<>();
        for (Path f : found) {
            Entry old = known.get(f);
            if (old != null) next.put(old.id(), old);
        }
        for (Path f : found) {
            if (known.containsKey(f)) continue;
            String name = f.getFileName().toString();
            String base = name.substring(0, name.length() - ".duckdb".length()).replaceAll("[^A-Za-z0-9._-]", "-");
            String id = base.isEmpty() ? "store" : base;
            for (int k = 2; next.containsKey(id); k++) id = base + "-" + k;
            next.put(id, new Entry(id, f, name));
        }
        byId.clear();
        byId.putAll(next);
    }

    private boolean inside(Path real) {
        for (Path f : folders) if (real.startsWith(f)) return true;
        return false;
    }

    /**
     * Opens a store read-only, with capped memory, one DuckDB thread (the simulator shares the
     * cores), no access to other files and the API's time limit on every statement.
     */
    static ReadOnlyStore open(Entry e) {
        try {
            return ReadOnlyStore.open(e.file(), MEMORY_LIMIT, StoreApi.QUERY_SECONDS);
        } catch (ReadOnlyStore.Failure f) {
            throw switch (f.kind()) {
                case LOCKED -> new ApiException(409, "id", "store '" + e.id() + "' is being written by another process (dlab explore?); try again when it has finished");
                case NOT_A_STORE -> new ApiException(422, "id", "'" + e.id() + "' is not a results store of dlab explore: " + f.getMessage());
                case TIMEOUT, OTHER -> new ApiException(422, "id", "cannot open store '" + e.id() + "': " + f.getMessage());
            };
        }
    }
}
