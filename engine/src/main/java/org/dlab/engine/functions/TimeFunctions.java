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
     * 1-10 (year, quarter, month, day of month, day of week, days since Jan 1 of year 0, hour,
     * minute, second, seconds modulo 500,000) read model time as a date the way Vensim's documentation gives with its
     * default time label (offset 0): time in years, quarters or months on a 360-day year of
     * 30-day months, in weeks or days on real dates with leap years (other time units: an
     * error, the documentation's rule for them not being known here).
     */
    private static Node getTimeValue(FunctionContext c) {
        int relativeTo = whole(c, 0, 2);
        int measure = whole(c, 2, 10);
        if (relativeTo == 2) {
            if (measure == 0) throw c.error("GET TIME VALUE measure 0 (model time) cannot be relative to the clock (2)");
            return new Node.Fn(Builtin.CLOCK, List.of(new Node.Const(measure)));
        }
        // the initial time is Time as it was at initialisation
        Node base = relativeTo == 0 ? c.time() : new Node.Var(c.initial("initial time", c.time()));
        Node time = new Node.Bin(BinOp.ADD, base, c.arg(1));
        if (measure == 0) return time;
        String unit = c.timeUnits();
        double[] days = daysPerUnit(unit);
        if (days == null) {
            throw c.error("GET TIME VALUE measure " + measure + " reads time as a date, which needs time in years, quarters, months, "
                    + "weeks or days; the model's time unit is " + (unit.isEmpty() ? "not given" : "'" + unit + "'"));
        }
        Node dayCount = new Node.Bin(BinOp.MUL, time, new Node.Const(days[0]));
        return new Node.Fn(Builtin.CALENDAR, List.of(dayCount, new Node.Const(measure), new Node.Const(days[1])));
    }

    /** Days per unit of time and whether dates are real (1) or on a 360-day year (0); null for other units. */
    private static double[] daysPerUnit(String unit) {
        String u = unit.toLowerCase(java.util.Locale.ROOT).trim();
        return switch (u) {
            case "year", "years", "yr", "yrs", "yearly" -> new double[] {360, 0};
            case "quarter", "quarters", "qtr" -> new double[] {90, 0};
            case "month", "months", "mo", "mon" -> new double[] {30, 0};
            case "week", "weeks", "wk", "wks" -> new double[] {7, 1};
            case "day", "days", "dy", "da" -> new double[] {1, 1};
            default -> null;
        };
    }

    private static int whole(FunctionContext c, int arg, int max) {
        double v = c.constant(c.arg(arg));
        if (v != Math.rint(v) || v < 0 || v > max) throw c.error("argument " + (arg + 1) + " of GET TIME VALUE must be a whole number from 0 to " + max + ", got " + v);
        return (int) v;
    }
}
