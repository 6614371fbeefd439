package org.dlab.engine.run;

/** Receives the saved rows of a run: time and the whole slot array (read, don't keep it). */
public interface ResultSink {
    /** Called once before the first row with the number of rows that will follow. */
    default void begin(int rows) {}

    void row(double time, double[] slots);
}
