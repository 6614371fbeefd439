package org.dlab.engine.units;

import java.util.List;
import java.util.Map;
import org.dlab.engine.model.Builtin;
import org.dlab.engine.model.Names;
import org.dlab.engine.model.Node;
import org.dlab.engine.model.ScalarVar;
import org.dlab.engine.model.StateObject;

/**
 * The units of an analysed expression, bottom up, as Vensim's units check reasons: + and -
 * and comparisons need equal units, * and / combine them, functions have fixed rules.
 *
 * <p>{@code null} stands for "unknown": a bare number, a variable without declared units, a
 * sub-expression already in error. Unknown adopts the other side of a sum or comparison and
 * makes a product unknown, so it never causes a finding by itself; a mismatch is reported once
 * and its expression becomes unknown, so one error does not cascade up the equation.
 */
final class Inference {
    /** Where the mismatches of the equation being checked go. */
    interface Sink {
        void report(String message);
    }

    static final Sink SILENT = m -> { };

    private final Map<ScalarVar, Units> declared;
    private final Map<ScalarVar, Units> hidden;
    private final Map<String, Units> lookups;
    private final List<StateObject> states;
    private final Units time;

    /**
     * @param declared units of the user's variables (absent: unknown)
     * @param hidden inferred units of hidden variables, filled in by the checker
     * @param lookups declared output units of named lookups by name key
     * @param time the model's time unit, or null when TIME STEP has none
     */
    Inference(Map<ScalarVar, Units> declared, Map<ScalarVar, Units> hidden, Map<String, Units> lookups,
              List<StateObject> states, Units time) {
        this.declared = declared;
        this.hidden = hidden;
        this.lookups = lookups;
        this.states = states;
        this.time = time;
    }

    Units time() {
        return time;
    }

    Units of(Node n, Sink sink) {
        if (n == null || n instanceof Node.Const) return null;
        if (n instanceof Node.Var v) return v.var().hidden ? hidden.get(v.var()) : declared.get(v.var());
        if (n instanceof Node.Time) return time;
        if (n instanceof Node.Neg g) return of(g.operand(), sink);
        if (n instanceof Node.Not g) {
            of(g.operand(), sink);
            return Units.DIMENSIONLESS;
        }
        if (n instanceof Node.Bin b) return binary(b, sink);
        if (n instanceof Node.If i) {
            of(i.cond(), sink);
            return same(of(i.then(), sink), of(i.otherwise(), sink), sink, "IF THEN ELSE branches have units %s and %s");
        }
        if (n instanceof Node.Fn f) return FunctionUnits.of(this, f, sink);
        if (n instanceof Node.Lookup l) {
            // Vensim leaves a lookup's input to the modeller; its output has the lookup's units
            of(l.x(), sink);
            return lookupUnits(l.table());
        }
        if (n instanceof Node.Random r) return random(r, sink);
        if (n instanceof Node.ArrayCall a) {
            a.vectors().forEach(v -> v.forEach(x -> of(x, sink)));
            a.extra().forEach(x -> of(x, sink));
            return null;
        }
        if (n instanceof Node.State s) return delayFixed(states.get(s.index()), sink);
        return null;
    }

    private Units binary(Node.Bin b, Sink sink) {
        return switch (b.op()) {
            case ADD -> same(of(b.left(), sink), of(b.right(), sink), sink, "cannot add %s and %s");
            case SUB -> same(of(b.left(), sink), of(b.right(), sink), sink, "cannot subtract %2$s from %1$s");
            case MUL -> {
                Units l = of(b.left(), sink);
                Units r = of(b.right(), sink);
                yield l == null || r == null ? null : l.times(r);
            }
            case DIV -> {
                Units l = of(b.left(), sink);
                Units r = of(b.right(), sink);
                yield l == null || r == null ? null : l.divide(r);
            }
            case POW -> power(of(b.left(), sink), b.right(), sink, "^");
            case EQ, NE, LT, LE, GT, GE -> {
                same(of(b.left(), sink), of(b.right(), sink), sink, "cannot compare %s with %s");
                yield Units.DIMENSIONLESS;
            }
            case AND, OR -> {
                // Vensim treats any non-zero value as true, whatever its units
                of(b.left(), sink);
                of(b.right(), sink);
                yield Units.DIMENSIONLESS;
            }
        };
    }

