package org.dlab.engine.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.dlab.engine.ModelException;
import org.dlab.engine.functions.Library;
import org.dlab.engine.ir.Pos;
import org.dlab.engine.model.Names;
import org.dlab.engine.run.SimResult;

/**
 * One run of a model as variable series, read from a file or taken from a simulation, for
 * comparing runs ({@code dlab compare-run}, the real-model tests). Files: the table {@code dlab run}
 * writes (CSV or TSV, Time down), a Vensim tab export with time down (a {@code Time} column) or
 * across (a {@code Time (unit)} row, then one row per variable, {@code Name[e] : run}), any CSV of
 * that shape, or a Vensim {@code .dat} file. Blank cells, {@code :NA:} and {@code NA} are missing
 * values (NaN), except that a series with a value at the first time and only blanks after is a
 * constant (Vensim's exports write one once). Names keep the file's spelling; {@link #key} is how two files' names meet.
 */
public final class RunTable {
    /** A run file is untrusted input: bounded in bytes and in cells held. */
    static final long MAX_BYTES = 256L << 20;
    static final long MAX_CELLS = 40_000_000L;
    /** A .dat point costs far more than a table cell (a map entry), hence its own bound. */
    static final long MAX_DAT_LINES = 5_000_000L;

    private static final Pattern TIME_HEADER = Pattern.compile("(?i)time(\\s*\\(.*\\))?");

    private final String source;
    private final Map<String, DataFiles.Series> series;

    private RunTable(String source, Map<String, DataFiles.Series> series) {
        this.source = source;
        this.series = Collections.unmodifiableMap(series);
    }

    /** Where the run came from (a file name or a model). */
    public String source() {
        return source;
    }

    /** The series by name as the source spells it, in the source's order. */
    public Map<String, DataFiles.Series> series() {
        return series;
    }

    /** A simulation's saved rows. */
    public static RunTable of(String source, SimResult r) {
        Map<String, DataFiles.Series> out = new LinkedHashMap<>();
        double[] times = r.times();
        for (int c = 0; c < r.names().size(); c++) {
            double[] v = new double[times.length];
            for (int row = 0; row < v.length; row++) v[row] = r.value(c, row);
            out.put(r.names().get(c), new DataFiles.Series(times, v));
        }
        return new RunTable(source, out);
    }

    /** Series given directly (tests, other tools). */
    public static RunTable of(String source, Map<String, DataFiles.Series> series) {
        return new RunTable(source, new LinkedHashMap<>(series));
    }

    /**
     * Several files of one run as one (Vensim exports a big model sector by sector): a name in
     * more than one file is taken from the first, since the files show the same run.
     */
    public static RunTable merge(List<RunTable> parts) {
        if (parts.size() == 1) return parts.get(0);
        Map<String, DataFiles.Series> out = new LinkedHashMap<>();
        Map<String, Boolean> seen = new LinkedHashMap<>();
        List<String> sources = new ArrayList<>();
        for (RunTable t : parts) {
            sources.add(t.source());
            for (var e : t.series().entrySet()) {
                if (seen.putIfAbsent(key(e.getKey()), true) == null) out.put(e.getKey(), e.getValue());
            }
        }
        return new RunTable(String.join(", ", sources), out);
    }

    /**
     * How names from different tools meet: Vensim's identity (case, spaces, underscores), no
     * spaces around subscript brackets and commas, and quotes around the name before its
     * subscripts dropped ({@code "A (x)"[e]} is {@code A (x)[e]}).
     */
    public static String key(String name) {
        String n = name.strip().replaceAll("\\s*([\\[\\],])\\s*", "$1");
        int bracket = n.indexOf('[');
        String base = bracket < 0 ? n : n.substring(0, bracket);
        String subs = bracket < 0 ? "" : n.substring(bracket);
        base = base.strip();
        if (base.length() >= 2 && base.startsWith("\"") && base.endsWith("\"")) base = base.substring(1, base.length() - 1);
        return Names.key(base) + Names.key(subs).replace(" ", "");
    }

