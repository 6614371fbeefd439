package org.dlab.workbench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.dlab.workbench.run.Progress;
import org.dlab.workbench.run.Runner;
import org.dlab.workbench.sample.Design;
import org.dlab.workbench.sample.PolicyDesign;
import org.dlab.workbench.sample.SamplerKind;
import org.dlab.workbench.sample.UnitSampler;
import org.dlab.workbench.study.BoundStudy;
import org.dlab.workbench.study.Study.Policy;
import org.dlab.workbench.store.Provenance;
import org.dlab.workbench.store.ResultsStore;
import org.dlab.workbench.store.StoreException;
import org.dlab.workbench.store.StoreLayout;

/**
 * One {@code dlab explore}: a bound study, a design, a runner and a results store, wired so that
 * a stop (Ctrl-C, a test hook, a failing disk) always leaves a store that can be resumed.
 */
public final class Exploration {
    /**
     * @param n design size; its meaning depends on the sampler (see {@link SamplerKind})
     * @param policies policy names to run, or empty for all
     * @param seriesStep NaN for no series table; 0 for every saved row; else its time resolution
     */
    public record Settings(SamplerKind sampler, long n, long seed, PolicyDesign combine, List<String> policies,
            int threads, double seriesStep, Path db, boolean resume, boolean overwrite) {
        public Settings {
            policies = policies == null ? List.of() : List.copyOf(policies);
        }

        public static Settings defaults(Path db) {
            return new Settings(SamplerKind.LHS, SamplerKind.LHS.defaultN, 1, PolicyDesign.FULL, List.of(),
                    Runtime.getRuntime().availableProcessors(), Double.NaN, db, false, false);
        }

        public Settings withN(long v) {
            return new Settings(sampler, v, seed, combine, policies, threads, seriesStep, db, resume, overwrite);
        }

        public Settings withSampler(SamplerKind v) {
            return new Settings(v, n, seed, combine, policies, threads, seriesStep, db, resume, overwrite);
        }

        public Settings withSeed(long v) {
            return new Settings(sampler, n, v, combine, policies, threads, seriesStep, db, resume, overwrite);
        }

        public Settings withThreads(int v) {
            return new Settings(sampler, n, seed, combine, policies, v, seriesStep, db, resume, overwrite);
        }

        public Settings withResume(boolean v) {
            return new Settings(sampler, n, seed, combine, policies, threads, seriesStep, db, v, overwrite);
        }

        public Settings withOverwrite(boolean v) {
            return new Settings(sampler, n, seed, combine, policies, threads, seriesStep, db, resume, v);
        }

        public Settings withPolicies(List<String> v) {
            return new Settings(sampler, n, seed, combine, v, threads, seriesStep, db, resume, overwrite);
        }

        public Settings withCombine(PolicyDesign v) {
            return new Settings(sampler, n, seed, v, policies, threads, seriesStep, db, resume, overwrite);
        }

        public Settings withSeries(double v) {
            return new Settings(sampler, n, seed, combine, policies, threads, v, db, resume, overwrite);
        }
    }

    private final BoundStudy bound;
    private final Settings settings;
    private final List<Policy> policies;
    private final Design design;
    private final Runner runner;
    private final Provenance.Sources sources;

    public Exploration(BoundStudy bound, Settings settings) {
        this(bound, settings, Provenance.Sources.of(bound));
    }

    /** With the hashes of the study and model files taken already (the Spark driver's unpacked copy is gone by now). */
    public Exploration(BoundStudy bound, Settings settings, Provenance.Sources sources) {
        this.bound = bound;
        this.settings = settings;
        this.sources = sources;
        this.policies = bound.selectPolicies(settings.policies());
        UnitSampler sampler = settings.sampler().create(settings.n(), bound.distributions(), settings.seed());
        this.design = new Design(sampler, policies.size(), settings.combine(), settings.seed());
        Runner.Options o = Runner.Options.threads(settings.threads()).withSeries(settings.seriesStep());
        this.runner = new Runner(bound, design, policies, settings.seed(), o);
    }

    public Design design() {
        return design;
    }

    public List<Policy> policies() {
        return policies;
    }

    /** The runner, for a shutdown hook ({@link Runner#requestStop}) or a test's stop hook. */
    public Runner runner() {
        return runner;
    }

    /** The provenance keys that fix the design: a store is resumed only when they match. */
    public Map<String, String> designKeys() {
        return designKeys(Provenance.builder()).map();
    }

    private Provenance designKeys(Provenance p) {
        return p.sources(sources)
                .put("seed", Long.toString(settings.seed()))
                .put("sampler", settings.sampler().cliName)
                .put("n", Long.toString(settings.n()))
                .put("policy_design", settings.combine().cliName())
                .put("policies", String.join(",", policies.stream().map(Policy::name).toList()))
                .put("runs_total", Long.toString(design.size()))
                .put("series_step", Double.isNaN(settings.seriesStep()) ? "none" : Double.toString(settings.seriesStep()));
    }

    /** What the store records about this exploration: the design keys, the study and model, versions, start time. */
    public Map<String, String> provenance() {
        return designKeys(Provenance.builder())
                .put("study_file", bound.study().file().toString())
                .put("study_text", bound.study().text())
                .put("model_file", bound.study().model().toString())
                .dlabVersion()
                .put("engine_version", Versions.dlab())
                .put("java_version", System.getProperty("java.version"))
                .put("threads", Integer.toString(settings.threads()))
                .put("started_at", Instant.now().toString())
                .map();
    }

    /** Runs the exploration into its store (created, or resumed with {@code --resume}). */
    public Runner.Summary run(Progress progress) {
        if (design.size() > Integer.MAX_VALUE) throw new StoreException(settings.db().toString(), "a design of " + design.size() + " runs is too large for one store");
        StoreLayout layout = StoreLayout.of(bound, policies, !Double.isNaN(settings.seriesStep()));
        ResultsStore store = settings.resume() && java.nio.file.Files.exists(settings.db())
                ? ResultsStore.resume(settings.db(), layout, designKeys())
                : ResultsStore.create(settings.db(), layout, provenance(), settings.overwrite());
        Runner.Summary summary;
        try {
            BitSet done = store.doneRuns();
            summary = runner.run(r -> done.get((int) r), store, progress);
        } catch (Runner.SinkFailure e) {
            store.close();
            if (e.getCause() instanceof StoreException se) throw se;
            throw e;
        } catch (RuntimeException | Error e) {
            try {
                store.finish("failed");
            } finally {
                store.close();
            }
            throw e;
        }
        try {
            store.finish(summary.stopped() ? "stopped" : "complete");
        } finally {
            store.close();
        }
        return summary;
    }
}
