package org.dlab.workbench.compare;

import java.util.List;
import java.util.function.Consumer;
import org.dlab.workbench.run.Progress;
import org.dlab.workbench.run.RunRecord;
import org.dlab.workbench.run.RunSink;
import org.dlab.workbench.run.Runner;
import org.dlab.workbench.sample.Design;
import org.dlab.workbench.sample.PolicyDesign;
import org.dlab.workbench.sample.SamplerKind;
import org.dlab.workbench.sample.UnitSampler;
import org.dlab.workbench.study.BoundStudy;
import org.dlab.workbench.study.Study.Policy;

/**
 * {@code dlab compare}: runs every chosen policy in the same sampled futures (a full scenario ×
 * policy design with the study's seed, so the runs are those {@code dlab explore} would make with
 * the same options) and compares them.
 */
public final class PolicyComparison {
    private PolicyComparison() {}

    /**
     * @param also another sink to receive every run as well (a results store), or null
     * @param onRunner receives the runner before it starts, for a shutdown hook
     */
    public static Comparison run(BoundStudy bound, List<String> policyNames, SamplerKind sampler, long n, long seed, int threads,
            Progress progress, RunSink also, Consumer<Runner> onRunner) {
        List<Policy> policies = bound.selectPolicies(policyNames);
        UnitSampler scenarios = sampler.create(n, bound.distributions(), seed);
        Design design = new Design(scenarios, policies.size(), PolicyDesign.FULL, seed);
        MemorySink memory = new MemorySink(design.size(), bound.study().outcomes().size());
        RunSink sink = also == null ? memory : new RunSink() {
            @Override
            public void accept(RunRecord r) {
                memory.accept(r);
                also.accept(r);
            }

            @Override
            public void commit() {
                also.commit();
            }
        };
        Runner runner = new Runner(bound, design, policies, seed, Runner.Options.threads(threads));
        if (onRunner != null) onRunner.accept(runner);
        Runner.Summary s = runner.run(r -> false, sink, progress);
        if (s.stopped()) throw new IllegalStateException("stopped before all runs finished");
        return Comparison.of(policies.stream().map(Policy::name).toList(), bound.study().outcomes(), !bound.study().constraints().isEmpty(),
                scenarios.size(), memory);
    }
}
