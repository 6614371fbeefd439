package org.dlab.engine.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.dlab.engine.LoadWarning;
import org.dlab.engine.LoadWarnings;
import org.dlab.engine.ModelException;
import org.dlab.engine.ir.Pos;
import org.dlab.engine.model.ExternalData;

/**
 * Vensim's GET XLS / GET DIRECT family (CONSTANTS, DATA, LOOKUPS, SUBSCRIPT) over files beside the
 * model: .xlsx/.xlsm (streamed), .xls (HSSF), and delimited text (.csv, .tab, .txt), told apart by
 * content so a workbook with the "wrong" extension still reads. Cell arguments are A1 references
 * ("B2", "$B$2", "B2*" for transposed constants) or defined names of the workbook.
 *
 * <p>Each file is read once per instance and its sheets kept as grids in memory (a model reads the
 * same file many times); files are open only while a sheet is being copied. Hostile files are
 * refused: over 64 MB, or more than {@link Grid#MAX_CELLS} cells held or requested. Every problem
 * surfaces as a {@link ModelException} at the calling equation, naming file, sheet and cell; what
 * is read but doubtful (a text cell read as 0) goes to the load's {@link LoadWarnings}.
 * The entry points are synchronized, so one instance may serve several threads.
 */
public final class SpreadsheetData implements ExternalData, AutoCloseable {

    static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

    private static final byte[] ZIP = {0x50, 0x4B, 0x03, 0x04};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0,
        (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};

    private final Path modelDirectory;
    /** Vensim's Model>Settings>XLS Files: '?tag' references resolved to files, keys lower-cased. */
    private final Map<String, Path> fileTags = new HashMap<>();
    /** Workbooks by file; text files by file and delimiter, since the delimiter shapes the grid. */
    private final Map<String, Book> books = new HashMap<>();
    /** File names as the model writes them, resolved once so later calls skip the file system. */
    private final Map<String, Resolved> resolved = new HashMap<>();
    private final LoadWarnings warnings;

    public SpreadsheetData(Path modelDirectory) {
        this(modelDirectory, Map.of());
    }

    public SpreadsheetData(Path modelDirectory, Map<String, Path> fileTags) {
        this(modelDirectory, fileTags, new LoadWarnings(""));
    }

    /**
     * Reads files for the model in {@code modelDirectory}; {@code fileTags} maps the tags of indirect
     * references {@code '?tag'} to files (relative ones against the working directory), as Vensim's
     * Model>Settings>XLS Files does. A tag may be given with or without its '?'. Warnings go to
     * {@code warnings}.
     */
    public SpreadsheetData(Path modelDirectory, Map<String, Path> fileTags, LoadWarnings warnings) {
        this.warnings = Objects.requireNonNull(warnings, "warnings");
        this.modelDirectory = Objects.requireNonNull(modelDirectory, "modelDirectory").toAbsolutePath().normalize();
        for (var e : fileTags.entrySet()) {
            this.fileTags.put(tagKey(e.getKey()), e.getValue().toAbsolutePath().normalize());
        }
    }

    private static String tagKey(String tag) {
        String t = tag.strip();
        return (t.startsWith("?") ? t.substring(1).strip() : t).toLowerCase(Locale.ROOT);
    }

