package org.dlab.engine.xmile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dlab.engine.ModelException;
import org.dlab.engine.ir.Expr;
import org.dlab.engine.ir.Expr.BinOp;
import org.dlab.engine.ir.Expr.UnOp;
import org.dlab.engine.ir.Pos;

/**
 * Parses one XMILE expression (the text of an {@code <eqn>}) into an {@link Expr}, names as
 * written. Precedence, lowest first (XMILE 1.0 section 3.3.1): OR, AND, = &lt;&gt;,
 * &lt; &lt;= &gt; &gt;=, + -, * / MOD, unary + - NOT, ^ (right-associative, so -2^2 = -4),
 * then calls, subscripts and parentheses. {@code IF c THEN a ELSE b} is an expression whose
 * ELSE part extends as far as it can. Braces are comments.
 */
final class XmileExprParser {
    enum Kind { NUM, ID, PUNCT, KEYWORD, EOF }

    /** {@code quoted}: the name was written in double quotes (so it is never a keyword). */
    record Token(Kind kind, String text, int at, boolean quoted) {
        boolean is(String punct) {
            return kind == Kind.PUNCT && text.equals(punct);
        }

        boolean isKeyword(String kw) {
            return kind == Kind.KEYWORD && text.equals(kw);
        }

        @Override
        public String toString() {
            return kind == Kind.EOF ? "the end of the equation" : "'" + text + "'";
        }
    }

    private static final List<String> KEYWORDS = List.of("AND", "OR", "NOT", "MOD", "IF", "THEN", "ELSE");

    private final XmlTree.Text where;
    private final List<Token> toks;
    private int p;

    private XmileExprParser(XmlTree.Text where, List<Token> toks) {
        this.where = where;
        this.toks = toks;
    }

    /**
     * The expressions of {@code text}: one, or several separated by commas (Stella's list of
     * values for the elements of an array); empty when it holds nothing but space and comments.
     */
    static List<Expr> parse(String text, XmlTree.Text where) {
        List<Token> toks = tokenize(text, where);
        if (toks.size() == 1) return List.of();
        XmileExprParser parser = new XmileExprParser(where, toks);
        List<Expr> out = new ArrayList<>();
        out.add(parser.expression());
        // values of a two-dimensional array may come in rows ended by ';', as Vensim writes them
        while (parser.peek().is(",") || parser.peek().is(";")) {
            parser.take();
            if (parser.peek().kind == Kind.EOF) break;
            out.add(parser.expression());
        }
        Token t = parser.peek();
        if (t.kind != Kind.EOF) throw parser.error(t, "unexpected " + t + " after the end of the expression");
        return out;
    }

    // ---- tokens ----

