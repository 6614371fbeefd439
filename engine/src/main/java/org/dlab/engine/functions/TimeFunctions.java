package org.dlab.engine.functions;

import java.util.List;
import org.dlab.engine.ir.Expr.BinOp;
import org.dlab.engine.model.Builtin;
import org.dlab.engine.model.FunctionContext;
import org.dlab.engine.model.Node;

/** GET TIME VALUE (STEP, PULSE, PULSE TRAIN and RAMP are rows of {@link Builtin}). */
final class TimeFunctions {
    private TimeFunctions() {}

    static void register() {
        Library.add("get time value", 3, 3, TimeFunctions::getTimeValue);
    }

    /**
     * GET TIME VALUE(relativeto, offset, measure): relativeto 0 is the current time, 1 the
     * initial time, 2 the computer's clock (offset ignored). Measure 0 is model time; measures
     * 1-10 (year ... seconds) are read from the clock only, since turning model time into dates
     * needs Vensim's time-bounds settings, which a .mdl file does not carry. The clock is read
     * when the planner evaluates the equation: once, at initialisation, unless it varies otherwise.
     */
    private static Node getTimeValue(FunctionContext c) {
        int relativeTo = whole(c, 0, 2);
        int measure = whole(c, 2, 10);
        if (relativeTo == 2) {
            if (measure == 0) throw c.error("GET TIME VALUE measure 0 (model time) cannot be relative to the clock (2)");
            return new Node.Fn(Builtin.CLOCK, List.of(new Node.Const(measure)));
        }
        if (measure != 0) {
            throw c.error("GET TIME VALUE of simulation time supports measure 0 (units of Time) only, got " + measure);
        }
        // the initial time is Time as it was at initialisation
        Node base = relativeTo == 0 ? c.time() : new Node.Var(c.initial("initial time", c.time()));
        return new Node.Bin(BinOp.ADD, base, c.arg(1));
    }

    private static int whole(FunctionContext c, int arg, int max) {
        double v = c.constant(c.arg(arg));
        if (v != Math.rint(v) || v < 0 || v > max) throw c.error("argument " + (arg + 1) + " of GET TIME VALUE must be a whole number from 0 to " + max + ", got " + v);
        return (int) v;
    }
}
