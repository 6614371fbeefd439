package org.dlab.models.korea;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.run.Model;
import org.dlab.engine.run.Run;
import org.dlab.engine.run.SimResult;

/**
 * Test access to models/korea: the compiled model (compiled once per JVM, since compiling costs
 * far more than a run) and runs with constant overrides.
 */
final class Korea {
    private static Model model;

    private Korea() {}

    /**
     * The models/korea folder. Surefire runs in the module folder (models/), an IDE may run from
     * the repository root; both are tried so the tests do not depend on the launcher.
     */
    static Path dir() {
        String base = System.getProperty("basedir", System.getProperty("user.dir"));
        for (Path p : new Path[] {Path.of(base, "korea"), Path.of(base, "models", "korea")}) {
            if (Files.isRegularFile(p.resolve("korea.mdl"))) return p;
        }
        throw new IllegalStateException("models/korea/korea.mdl not found from " + base);
    }

    static synchronized Model model() {
        if (model == null) model = ModelLoader.load(dir().resolve("korea.mdl"));
        return model;
    }

    /** One run with the given constants set (all others keep the .mdl defaults). */
    static SimResult run(Map<String, Double> constants) {
        Run r = model().newRun();
        for (Map.Entry<String, Double> e : constants.entrySet()) r.set(e.getKey(), e.getValue());
        return r.simulate();
    }

    /** Several override maps applied in order (later ones win), e.g. a future and then a policy. */
    @SafeVarargs
    static SimResult run(Map<String, Double>... layers) {
        Run r = model().newRun();
        for (Map<String, Double> layer : layers) {
            for (Map.Entry<String, Double> e : layer.entrySet()) r.set(e.getKey(), e.getValue());
        }
        return r.simulate();
    }

    /**
     * A variable's saved series. Looks the column up by its exact spelling first: SimResult.series
     * normalises every name of the model on each call, which made the ensemble tests spend most of
     * their time on name matching; names spelt differently still go through it.
     */
    static double[] series(SimResult r, String name) {
        int c = r.names().indexOf(name);
        if (c < 0) return r.series(name);
        double[] v = new double[r.rows()];
        for (int k = 0; k < v.length; k++) v[k] = r.value(c, k);
        return v;
    }

    /** Value at time t by linear interpolation between saved points (the study file's {at: t}). */
    static double at(SimResult r, String name, double t) {
        double[] ts = r.times();
        double[] v = series(r, name);
        if (t <= ts[0]) return v[0];
        for (int i = 1; i < ts.length; i++) {
            if (ts[i] >= t) {
                double w = (t - ts[i - 1]) / (ts[i] - ts[i - 1]);
                return v[i - 1] + w * (v[i] - v[i - 1]);
            }
        }
        return v[v.length - 1];
    }
}
