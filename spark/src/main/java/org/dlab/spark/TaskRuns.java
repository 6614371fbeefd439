package org.dlab.spark;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import org.dlab.workbench.run.RunEvaluator;
import org.dlab.workbench.run.Runner;
import org.dlab.workbench.sample.Design;
import org.dlab.workbench.store.StoreLayout;
import org.dlab.workbench.study.BoundStudy;
import org.dlab.workbench.study.Study.Policy;

/**
 * One Spark task: the design indices {@code [t·N/T, (t+1)·N/T)} of task {@code t}, run one after
 * another on this executor's compiled model. Rows are produced lazily, so a task's memory does
 * not grow with its size. A retried task recomputes exactly the same rows (they depend on the
 * design index only), and Spark's output committer keeps one attempt's files, so a run is
 * written once however often its task ran.
 */
final class TaskRuns implements FlatMapFunction<Iterator<Integer>, Row> {
    private static final long serialVersionUID = 1L;

    private final Broadcast<JobSpec> spec;
    private final long total;
    private final int tasks;
    private final List<String> policyNames;
    private final LongAccumulator compilations;

    TaskRuns(Broadcast<JobSpec> spec, long total, int tasks, List<String> policyNames, LongAccumulator compilations) {
        this.spec = spec;
        this.total = total;
        this.tasks = tasks;
        this.policyNames = List.copyOf(policyNames);
        this.compilations = compilations;
    }

    static long firstRun(int task, long total, int tasks) {
        return Math.multiplyExact(total, (long) task) / tasks;
    }

    @Override
    public Iterator<Row> call(Iterator<Integer> taskIds) {
        JobSpec s = spec.value();
        long before = CompiledStudies.compilations();
        BoundStudy bound = CompiledStudies.get(s.bundle());
        compilations.add(CompiledStudies.compilations() - before);
        List<Policy> policies = bound.selectPolicies(s.policies());
        Design design = new Design(s.sampler().create(s.n(), bound.distributions(), s.seed()), policies.size(), s.combine(), s.seed());
        boolean series = !Double.isNaN(s.seriesStep());
        RunEvaluator evaluator = new RunEvaluator(bound, design, policies, s.seed(), series ? Runner.seriesSlotsOf(bound) : null, s.seriesStep());
        RunTable table = new RunTable(StoreLayout.of(bound, policies, series), policyNames);
        return new Iterator<>() {
            long next = -1;
            long end = -1;

            @Override
            public boolean hasNext() {
                while (next >= end) {
                    if (!taskIds.hasNext()) return false;
                    int t = taskIds.next();
                    next = firstRun(t, total, tasks);
                    end = firstRun(t + 1, total, tasks);
                }
                return true;
            }

            @Override
            public Row next() {
                if (!hasNext()) throw new NoSuchElementException();
                return table.row(evaluator.evaluate(next++), series);
            }
        };
    }
}
