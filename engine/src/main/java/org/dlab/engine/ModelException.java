package org.dlab.engine;

import org.dlab.engine.ir.Pos;

/**
 * A problem with a model or its inputs, reported to the user as one line
 * {@code file:line:col: message}. Never carries a stack trace to the user.
 */
public class ModelException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Pos pos;

    public ModelException(Pos pos, String message) {
        super(message, null, false, false);
        this.pos = pos == null ? Pos.NONE : pos;
    }

    public Pos pos() {
        return pos;
    }

    /** The one-line form shown to users. */
    public String describe() {
        return pos.toString() + ": " + getMessage();
    }

    @Override
    public String toString() {
        return describe();
    }
}
