package org.dlab.workbench.run;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongPredicate;
import org.dlab.workbench.sample.Design;
import org.dlab.workbench.study.BoundStudy;
import org.dlab.workbench.study.Study.Policy;

/**
 * Runs a design on worker threads that share one compiled model, each re-running its own
 * {@link Run} with new constants. Finished runs pass through a bounded queue to one writer
 * thread, so memory stays flat however many runs there are and a slow store slows the workers
 * instead of filling the heap. A run's results depend only on its index (inputs from the design,
 * RANDOM seed from the scenario), never on which thread ran it or when.
 */
public final class Runner {
    /**
     * @param threads worker threads (at least 1)
     * @param seriesStep NaN for no time series; 0 for every saved row; else the resolution in model time
     * @param commitRuns commit after this many runs (and at least every {@code commitMillis})
     */
    public record Options(int threads, double seriesStep, int commitRuns, long commitMillis) {
        public static Options threads(int threads) {
            return new Options(threads, Double.NaN, 5000, 2000);
        }

        public Options withSeries(double step) {
            return new Options(threads, step, commitRuns, commitMillis);
        }
    }

    /** What a session did. {@code stopped} when it ended early (a stop request or a store failure). */
    public record Summary(long total, long alreadyDone, long ok, long failed, boolean stopped, long nanos) {
        public long ran() {
            return ok + failed;
        }

        public double runsPerSecond() {
            return nanos == 0 ? 0 : ran() / (nanos / 1e9);
        }
    }

