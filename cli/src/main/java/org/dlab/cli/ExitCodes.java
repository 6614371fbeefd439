package org.dlab.cli;

/** The process exit codes of every command. */
final class ExitCodes {
    static final int OK = 0;
    static final int INTERNAL = 1;
    /** compare-run: the runs differ (as diff(1) does; an internal fault shares the code but says so on stderr). */
    static final int DIFFERENT = 1;
    static final int BAD_INPUT = 2;

    private ExitCodes() {}
}
