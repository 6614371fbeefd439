package org.dlab.engine.vensim;

import java.util.ArrayList;
import java.util.List;
import org.dlab.engine.ModelException;
import org.dlab.engine.vensim.Token.Kind;

/**
 * Splits the text of one Vensim equation (a slice of the file) into tokens. Names may contain
 * spaces (runs of white space fold to one space); a backslash before a line break continues
 * the line. Offsets in tokens point into the whole file so errors name line and column.
 */
final class VensimLexer {
    private final SourceText src;
    private final String s;
    private final int end;
    private int i;

    VensimLexer(SourceText src, int start, int end) {
        this.src = src;
        this.s = src.text;
        this.i = start;
        this.end = end;
    }

    static List<Token> tokenize(SourceText src, int start, int end) {
        VensimLexer lx = new VensimLexer(src, start, end);
        List<Token> out = new ArrayList<>();
        Token t;
        do {
            t = lx.next();
            out.add(t);
        } while (t.kind() != Kind.EOF);
        return out;
    }

    private ModelException error(int at, String msg) {
        return new ModelException(src.pos(at), msg);
    }

    /** Length of a line continuation ({@code \} + line break + indentation) at p, else 0. */
    private int continuation(int p) {
        if (p < end && s.charAt(p) == '\\') {
            int q = p + 1;
            while (q < end && (s.charAt(q) == ' ' || s.charAt(q) == '\t')) q++;
            if (q < end && s.charAt(q) == '\r') q++;
            if (q < end && s.charAt(q) == '\n') {
                q++;
                while (q < end && (s.charAt(q) == ' ' || s.charAt(q) == '\t')) q++;
                return q - p;
            }
        }
        return 0;
    }

    private void skipSpace() {
        while (i < end) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\\' && continuation(i) > 0) {
                i += continuation(i);
            } else if (c == '{') {
                int close = commentEnd(s, i, end);
                if (close < 0) throw error(i, "unclosed comment '{'");
                i = close + 1;
            } else {
                return;
            }
        }
    }

    /**
     * The '}' closing the comment opened at {@code open}, or -1 before {@code end}. Brace pairs
     * inside a comment stay in it ({ a {b} c }); a comment whose braces never balance ends at its
     * first '}', as a comment without nesting would.
     */
    static int commentEnd(String s, int open, int end) {
        int depth = 0;
        for (int k = open; k < end; k++) {
            char c = s.charAt(k);
            if (c == '{') depth++;
            else if (c == '}' && --depth == 0) return k;
        }
        int first = s.indexOf('}', open);
        return first >= 0 && first < end ? first : -1;
    }

    private static boolean nameStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '$' || c > 127 && !Character.isWhitespace(c)
                && c != '\u00a0';
    }

    private static boolean namePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '\'' || c == '&' || c == '%'
                || c == '.' || c == '#' || c == '?' || c == '@' || c > 127 && !Character.isWhitespace(c);
    }

    Token next() {
        skipSpace();
        if (i >= end) return new Token(Kind.EOF, "", end);
        int start = i;
        char c = s.charAt(i);
        if (Character.isDigit(c) || c == '.' && i + 1 < end && Character.isDigit(s.charAt(i + 1))) {
            return number(start);
        }
        if (c == '"') return quoted(start);
        if (c == '\'') return string(start);
        if (nameStart(c)) return name(start);
        if (c == ':') {
            int q = i + 1;
            while (q < end && (Character.isLetter(s.charAt(q)) || s.charAt(q) == ' ')) q++;
            if (q < end && q > i + 1 && s.charAt(q) == ':') {
                String kw = ":" + s.substring(i + 1, q).trim().replaceAll("\\s+", " ").toUpperCase(java.util.Locale.ROOT) + ":";
                i = q + 1;
                return new Token(Kind.KEYWORD, kw, start);
            }
            if (q == i + 1 && i + 1 < end && s.charAt(i + 1) == '=') {
                i += 2;
                return new Token(Kind.PUNCT, ":=", start);
            }
            i++;
            return new Token(Kind.PUNCT, ":", start);
        }
        String[] multi = {"<->", "->", "<=", ">=", "<>", "=="};
        for (String m : multi) {
            if (s.startsWith(m, i) && i + m.length() <= end) {
                i += m.length();
                return new Token(Kind.PUNCT, m, start);
            }
        }
        if ("()[],;!=<>+-*/^~|".indexOf(c) >= 0) {
            i++;
            return new Token(Kind.PUNCT, String.valueOf(c), start);
        }
        throw error(i, "unexpected character '" + printable(c) + "'");
    }

    private static String printable(char c) {
        return c < 32 || c == 127 ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    private Token number(int start) {
        StringBuilder b = new StringBuilder();
        boolean exp = false;
        while (i < end) {
            int k = continuation(i);
            if (k > 0) {
                i += k;
                continue;
            }
            char c = s.charAt(i);
            if (Character.isDigit(c) || c == '.') {
                b.append(c);
                i++;
            } else if ((c == 'e' || c == 'E') && !exp && i + 1 < end
                    && (Character.isDigit(s.charAt(i + 1)) || (s.charAt(i + 1) == '+' || s.charAt(i + 1) == '-')
                    && i + 2 < end && Character.isDigit(s.charAt(i + 2)))) {
                exp = true;
                b.append(c).append(s.charAt(i + 1));
                i += 2;
            } else {
                break;
            }
        }
        try {
            Double.parseDouble(b.toString());
        } catch (NumberFormatException e) {
            throw error(start, "malformed number '" + b + "'");
        }
        return new Token(Kind.NUM, b.toString(), start);
    }

    private Token quoted(int start) {
        StringBuilder b = new StringBuilder();
        i++;
        while (i < end) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < end && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '\\')) {
                // kept as written: Vensim's output spells the name with its escapes
                b.append(c).append(s.charAt(i + 1));
                i += 2;
            } else if (c == '"') {
                i++;
                return new Token(Kind.ID, b.toString(), start);
            } else {
                b.append(c);
                i++;
            }
        }
        throw error(start, "unclosed quoted name");
    }

    private Token string(int start) {
        int close = s.indexOf('\'', i + 1);
        if (close < 0 || close >= end) throw error(start, "unclosed string literal");
        String v = s.substring(i + 1, close);
        i = close + 1;
        return new Token(Kind.STR, v, start);
    }

    private Token name(int start) {
        StringBuilder b = new StringBuilder();
        int lastNonSpace = 0;
        while (i < end) {
            char c = s.charAt(i);
            int k = continuation(i);
            if (k > 0) {
                b.append(' ');
                i += k;
            } else if (namePart(c)) {
                b.append(c);
                i++;
                lastNonSpace = b.length();
            } else if (c == ' ' || c == '\t') {
                // a name goes on across spaces (not a bare line break) only if another name part follows
                int q = i;
                while (q < end && (s.charAt(q) == ' ' || s.charAt(q) == '\t' || continuation(q) > 0)) {
                    q += continuation(q) > 0 ? continuation(q) : 1;
                }
                if (q < end && namePart(s.charAt(q))) {
                    b.append(' ');
                    i = q;
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        String text = b.substring(0, lastNonSpace).replaceAll("\\s+", " ");
        return new Token(Kind.ID, text, start);
    }
}