    /** base^exponent: a constant exponent raises the units; otherwise the base must be dimensionless. */
    Units power(Units base, Node exponent, Sink sink, String what) {
        Double c = constant(exponent);
        if (c == null) {
            Units e = of(exponent, sink);
            boolean ok = true;
            if (e != null && !e.isDimensionless()) {
                sink.report("the exponent of " + what + " must be dimensionless, has units " + e);
                ok = false;
            }
            if (base != null && !base.isDimensionless()) {
                sink.report("a variable exponent needs a dimensionless base, the base has units " + base);
                ok = false;
            }
            return ok ? base : null;
        }
        if (base == null) return null;
        // x^0.5 and x^(1/3) keep integer units when the exponents divide evenly
        for (int den = 1; den <= 4; den++) {
            double num = c * den;
            if (Math.abs(num - Math.rint(num)) < 1e-9 && Math.abs(num) < 1e6) {
                Units r = base.pow((int) Math.rint(num)).root(den);
                if (r != null) return r;
            }
        }
        if (base.isDimensionless()) return base;
        sink.report("raising units " + base + " to the power " + c + " has no whole-number units");
        return null;
    }

    /** The value of a node made of numbers only (as in x^-1 or x^(1/2)), else null. */
    static Double constant(Node n) {
        if (n instanceof Node.Const c) return c.value();
        if (n instanceof Node.Neg g) {
            Double v = constant(g.operand());
            return v == null ? null : -v;
        }
        if (n instanceof Node.Bin b) {
            Double l = constant(b.left());
            Double r = constant(b.right());
            if (l == null || r == null) return null;
            // no exponent from a division by zero or a comparison
            if (b.op() == org.dlab.engine.ir.Expr.BinOp.DIV && r == 0 || b.op() == org.dlab.engine.ir.Expr.BinOp.POW) return null;
            return b.op().arithmetic() ? b.op().apply(l, r) : null;
        }
        return null;
    }

    /**
     * Two units that must be equal (a sum, a comparison, both branches of an IF): the known one
     * when only one is known; a report, and unknown, when both are known and differ.
     */
    static Units same(Units a, Units b, Sink sink, String format) {
        if (a == null) return b;
        if (b == null || a.equals(b)) return a;
        sink.report(String.format(format, a, b));
        return null;
    }

    /** An argument that must be in the model's time unit (a start time, a delay time...). */
    void expectTime(Units actual, Sink sink, String what) {
        if (actual != null && time != null && !actual.equals(time)) {
            sink.report(what + " has units " + actual + ", expected " + time + " (the time unit)");
        }
    }

    private Units lookupUnits(Node.Table t) {
        // inline tables (WITH LOOKUP), inverses, areas and data series carry no units of their own
        if (t.name == null || t.name.indexOf('#') >= 0) return null;
        String name = t.name;
        int b = name.indexOf('[');
        if (b > 0) name = name.substring(0, b);
        return lookups.get(Names.key(name));
    }

    private Units random(Node.Random r, Sink sink) {
        return switch (r.kind()) {
            case UNIFORM, NORMAL, TRIANGULAR -> {
                // bounds, mean and spread are all in the units of the draw
                Units u = null;
                for (Node a : r.args()) u = same(u, of(a, sink), sink, "random draw bounds have units %s and %s");
                yield u;
            }
            case POISSON, EXPONENTIAL, GAMMA, LOGNORMAL, BETA, BINOMIAL, NEGATIVE_BINOMIAL, WEIBULL -> {
                // shape parameters of the other distributions are dimensionless or mixed
                for (Node a : r.args()) of(a, sink);
                yield null;
            }
        };
    }

