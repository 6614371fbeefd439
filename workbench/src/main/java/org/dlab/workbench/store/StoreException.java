package org.dlab.workbench.store;

import org.dlab.engine.ModelException;
import org.dlab.engine.ir.Pos;

/**
 * The results store cannot be created, written or read: a problem of the user's environment
 * (path, permissions, disk space, a store from another study), reported as
 * {@code store-path: message} like every other bad input.
 */
public final class StoreException extends ModelException {
    private static final long serialVersionUID = 1L;

    public StoreException(String path, String message) {
        super(new Pos(path, 0, 0), message);
    }
}