    /** A failure of the sink (the store), rethrown on the caller's thread after the workers stopped. */
    public static final class SinkFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SinkFailure(RuntimeException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Marks the end of the stream to the writer (compared by identity). */
    private static final List<RunRecord> END = new ArrayList<>();
    /**
     * Runs a worker hands over at once. One at a time, the hand-over (a lock and a thread wake-up
     * per run) cost a third of the CPU with small models; a batch is also flushed after
     * {@link #BATCH_NANOS} so slow models still report progress promptly.
     */
    private static final int BATCH = 64;
    private static final long BATCH_NANOS = 200_000_000L;

    private final BoundStudy bound;
    private final Design design;
    private final List<Policy> policies;
    private final long seed;
    private final Options options;
    private final int[] seriesSlots;
    private volatile boolean stop;
    private volatile long stopAfter = Long.MAX_VALUE;
    private final CountDownLatch finished = new CountDownLatch(1);

    public Runner(BoundStudy bound, Design design, List<Policy> policies, long seed, Options options) {
        if (options.threads() < 1) throw new IllegalArgumentException("threads must be at least 1");
        if (design.policies() != policies.size()) throw new IllegalArgumentException("the design has " + design.policies() + " policies, " + policies.size() + " given");
        this.bound = bound;
        this.design = design;
        this.policies = List.copyOf(policies);
        this.seed = seed;
        this.options = options;
        seriesSlots = Double.isNaN(options.seriesStep()) ? null : seriesSlotsOf(bound);
    }

    /** The distinct outcome variables' slots, in outcome order: the columns of the series table. */
    public static int[] seriesSlotsOf(BoundStudy bound) {
        LinkedHashSet<Integer> s = new LinkedHashSet<>();
        for (int slot : bound.outcomeSlots()) s.add(slot);
        return s.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The distinct outcome variables, named as in the study: the columns of the series table. */
    public static List<String> seriesVariablesOf(BoundStudy bound) {
        List<String> names = new ArrayList<>();
        LinkedHashSet<Integer> seen = new LinkedHashSet<>();
        int[] slots = bound.outcomeSlots();
        for (int i = 0; i < slots.length; i++) if (seen.add(slots[i])) names.add(bound.study().outcomes().get(i).variable());
        return names;
    }

    /** Asks the workers to stop after their current run; the writer then stores what finished. */
    public void requestStop() {
        stop = true;
    }

    /** Test hook: run only this many runs in this session, then stop as a Ctrl-C would. */
    public void stopAfter(long runs) {
        stopAfter = runs;
    }

    /** Waits until {@link #run} has returned (for a shutdown hook); false on timeout. */
    public boolean awaitFinish(long millis) throws InterruptedException {
        return finished.await(millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Runs every run of the design not yet {@code done}, handing each to {@code sink} on one writer
     * thread. Returns when all ran or after a stop; the sink has committed everything it accepted.
     */
    public Summary run(LongPredicate done, RunSink sink, Progress progress) {
        try {
            return runInternal(done, sink, progress);
        } finally {
            progress.done();
            finished.countDown();
        }
    }

    private Summary runInternal(LongPredicate done, RunSink sink, Progress progress) {
        long total = design.size();
        long already = 0;
        for (long r = 0; r < total; r++) if (done.test(r)) already++;
        long remaining = total - already;
        long t0 = System.nanoTime();
        BlockingQueue<List<RunRecord>> queue = new ArrayBlockingQueue<>(4 * options.threads() + 4);
        AtomicLong next = new AtomicLong();
        AtomicLong started = new AtomicLong();
        AtomicReference<Throwable> fatal = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < options.threads(); i++) {
            Thread w = new Thread(() -> work(next, started, total, done, queue, fatal), "dlab-run-" + i);
            w.setDaemon(true);
            workers.add(w);
        }
        Writer writer = new Writer(queue, sink, progress, remaining, t0);
        Thread wt = new Thread(writer, "dlab-writer");
        wt.setDaemon(true);
        wt.start();
        workers.forEach(Thread::start);
        boolean interrupted = false;
        for (Thread w : workers) {
            while (true) {
                try {
                    w.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    stop = true;
                }
            }
        }
        while (true) {
            try {
                queue.put(END);
                wt.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                stop = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        Throwable f = fatal.get();
        if (f instanceof Error e) throw e;
        if (f instanceof RuntimeException e) throw e;
        if (writer.failure != null) throw new SinkFailure(writer.failure);
        boolean complete = writer.ok + writer.failed == remaining;
        return new Summary(total, already, writer.ok, writer.failed, !complete, System.nanoTime() - t0);
    }

    private void work(AtomicLong next, AtomicLong started, long total, LongPredicate done, BlockingQueue<List<RunRecord>> queue, AtomicReference<Throwable> fatal) {
        try {
            RunEvaluator evaluator = new RunEvaluator(bound, design, policies, seed, seriesSlots, options.seriesStep());
            List<RunRecord> batch = new ArrayList<>(BATCH);
            long batchStart = System.nanoTime();
            while (!stop) {
                long r = next.getAndIncrement();
                if (r >= total) break;
                if (done.test(r)) continue;
                if (started.incrementAndGet() > stopAfter) {
                    stop = true;
                    break;
                }
                RunRecord rec = evaluator.evaluate(r);
                batch.add(rec);
                if (batch.size() >= BATCH || System.nanoTime() - batchStart >= BATCH_NANOS) {
                    queue.put(batch);
                    batch = new ArrayList<>(BATCH);
                    batchStart = System.nanoTime();
                }
            }
            if (!batch.isEmpty()) queue.put(batch);
        } catch (InterruptedException e) {
            stop = true;
        } catch (Throwable e) {
            fatal.compareAndSet(null, e);
            stop = true;
        }
    }

    /** The single thread that talks to the sink: batches commits, reports progress. */
    private final class Writer implements Runnable {
        private final BlockingQueue<List<RunRecord>> queue;
        private final RunSink sink;
        private final Progress progress;
        private final long remaining;
        private final long t0;
        long ok;
        long failed;
        RuntimeException failure;

        Writer(BlockingQueue<List<RunRecord>> queue, RunSink sink, Progress progress, long remaining, long t0) {
            this.queue = queue;
            this.sink = sink;
            this.progress = progress;
            this.remaining = remaining;
            this.t0 = t0;
        }

        @Override
        public void run() {
            long pending = 0;
            long lastCommit = System.nanoTime();
            long lastProgress = 0;
            while (true) {
                List<RunRecord> batch;
                try {
                    batch = queue.poll(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    stop = true;
                    continue;
                }
                long now = System.nanoTime();
                if (batch == END) break;
                if (batch != null && failure == null) {
                    for (RunRecord r : batch) {
                        try {
                            sink.accept(r);
                            pending++;
                            if (r.ok()) ok++;
                            else failed++;
                        } catch (RuntimeException e) {
                            // keep draining so the workers are never blocked on a full queue
                            failure = e;
                            stop = true;
                            break;
                        }
                    }
                }
                if (failure == null && pending > 0 && (pending >= options.commitRuns() || now - lastCommit >= options.commitMillis() * 1_000_000L)) {
                    pending = commit(pending);
                    lastCommit = now;
                }
                if (now - lastProgress >= 200_000_000L) {
                    progress.update(ok + failed, remaining, now - t0);
                    lastProgress = now;
                }
            }
            if (failure == null && pending > 0) commit(pending);
            progress.update(ok + failed, remaining, System.nanoTime() - t0);
        }

        private long commit(long pending) {
            try {
                sink.commit();
                return 0;
            } catch (RuntimeException e) {
                failure = e;
                stop = true;
                return pending;
            }
        }
    }
}
