package org.dlab.workbench.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * {@code dlab export --format ema}: a results store as the {@code .tar.gz} archive EMA Workbench's
 * {@code ema_workbench.load_results} reads. The layout is the one its {@code save_results} wrote
 * before version 2.4 (which {@code load_results} still reads when the archive has no
 * {@code metadata.json}): {@code experiments.csv} (a header, one row per run: the uncertainties,
 * the levers, then {@code scenario}, {@code policy} and {@code model}, as EMA's experiments
 * DataFrame has them), {@code experiments metadata.csv} (one {@code name,dtype} line per column),
 * {@code outcomes metadata.csv} (one {@code name,(runs,)} line per outcome) and one
 * {@code <outcome>.csv} per scalar outcome (one value per line, no header; a failed run or a
 * threshold never crossed is a quoted empty cell, NaN to pandas).
 */
public final class EmaExporter {
    private EmaExporter() {}

    /** Writes the archive of the store at {@code db} to {@code out} (a temporary file moved into place). */
    public static void write(Path db, Path out) {
        byte[] archive;
        try (Connection c = ResultsStore.openReadOnly(db); Statement st = c.createStatement()) {
            archive = archive(st);
        } catch (SQLException e) {
            throw new StoreException(db.toString(), "export failed: " + ResultsStore.firstLine(e.getMessage()));
        } catch (IOException e) {
            throw new StoreException(out.toString(), "cannot write the archive: " + e.getMessage());
        }
        Path abs = out.toAbsolutePath();
        Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
        try {
            Files.write(tmp, archive);
            Files.move(tmp, abs, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the first failure is the one to report
            }
            throw new StoreException(out.toString(), "cannot write the archive: " + e.getMessage());
        }
    }

    private static byte[] archive(Statement st) throws SQLException, IOException {
        StoredStudy stored = StoredStudy.read(st.getConnection());
        String model = "model";
        String file = stored.provenance().get("model_file");
        if (file != null) model = file.replaceAll(".*[\\\\/]", "").replaceAll("\\.[A-Za-z]+$", "");
        List<String> inputs = new ArrayList<>();
        List<String> outcomes = stored.outcomeNames();
        try (ResultSet r = st.executeQuery("SELECT * FROM experiments LIMIT 0")) {
            ResultSetMetaData m = r.getMetaData();
            for (int i = 1; i <= m.getColumnCount(); i++) {
                String n = m.getColumnLabel(i);
                if (!n.equals("run") && !n.equals("scenario") && !n.equals("policy")) inputs.add(n);
            }
        }
        for (String o : outcomes) {
            // EMA names each outcome's file after it and splits its metadata lines at commas
            if (o.contains(",") || o.contains("/") || o.contains("\\") || o.getBytes(StandardCharsets.UTF_8).length > 95) {
                throw new StoreException("outcome '" + o + "'", "EMA Workbench's archive cannot hold this outcome name (a comma, a slash, or over 95 bytes)");
            }
        }
        StringBuilder sql = new StringBuilder("SELECT e.scenario, e.policy");
        for (String i : inputs) sql.append(", e.").append(SqlIdentifier.quote(i));
        for (String o : outcomes) sql.append(", CASE WHEN o.status = 'ok' THEN o.").append(SqlIdentifier.quote(o)).append(" END");
        sql.append(" FROM experiments e LEFT JOIN outcomes o USING (run) ORDER BY e.run");
        StringBuilder experiments = new StringBuilder();
        List<String> header = new ArrayList<>(inputs);
        header.addAll(List.of("scenario", "policy", "model"));
        experiments.append(String.join(",", header.stream().map(EmaExporter::csv).toList())).append('\n');
        StringBuilder[] values = new StringBuilder[outcomes.size()];
        for (int k = 0; k < values.length; k++) values[k] = new StringBuilder();
        int runs = 0;
        try (ResultSet r = st.executeQuery(sql.toString())) {
            while (r.next()) {
                runs++;
                for (int i = 0; i < inputs.size(); i++) experiments.append(number(r, 3 + i)).append(',');
                experiments.append(r.getLong(1)).append(',').append(csv(r.getString(2))).append(',').append(csv(model)).append('\n');
                for (int k = 0; k < values.length; k++) {
                    // a one-column file: an empty line would be skipped by read_csv, so a missing value is a quoted empty cell, as pandas writes it
                    String v = number(r, 3 + inputs.size() + k);
                    values[k].append(v.isEmpty() ? "\"\"" : v).append('\n');
                }
            }
        }
        StringBuilder meta = new StringBuilder();
        for (String i : inputs) meta.append(i).append(",float64\n");
        meta.append("scenario,int64\npolicy,object\nmodel,object\n");
        StringBuilder outMeta = new StringBuilder();
        for (String o : outcomes) outMeta.append(o).append(",(").append(runs).append(",)\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            Tar tar = new Tar(gz);
            tar.add("experiments.csv", experiments.toString());
            tar.add("experiments metadata.csv", meta.toString());
            tar.add("outcomes metadata.csv", outMeta.toString());
            for (int k = 0; k < values.length; k++) tar.add(outcomes.get(k) + ".csv", values[k].toString());
            tar.finish();
        }
        return bytes.toByteArray();
    }

    /** A double as Python writes it (repr: shortest round trip), empty for NULL or NaN. */
    private static String number(ResultSet r, int col) throws SQLException {
        double v = r.getDouble(col);
        if (r.wasNull() || !Double.isFinite(v)) return "";
        return Double.toString(v).replace("E", "e");
    }

    /** A CSV cell, quoted when it holds a comma, a quote or a line break. */
    private static String csv(String s) {
        if (s == null) return "";
        return s.matches("(?s).*[\",\\n\\r].*") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** The few bytes of POSIX ustar needed for plain files (IEEE 1003.1-1988): a 512-byte header, the data padded to 512. */
    private static final class Tar {
        private final OutputStream out;

        Tar(OutputStream out) {
            this.out = out;
        }

        void add(String name, String text) throws IOException {
            byte[] data = text.getBytes(StandardCharsets.UTF_8);
            byte[] h = new byte[512];
            put(h, 0, 100, name.getBytes(StandardCharsets.UTF_8));
            put(h, 100, 8, octal(0644, 7));
            put(h, 108, 8, octal(0, 7));
            put(h, 116, 8, octal(0, 7));
            put(h, 124, 12, octal(data.length, 11));
            put(h, 136, 12, octal(System.currentTimeMillis() / 1000, 11));
            java.util.Arrays.fill(h, 148, 156, (byte) ' ');
            h[156] = '0';
            put(h, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
            put(h, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
            long sum = 0;
            for (byte b : h) sum += b & 0xff;
            put(h, 148, 8, (String.format(Locale.ROOT, "%06o", sum) + "\0 ").getBytes(StandardCharsets.US_ASCII));
            out.write(h);
            out.write(data);
            int pad = (512 - data.length % 512) % 512;
            out.write(new byte[pad]);
        }

        void finish() throws IOException {
            out.write(new byte[1024]);
        }

        private static byte[] octal(long v, int digits) {
            return (String.format(Locale.ROOT, "%0" + digits + "o", v) + "\0").getBytes(StandardCharsets.US_ASCII);
        }

        private static void put(byte[] h, int at, int len, byte[] v) {
            System.arraycopy(v, 0, h, at, Math.min(len, v.length));
        }
    }
}
