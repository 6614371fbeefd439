package org.dlab.engine.vensim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dlab.engine.ModelException;
import org.dlab.engine.ir.Equation;
import org.dlab.engine.ir.Expr;
import org.dlab.engine.ir.Expr.BinOp;
import org.dlab.engine.ir.Expr.UnOp;
import org.dlab.engine.ir.Pos;
import org.dlab.engine.ir.SubscriptRange;
import org.dlab.engine.vensim.Token.Kind;

/**
 * Recursive-descent parser for the definition part of one Vensim equation (the text before the
 * first {@code ~}). Operator precedence follows Vensim: :OR: &lt; :AND: &lt; :NOT: &lt;
 * comparison &lt; + - &lt; * / &lt; ^ &lt; unary minus.
 */
final class EquationParser {
    /**
     * Deepest expression accepted, counting parentheses, calls, unary operators and each link
     * of an operator chain. Real models stay far below (the shared suite's deepest is 16); the
     * bound keeps this recursive parser, the analyzer and the Java compiler off the end of
     * their stacks on hostile input such as 100,000 nested parentheses.
     */
    static final int MAX_DEPTH = 200;

    /** Most elements a numeric range such as (a1-a100) may have. */
    static final int MAX_RANGE = 100_000;

    private final SourceText src;
    private final List<Token> toks;
    private int p;
    private int depth;

    EquationParser(SourceText src, List<Token> toks) {
        this.src = src;
        this.toks = toks;
    }

    /** What one definition turned out to be. */
    sealed interface Parsed {}

    record ParsedEquation(Pos pos, String name, List<String> subs, List<List<String>> except, Equation.Definition def,
            List<Pos> subsPos) implements Parsed {}

    record ParsedRange(SubscriptRange range) implements Parsed {}

    private Token peek() {
        return toks.get(p);
    }

    private Token peek(int k) {
        return toks.get(Math.min(p + k, toks.size() - 1));
    }

    private Token take() {
        return toks.get(p == toks.size() - 1 ? p : p++);
    }

    Pos pos(Token t) {
        return src.pos(t.offset());
    }

    private ModelException error(Token t, String msg) {
        return new ModelException(pos(t), msg);
    }

    private Token expect(String punct) {
        Token t = peek();
        if (!t.is(punct)) throw error(t, "expected '" + punct + "' but found " + t);
        return take();
    }

    private String expectName() {
        Token t = peek();
        if (t.kind() != Kind.ID) throw error(t, "expected a name but found " + t);
        take();
        return t.text();
    }

    Parsed parseDefinition() {
        Token first = peek();
        String name = expectName();
        List<String> subs = List.of();
        List<Pos> subsPos = new ArrayList<>();
        List<List<String>> except = new ArrayList<>();
        if (peek().is("[")) subs = nameList(subsPos);
        if (peek().isKeyword(":EXCEPT:")) {
            take();
            except.add(nameList(new ArrayList<>()));
            while (peek().is(",")) {
                take();
                except.add(nameList(new ArrayList<>()));
            }
        }
        String mode = modeKeyword();
        Token t = peek();
        if (t.isKeyword(":THE CONDITION:") || t.isKeyword(":TEST INPUT:")) {
            return null; // reality checks: not part of the simulation
        }
        Equation.Definition def;
        if (t.is(":") && subs.isEmpty()) {
            take();
            return new ParsedRange(rangeDefinition(first, name));
        } else if (t.is("<->")) {
            take();
            String other = expectName();
            end();
            return new ParsedRange(new SubscriptRange(pos(first), name, List.of(), List.of(), other));
        } else if (t.is("=")) {
            take();
            def = formulaOrList();
        } else if (t.is("==")) {
            take();
            def = formulaOrList();
            if (def instanceof Equation.Formula f) def = new Equation.Unchangeable(f.expr());
        } else if (t.is(":=")) {
            take();
            Expr e = expression();
            String after = modeKeyword();
            def = new Equation.Data(e, mode != null ? mode : after);
        } else if (t.is("(")) {
            def = lookupDefinition();
        } else if (t.kind() == Kind.EOF || t.kind() == Kind.KEYWORD) {
            String after = modeKeyword();
            def = new Equation.Data(null, mode != null ? mode : after);
        } else {
            throw error(t, "expected '=', ':', '(' or '==' after '" + name + "' but found " + t);
        }
        if (peek().kind() == Kind.KEYWORD) modeKeyword();
        end();
        return new ParsedEquation(pos(first), name, subs, except, def, subsPos);
    }

