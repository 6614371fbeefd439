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
        try (Connection c = ResultsStore.openReadOnly(db); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet r = st.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY table_name")) {
                while (r.next()) tables.add(r.getString(1));
            }
            for (String t : tables) {
                String ext = format == Format.PARQUET ? ".parquet" : ".csv";
                Path out = dir.resolve(t + ext).toAbsolutePath();
                String order = orderBy(st, t);
                String options = format == Format.PARQUET ? "(FORMAT parquet)" : "(FORMAT csv, HEADER true)";
                st.execute("COPY (SELECT * FROM " + ResultsStore.quote(t) + order + ") TO '" + out.toString().replace("'", "''") + "' " + options);
                written.add(out);
            }
        } catch (SQLException e) {
            throw new StoreException(db.toString(), "export failed: " + ResultsStore.firstLine(e.getMessage()));
        }
        return written;
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
