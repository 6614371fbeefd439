package org.dlab.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.dlab.engine.ModelException;
import picocli.CommandLine;

/**
 * The one place exceptions become exit codes: a bad model or input is one line
 * {@code file:line:col: message} and exit 2; anything else is an internal fault, exit 1, with
 * the stack trace only when DLAB_DEBUG is set.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        var err = cl.getErr();
        if (ex instanceof ModelException me) {
            err.println(me.describe());
            return ExitCodes.BAD_INPUT;
        }
        if (ex instanceof UserInputException ue) {
            err.println("dlab: " + ue.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        if (ex instanceof IOException || ex instanceof UncheckedIOException) {
            err.println("dlab: " + ex.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        err.println("dlab: internal error: " + ex);
        if (System.getenv("DLAB_DEBUG") != null) ex.printStackTrace(err);
        else err.println("(set DLAB_DEBUG=1 for the stack trace, and please report it)");
        return ExitCodes.INTERNAL;
    }
}
