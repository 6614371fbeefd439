package org.dlab.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.dlab.workbench.run.Progress;

/**
 * Progress of an ensemble on stderr: a live bar with runs/s and ETA on a terminal; on a pipe or
 * a log file, a plain line every few seconds (a bar's carriage returns and colours would turn a
 * log into one unreadable line).
 */
final class ProgressDisplay implements Progress {
    private static final long PLAIN_EVERY_NANOS = 5_000_000_000L;
    private final String task;
    private final PrintStream err;
    private final boolean terminal;
    private ProgressBar bar;
    private long lastLine;
    private long lastCompleted = -1;

    ProgressDisplay(String task, PrintStream err) {
        this.task = task;
        this.err = err;
        this.terminal = System.console() != null && System.getenv("DLAB_PLAIN_PROGRESS") == null;
    }

    @Override
    public synchronized void update(long completed, long remaining, long elapsedNanos) {
        if (terminal) {
            if (bar == null) {
                bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(remaining).setUnit(" runs", 1).showSpeed()
                        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                        .setConsumer(new ConsoleProgressBarConsumer(err)).build();
            }
            bar.stepTo(completed);
            return;
        }
        boolean last = completed == remaining;
        if (completed == lastCompleted || (!last && elapsedNanos - lastLine < PLAIN_EVERY_NANOS)) return;
        lastLine = elapsedNanos;
        lastCompleted = completed;
        err.println(line(task, completed, remaining, elapsedNanos));
        err.flush();
    }

    static String line(String task, long completed, long remaining, long elapsedNanos) {
        double seconds = elapsedNanos / 1e9;
        double rate = seconds > 0 ? completed / seconds : 0;
        String eta = rate > 0 && completed < remaining ? ", ETA " + duration((long) ((remaining - completed) / rate)) : "";
        double pct = remaining == 0 ? 100 : 100.0 * completed / remaining;
        return String.format(Locale.ROOT, "%s: %d/%d runs (%.1f%%), %.0f runs/s%s", task, completed, remaining, pct, rate, eta);
    }

    static String duration(long seconds) {
        Duration d = Duration.ofSeconds(seconds);
        if (seconds < 60) return seconds + " s";
        if (seconds < 3600) return String.format(Locale.ROOT, "%d min %02d s", d.toMinutes(), d.toSecondsPart());
        return String.format(Locale.ROOT, "%d h %02d min", d.toHours(), d.toMinutesPart());
    }

    @Override
    public synchronized void done() {
        if (bar != null) bar.close();
        bar = null;
    }
}