    static List<Token> tokenize(String s, XmlTree.Text where) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || c == '\u00A0') {
                i++;
            } else if (c == '{') {
                int close = s.indexOf('}', i);
                // Stella accepts a comment left open at the end of an equation (FRIDA has them): it runs to the end
                i = close < 0 ? n : close + 1;
            } else if (c == '"') {
                StringBuilder b = new StringBuilder();
                int start = i++;
                while (i < n && s.charAt(i) != '"') {
                    char q = s.charAt(i);
                    if (q == '\\' && i + 1 < n) {
                        char e = s.charAt(i + 1);
                        b.append(e == 'n' ? ' ' : e);
                        i += 2;
                    } else {
                        b.append(q);
                        i++;
                    }
                }
                if (i >= n) throw new ModelException(where.pos(start), "unclosed quoted name");
                i++;
                out.add(new Token(Kind.ID, b.toString(), start, true));
            } else if (Character.isDigit(c) || c == '.' && i + 1 < n && Character.isDigit(s.charAt(i + 1))) {
                int start = i;
                while (i < n && Character.isDigit(s.charAt(i))) i++;
                if (i < n && s.charAt(i) == '.') {
                    i++;
                    while (i < n && Character.isDigit(s.charAt(i))) i++;
                }
                if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                    int k = i + 1;
                    if (k < n && (s.charAt(k) == '+' || s.charAt(k) == '-')) k++;
                    if (k < n && Character.isDigit(s.charAt(k))) {
                        i = k;
                        while (i < n && Character.isDigit(s.charAt(i))) i++;
                    }
                }
                out.add(new Token(Kind.NUM, s.substring(start, i), start, false));
            } else if (nameStart(c)) {
                int start = i;
                while (i < n && (namePart(s.charAt(i)) || s.charAt(i) == '.' && i + 1 < n && namePart(s.charAt(i + 1)))) i++;
                String word = s.substring(start, i);
                String upper = word.toUpperCase(Locale.ROOT);
                out.add(KEYWORDS.contains(upper) ? new Token(Kind.KEYWORD, upper, start, false) : new Token(Kind.ID, word, start, false));
            } else {
                int start = i;
                String two = i + 1 < n ? s.substring(i, i + 2) : "";
                if (two.equals("<=") || two.equals(">=") || two.equals("<>") || two.equals("==") || two.equals("!=")
                        || two.equals("&&") || two.equals("||") || two.equals("//")) {
                    i += 2;
                    out.add(switch (two) {
                        case "==" -> new Token(Kind.PUNCT, "=", start, false);
                        case "!=" -> new Token(Kind.PUNCT, "<>", start, false);
                        case "&&" -> new Token(Kind.KEYWORD, "AND", start, false);
                        case "||" -> new Token(Kind.KEYWORD, "OR", start, false);
                        default -> new Token(Kind.PUNCT, two, start, false);
                    });
                } else if ("+-*/^()[],=<>:;".indexOf(c) >= 0) {
                    i++;
                    out.add(new Token(Kind.PUNCT, String.valueOf(c), start, false));
                } else if (c == '!') {
                    i++;
                    out.add(new Token(Kind.KEYWORD, "NOT", start, false));
                } else {
                    throw new ModelException(where.pos(i), "unexpected character '" + c + "' in an equation");
                }
            }
        }
        out.add(new Token(Kind.EOF, "", n, false));
        return out;
    }

    private static boolean nameStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '$' || c > 127 && !Character.isWhitespace(c) && c != '\u00A0';
    }

    private static boolean namePart(char c) {
        return nameStart(c) || Character.isDigit(c);
    }

    // ---- parser ----

    private Token peek() {
        return toks.get(p);
    }

    private Token take() {
        Token t = toks.get(p);
        if (p < toks.size() - 1) p++;
        return t;
    }

    private Pos pos(Token t) {
        return where.pos(t.at());
    }

    private ModelException error(Token t, String msg) {
        return new ModelException(pos(t), msg);
    }

    private void expect(String punct) {
        Token t = peek();
        if (!t.is(punct)) throw error(t, "expected '" + punct + "' but found " + t);
        take();
    }

    /** Deeper nesting than this is refused: no model needs it, and it would exhaust the stack. */
    private static final int MAX_DEPTH = 500;
    private int depth;

    private Expr expression() {
        if (++depth > MAX_DEPTH) throw error(peek(), "the expression nests more than " + MAX_DEPTH + " deep");
        try {
            return or();
        } finally {
            depth--;
        }
    }

    private Expr or() {
        Expr l = and();
        while (peek().isKeyword("OR")) {
            Token t = take();
            l = new Expr.Binary(pos(t), BinOp.OR, l, and());
        }
        return l;
    }

    private Expr and() {
        Expr l = equality();
        while (peek().isKeyword("AND")) {
            Token t = take();
            l = new Expr.Binary(pos(t), BinOp.AND, l, equality());
        }
        return l;
    }

    private Expr equality() {
        Expr l = relational();
        while (peek().is("=") || peek().is("<>")) {
            Token t = take();
            l = new Expr.Binary(pos(t), t.is("=") ? BinOp.EQ : BinOp.NE, l, relational());
        }
        return l;
    }

    private Expr relational() {
        Expr l = additive();
        while (true) {
            Token t = peek();
            BinOp op = t.kind() != Kind.PUNCT ? null : switch (t.text()) {
                case "<" -> BinOp.LT;
                case "<=" -> BinOp.LE;
                case ">" -> BinOp.GT;
                case ">=" -> BinOp.GE;
                default -> null;
            };
            if (op == null) return l;
            take();
            l = new Expr.Binary(pos(t), op, l, additive());
        }
    }

    private Expr additive() {
        Expr l = multiplicative();
        while (peek().is("+") || peek().is("-")) {
            Token t = take();
            l = new Expr.Binary(pos(t), t.is("+") ? BinOp.ADD : BinOp.SUB, l, multiplicative());
        }
        return l;
    }

    private Expr multiplicative() {
        Expr l = unary();
        while (peek().is("*") || peek().is("/") || peek().is("//") || peek().isKeyword("MOD")) {
            Token t = take();
            Expr r = unary();
            if (t.is("//")) {
                // Stella's safe division: 0 where the divisor is 0 (SAFEDIV)
                l = new Expr.Call(pos(t), "SAFEDIV", List.of(l, r));
            } else if (t.isKeyword("MOD")) {
                l = new Expr.Call(pos(t), "MODULO", List.of(l, r));
            } else {
                l = new Expr.Binary(pos(t), t.is("*") ? BinOp.MUL : BinOp.DIV, l, r);
            }
        }
        return l;
    }

    private Expr unary() {
        Token t = peek();
        if (++depth > MAX_DEPTH) throw error(t, "the expression nests more than " + MAX_DEPTH + " deep");
        try {
            return unaryOperand(t);
        } finally {
            depth--;
        }
    }

    private Expr unaryOperand(Token t) {
        if (t.is("-")) {
            take();
            return new Expr.Unary(pos(t), UnOp.NEG, unary());
        }
        if (t.is("+")) {
            take();
            return unary();
        }
        if (t.isKeyword("NOT")) {
            take();
            return new Expr.Unary(pos(t), UnOp.NOT, unary());
        }
        return power();
    }

    private Expr power() {
        Expr l = primary();
        if (peek().is("^")) {
            Token t = take();
            return new Expr.Binary(pos(t), BinOp.POW, l, unary());
        }
        return l;
    }

    private Expr primary() {
        Token t = peek();
        switch (t.kind()) {
            case NUM -> {
                take();
                return new Expr.Num(pos(t), Double.parseDouble(t.text()));
            }
            case KEYWORD -> {
                if (t.isKeyword("IF")) {
                    take();
                    Expr c = expression();
                    Token th = peek();
                    if (!th.isKeyword("THEN")) throw error(th, "expected THEN but found " + th);
                    take();
                    Expr a = expression();
                    Token el = peek();
                    if (!el.isKeyword("ELSE")) throw error(el, "expected ELSE but found " + el);
                    take();
                    Expr b = expression();
                    return new Expr.Call(pos(t), "IF THEN ELSE", List.of(c, a, b));
                }
                throw error(t, "unexpected " + t + " in an expression");
            }
            case ID -> {
                take();
                // a quoted name may be called too: "my table"(x)
                if (peek().is("(")) return call(t);
                List<Expr.Sub> subs = List.of();
                if (peek().is("[")) {
                    Expr computed = computedSubscripts(t);
                    if (computed != null) return computed;
                    subs = subscripts();
                }
                return new Expr.Ref(pos(t), t.text(), subs);
            }
            case PUNCT -> {
                if (t.is("(")) {
                    take();
                    Expr e = expression();
                    expect(")");
                    return e;
                }
                throw error(t, "unexpected " + t + " in an expression");
            }
            default -> throw error(t, "the equation ends where an expression is expected");
        }
    }

    /** Marks a reference with computed subscripts: args are the variable, then one per subscript. */
    static final String COMPUTED = "xmile computed subscripts";
    /** Marks one computed subscript (an expression) among them; plain ones stay references. */
    static final String INDEX = "xmile index";

    /**
     * {@code x[i[Run]]}, {@code x[Dim-1]}: subscripts that are expressions (Stella computes an
     * index from them), as one {@link #COMPUTED} call; null, with nothing read, when every
     * subscript is a plain name, number or {@code *}.
     */
    private Expr computedSubscripts(Token name) {
        int start = p;
        expect("[");
        boolean plain = true;
        do {
            Token s = peek();
            if (s.is("*") || s.kind() == Kind.ID || s.kind() == Kind.NUM) {
                take();
                if (!peek().is(",") && !peek().is("]")) plain = false;
            } else {
                plain = false;
            }
            if (!plain) break;
        } while (peek().is(",") && take() != null);
        p = start;
        if (plain) return null;
        expect("[");
        List<Expr> args = new ArrayList<>();
        args.add(new Expr.Ref(pos(name), name.text(), List.of()));
        do {
            Token s = peek();
            Token after = p + 1 < toks.size() ? toks.get(p + 1) : s;
            if (s.is("*") || (s.kind() == Kind.ID || s.kind() == Kind.NUM) && (after.is(",") || after.is("]"))) {
                take();
                String n = s.kind() == Kind.NUM ? numberName(s) : s.text();
                args.add(new Expr.Ref(pos(s), n, List.of()));
            } else {
                args.add(new Expr.Call(pos(s), INDEX, List.of(expression())));
            }
        } while (peek().is(",") && take() != null);
        expect("]");
        return new Expr.Call(pos(name), COMPUTED, args);
    }

    /** {@code [a, 1, *, Dim.elem]}: names, numbers (positions or numeric elements) and wildcards. */
    private List<Expr.Sub> subscripts() {
        expect("[");
        List<Expr.Sub> out = new ArrayList<>();
        do {
            Token s = peek();
            if (s.is("*")) {
                take();
                out.add(new Expr.Sub("*", true));
            } else if (s.kind() == Kind.ID || s.kind() == Kind.NUM) {
                take();
                String name = s.text();
                if (s.kind() == Kind.NUM) name = numberName(s);
                if (peek().is(":")) throw error(peek(), "subscript ranges (a:b) are not supported");
                out.add(new Expr.Sub(name, false));
            } else {
                throw error(s, "expected a subscript (an element, dimension, number or *) but found " + s);
            }
        } while (peek().is(",") && take() != null);
        expect("]");
        return out;
    }

    private String numberName(Token s) {
        double v = Double.parseDouble(s.text());
        if (v != Math.rint(v) || v < 1 || v > Integer.MAX_VALUE) throw error(s, "an array index must be a whole number from 1, got " + s.text());
        return Integer.toString((int) v);
    }

    private Expr call(Token fn) {
        expect("(");
        List<Expr> args = new ArrayList<>();
        if (!peek().is(")")) {
            do {
                args.add(expression());
            } while (peek().is(",") && take() != null);
        }
        if (!peek().is(")")) throw error(peek(), "expected ',' or ')' in the arguments of " + fn.text() + " but found " + peek());
        take();
        return new Expr.Call(pos(fn), fn.text(), args);
    }
}
