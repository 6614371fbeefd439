package org.dlab.engine.xmile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.dlab.engine.ModelException;
import org.dlab.engine.ir.Expr;
import org.dlab.engine.ir.Expr.BinOp;
import org.dlab.engine.model.Builtin;
import org.dlab.engine.model.Names;
import org.dlab.engine.model.Subscripts;

/**
 * Writes an expression of the neutral form as XMILE equation text. Functions with an XMILE
 * counterpart of the same meaning get its name (SMOOTH is SMTH1, DELAY FIXED is DELAY...);
 * Vensim's PULSE, which means something else in XMILE, and ZIDZ, XIDZ, PULSE TRAIN, RAMP with an
 * end, QUANTUM... are spelled out in XMILE's terms with the engine's exact semantics; functions
 * with no XMILE form (VECTOR SELECT, ACTIVE INITIAL...) keep their own name with underscores
 * ({@code VECTOR_SELECT}), which this engine reads back, and are reported in the conversion. Inline
 * tables become named graphical functions. Parentheses are written only where precedence needs them.
 */
final class XmileExprWriter {
    private final Subscripts subs;
    /** The element being written (range key to element key), or null for apply-to-all. */
    private final Map<String, String> bindings;
    /** A variable's XMILE dimensions by name key, to write a whole-dimension reduction as '*'. */
    private final Function<String, List<String>> dimsOf;
    /** Names a generated graphical function for an inline table, given the table and the call position. */
    private final BiFunction<Expr.Table, Integer, String> tableName;
    /** Collects functions written under a name that XMILE lacks; knows the time step. */
    private final ConversionScope scope;
    private int tables;

    XmileExprWriter(Subscripts subs, Map<String, String> bindings, Function<String, List<String>> dimsOf,
                    BiFunction<Expr.Table, Integer, String> tableName, ConversionScope scope) {
        this.subs = subs;
        this.bindings = bindings;
        this.dimsOf = dimsOf;
        this.tableName = tableName;
        this.scope = scope;
    }

    /**
     * The builtins of XMILE 1.0 (section 3.5) that Stella also reads; a call to anything else that
     * is not a table or macro of the model is reported as foreign.
     */
    static final Set<String> XMILE_BUILTINS = Set.of("ABS", "ARCCOS", "ARCSIN", "ARCTAN", "COS", "EXP", "INF", "INT",
            "LN", "LOG10", "MAX", "MIN", "PI", "SIN", "SQRT", "TAN", "DELAY", "DELAY1", "DELAY3", "DELAYN", "FORCST",
            "SMTH1", "SMTH3", "SMTHN", "TREND", "PULSE", "RAMP", "STEP", "EXPRND", "LOGNORMAL", "NORMAL", "POISSON",
            "RANDOM", "INIT", "PREVIOUS", "MEAN", "PROD", "RANK", "SIZE", "STDDEV", "SUM", "SAFEDIV", "LOOKUP");

    /** Vensim's threshold below which ZIDZ and XIDZ treat a denominator as zero (the engine's too). */
    private static final String DIVISION_EPSILON = "0.000001";

    /** A name as an XMILE identifier: underscores for spaces where that is enough, else quoted. */
    static String name(String n) {
        String s = n.strip().replaceAll("\\s+", " ");
        if (s.matches("[A-Za-z_][A-Za-z0-9_ ]*") && !isKeyword(s)) return s.replace(' ', '_');
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static boolean isKeyword(String s) {
        return List.of("AND", "OR", "NOT", "MOD", "IF", "THEN", "ELSE").contains(s.toUpperCase(Locale.ROOT));
    }

    static String number(double v) {
        if (Double.isNaN(v)) return "NAN";
        if (Double.isInfinite(v)) return v > 0 ? "INF" : "-INF";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v);
    }

    String write(Expr e) {
        return expr(e, 0);
    }

