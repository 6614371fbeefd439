package org.dlab.engine.ir;

/** A position in a model file: 1-based line and column. */
public record Pos(String file, int line, int column) {
    public static final Pos NONE = new Pos("<model>", 0, 0);

    public Pos withFile(String f) {
        return new Pos(f, line, column);
    }

    @Override
    public String toString() {
        return line <= 0 ? file : file + ":" + line + ":" + column;
    }
}
