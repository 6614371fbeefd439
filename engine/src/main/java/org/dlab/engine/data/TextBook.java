package org.dlab.engine.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A delimited text file (.csv, .tab, .txt) for GET DIRECT functions: one grid addressed with
 * the usual A1 notation. Vensim passes the delimiter in the "sheet" argument; when that is not a
 * single punctuation character, the default is ',' for .csv and tab otherwise (Vensim's rule).
 * Fields may be "quoted" ("" inside quotes is a quote); unquoted fields are trimmed, since
 * hand-made files pad with spaces and tabs.
 */
final class TextBook implements Book {

    private final Grid grid;

    private TextBook(Grid grid) {
        this.grid = grid;
    }

    /** Reads the whole file now; the file is closed before this returns. */
    static TextBook read(Path path, String fileLabel, char delimiter) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new DataError(fileLabel + ": cannot read the file (" + DataError.describe(e) + ")");
        }
        Grid grid = new Grid(fileLabel, null);
        parse(decode(bytes), delimiter, grid);
        return new TextBook(grid);
    }

    /** The delimiter a GET DIRECT call asks for; see the class comment. */
    static char delimiter(String sheetArg, Path path) {
        String s = sheetArg == null ? "" : sheetArg;
        if (s.equals("\\t") || s.equals("\t")) {
            return '\t';
        }
        if (s.length() == 1 && !Character.isLetterOrDigit(s.charAt(0))) {
            return s.charAt(0);
        }
        return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv") ? ',' : '\t';
    }

    @Override
    public Grid sheet(String sheet) {
        return grid;
    }

    @Override
    public NamedArea name(String name, String sheet) {
        return null; // text files have no defined names
    }

    /**
     * UTF-16 when it starts with a byte-order mark (Excel's "Unicode Text" export), UTF-8 when valid
     * (with or without BOM), otherwise Windows-1252, what older Excel saves as "CSV".
     */
    private static String decode(byte[] bytes) {
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
                || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF))) {
            return new String(bytes, StandardCharsets.UTF_16).replace("\uFEFF", "");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            text = new String(bytes, Charset.forName("windows-1252"));
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static void parse(String text, char delimiter, Grid grid) {
        int row = 0;
        int col = 0;
        int i = 0;
        int n = text.length();
        StringBuilder field = new StringBuilder();
        while (i < n) {
            field.setLength(0);
            boolean quoted = false;
            // skip padding before a possible opening quote (a delimiter may itself be blank)
            int j = i;
            while (j < n && isPad(text.charAt(j), delimiter)) {
                j++;
            }
            if (j < n && text.charAt(j) == '"') {
                quoted = true;
                i = j + 1;
                while (i < n) {
                    char c = text.charAt(i++);
                    if (c == '"') {
                        if (i < n && text.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                // anything after the closing quote up to the delimiter is ignored padding
                while (i < n && text.charAt(i) != delimiter && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                    i++;
                }
            } else {
                while (i < n && text.charAt(i) != delimiter && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                    field.append(text.charAt(i++));
                }
            }
            String value = quoted ? field.toString() : field.toString().strip();
            putField(grid, row, col, value, quoted);
            if (i >= n) {
                break;
            }
            char end = text.charAt(i++);
            if (end == delimiter) {
                col++;
                if (i >= n) {
                    break;
                }
            } else {
                if (end == '\r' && i < n && text.charAt(i) == '\n') {
                    i++;
                }
                row++;
                col = 0;
            }
        }
    }

    private static void putField(Grid grid, int row, int col, String value, boolean quoted) {
        if (value.isEmpty()) {
            return;
        }
        if (row >= CellRef.MAX_ROWS || col >= CellRef.MAX_COLS) {
            throw new DataError(grid.label() + ": more than " + CellRef.MAX_ROWS + " rows or "
                    + CellRef.MAX_COLS + " columns");
        }
        // numbers are stored as numbers so a big numeric file costs 8 bytes a cell, not a String
        if (!quoted) {
            double v = Grid.parseNumber(value);
            if (!Double.isNaN(v)) {
                grid.putNumber(row, col, v);
                return;
            }
        }
        grid.putText(row, col, value);
    }

    private static boolean isPad(char c, char delimiter) {
        return c != delimiter && (c == ' ' || c == '\t');
    }
}