    // precedence, lowest first, as XmileExprParser reads it
    private static final int OR = 1;
    private static final int AND = 2;
    private static final int EQUALITY = 3;
    private static final int RELATIONAL = 4;
    private static final int ADDITIVE = 5;
    private static final int MULTIPLICATIVE = 6;
    private static final int UNARY = 7;
    private static final int POWER = 8;
    private static final int PRIMARY = 9;

    private static int precedence(BinOp op) {
        return switch (op) {
            case OR -> OR;
            case AND -> AND;
            case EQ, NE -> EQUALITY;
            case LT, LE, GT, GE -> RELATIONAL;
            case ADD, SUB -> ADDITIVE;
            case MUL, DIV -> MULTIPLICATIVE;
            case POW -> POWER;
        };
    }

    private static String symbol(BinOp op) {
        return switch (op) {
            case OR -> " OR ";
            case AND -> " AND ";
            case EQ -> " = ";
            case NE -> " <> ";
            case LT -> " < ";
            case LE -> " <= ";
            case GT -> " > ";
            case GE -> " >= ";
            case ADD -> " + ";
            case SUB -> " - ";
            case MUL -> " * ";
            case DIV -> " / ";
            case POW -> "^";
        };
    }

    /** The text of e, parenthesised when its precedence is below {@code min}. */
    private String expr(Expr e, int min) {
        int prec;
        String text;
        if (e instanceof Expr.Binary b) {
            prec = precedence(b.op());
            // left-associative, except ^ which associates to the right
            int left = b.op() == BinOp.POW ? prec + 1 : prec;
            int right = b.op() == BinOp.POW ? UNARY : prec + 1;
            text = expr(b.left(), left) + symbol(b.op()) + expr(b.right(), right);
        } else if (e instanceof Expr.Unary u) {
            prec = UNARY;
            String op = switch (u.op()) {
                case NEG -> "-";
                case PLUS -> "+";
                case NOT -> "NOT ";
            };
            text = op + expr(u.operand(), UNARY);
        } else if (e instanceof Expr.Num n) {
            text = number(n.value());
            prec = n.value() < 0 || text.startsWith("-") ? UNARY : PRIMARY;
        } else if (e instanceof Expr.Na) {
            // Vensim's :NA: is a number (-2^110), not XMILE's NaN: written as that number it keeps X = :NA: true
            text = number(org.dlab.engine.functions.Library.NA);
            prec = UNARY;
        } else if (e instanceof Expr.Ref r) {
            text = ref(r);
            prec = PRIMARY;
        } else if (e instanceof Expr.LookupCall l) {
            text = "LOOKUP(" + expr(l.table(), 0) + ", " + expr(l.x(), 0) + ")";
            prec = PRIMARY;
        } else if (e instanceof Expr.Call c) {
            text = call(c);
            prec = text.startsWith("IF ") ? OR - 1 : PRIMARY;
        } else if (e instanceof Expr.Str s) {
            throw new ModelException(s.pos(), "a quoted string ('" + s.value() + "') cannot be written as XMILE");
        } else {
            Expr.Table t = (Expr.Table) e;
            throw new ModelException(t.pos(), "a lookup table is only allowed as the argument of WITH LOOKUP");
        }
        return prec < min ? "(" + text + ")" : text;
    }

