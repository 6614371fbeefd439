package org.dlab.engine.data;

/**
 * A problem reading an external data file, already phrased for the user (file, sheet, cell).
 * Internal to this package: {@link SpreadsheetData} turns it into a ModelException at the
 * equation's position, which the readers do not know.
 */
final class DataError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DataError(String message) {
        // no stack trace: the message is the whole story for the user
        super(message, null, false, false);
    }

    /** One line about a library failure, for "cannot read ... (reason)" messages. */
    static String describe(Throwable e) {
        String m = e.getMessage();
        String line = m == null ? "" : m.strip().lines().findFirst().orElse("");
        if (line.isBlank()) {
            return e.getClass().getSimpleName();
        }
        // library messages (e.g. POI's zip-bomb notice) carry their point late: allow a long line
        return line.length() <= 160 ? line : line.substring(0, 157) + "...";
    }
}
