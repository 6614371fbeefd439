package org.dlab.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C as a clean stop for long work: the shutdown hook asks the work to stop, then holds the JVM
 * open (up to a minute) until {@link #close()} says the results are committed and the summary printed.
 * Use in try-with-resources around the work.
 */
final class CleanStop implements AutoCloseable {
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread hook;

    CleanStop(Runnable requestStop) {
        hook = new Thread(() -> {
            requestStop.run();
            try {
                closed.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "dlab-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        closed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is already running and has just been released
        }
    }
}
