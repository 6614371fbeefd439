package org.dlab.cli;

/** A bad command-line value that picocli's own checks cannot see. */
final class UserInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UserInputException(String message) {
        super(message, null, false, false);
    }
}
