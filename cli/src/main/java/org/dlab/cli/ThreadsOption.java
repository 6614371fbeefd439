package org.dlab.cli;

import picocli.CommandLine.Option;

/** {@code --threads}, shared by the commands that run a model on several cores. */
final class ThreadsOption {
    static final int MAX = 1024;

    // the help text per command is in OptionHelp.properties when it differs from this one
    @Option(names = "--threads", paramLabel = "T", description = "worker threads (default: all cores)")
    Integer threads;

    boolean given() {
        return threads != null;
    }

    /** The threads to use: the option's, checked, or all cores. */
    int count() {
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t < 1 || t > MAX) throw new UserInputException("--threads must be from 1 to " + MAX);
        return t;
    }
}
