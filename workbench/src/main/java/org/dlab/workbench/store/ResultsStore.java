package org.dlab.workbench.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.locks.Lock;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.dlab.workbench.run.RunRecord;
import org.dlab.workbench.run.RunSink;

/**
 * The results of an exploration in one DuckDB file: {@code experiments} (every input of every
 * run), {@code outcomes}, optionally {@code series}, and {@code provenance}, {@code inputs},
 * {@code outcome_definitions}, {@code policies}, {@code constraints} describing the study.
 *
 * <p>Rows go in through DuckDB's Appender (batched INSERTs are ~70× slower) inside explicit
 * transactions: a run's experiment, outcome and series rows commit together, so after a crash
 * the store holds whole runs only, and the set of runs in {@code outcomes} is exactly the set to
 * skip on resume. The appender does not open a transaction by itself (it autocommits each flush
 * unless a {@code BEGIN} is active), hence the explicit {@code BEGIN}/{@code COMMIT} statements.
 */
public final class ResultsStore implements RunSink, AutoCloseable {
    /** Provenance keys that must match for a store to be resumed: they fix the design. */
    public static final List<String> DESIGN_KEYS = List.of("study_sha256", "model_sha256", "seed", "sampler", "n", "policy_design", "policies", "runs_total", "series_step");

    private final Path path;
    /** The file DuckDB writes: the store itself, or beside it while --overwrite replaces a store. */
    private final Path writing;
    private final StoreLock owner;
    private boolean finished;
    private final DuckDBConnection conn;
    private final Statement st;
    private final StoreLayout layout;
    private DuckDBAppender experiments;
    private DuckDBAppender outcomes;
    private DuckDBAppender series;
    private boolean inTransaction;
    private boolean broken;

    private ResultsStore(Path path, Path writing, StoreLock owner, DuckDBConnection conn, StoreLayout layout) throws SQLException {
        this.path = path;
        this.writing = writing;
        this.owner = owner;
        this.conn = conn;
        this.st = conn.createStatement();
        this.layout = layout;
    }

