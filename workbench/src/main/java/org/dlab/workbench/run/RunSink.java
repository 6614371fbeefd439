package org.dlab.workbench.run;

/**
 * Where finished runs go. Called from one writer thread only. {@link #commit} makes everything
 * accepted so far durable; what was accepted but not committed may be lost in a crash and is
 * then simply run again on resume.
 */
public interface RunSink {
    void accept(RunRecord record);

    void commit();
}