    /** Reads a run file; every problem is a {@link ModelException} naming file:line:col. */
    public static RunTable read(Path file) {
        String label = file.toString();
        Pos whole = new Pos(label, 1, 1);
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".vdf") || lower.endsWith(".vdfx")) {
            // the layout is unpublished and no sample is at hand to test a reader (docs/engine.md)
            throw new ModelException(whole, "Vensim's binary .vdf runs cannot be read yet; export the run from Vensim as "
                    + "tab-delimited text (or .dat) and compare with that");
        }
        byte[] bytes;
        try {
            if (!Files.isRegularFile(file)) throw new ModelException(whole, "no such file");
            if (Files.size(file) > MAX_BYTES) throw new ModelException(whole, "run file is larger than " + (MAX_BYTES >> 20) + " MB");
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ModelException(whole, "cannot read the file (" + DataError.describe(e) + ")");
        }
        String text = decode(bytes);
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".dat")) {
            if (text.chars().filter(c -> c == '\n').count() > MAX_DAT_LINES) {
                throw new ModelException(whole, "more than " + MAX_DAT_LINES + " lines in a .dat file");
            }
            return new RunTable(label, new LinkedHashMap<>(VensimDatFile.parse(file, text)));
        }
        return readTable(label, text, MAX_CELLS);
    }

    /** Vensim writes its exports in the system's code page; UTF-8 when the bytes are valid UTF-8. */
    private static String decode(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            text = new String(bytes, Charset.forName("windows-1252"));
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private record Cell(String text, int column, boolean quoted) {}

    static RunTable readTable(String label, String text, long maxCells) {
        String[] lines = text.split("\r\n|\r|\n", -1);
        List<List<Cell>> rows = new ArrayList<>();
        List<Integer> lineNos = new ArrayList<>();
        char sep = 0;
        long cells = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) continue;
            if (sep == 0) sep = lines[i].indexOf('\t') >= 0 ? '\t' : ',';
            // counted before splitting, so one enormous line is refused before its cells exist
            final char d = sep;
            cells += 1 + lines[i].chars().filter(c -> c == d).count();
            if (cells > maxCells) throw new ModelException(new Pos(label, i + 1, 1), "more than " + maxCells + " cells");
            List<Cell> row = split(lines[i], sep);
            rows.add(row);
            lineNos.add(i + 1);
        }
        if (rows.isEmpty()) throw new ModelException(new Pos(label, 1, 1), "run file is empty");
        Cell first = rows.get(0).get(0);
        if (!TIME_HEADER.matcher(first.text().strip()).matches()) {
            throw new ModelException(new Pos(label, lineNos.get(0), first.column()),
                    "expected 'Time' in the first cell (a Time column or row), found '" + abbreviate(first.text()) + "'");
        }
        if (rows.size() < 2) throw new ModelException(new Pos(label, lineNos.get(0), 1), "run file has a header but no values");
        Cell below = rows.get(1).get(0);
        boolean timeDown = !below.quoted() && isNumber(below.text().strip());
        Map<String, DataFiles.Series> out = new LinkedHashMap<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        if (timeDown) {
            List<Cell> header = rows.get(0);
            int n = rows.size() - 1;
            double[] times = new double[n];
            double[][] cols = new double[header.size()][n];
            boolean[][] blank = new boolean[header.size()][n];
            for (int r = 0; r < n; r++) {
                List<Cell> row = rows.get(r + 1);
                int line = lineNos.get(r + 1);
                if (row.size() > header.size()) {
                    throw new ModelException(new Pos(label, line, row.get(header.size()).column()),
                            row.size() + " cells where the header has " + header.size());
                }
                times[r] = time(row.get(0), label, line);
                for (int c = 1; c < header.size(); c++) {
                    cols[c][r] = c < row.size() ? value(row.get(c), label, line) : Double.NaN;
                    blank[c][r] = c >= row.size() || row.get(c).text().isBlank();
                }
            }
            for (int c = 1; c < header.size(); c++) {
                put(out, seen, header.get(c), label, lineNos.get(0), new DataFiles.Series(times, writtenOnce(cols[c], blank[c])));
            }
        } else {
            List<Cell> head = rows.get(0);
            double[] times = new double[head.size() - 1];
            for (int c = 1; c < head.size(); c++) times[c - 1] = time(head.get(c), label, lineNos.get(0));
            for (int r = 1; r < rows.size(); r++) {
                List<Cell> row = rows.get(r);
                int line = lineNos.get(r);
                if (row.size() > head.size()) {
                    throw new ModelException(new Pos(label, line, row.get(head.size()).column()),
                            row.size() + " cells where the Time row has " + head.size());
                }
                double[] v = new double[times.length];
                boolean[] blank = new boolean[times.length];
                for (int c = 1; c <= times.length; c++) {
                    v[c - 1] = c < row.size() ? value(row.get(c), label, line) : Double.NaN;
                    blank[c - 1] = c >= row.size() || row.get(c).text().isBlank();
                }
                Cell name = row.get(0);
                put(out, seen, new Cell(vensimRowName(name.text()), name.column(), name.quoted()), label, line,
                        new DataFiles.Series(times, writtenOnce(v, blank)));
            }
        }
        return new RunTable(label, out);
    }

    private static void put(Map<String, DataFiles.Series> out, Map<String, Integer> seen, Cell name, String label, int line,
            DataFiles.Series s) {
        String n = name.text().strip();
        if (n.isEmpty()) throw new ModelException(new Pos(label, line, name.column()), "a variable name is missing");
        Integer before = seen.put(key(n), line);
        if (before != null) {
            throw new ModelException(new Pos(label, line, name.column()), "'" + abbreviate(n) + "' appears twice (also on line " + before
                    + "); a file holding several runs must be split into one file per run");
        }
        out.put(n, s);
    }

    /** Vensim's tab export labels a row {@code Name[e] : run}; the run's name is not part of the variable's. */
    static String vensimRowName(String cell) {
        int colon = cell.lastIndexOf(" : ");
        return (colon < 0 ? cell : cell.substring(0, colon)).strip();
    }

    private static double time(Cell c, String label, int line) {
        String s = c.text().strip();
        if (!isNumber(s)) throw new ModelException(new Pos(label, line, c.column()), "expected a time, found '" + abbreviate(s) + "'");
        return Double.parseDouble(s);
    }

    private static double value(Cell c, String label, int line) {
        String s = c.text().strip();
        if (s.isEmpty() || s.equalsIgnoreCase(":NA:") || s.equalsIgnoreCase("NA")) return Double.NaN;
        if (!isNumber(s)) throw new ModelException(new Pos(label, line, c.column()), "expected a number, found '" + abbreviate(s) + "'");
        double v = Double.parseDouble(s);
        return v == Library.NA ? Double.NaN : v;
    }

    /**
     * Vensim's tab export writes a constant once, at the first time, and leaves the other cells
     * blank: a series with a value there and only blank cells after (not :NA:) is that value
     * throughout.
     */
    private static double[] writtenOnce(double[] v, boolean[] blank) {
        if (v.length < 2 || Double.isNaN(v[0])) return v;
        for (int i = 1; i < v.length; i++) if (!blank[i]) return v;
        java.util.Arrays.fill(v, v[0]);
        return v;
    }

    /** Decimal numbers only: Java's parser would also take NaN, Infinity, hex and 5f. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private static boolean isNumber(String s) {
        return NUMBER.matcher(s).matches();
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    /**
     * One line of delimited text with 1-based start columns. A field wholly inside double quotes
     * is CSV-quoted ("" a quote, delimiters protected); quotes in any other field are part of the
     * text, as in Vensim's tab export's {@code "name (unit)"[e] : run}.
     */
    private static List<Cell> split(String line, char sep) {
        List<Cell> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            int start = i;
            int j = i;
            while (j < n && line.charAt(j) == ' ') j++;
            Cell quoted = j < n && line.charAt(j) == '"' ? quotedField(line, j, sep, start) : null;
            if (quoted != null) {
                out.add(quoted);
                i = line.indexOf(sep, j + rawLength(line, j));
                if (i < 0) return out;
            } else {
                int end = line.indexOf(sep, i);
                out.add(new Cell(line.substring(i, end < 0 ? n : end), start + 1, false));
                if (end < 0) return out;
                i = end;
            }
            i++;
        }
    }

    /** The quoted field opening at {@code open}, or null when text follows its closing quote. */
    private static Cell quotedField(String line, int open, char sep, int start) {
        int close = open + rawLength(line, open) - 1;
        if (close >= line.length() || line.charAt(close) != '"') return null;
        int k = close + 1;
        while (k < line.length() && line.charAt(k) == ' ') k++;
        if (k < line.length() && line.charAt(k) != sep) return null;
        return new Cell(line.substring(open + 1, close).replace("\"\"", "\""), start + 1, true);
    }

    /** Characters from an opening quote through its closing quote (to the end of the line when unclosed). */
    private static int rawLength(String line, int open) {
        int k = open + 1;
        while (k < line.length()) {
            if (line.charAt(k) == '"') {
                if (k + 1 < line.length() && line.charAt(k + 1) == '"') k += 2;
                else return k - open + 1;
            } else {
                k++;
            }
        }
        return line.length() - open;
    }
}