    private String modeKeyword() {
        Token t = peek();
        if (t.kind() == Kind.KEYWORD && List.of(":INTERPOLATE:", ":RAW:", ":HOLD BACKWARD:", ":LOOK FORWARD:")
                .contains(t.text())) {
            take();
            return t.text();
        }
        return null;
    }

    private void end() {
        Token t = peek();
        if (t.is(")")) throw error(t, "unbalanced parentheses: ')' without a matching '('");
        if (t.kind() != Kind.EOF) throw error(t, "unexpected " + t + " after the end of the equation");
    }

    /**
     * The ')' closing {@code open}. At the end of the equation the fault is the '(' left open,
     * so that is where the error points, not at the '~' where the parser noticed.
     */
    private void close(Token open, String what) {
        if (peek().kind() == Kind.EOF) throw error(open, "unbalanced parentheses: this '(' " + what + "is not closed");
        expect(")");
    }

    /** {@code [a, b!, c]}: the names, with where each is written added to {@code positions}. */
    private List<String> nameList(List<Pos> positions) {
        expect("[");
        List<String> out = new ArrayList<>();
        do {
            Token t = peek();
            if (t.kind() == Kind.ID) {
                take();
                positions.add(pos(t));
                out.add(peek().is("!") ? t.text() + take().text() : t.text());
            } else {
                throw error(t, "expected a subscript name but found " + t);
            }
        } while (peek().is(",") && take() != null);
        expect("]");
        return out;
    }

    private SubscriptRange rangeDefinition(Token first, String name) {
        List<String> elements = new ArrayList<>();
        if (peek().kind() == Kind.KEYWORD && peek().text().startsWith(":")) {
            throw error(peek(), "unsupported subscript definition " + peek());
        }
        if (peek().kind() == Kind.ID && peek().text().equalsIgnoreCase("GET DIRECT SUBSCRIPT")
                || peek().kind() == Kind.ID && peek().text().equalsIgnoreCase("GET XLS SUBSCRIPT")) {
            Token fn = take();
            Expr call = callArgs(fn, fn.text());
            end();
            return new SubscriptRange(pos(first), name, List.of("\u0000" + encodeCall(call)), List.of(), null);
        }
        do {
            if (peek().is("(")) {
                Token open = take();
                String a = expectName();
                expect("-");
                String b = expectName();
                expect(")");
                elements.addAll(numericRange(open, a, b));
            } else {
                elements.add(expectName());
            }
        } while (peek().is(",") && take() != null);
        List<SubscriptRange.Mapping> maps = new ArrayList<>();
        if (peek().is("->")) {
            take();
            do {
                if (peek().is("(")) {
                    take();
                    String target = expectName();
                    expect(":");
                    List<String> els = new ArrayList<>();
                    do {
                        els.add(expectName());
                    } while (peek().is(",") && take() != null);
                    expect(")");
                    maps.add(new SubscriptRange.Mapping(target, els));
                } else {
                    maps.add(new SubscriptRange.Mapping(expectName(), List.of()));
                }
            } while (peek().is(",") && take() != null);
            while (peek().kind() == Kind.ID) take(); // Vensim tolerates a repeated target name after a mapping
        }
        end();
        return new SubscriptRange(pos(first), name, elements, maps, null);
    }

    /** GET DIRECT SUBSCRIPT arguments travel as a marker element; the analyzer reads the file. */
    private static String encodeCall(Expr call) {
        List<String> parts = new ArrayList<>();
        for (Expr a : ((Expr.Call) call).args()) parts.add(a instanceof Expr.Str s ? s.value() : "");
        return String.join("\u0001", parts);
    }

