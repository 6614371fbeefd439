package org.dlab.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The warnings of one model load as it goes. A place is warned of once however often it is read
 * (a subscripted data variable reads its block once per element), and past {@link #LIMIT}
 * warnings the rest are only counted, so a large model cannot bury its other output.
 */
public final class LoadWarnings {
    /** Warnings shown one by one per load; the rest become one summary per kind. */
    public static final int LIMIT = 20;

    private final String modelFile;
    private final Set<String> seen = new HashSet<>();
    private final List<LoadWarning> shown = new ArrayList<>();
    /** Warnings past the limit, by kind (the plural phrase of the summary, e.g. "text cells read as 0"). */
    private final Map<String, Integer> more = new LinkedHashMap<>();

    /** {@code modelFile} names the model in summary warnings. */
    public LoadWarnings(String modelFile) {
        this.modelFile = modelFile == null ? "" : modelFile;
    }

    /**
     * Records {@code w} unless a warning of the same kind was already given for its file and
     * place. {@code kind} is a plural phrase for the summary: "... and 3 more {@code kind}".
     */
    public synchronized void add(String kind, LoadWarning w) {
        if (!seen.add(kind + "\u0000" + w.file() + "\u0000" + w.where())) return;
        if (shown.size() < LIMIT) {
            shown.add(w);
        } else {
            more.merge(kind, 1, Integer::sum);
        }
    }

    /** The warnings so far, then one summary per kind that went past the limit. */
    public synchronized List<LoadWarning> list() {
        List<LoadWarning> out = new ArrayList<>(shown);
        more.forEach((kind, n) -> out.add(new LoadWarning(modelFile, "", "... and " + n + " more " + kind)));
        return List.copyOf(out);
    }
}
