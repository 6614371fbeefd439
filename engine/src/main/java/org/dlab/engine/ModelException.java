package org.dlab.engine;

import org.dlab.engine.ir.Pos;

/**
 * A problem with a model or its inputs, reported to the user as one line
 * {@code file:line:col: message}. Never carries a stack trace to the user.
 */
public class ModelException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Pos pos;

    public ModelException(Pos pos, String message) {
        super(message, null, false, false);
        this.pos = pos == null ? Pos.NONE : pos;
    }

    public Pos pos() {
        return pos;
    }

    /**
     * The one-line form shown to users. A problem with the file as a whole (too large, missing,
     * no FINAL TIME) is placed at 1:1 so every report has the same shape for editors and
     * scripts; control characters quoted from the model are escaped so it stays one line.
     */
    public String describe() {
        int line = Math.max(1, pos.line());
        int col = pos.line() <= 0 ? 1 : Math.max(1, pos.column());
        return pos.file() + ":" + line + ":" + col + ": " + escapeControls(getMessage());
    }

    static String escapeControls(String s) {
        if (s == null) return "";
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = c < 32 || c == 127 || c == '\u2028' || c == '\u2029' || c == '\u0085';
            if (control && b == null) b = new StringBuilder(s.substring(0, i));
            if (b != null) b.append(control ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return b == null ? s : b.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
