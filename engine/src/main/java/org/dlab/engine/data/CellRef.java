package org.dlab.engine.data;

/**
 * A spreadsheet cell address, 0-based. Parses the A1 forms Vensim accepts ("B2", "b2", "$B$2");
 * a trailing '*' (transpose marker) must be stripped by the caller first.
 */
record CellRef(int row, int col) {

    /** Excel 2007+ limits; text files use the same address space. */
    static final int MAX_ROWS = 1_048_576;
    static final int MAX_COLS = 16_384;

    /** The address, or null when {@code text} is not an A1 cell reference. */
    static CellRef parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        int i = 0;
        int n = s.length();
        if (i < n && s.charAt(i) == '$') {
            i++;
        }
        int colStart = i;
        while (i < n && isAsciiLetter(s.charAt(i))) {
            i++;
        }
        int colLetters = i - colStart;
        if (colLetters == 0 || colLetters > 3) {
            return null;
        }
        int col = column(s.substring(colStart, i));
        if (i < n && s.charAt(i) == '$') {
            i++;
        }
        int rowStart = i;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        if (i != n || i == rowStart || i - rowStart > 7) {
            return null;
        }
        int row = Integer.parseInt(s.substring(rowStart, i)) - 1;
        if (row < 0 || row >= MAX_ROWS || col < 0 || col >= MAX_COLS) {
            return null;
        }
        return new CellRef(row, col);
    }

    /** 0-based column of letters like "A", "ab", "XFD"; -1 when not 1–3 letters within the sheet. */
    static int column(String letters) {
        String s = letters.strip();
        if (s.isEmpty() || s.length() > 3) {
            return -1;
        }
        int col = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isAsciiLetter(c)) {
                return -1;
            }
            col = col * 26 + (Character.toUpperCase(c) - 'A' + 1);
        }
        return col <= MAX_COLS ? col - 1 : -1;
    }

    /** 0-based row of a 1-based row number like "12"; -1 when not a row number within the sheet. */
    static int rowNumber(String digits) {
        String s = digits.strip();
        if (s.isEmpty() || s.length() > 7) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return -1;
            }
        }
        int row = Integer.parseInt(s) - 1;
        return row >= 0 && row < MAX_ROWS ? row : -1;
    }

    static String columnName(int col) {
        StringBuilder sb = new StringBuilder();
        for (int c = col + 1; c > 0; c = (c - 1) / 26) {
            sb.append((char) ('A' + (c - 1) % 26));
        }
        return sb.reverse().toString();
    }

    static String format(int row, int col) {
        return columnName(col) + (row + 1);
    }

    @Override
    public String toString() {
        return format(row, col);
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }
}
