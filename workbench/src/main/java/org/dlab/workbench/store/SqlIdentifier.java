package org.dlab.workbench.store;

/**
 * A column or table name as SQL text. Store columns are named after model variables, which may
 * hold quotes, spaces or SQL words; every statement that names one goes through {@link #quote}.
 */
public final class SqlIdentifier {
    private SqlIdentifier() {}

    /** The name in double quotes, each inner double quote doubled (SQL's only escape inside a quoted identifier). */
    public static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