    /** {@code (a1-a5)}: elements whose names end in a number, from a to b. */
    private List<String> numericRange(Token at, String a, String b) {
        int ia = trailingDigits(a);
        int ib = trailingDigits(b);
        if (ia == a.length() || ib == b.length() || !a.substring(0, ia).equals(b.substring(0, ib))) {
            throw error(at, "numeric range (" + a + "-" + b + ") needs names with one prefix ending in numbers");
        }
        long from = parseCount(a.substring(ia));
        long to = parseCount(b.substring(ib));
        // a dozen characters must not make millions of elements: real ranges have hundreds at most
        if (from < 0 || to < from || to - from >= MAX_RANGE) {
            throw error(at, "numeric range (" + a + "-" + b + ") is empty or has more than " + MAX_RANGE + " elements");
        }
        List<String> out = new ArrayList<>();
        for (long k = from; k <= to; k++) out.add(a.substring(0, ia) + k);
        return out;
    }

    /** The number ending an element name, or -1 past 18 digits (no range reaches that far). */
    private static long parseCount(String digits) {
        return digits.length() > 18 ? -1 : Long.parseLong(digits);
    }

    private static int trailingDigits(String s) {
        int k = s.length();
        while (k > 0 && Character.isDigit(s.charAt(k - 1))) k--;
        return k;
    }

    private Equation.Definition formulaOrList() {
        Token start = peek();
        if (start.kind() == Kind.ID && norm(start.text()).equals("tabbed array") && peek(1).is("(")) {
            take();
            take();
            List<Expr> values = new ArrayList<>();
            while (!peek().is(")")) {
                Token n = peek();
                double v = signedNumber();
                values.add(new Expr.Num(pos(n), v));
            }
            take();
            return new Equation.ConstantList(List.of(values));
        }
        Expr e = expression();
        if (peek().is(",") || peek().is(";")) {
            List<List<Expr>> rows = new ArrayList<>();
            List<Expr> row = new ArrayList<>();
            row.add(e);
            while (peek().is(",") || peek().is(";")) {
                Token sep = take();
                if (sep.is(";")) {
                    rows.add(row);
                    row = new ArrayList<>();
                    if (peek().kind() == Kind.EOF) break;
                }
                row.add(expression());
            }
            if (!row.isEmpty()) rows.add(row);
            return new Equation.ConstantList(rows);
        }
        if (e instanceof Expr.Call c && norm(c.function()).equals("integ")) {
            if (c.args().size() != 2) throw error(start, "INTEG takes 2 arguments (rate, initial value), got " + c.args().size());
            return new Equation.Stock(c.args().get(0), c.args().get(1), false);
        }
        return new Equation.Formula(e);
    }

    static String norm(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[\\s_]+", " ").trim();
    }

    private Equation.Definition lookupDefinition() {
        Token open = expect("(");
        if (peek().kind() == Kind.ID) {
            // name( GET XLS LOOKUPS(...) ) and similar
            Expr e = expression();
            expect(")");
            return new Equation.Data(e, "LOOKUP");
        }
        Expr.Table t = tableBody(open);
        expect(")");
        return new Equation.Lookup(t.xs(), t.ys(), null);
    }

    /** Table contents after the opening parenthesis: optional range, then pairs or x-list, y-list. */
    private Expr.Table tableBody(Token open) {
        if (peek().is("[")) {
            // [(xmin,ymin)-(xmax,ymax), optional extra points]
            int depth = 0;
            do {
                Token t = take();
                if (t.is("[")) depth++;
                if (t.is("]")) depth--;
                if (t.kind() == Kind.EOF) throw error(open, "unclosed lookup range");
            } while (depth > 0);
            if (peek().is(",")) take();
        }
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        if (peek().is("(")) {
            do {
                expect("(");
                xs.add(signedNumber());
                expect(",");
                ys.add(signedNumber());
                expect(")");
            } while (peek().is(",") && take() != null);
        } else {
            List<Double> all = new ArrayList<>();
            do {
                all.add(signedNumber());
            } while (peek().is(",") && take() != null);
            if (all.size() % 2 != 0) throw error(open, "lookup has an odd number of values (" + all.size() + ")");
            xs.addAll(all.subList(0, all.size() / 2));
            ys.addAll(all.subList(all.size() / 2, all.size()));
        }
        double[] x = unbox(xs);
        double[] y = unbox(ys);
        sortByX(x, y);
        return new Expr.Table(pos(open), x, y);
    }

