package org.dlab.engine.run;

/** A runtime state that is more than a number (DELAY FIXED). */
public interface PipelineState {
    void init(double a, double b, double dt);

    double value();

    void push(double input);
}
