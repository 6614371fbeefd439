package org.dlab.cli;

import org.dlab.workbench.run.Progress;
import picocli.CommandLine.Option;

/** {@code --quiet}, shared by the commands that show progress on stderr while they run. */
final class QuietOption {
    @Option(names = "--quiet", description = "no progress on stderr")
    boolean quiet;

    /** The command's progress display on stderr, or none with {@code --quiet}. */
    Progress progress(String command) {
        return quiet ? Progress.NONE : new ProgressDisplay(command, System.err);
    }
}