    /** Points given out of order are sorted by x (stable), so interpolation can search them. */
    private static void sortByX(double[] x, double[] y) {
        for (int i = 1; i < x.length; i++) {
            double kx = x[i];
            double ky = y[i];
            int j = i - 1;
            while (j >= 0 && x[j] > kx) {
                x[j + 1] = x[j];
                y[j + 1] = y[j];
                j--;
            }
            x[j + 1] = kx;
            y[j + 1] = ky;
        }
    }

    private static double[] unbox(List<Double> l) {
        double[] a = new double[l.size()];
        for (int k = 0; k < a.length; k++) a[k] = l.get(k);
        return a;
    }

    private double signedNumber() {
        boolean neg = false;
        while (peek().is("-") || peek().is("+")) {
            if (take().is("-")) neg = !neg;
        }
        Token t = peek();
        if (t.kind() != Kind.NUM) throw error(t, "expected a number but found " + t);
        take();
        double v = Double.parseDouble(t.text());
        return neg ? -v : v;
    }

    // ---- expressions ----

    /** One level deeper at {@code at}; callers undo it with {@code depth -= levels}. */
    private void deeper(Token at) {
        if (++depth > MAX_DEPTH) {
            throw error(at, "expression is nested too deeply (more than " + MAX_DEPTH + " levels)");
        }
    }

    Expr expression() {
        deeper(peek());
        try {
            return or();
        } finally {
            depth--;
        }
    }

    private Expr or() {
        int saved = depth;
        Expr l = and();
        while (peek().isKeyword(":OR:")) {
            Token t = take();
            deeper(t);
            l = new Expr.Binary(pos(t), BinOp.OR, l, and());
        }
        depth = saved;
        return l;
    }

    private Expr and() {
        int saved = depth;
        Expr l = not();
        while (peek().isKeyword(":AND:")) {
            Token t = take();
            deeper(t);
            l = new Expr.Binary(pos(t), BinOp.AND, l, not());
        }
        depth = saved;
        return l;
    }

    private Expr not() {
        if (peek().isKeyword(":NOT:")) {
            Token t = take();
            deeper(t);
            Expr operand = not();
            depth--;
            return new Expr.Unary(pos(t), UnOp.NOT, operand);
        }
        return comparison();
    }

    private Expr comparison() {
        int saved = depth;
        Expr l = additive();
        while (true) {
            Token t = peek();
            BinOp op = t.kind() != Kind.PUNCT ? null : switch (t.text()) {
                case "=" -> BinOp.EQ;
                case "<>" -> BinOp.NE;
                case "<" -> BinOp.LT;
                case "<=" -> BinOp.LE;
                case ">" -> BinOp.GT;
                case ">=" -> BinOp.GE;
                default -> null;
            };
            if (op == null) {
                depth = saved;
                return l;
            }
            take();
            deeper(t);
            l = new Expr.Binary(pos(t), op, l, additive());
        }
    }

    private Expr additive() {
        int saved = depth;
        Expr l = multiplicative();
        while (peek().is("+") || peek().is("-")) {
            Token t = take();
            deeper(t);
            l = new Expr.Binary(pos(t), t.is("+") ? BinOp.ADD : BinOp.SUB, l, multiplicative());
        }
        depth = saved;
        return l;
    }

    private Expr multiplicative() {
        int saved = depth;
        Expr l = unary();
        while (peek().is("*") || peek().is("/")) {
            Token t = take();
            deeper(t);
            l = new Expr.Binary(pos(t), t.is("*") ? BinOp.MUL : BinOp.DIV, l, unary());
        }
        depth = saved;
        return l;
    }

