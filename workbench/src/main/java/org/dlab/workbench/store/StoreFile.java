package org.dlab.workbench.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * A small DuckDB file written whole (a Pareto set, a calibration): built in a hidden file beside
 * the target in one transaction, then moved into place, so a failed or interrupted write never
 * leaves half a store and an existing one is replaced only when asked.
 */
public final class StoreFile {
    private StoreFile() {}

    /** The tables of one file, written on an open connection inside its transaction. */
    @FunctionalInterface
    public interface Contents {
        void write(Connection c, Statement st) throws SQLException;
    }

    /** Writes {@code db} from {@code contents}; {@code what} names it in errors ("the Pareto set"). */
    public static void replace(Path db, boolean overwrite, String what, Contents contents) {
        Path abs = db.toAbsolutePath();
        if (Files.exists(abs) && !overwrite) throw new StoreException(db.toString(), "already exists; replace it with --overwrite or name another with --db");
        Path dir = abs.getParent();
        if (dir != null && !Files.isDirectory(dir)) throw new StoreException(db.toString(), "cannot create: no folder " + dir);
        Path tmp = (dir == null ? Path.of(".") : dir).resolve("." + abs.getFileName() + ".tmp");
        try (StoreLock owner = StoreLock.acquire(db)) { // never replace a store another process is writing
            Files.deleteIfExists(tmp);
            Files.deleteIfExists(Path.of(tmp + ".wal"));
            java.util.Properties p = new java.util.Properties();
            p.setProperty("enable_external_access", "false"); // writes tables only, reads no other file
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + tmp, p); Statement st = c.createStatement()) {
                c.setAutoCommit(false);
                contents.write(c, st);
                c.commit();
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
        } catch (SQLException e) {
            throw new StoreException(db.toString(), "cannot write " + what + ": " + ResultsStore.firstLine(e.getMessage()));
        } catch (IOException e) {
            throw new StoreException(db.toString(), "cannot write " + what + ": " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(tmp);
                Files.deleteIfExists(Path.of(tmp + ".wal"));
            } catch (IOException ignored) {
                // a leftover hidden temporary file is harmless; the next write replaces it
            }
        }
    }

    /** A {@code (key, value)} table such as a provenance record. */
    public static void keyValues(Connection c, Statement st, String table, Map<String, String> values) throws SQLException {
        st.execute("CREATE TABLE " + table + " (key VARCHAR PRIMARY KEY, value VARCHAR)");
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
            for (Map.Entry<String, String> e : values.entrySet()) {
                ps.setString(1, e.getKey());
                ps.setString(2, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
