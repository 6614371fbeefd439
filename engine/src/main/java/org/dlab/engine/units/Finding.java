package org.dlab.engine.units;

import org.dlab.engine.ir.Pos;

/** One units inconsistency, at the equation where the user can fix it. */
public record Finding(Pos pos, String message) {
    /** The line {@code dlab check --units} prints: {@code file:line:col: units: message}. */
    @Override
    public String toString() {
        return pos + ": units: " + message;
    }
}