    private Units delayFixed(StateObject s, Sink sink) {
        Units in = of(s.input(), sink);
        if (s.type() == StateObject.Type.DELAY_FIXED && s.initArgs().size() >= 2) {
            expectTime(of(s.initArgs().get(0), sink), sink, "the DELAY FIXED delay time");
            in = same(in, of(s.initArgs().get(1), sink), sink, "DELAY FIXED input has units %s, its initial value %s");
        }
        return in;
    }

    /** Rules of the pure builtins, kept apart so each stays short. */
    private static final class FunctionUnits {
        static Units of(Inference in, Node.Fn f, Sink sink) {
            List<Node> a = f.args();
            Builtin fn = f.fn();
            return switch (fn.units) {
                case SAME_AS_ARGUMENT -> in.of(a.get(0), sink);
                case DIMENSIONLESS_RESULT -> {
                    in.of(a.get(0), sink);
                    yield Units.DIMENSIONLESS;
                }
                case SQUARE_ROOT -> in.power(in.of(a.get(0), sink), new Node.Const(0.5), sink, fn.name());
                case POWER -> in.power(in.of(a.get(0), sink), a.get(1), sink, fn.name());
                case EQUAL_ARGUMENTS -> same(in.of(a.get(0), sink), in.of(a.get(1), sink), sink, fn + " needs equal units, got %s and %s");
                case QUOTIENT -> quotient(in, a, sink);
                case QUOTIENT_OR_VALUE -> same(quotient(in, a, sink), in.of(a.get(2), sink), sink,
                        fn + ": the quotient has units %s, the value for division by zero %s");
                case STEP -> {
                    in.expectTime(in.of(a.get(1), sink), sink, "the STEP start time");
                    yield in.of(a.get(0), sink);
                }
                case PULSE -> {
                    in.expectTime(in.of(a.get(0), sink), sink, "the PULSE start time");
                    in.expectTime(in.of(a.get(1), sink), sink, "the PULSE width");
                    yield Units.DIMENSIONLESS;
                }
                case PULSE_TRAIN -> {
                    in.expectTime(in.of(a.get(0), sink), sink, "the PULSE TRAIN start time");
                    in.expectTime(in.of(a.get(1), sink), sink, "the PULSE TRAIN width");
                    in.expectTime(in.of(a.get(2), sink), sink, "the PULSE TRAIN interval");
                    in.expectTime(in.of(a.get(3), sink), sink, "the PULSE TRAIN end time");
                    yield Units.DIMENSIONLESS;
                }
                case RAMP -> {
                    // RAMP(slope, start, end) rises by slope per unit of time: slope * time
                    in.expectTime(in.of(a.get(1), sink), sink, "the RAMP start time");
                    in.expectTime(in.of(a.get(2), sink), sink, "the RAMP end time");
                    Units slope = in.of(a.get(0), sink);
                    yield slope == null || in.time == null ? null : slope.times(in.time);
                }
                case LOGARITHM -> {
                    boolean ok = dimensionless(in, a.get(0), sink, fn.name());
                    yield dimensionless(in, a.get(1), sink, fn.name() + " (base)") && ok ? Units.DIMENSIONLESS : null;
                }
                case DIMENSIONLESS -> dimensionless(in, a.get(0), sink, fn.name()) ? Units.DIMENSIONLESS : null;
            };
        }

        private static Units quotient(Inference in, List<Node> a, Sink sink) {
            Units x = in.of(a.get(0), sink);
            Units y = in.of(a.get(1), sink);
            return x == null || y == null ? null : x.divide(y);
        }

        /** False after reporting: the call is then in error, unknown, so the error does not cascade. */
        private static boolean dimensionless(Inference in, Node arg, Sink sink, String what) {
            Units u = in.of(arg, sink);
            if (u == null || u.isDimensionless()) return true;
            sink.report(what + " needs a dimensionless argument, got " + u);
            return false;
        }
    }
}
