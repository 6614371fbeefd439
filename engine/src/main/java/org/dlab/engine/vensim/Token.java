package org.dlab.engine.vensim;

/** A lexical token of a Vensim equation; {@code offset} indexes the file text. */
record Token(Kind kind, String text, int offset) {
    enum Kind { NUM, ID, STR, KEYWORD, PUNCT, EOF }

    boolean is(String punct) {
        return kind == Kind.PUNCT && text.equals(punct);
    }

    boolean isKeyword(String kw) {
        return kind == Kind.KEYWORD && text.equals(kw);
    }

    @Override
    public String toString() {
        return kind == Kind.EOF ? "end of equation" : "'" + text + "'";
    }
}