    /** Right-associative, binding tighter than unary minus: -2^2 = -4, 4^3^2 = 4^9 (as Vensim). */
    private Expr power() {
        Expr l = primary();
        if (peek().is("^")) {
            Token t = take();
            deeper(t);
            Expr r = unary();
            depth--;
            return new Expr.Binary(pos(t), BinOp.POW, l, r);
        }
        return l;
    }

    private Expr unary() {
        Token t = peek();
        if (t.is("-") || t.is("+") || t.isKeyword(":NOT:")) {
            take();
            deeper(t);
            Expr operand = unary();
            depth--;
            if (t.is("+")) return operand;
            return new Expr.Unary(pos(t), t.is("-") ? UnOp.NEG : UnOp.NOT, operand);
        }
        return power();
    }

    private Expr primary() {
        Token t = peek();
        switch (t.kind()) {
            case NUM -> {
                take();
                return new Expr.Num(pos(t), Double.parseDouble(t.text()));
            }
            case STR -> {
                take();
                return new Expr.Str(pos(t), t.text());
            }
            case KEYWORD -> {
                if (t.text().equals(":NA:")) {
                    take();
                    return new Expr.Na(pos(t));
                }
                throw error(t, "unexpected " + t + " in an expression");
            }
            case ID -> {
                take();
                if (peek().is("(")) return callArgs(t, t.text());
                List<Expr.Sub> subs = List.of();
                if (peek().is("[")) {
                    subs = new ArrayList<>();
                    take();
                    do {
                        Token s = peek();
                        if (s.kind() != Kind.ID) throw error(s, "expected a subscript name but found " + s);
                        take();
                        boolean bang = peek().is("!");
                        if (bang) take();
                        subs.add(new Expr.Sub(s.text(), bang, pos(s)));
                    } while (peek().is(",") && take() != null);
                    expect("]");
                    if (peek().is("(")) {
                        // a subscripted lookup called with an argument: x[A](input)
                        Token open = take();
                        Expr arg = expression();
                        expect(")");
                        return new Expr.LookupCall(pos(open), new Expr.Ref(pos(t), t.text(), subs), arg);
                    }
                }
                return new Expr.Ref(pos(t), t.text(), subs);
            }
            case PUNCT -> {
                if (t.is("(")) {
                    take();
                    if (peek().is("[") || peek().is("(")) {
                        // an inline table where an expression is expected
                        int save = p;
                        if (peek().is("[") || looksLikePair()) {
                            Expr.Table tb = tableBody(t);
                            expect(")");
                            return tb;
                        }
                        p = save;
                    }
                    Expr e = expression();
                    close(t, "");
                    return e;
                }
                throw error(t, "unexpected " + t + " in an expression");
            }
            default -> throw error(t, t.kind() == Kind.EOF ? "the equation ends where an expression is expected"
                    : "unexpected " + t);
        }
    }

    /** At '(' NUM ',' NUM ')': the start of a table of pairs rather than a parenthesised expression. */
    private boolean looksLikePair() {
        int k = 0;
        if (!peek(k).is("(")) return false;
        k++;
        if (peek(k).is("-")) k++;
        if (peek(k).kind() != Kind.NUM) return false;
        k++;
        if (!peek(k).is(",")) return false;
        k++;
        if (peek(k).is("-")) k++;
        if (peek(k).kind() != Kind.NUM) return false;
        k++;
        return peek(k).is(")");
    }

    private Expr callArgs(Token fn, String name) {
        Token open = expect("(");
        List<Expr> args = new ArrayList<>();
        if (!peek().is(")")) {
            do {
                if (peek().is(")")) break; // trailing comma tolerated
                args.add(expression());
            } while (peek().is(",") && take() != null);
        }
        if (peek().kind() == Kind.EOF) close(open, "of " + name + " ");
        if (!peek().is(")")) throw error(peek(), "expected ',' or ')' in the arguments of " + name + " but found " + peek());
        take();
        return new Expr.Call(pos(fn), name, args);
    }
}
