package org.dlab.engine.model;

import java.util.List;

/**
 * A runtime state that is not a plain number (a DELAY FIXED pipeline): initialised from
 * {@code initArgs}, read each step, fed {@code input} at the end of each step.
 */
public record StateObject(int index, Type type, List<Node> initArgs, Node input) {
    public enum Type {
        /** initArgs: delay time, initial value. */
        DELAY_FIXED
    }
}