    @Override
    public synchronized double[][] constants(Pos pos, String file, String sheet, String cell, int rows, int cols) {
        return guard(pos, file, () -> {
            String arg = unquote(cell).strip();
            boolean transposed = arg.endsWith("*");
            if (transposed) {
                arg = arg.substring(0, arg.length() - 1).strip();
            }
            Book book = open(file, sheet);
            Anchor a = Anchor.locate(book, unquote(sheet), arg);
            Grid g = a.grid();
            if (rows < 1 || cols < 1 || (long) rows * cols > Grid.MAX_CELLS) {
                throw new DataError(g.label() + ", cell " + a.cellName() + ": cannot read " + rows + " x " + cols
                        + " values (1 to " + Grid.MAX_CELLS + " cells)");
            }
            double[][] out = new double[rows][cols];
            boolean any = false;
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    // transposed: model row i runs down sheet column i
                    int r = a.row() + (transposed ? j : i);
                    int c = a.col() + (transposed ? i : j);
                    out[i][j] = g.requireNumber(r, c);
                    any |= !Double.isNaN(out[i][j]);
                }
            }
            if (!any) {
                int lastR = a.row() + (transposed ? cols : rows) - 1;
                int lastC = a.col() + (transposed ? rows : cols) - 1;
                throw new DataError(g.label() + ", cells " + a.cellName() + ":" + CellRef.format(lastR, lastC)
                        + ": all blank, expected numbers");
            }
            return out;
        });
    }

    @Override
    public Series series(Pos pos, String file, String sheet, String timeAxis, String firstCell, int count) {
        return series(pos, null, file, sheet, timeAxis, firstCell, count);
    }

    @Override
    public synchronized Series series(Pos pos, String reader, String file, String sheet, String timeAxis,
            String firstCell, int count) {
        return guard(pos, file, () -> {
            Book book = open(file, sheet);
            String arg = unquote(firstCell).strip();
            // '*' only means something for constants; tolerate it here
            String cell = arg.endsWith("*") ? arg.substring(0, arg.length() - 1) : arg;
            Anchor first = Anchor.locate(book, unquote(sheet), cell);
            return SeriesReader.read(book, unquote(sheet), unquote(timeAxis), first, count,
                    (g, r, c) -> warnings.add("text cells read as 0", new LoadWarning(g.file(), g.where(r, c),
                            "text '" + Grid.clip(g.text(r, c)) + "' read as 0"
                            + (reader == null ? "" : " (variable '" + reader + "')"))));
        });
    }

    @Override
    public synchronized List<String> subscriptElements(Pos pos, String[] args) {
        String file = args != null && args.length > 0 ? args[0] : "";
        return guard(pos, file, () -> {
            int n = args == null ? 0 : args.length;
            if (n < 4 || n > 5) {
                throw new DataError("GET DIRECT SUBSCRIPT takes (file, sheet, first cell, last cell, prefix); got "
                        + n + " arguments");
            }
            String sheet = unquote(args[1]);
            Book book = open(file, sheet);
            Anchor first = Anchor.locate(book, sheet, unquote(args[2]));
            String prefix = args.length > 4 ? unquote(args[4]) : "";
            return SubscriptReader.read(book, sheet, first, unquote(args[3]), prefix);
        });
    }

    /** Forgets the cached files (they hold no open handles; this only frees memory). */
    @Override
    public synchronized void close() {
        books.clear();
        resolved.clear();
    }

    private <T> T guard(Pos pos, String file, Supplier<T> body) {
        try {
            return body.get();
        } catch (DataError e) {
            throw new ModelException(pos, e.getMessage());
        } catch (RuntimeException e) {
            // a reader bug or an unforeseen library failure: still one line, never a trace
            throw new ModelException(pos, unquote(file).strip() + ": cannot read external data ("
                    + DataError.describe(e) + ")");
        }
    }

    /** The book for {@code file}, from the cache or read now. */
    private Book open(String file, String sheet) {
        String name = unquote(file).strip();
        if (name.isEmpty()) {
            throw new DataError("no file name given");
        }
        Resolved where = resolved.get(name);
        if (where == null) {
            where = name.startsWith("?") ? resolveTag(name.substring(1).strip()) : resolve(name);
            resolved.put(name, where);
        }
        Path path = where.path();
        String label = where.label();
        Book cached = books.get(path.toString());
        if (cached != null) {
            return cached;
        }
        char delimiter = TextBook.delimiter(unquote(sheet), path);
        String textKey = path + "\u0000" + delimiter;
        cached = books.get(textKey);
        if (cached != null) {
            return cached;
        }
        Book book;
        String key = path.toString();
        byte[] head = checkSizeAndReadHead(path, label);
        if (startsWith(head, ZIP)) {
            book = new XlsxBook(path, label);
        } else if (startsWith(head, OLE2)) {
            book = new XlsBook(path, label);
        } else if (looksLikeWorkbookName(name)) {
            throw new DataError(label + ": not an Excel workbook (neither .xlsx nor .xls content)");
        } else {
            book = TextBook.read(path, label, delimiter);
            key = textKey;
        }
        books.put(key, book);
        return book;
    }

    /** Where a file named in the model lives, relative to the model's folder. */
    private Resolved resolve(String name) {
        Path path;
        try {
            path = modelDirectory.resolve(name).normalize();
        } catch (InvalidPathException e) {
            throw new DataError(name + ": not a valid file name");
        }
        if (Files.isRegularFile(path)) {
            return new Resolved(FileAccess.check(modelDirectory, path, name), name);
        }
        // models written for old Excel often say 'x.xls' where the folder now holds x.xlsx
        Path alt = path.resolveSibling(path.getFileName() + "x");
        if (name.toLowerCase(Locale.ROOT).endsWith(".xls") && Files.isRegularFile(alt)) {
            return new Resolved(FileAccess.check(modelDirectory, alt, name + "x"), name + "x");
        }
        // no absolute path in the message: it may reach an HTTP client
        throw new DataError(name + ": file not found in the model's folder");
    }

    /**
     * Vensim's indirect reference '?tag': the file mapped to the tag (Model>Settings>XLS Files; here
     * {@code --file-tag}); without a mapping, the tag read as a file name beside the model, as the
     * published models that use tags expect of a tool without that dialog.
     */
    private Resolved resolveTag(String tag) {
        if (tag.isEmpty()) throw new DataError("no tag after '?'");
        Path mapped = fileTags.get(tag.toLowerCase(Locale.ROOT));
        if (mapped != null) {
            if (!Files.isRegularFile(mapped)) {
                throw new DataError("'?" + tag + "': the file mapped to this tag, " + mapped.getFileName() + ", does not exist");
            }
            return new Resolved(FileAccess.check(modelDirectory, mapped, mapped.getFileName().toString()),
                    "?" + tag + " (" + mapped.getFileName() + ")");
        }
        try {
            return resolve(tag);
        } catch (DataError e) {
            throw new DataError("'?" + tag + "': no file is mapped to this tag (dlab --file-tag TAG=FILE), and as a file name: "
                    + e.getMessage());
        }
    }

    private record Resolved(Path path, String label) {}

    private static byte[] checkSizeAndReadHead(Path path, String label) {
        try {
            long size = Files.size(path);
            if (size > MAX_FILE_BYTES) {
                throw new DataError(label + ": file is over the " + (MAX_FILE_BYTES >> 20)
                        + " MB limit for data files (" + size + " bytes)");
            }
            try (InputStream in = Files.newInputStream(path)) {
                return in.readNBytes(OLE2.length);
            }
        } catch (IOException e) {
            throw new DataError(label + ": cannot read the file (" + DataError.describe(e) + ")");
        }
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean looksLikeWorkbookName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".xls") || n.endsWith(".xlsx") || n.endsWith(".xlsm");
    }

    /**
     * Arguments normally arrive without their quotes; strip them if the caller left them on.
     * No trimming here: a sheet argument of " " or a tab is a delimiter.
     */
    static String unquote(String s) {
        String t = s == null ? "" : s;
        String inner = t.strip();
        if (inner.length() >= 2 && inner.startsWith("'") && inner.endsWith("'")) {
            return inner.substring(1, inner.length() - 1);
        }
        return t;
    }

}
