package org.dlab.engine;

/**
 * Something a model load accepted but the modeller should know of, e.g. a spreadsheet text cell
 * read as 0. {@code file} is the file concerned as the model names it, {@code where} the place in
 * it ("sheet 'Data', cell C12"; empty when the whole file is meant).
 */
public record LoadWarning(String file, String where, String message) {

    public LoadWarning {
        file = file == null ? "" : file;
        where = where == null ? "" : where;
        message = message == null ? "" : message;
    }

    /** One line, {@code file: where: message}; control characters from cells are escaped to keep it one. */
    @Override
    public String toString() {
        return ModelException.escapeControls(file + ": " + (where.isEmpty() ? "" : where + ": ") + message);
    }
}
