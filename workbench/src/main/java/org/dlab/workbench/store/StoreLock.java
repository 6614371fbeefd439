package org.dlab.workbench.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The writer's claim on a results store: an OS lock on {@code STORE.lock} beside it, held from
 * create or resume until close, so a second {@code explore} (or an {@code --overwrite}) on the
 * same store stops with a message instead of deleting the first one's runs. The lock file stays
 * (deleting it would let two writers lock two different files); the OS frees the lock when the
 * process ends, even on kill -9.
 */
final class StoreLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private StoreLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static Path lockFile(Path store) {
        Path abs = store.toAbsolutePath();
        return abs.resolveSibling(abs.getFileName() + ".lock");
    }

    static StoreLock acquire(Path store) {
        FileChannel ch;
        try {
            ch = FileChannel.open(lockFile(store), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StoreException(store.toString(), "cannot create its lock file: " + e.getMessage());
        }
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null; // this process writes it already
        } catch (IOException e) {
            closeQuietly(ch);
            throw new StoreException(store.toString(), "cannot lock: " + e.getMessage());
        }
        if (l == null) {
            closeQuietly(ch);
            throw new StoreException(store.toString(), "is being written by another dlab process; wait for it to finish or name another store");
        }
        return new StoreLock(ch, l);
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // the channel's close below frees it too
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing held any more
        }
    }
}