    private String ref(Expr.Ref r) {
        if (r.subs().isEmpty()) {
            Subscripts.Range range = subs.range(r.name());
            if (range != null && bindings != null) {
                // a range as a value inside one element's equation: that element, whose position it means
                String el = subs.correspond(range, bindings, r.pos());
                if (el != null) return name(subs.elementName(el));
            }
            return name(r.name());
        }
        List<String> dims = dimsOf.apply(Names.key(r.name()));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < r.subs().size(); i++) {
            Expr.Sub s = r.subs().get(i);
            Subscripts.Range range = subs.range(s.name());
            if (s.reduce()) {
                boolean whole = range != null && dims != null && i < dims.size() && Names.key(dims.get(i)).equals(range.key());
                out.add(whole ? "*" : name(s.name()));
            } else if (range != null && bindings != null) {
                // inside one element's equation a range stands for the element it corresponds to
                String el = subs.correspond(range, bindings, r.pos());
                out.add(name(el == null ? s.name() : subs.elementName(el)));
            } else {
                out.add(name(range != null ? s.name() : subs.isElement(s.name()) ? subs.elementName(Names.key(s.name())) : s.name()));
            }
        }
        return name(r.name()) + "[" + String.join(", ", out) + "]";
    }

    private String args(List<Expr> as) {
        List<String> out = new ArrayList<>();
        for (Expr a : as) out.add(expr(a, 0));
        return String.join(", ", out);
    }

    private String fn(String name, List<Expr> as) {
        return name + "(" + args(as) + ")";
    }

    private String call(Expr.Call c) {
        String fk = Names.key(c.function());
        List<Expr> a = c.args();
        int n = a.size();
        switch (fk) {
            case "if then else":
                if (n == 3) return "IF " + expr(a.get(0), 0) + " THEN " + expr(a.get(1), 0) + " ELSE " + expr(a.get(2), 0);
                break;
            case "smooth", "smoothi":
                return fn("SMTH1", a);
            case "smooth3", "smooth3i":
                return fn("SMTH3", a);
            case "smooth n":
                if (n == 4) return fn("SMTHN", List.of(a.get(0), a.get(1), a.get(3), a.get(2)));
                break;
            case "delay1", "delay1i":
                return fn("DELAY1", a);
            case "delay3", "delay3i":
                return fn("DELAY3", a);
            case "delay fixed":
                return fn("DELAY", a);
            case "initial":
                return fn("INIT", a);
            case "forecast":
                return fn("FORCST", a);
            case "vmin":
                return fn("MIN", a);
            case "vmax":
                return fn("MAX", a);
            case "delay n":
                // DELAYN(input, delay time, order, initial); Vensim's DELAY N(input, delay time, initial, order).
                // Same numbers only for a fixed delay time and an order Vensim does not lower (order x DT <= delay).
                if (n == 4 && a.get(1) instanceof Expr.Num d && a.get(3) instanceof Expr.Num o
                        && Math.rint(o.value()) * scope.timeStep() <= d.value()) {
                    return fn("DELAYN", List.of(a.get(0), a.get(1), a.get(3), a.get(2)));
                }
                break;
            case "zidz":
                if (n == 2) return "IF ABS(" + expr(a.get(1), 0) + ") < " + DIVISION_EPSILON + " THEN 0 ELSE "
                        + expr(a.get(0), MULTIPLICATIVE) + " / " + expr(a.get(1), UNARY);
                break;
            case "xidz":
                if (n == 3) return "IF ABS(" + expr(a.get(1), 0) + ") < " + DIVISION_EPSILON + " THEN " + expr(a.get(2), 0) + " ELSE "
                        + expr(a.get(0), MULTIPLICATIVE) + " / " + expr(a.get(1), UNARY);
                break;
            case "power":
                if (n == 2) return expr(a.get(0), UNARY) + "^" + expr(a.get(1), UNARY);
                break;
            case "quantum":
                if (n == 2) return "IF " + expr(a.get(1), RELATIONAL + 1) + " <= 0 THEN " + expr(a.get(0), 0) + " ELSE "
                        + expr(a.get(1), MULTIPLICATIVE) + " * INT(" + expr(a.get(0), MULTIPLICATIVE) + " / " + expr(a.get(1), UNARY) + ")";
                break;
            case "game":
                // outside a game GAME passes its input through
                if (n == 1) return "(" + expr(a.get(0), 0) + ")";
                break;
            case "elmcount":
                if (n == 1 && a.get(0) instanceof Expr.Ref r && r.subs().isEmpty() && subs.range(r.name()) != null) {
                    return Integer.toString(subs.range(r.name()).elements().size());
                }
                break;
            case "sinh":
                if (n == 1) return "(EXP(" + expr(a.get(0), 0) + ") - EXP(-" + expr(a.get(0), UNARY) + ")) / 2";
                break;
            case "cosh":
                if (n == 1) return "(EXP(" + expr(a.get(0), 0) + ") + EXP(-" + expr(a.get(0), UNARY) + ")) / 2";
                break;
            case "tanh":
                // 1 - 2 / (e^2x + 1): no overflow to INF / INF for large x
                if (n == 1) return "1 - 2 / (EXP(2 * " + expr(a.get(0), MULTIPLICATIVE + 1) + ") + 1)";
                break;
            case "pulse train":
                if (n == 4) return pulseTrain(a.get(0), a.get(1), a.get(2), a.get(3));
                break;
            case "ramp":
                // XMILE's RAMP has no end time: spelled out as the engine computes it
                if (n == 3) return "IF TIME <= " + expr(a.get(1), RELATIONAL + 1) + " THEN 0 ELSE " + expr(a.get(0), MULTIPLICATIVE)
                        + " * (MIN(TIME, " + expr(a.get(2), 0) + ") - " + expr(a.get(1), ADDITIVE + 1) + ")";
                break;
            case "log":
                if (n == 2) return "LN(" + expr(a.get(0), 0) + ") / LN(" + expr(a.get(1), 0) + ")";
                break;
            case "modulo":
                if (n == 2) return expr(a.get(0), MULTIPLICATIVE) + " MOD " + expr(a.get(1), UNARY);
                break;
            case "pulse":
                if (n == 2) return pulse(a.get(0), a.get(1));
                break;
            case "with lookup":
                if (n == 2 && a.get(1) instanceof Expr.Table t) return name(tableName.apply(t, ++tables)) + "(" + expr(a.get(0), 0) + ")";
                break;
            default:
                break;
        }
        // a lookup table of the model, called by its name
        if (dimsOf.apply(fk) != null) return name(c.function()) + "(" + args(a) + ")";
        // a builtin row with an XMILE name of the same meaning (INTEGER is INT)
        Builtin b = Builtin.named(fk);
        if (b != null && b.xmile != null) return fn(b.xmile, a);
        // same name in XMILE, or a function XMILE lacks, kept by its own name for this engine
        String written = c.function().strip().replaceAll("\\s+", "_");
        if (!XMILE_BUILTINS.contains(written.toUpperCase(Locale.ROOT))) scope.foreignFunctions().add(written.toUpperCase(Locale.ROOT));
        return (written.matches("[A-Za-z_][A-Za-z0-9_]*") ? written.toUpperCase(Locale.ROOT) : name(c.function())) + "(" + args(a) + ")";
    }

    /**
     * Vensim's PULSE TRAIN(start, width, interval, end): the engine's pulse of {@code width} (one
     * step when 0) every {@code interval} from start to end, with the same mid-step tests; the
     * remainder is taken of a non-negative number, where XMILE's MOD and Vensim's agree.
     */
    private String pulseTrain(Expr start, Expr width, Expr interval, Expr end) {
        String s = expr(start, ADDITIVE + 1);
        String w = expr(width, EQUALITY + 1);
        String i = expr(interval, RELATIONAL + 1);
        String since = "(TIME - " + s + " + DT / 2)";
        String cycle = "(IF " + i + " > 0 THEN " + since + " MOD " + expr(interval, UNARY) + " ELSE " + since + ")";
        return "IF TIME + DT / 2 < " + s + " OR TIME - DT / 2 > " + expr(end, ADDITIVE + 1) + " THEN 0 ELSE IF "
                + cycle + " > 0 AND " + cycle + " < (IF " + w + " = 0 THEN DT ELSE " + w + ") THEN 1 ELSE 0";
    }

    /**
     * Vensim's PULSE(start, width): 1 from start for width (one step when width is 0), tested at
     * mid-step exactly as the engine's own PULSE does.
     */
    private String pulse(Expr start, Expr width) {
        String s = expr(start, ADDITIVE + 1);
        String w = expr(width, EQUALITY + 1);
        return "IF TIME + DT / 2 > " + s + " AND TIME + DT / 2 < " + s + " + (IF " + w + " = 0 THEN DT ELSE " + w + ") THEN 1 ELSE 0";
    }
}
