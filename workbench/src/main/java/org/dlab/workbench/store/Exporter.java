package org.dlab.workbench.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes every table of a store as Parquet or CSV files (one per table) with DuckDB's own
 * {@code COPY}: fast, and readable by pandas, R and Spark as they are. Rows are ordered by run
 * (and time), so two stores with the same results export to identical files.
 */
public final class Exporter {
    private Exporter() {}

    public enum Format { PARQUET, CSV }

    public static Format format(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "parquet": return Format.PARQUET;
            case "csv": return Format.CSV;
            default: throw new IllegalArgumentException("--format must be parquet or csv, got '" + s + "'");
        }
    }

    /** Exports every table of the store at {@code db} into {@code dir}; returns the files written. */
    public static List<Path> export(Path db, Format format, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException(dir.toString(), "cannot create the output folder: " + e.getMessage());
        }
        if (!Files.isWritable(dir)) throw new StoreException(dir.toString(), "the output folder is not writable");
        List<Path> written = new ArrayList<>();
        Path real;
        try {
            real = dir.toRealPath();
        } catch (IOException e) {
            throw new StoreException(dir.toString(), "cannot open the output folder: " + e.getMessage());
        }
        try (Connection c = open(db, real); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            // base tables only: a view stored in the file is a query, and could name other files
            try (ResultSet r = st.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
                    + " AND table_type = 'BASE TABLE' ORDER BY table_name")) {
                while (r.next()) tables.add(r.getString(1));
            }
            java.util.Set<String> names = new java.util.HashSet<>();
            for (String t : tables) {
                String ext = format == Format.PARQUET ? ".parquet" : ".csv";
                Path out = real.resolve(fileName(t, names) + ext);
                if (!out.getParent().equals(real)) throw new StoreException(db.toString(), "table '" + t + "' does not make a file name");
                String order = orderBy(st, t);
                String options = format == Format.PARQUET ? "(FORMAT parquet)" : "(FORMAT csv, HEADER true)";
                st.execute("COPY (SELECT * FROM " + SqlIdentifier.quote(t) + order + ") TO '" + out.toString().replace("'", "''") + "' " + options);
                written.add(out);
            }
        } catch (SQLException e) {
            throw new StoreException(db.toString(), "export failed: " + ResultsStore.firstLine(e.getMessage()));
        }
        return written;
    }

    /**
     * A file name from a table name that stays in the output folder: letters, digits, '_', '-'
     * and '.' kept (no leading dot), anything else '_'; a name taken twice gets a number.
     */
    static String fileName(String table, java.util.Set<String> taken) {
        String base = table.replaceAll("[^A-Za-z0-9_.-]", "_").replaceAll("^\\.+", "_");
        if (base.isEmpty()) base = "table";
        if (base.length() > 100) base = base.substring(0, 100);
        String name = base;
        for (int k = 2; !taken.add(name.toLowerCase(java.util.Locale.ROOT)); k++) name = base + "-" + k;
        return name;
    }

    /** Read-only, with no file access but writing into the output folder (DuckDB's allowed_directories). */
    private static Connection open(Path db, Path outDir) {
        if (!Files.isRegularFile(db)) throw new StoreException(db.toString(), "no such results store");
        java.util.Properties p = new java.util.Properties();
        p.setProperty("duckdb.read_only", "true");
        p.setProperty("enable_external_access", "false");
        p.setProperty("allowed_directories", "['" + (outDir + java.io.File.separator).replace("'", "''") + "']");
        try {
            return java.sql.DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath(), p);
        } catch (SQLException e) {
            throw new StoreException(db.toString(), "cannot open the results store: " + ResultsStore.firstLine(e.getMessage()));
        }
    }

    private static String orderBy(Statement st, String table) throws SQLException {
        List<String> cols = new ArrayList<>();
        try (ResultSet r = st.executeQuery("SELECT column_name FROM information_schema.columns WHERE table_name = '" + table.replace("'", "''") + "' ORDER BY ordinal_position")) {
            while (r.next()) cols.add(r.getString(1));
        }
        if (cols.contains("run") && cols.contains("time")) return " ORDER BY run, time";
        if (cols.contains("run")) return " ORDER BY run";
        if (cols.contains("position")) return " ORDER BY position, lever";
        if (cols.contains("key")) return " ORDER BY key";
        return "";
    }
}