    /**
     * Creates a new store for a study; an existing file is an error unless {@code overwrite}.
     *
     * @param provenance written once: study, model hash, seed, versions...
     */
    public static ResultsStore create(Path path, StoreLayout layout, Map<String, String> provenance, boolean overwrite) {
        Path abs = path.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null && !Files.isDirectory(dir)) throw new StoreException(path.toString(), "cannot create the results store: no folder " + dir);
        if (dir != null && !Files.isWritable(dir)) throw new StoreException(path.toString(), "cannot create the results store: the folder " + dir + " is not writable");
        StoreLock owner = StoreLock.acquire(path);
        Path writing = abs;
        try {
            if (Files.exists(abs)) {
                if (!overwrite) throw new StoreException(path.toString(), "already exists; continue it with --resume, or replace it with --overwrite");
                // the old store stays until the new one has finished: an interrupted --overwrite loses nothing
                writing = abs.resolveSibling(abs.getFileName() + ".overwrite.tmp");
                Files.deleteIfExists(writing);
                Files.deleteIfExists(Path.of(writing + ".wal"));
            }
        } catch (IOException e) {
            owner.close();
            throw new StoreException(path.toString(), "cannot replace: " + e.getMessage());
        } catch (RuntimeException e) {
            owner.close();
            throw e;
        }
        ResultsStore s = open(path, writing, owner, layout);
        try {
            s.createSchema(provenance);
        } catch (SQLException e) {
            s.closeQuietly();
            throw s.failure("cannot create the results store", e);
        }
        return s;
    }

    /** Opens an existing store to add the runs it lacks; its design must match {@code designKeys}. */
    public static ResultsStore resume(Path path, StoreLayout layout, Map<String, String> designKeys) {
        if (!Files.isRegularFile(path)) throw new StoreException(path.toString(), "no results store to resume");
        ResultsStore s = open(path, path.toAbsolutePath(), StoreLock.acquire(path), layout);
        try {
            Map<String, String> prov = s.provenance();
            List<String> differ = new ArrayList<>();
            for (String k : DESIGN_KEYS) {
                String want = designKeys.get(k);
                if (want != null && !want.equals(prov.get(k))) differ.add(k + " (stored " + prov.get(k) + ", now " + want + ")");
            }
            if (!differ.isEmpty()) {
                throw new StoreException(path.toString(), "holds a different experiment, so it cannot be resumed: " + String.join("; ", differ));
            }
            // insurance: inputs or series of a run whose outcome never committed would clash on resume
            s.execute("DELETE FROM experiments WHERE run NOT IN (SELECT run FROM outcomes)");
            if (layout.series()) s.execute("DELETE FROM series WHERE run NOT IN (SELECT run FROM outcomes)");
            s.execute("UPDATE provenance SET value = 'running' WHERE key = 'status'");
            s.setProvenance("resumed_at", java.time.Instant.now().toString());
            s.openAppenders();
            return s;
        } catch (SQLException e) {
            s.closeQuietly();
            throw s.failure("cannot resume", e);
        } catch (RuntimeException e) {
            s.closeQuietly();
            throw e;
        }
    }

    /** DuckDB's memory cap for a store being written; override with -Ddlab.store.memory=1GB. */
    static final String MEMORY_LIMIT = System.getProperty("dlab.store.memory", "256MB");

    /** Opens a store for reading only (export, compare, report). */
    public static Connection openReadOnly(Path path) {
        if (!Files.isRegularFile(path)) throw new StoreException(path.toString(), "no such results store");
        try {
            Properties p = new Properties();
            p.setProperty("duckdb.read_only", "true");
            // a view stored in the file must not read other files into an export or a report
            p.setProperty("enable_external_access", "false");
            return DriverManager.getConnection("jdbc:duckdb:" + path.toAbsolutePath(), p);
        } catch (SQLException e) {
            throw new StoreException(path.toString(), "cannot open the results store: " + firstLine(e.getMessage()));
        }
    }

    /**
     * Opens an existing store to add analysis results beside the runs (e.g. {@link DiscoveryTables}),
     * with the same memory cap as a store being written.
     */
    public static Connection openForUpdate(Path path) {
        if (!Files.isRegularFile(path)) throw new StoreException(path.toString(), "no such results store");
        try {
            Properties p = new Properties();
            p.setProperty("memory_limit", MEMORY_LIMIT);
            p.setProperty("enable_external_access", "false");
            return DriverManager.getConnection("jdbc:duckdb:" + path.toAbsolutePath(), p);
        } catch (SQLException e) {
            throw new StoreException(path.toString(), "cannot open the results store for writing: " + firstLine(e.getMessage()));
        }
    }

    private static ResultsStore open(Path path, Path writing, StoreLock owner, StoreLayout layout) {
        try {
            Properties p = new Properties();
            // DuckDB's buffer cache otherwise grows with the store (1M korea runs: ~1 GB RSS); a
            // cap keeps an exploration's memory independent of its size, spilling to disk instead
            p.setProperty("memory_limit", MEMORY_LIMIT);
            p.setProperty("enable_external_access", "false");
            DuckDBConnection c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + writing, p);
            return new ResultsStore(path, writing, owner, c, layout);
        } catch (SQLException e) {
            owner.close();
            throw new StoreException(path.toString(), "cannot open the results store: " + firstLine(e.getMessage()));
        }
    }

    /** The first line of a driver message (DuckDB's carry a context block below it). */
    public static String firstLine(String s) {
        if (s == null) return "unknown error";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private StoreException failure(String what, SQLException e) {
        return new StoreException(path.toString(), what + ": " + firstLine(e.getMessage()));
    }

    public Path path() {
        return path;
    }

    // ---- schema

    private void createSchema(Map<String, String> provenance) throws SQLException {
        // one JDBC transaction (the driver's batches refuse an explicit BEGIN around them):
        // a crash while creating leaves no half-made schema
        conn.setAutoCommit(false);
        StringBuilder ex = new StringBuilder("CREATE TABLE experiments (run BIGINT PRIMARY KEY, scenario BIGINT NOT NULL, policy VARCHAR NOT NULL");
        for (String u : layout.uncertainties()) ex.append(", ").append(SqlIdentifier.quote(u)).append(" DOUBLE");
        for (String l : layout.levers()) ex.append(", ").append(SqlIdentifier.quote(l)).append(" DOUBLE");
        execute(ex.append(')').toString());
        StringBuilder out = new StringBuilder("CREATE TABLE outcomes (run BIGINT PRIMARY KEY, status VARCHAR NOT NULL, reason VARCHAR, feasible BOOLEAN");
        for (String o : layout.outcomes()) out.append(", ").append(SqlIdentifier.quote(o)).append(" DOUBLE");
        execute(out.append(')').toString());
        if (layout.series()) {
            StringBuilder se = new StringBuilder("CREATE TABLE series (run BIGINT NOT NULL, time DOUBLE NOT NULL");
            for (String v : layout.seriesVariables()) se.append(", ").append(SqlIdentifier.quote(v)).append(" DOUBLE");
            execute(se.append(')').toString());
        }
        execute("CREATE TABLE provenance (key VARCHAR PRIMARY KEY, value VARCHAR)");
        execute("CREATE TABLE inputs (name VARCHAR, role VARCHAR, distribution VARCHAR, description VARCHAR, unit VARCHAR, low DOUBLE, high DOUBLE, baseline DOUBLE)");
        execute("CREATE TABLE outcome_definitions (name VARCHAR, variable VARCHAR, reduce VARCHAR, kind VARCHAR, threshold DOUBLE)");
        execute("CREATE TABLE policies (position INTEGER, policy VARCHAR, lever VARCHAR, value DOUBLE, set_by_policy BOOLEAN)");
        execute("CREATE TABLE constraints (outcome VARCHAR, min DOUBLE, max DOUBLE)");
        insertRows("inputs", layout.inputRows());
        insertRows("outcome_definitions", layout.outcomeRows());
        insertRows("policies", layout.policyRows());
        insertRows("constraints", layout.constraintRows());
        Map<String, String> prov = new LinkedHashMap<>(provenance);
        prov.put("status", "running");
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO provenance VALUES (?, ?)")) {
            for (Map.Entry<String, String> e : prov.entrySet()) {
                ps.setString(1, e.getKey());
                ps.setString(2, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        conn.commit();
        conn.setAutoCommit(true);
        openAppenders();
    }

    private void insertRows(String table, List<List<Object>> rows) throws SQLException {
        if (rows.isEmpty()) return;
        int n = rows.get(0).size();
        String marks = String.join(", ", java.util.Collections.nCopies(n, "?"));
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + table + " VALUES (" + marks + ")")) {
            for (List<Object> row : rows) {
                for (int i = 0; i < n; i++) {
                    Object v = row.get(i);
                    if (v instanceof Double d && Double.isNaN(d)) v = null;
                    ps.setObject(i + 1, v);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void openAppenders() throws SQLException {
        experiments = conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "experiments");
        outcomes = conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "outcomes");
        if (layout.series()) series = conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "series");
        // an appender is confined to the thread that made it unless released; the runner's writer
        // thread uses it, then the caller closes it: never at the same time, but still guarded
        for (DuckDBAppender a : new DuckDBAppender[] {experiments, outcomes, series}) if (a != null) locks.add(a.unsafeBreakThreadConfinement());
    }

    private final List<Lock> locks = new ArrayList<>();

    private void lock() {
        for (Lock l : locks) l.lock();
    }

    private void unlock() {
        for (int i = locks.size() - 1; i >= 0; i--) locks.get(i).unlock();
    }

    private void execute(String sql) throws SQLException {
        st.execute(sql);
    }

    // ---- provenance and progress

    public Map<String, String> provenance() throws SQLException {
        Map<String, String> m = new LinkedHashMap<>();
        try (ResultSet r = st.executeQuery("SELECT key, value FROM provenance")) {
            while (r.next()) m.put(r.getString(1), r.getString(2));
        }
        return m;
    }

    private void setProvenance(String key, String value) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("INSERT OR REPLACE INTO provenance VALUES (?, ?)")) {
            ps.setString(1, key);
            ps.setString(2, value);
            ps.execute();
        }
    }

    /** The runs already stored (committed), to skip on resume. */
    public BitSet doneRuns() {
        BitSet done = new BitSet();
        try (ResultSet r = st.executeQuery("SELECT run FROM outcomes")) {
            while (r.next()) {
                long run = r.getLong(1);
                if (run > Integer.MAX_VALUE) throw new StoreException(path.toString(), "run index " + run + " is beyond what resume supports");
                done.set((int) run);
            }
        } catch (SQLException e) {
            throw failure("cannot read the stored runs", e);
        }
        return done;
    }

    // ---- writing runs

    @Override
    public void accept(RunRecord r) {
        if (broken) throw new StoreException(path.toString(), "the store failed earlier");
        lock();
        try {
            if (!inTransaction) {
                execute("BEGIN TRANSACTION");
                inTransaction = true;
            }
            List<String> unc = layout.uncertainties();
            experiments.beginRow();
            experiments.append(r.run());
            experiments.append(r.scenario());
            experiments.append(policyName(r.policy()));
            for (double v : r.inputs()) experiments.append(v);
            experiments.endRow();
            outcomes.beginRow();
            outcomes.append(r.run());
            outcomes.append(r.ok() ? "ok" : "failed");
            if (r.ok()) outcomes.appendNull();
            else outcomes.append(r.reason());
            outcomes.append(r.feasible());
            for (double v : r.outcomes()) {
                if (r.ok()) outcomes.append(v);
                else outcomes.appendNull();
            }
            outcomes.endRow();
            if (series != null && r.series() != null) {
                int width = 1 + layout.seriesVariables().size();
                double[] s = r.series();
                for (int row = 0; row < r.seriesRows(); row++) {
                    series.beginRow();
                    series.append(r.run());
                    for (int c = 0; c < width; c++) series.append(s[row * width + c]);
                    series.endRow();
                }
            }
            assert unc.size() + layout.levers().size() == r.inputs().length;
        } catch (SQLException e) {
            broken = true;
            rollbackQuietly();
            throw failure("cannot write", e);
        } finally {
            unlock();
        }
    }

    private final Map<Integer, String> policyNames = new java.util.HashMap<>();

    private String policyName(int position) {
        return policyNames.computeIfAbsent(position, p -> {
            for (List<Object> row : layout.policyRows()) if (((Integer) row.get(0)) == (int) p) return (String) row.get(1);
            throw new IllegalStateException("no policy at position " + p);
        });
    }

    @Override
    public void commit() {
        if (broken) throw new StoreException(path.toString(), "the store failed earlier");
        if (!inTransaction) return;
        lock();
        try {
            experiments.flush();
            outcomes.flush();
            if (series != null) series.flush();
            execute("COMMIT");
            inTransaction = false;
        } catch (SQLException e) {
            broken = true;
            rollbackQuietly();
            throw failure("cannot write (the runs of the last batch are not stored; --resume will redo them)", e);
        } finally {
            unlock();
        }
    }

    private void rollbackQuietly() {
        if (!inTransaction) return;
        try {
            execute("ROLLBACK");
        } catch (SQLException ignored) {
            // the connection may be invalidated; DuckDB discards the uncommitted transaction on reopen
        }
        inTransaction = false;
    }

    /** Records how the session ended ("complete", "stopped", "failed") and when. */
    public void finish(String status) {
        if (broken) return;
        try {
            commit();
            setProvenance("status", status);
            setProvenance("finished_at", java.time.Instant.now().toString());
            // a failed session never replaces the store it was to overwrite; a stopped one does, for --resume
            finished = !"failed".equals(status);
        } catch (SQLException e) {
            throw failure("cannot write", e);
        }
    }

    @Override
    public void close() {
        try {
            if (!broken) commit();
        } finally {
            closeQuietly();
        }
    }

    /** Closes and puts the store in its place though unfinished: an import fills it next (ParquetImport). */
    public void closeInPlace() {
        finished = true;
        close();
    }

    /** After --overwrite, the new store takes the old one's place once it has finished, never before. */
    private void replaceOld() {
        if (writing.equals(path.toAbsolutePath()) || !Files.exists(writing)) return;
        try {
            if (finished && !broken) {
                Files.move(writing, path.toAbsolutePath(), java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                Files.deleteIfExists(Path.of(path.toAbsolutePath() + ".wal"));
            }
        } catch (IOException e) {
            throw new StoreException(path.toString(), "the new store is complete in " + writing.getFileName() + " but cannot replace the old one: " + e.getMessage());
        }
    }

    private void closeQuietly() {
        if (broken || inTransaction) {
            // closing an appender flushes its buffer, outside any transaction unless one is open:
            // open one and roll it back so that no half-written batch reaches the file
            try {
                if (!inTransaction) execute("BEGIN TRANSACTION");
                inTransaction = true;
            } catch (SQLException ignored) {
                // an invalidated connection writes nothing anyway
            }
        }
        lock();
        try {
            for (DuckDBAppender a : new DuckDBAppender[] {experiments, outcomes, series}) {
                if (a == null) continue;
                try {
                    a.close();
                } catch (SQLException ignored) {
                    // closing after a failure: nothing more to save
                }
            }
        } finally {
            unlock();
            locks.clear();
        }
        rollbackQuietly();
        try {
            st.close();
            conn.close();
        } catch (SQLException ignored) {
            // as above
        }
        try {
            replaceOld();
        } finally {
            owner.close();
        }
    }
}
