package org.dlab.workbench.run;

/** Receives progress from the runner's writer thread, a few times a second at most. */
public interface Progress {
    /**
     * @param completed runs finished in this session
     * @param remaining runs this session set out to do (the total less those already stored)
     * @param elapsedNanos since the session started
     */
    void update(long completed, long remaining, long elapsedNanos);

    /** The session ended (finished, stopped or failed). */
    default void done() {}

    Progress NONE = (c, r, e) -> {};
}
