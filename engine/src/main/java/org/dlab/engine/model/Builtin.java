package org.dlab.engine.model;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dlab.engine.run.Functions;

/**
 * The pure builtin functions, one row each: everything the engine needs to know about one is
 * here. The Vensim names register it in the function library (with how a call is written, see
 * {@link CallForm}); the Java target is a public static double method that the JVM back ends call
 * and that evaluates it before the run (when it is {@code pure}); the JavaScript target is the
 * same function in runtime.js; the units rule is checked by the units inference; the XMILE name
 * is the XMILE 1.0 function of the same meaning, or "none" (the XMILE writer then spells
 * it out in XMILE's terms, or keeps the engine's name and reports it). A new function is a new
 * row here (plus its method in {@link Functions} and runtime.js when Math has none).
 */
public enum Builtin {
    //          Vensim name(s)  arity  Java target                 JavaScript     units rule                  XMILE
    ABS(        "abs",          1,     Math.class, "abs",          "Math.abs",    UnitsRule.SAME_AS_ARGUMENT,     "ABS"),
    EXP(        "exp",          1,     Math.class, "exp",          "Math.exp",    UnitsRule.DIMENSIONLESS,        "EXP"),
    LN(         "ln",           1,     Math.class, "log",          "Math.log",    UnitsRule.DIMENSIONLESS,        "LN"),
    SQRT(       "sqrt",         1,     Math.class, "sqrt",         "Math.sqrt",   UnitsRule.SQUARE_ROOT,          "SQRT"),
    LOG(        "log",          2,     Functions.class, "log",     "F.log",       UnitsRule.LOGARITHM,            "none"),
    POWER(      "power",        2,     Math.class, "pow",          "Math.pow",    UnitsRule.POWER,                "none"),
    SIN(        "sin",          1,     Math.class, "sin",          "Math.sin",    UnitsRule.DIMENSIONLESS,        "SIN"),
    COS(        "cos",          1,     Math.class, "cos",          "Math.cos",    UnitsRule.DIMENSIONLESS,        "COS"),
    TAN(        "tan",          1,     Math.class, "tan",          "Math.tan",    UnitsRule.DIMENSIONLESS,        "TAN"),
    ARCSIN(     "arcsin",       1,     Math.class, "asin",         "Math.asin",   UnitsRule.DIMENSIONLESS,        "ARCSIN"),
    ARCCOS(     "arccos",       1,     Math.class, "acos",         "Math.acos",   UnitsRule.DIMENSIONLESS,        "ARCCOS"),
    ARCTAN(     "arctan",       1,     Math.class, "atan",         "Math.atan",   UnitsRule.DIMENSIONLESS,        "ARCTAN"),
    SINH(       "sinh",         1,     Math.class, "sinh",         "Math.sinh",   UnitsRule.DIMENSIONLESS,        "none"),
    COSH(       "cosh",         1,     Math.class, "cosh",         "Math.cosh",   UnitsRule.DIMENSIONLESS,        "none"),
    TANH(       "tanh",         1,     Math.class, "tanh",         "Math.tanh",   UnitsRule.DIMENSIONLESS,        "none"),
    /** MIN(a, b); MIN(x[range!]) is the smallest element (so is VMIN). */
    MIN(        "min",          2,     Math.class, "min",          "Math.min",    UnitsRule.EQUAL_ARGUMENTS,      "MIN", CallForm.PAIR_OR_ARRAY),
    MAX(        "max",          2,     Math.class, "max",          "Math.max",    UnitsRule.EQUAL_ARGUMENTS,      "MAX", CallForm.PAIR_OR_ARRAY),
    INTEGER(    "integer|int",  1,     Functions.class, "integer", "F.integer",   UnitsRule.SAME_AS_ARGUMENT,     "INT"),
    ROUND(      "round",        1,     Functions.class, "round",   "F.round",     UnitsRule.SAME_AS_ARGUMENT,     "none"),
    MODULO(     "modulo",       2,     Functions.class, "modulo",  "F.modulo",    UnitsRule.EQUAL_ARGUMENTS,      "none"),
    QUANTUM(    "quantum",      2,     Functions.class, "quantum", "F.quantum",   UnitsRule.EQUAL_ARGUMENTS,      "none"),
    XIDZ(       "xidz",         3,     Functions.class, "xidz",    "F.xidz",      UnitsRule.QUOTIENT_OR_VALUE,    "none"),
    ZIDZ(       "zidz",         2,     Functions.class, "zidz",    "F.zidz",      UnitsRule.QUOTIENT,             "none"),
    SIGN(       "sign",         1,     Math.class, "signum",       "Math.sign",   UnitsRule.DIMENSIONLESS_RESULT, "none"),
    GAMMA_LN(   "gamma ln",     1,     Functions.class, "gammaLn", "F.gammaLn",   UnitsRule.DIMENSIONLESS,        "none"),
    /** STEP(height, start) is called as step(height, start, time, dt). */
    STEP(       "step",         4,     Functions.class, "step",    "F.step",      UnitsRule.STEP,                 "STEP", CallForm.THEN_TIME_AND_STEP),
    /** PULSE(start, width) is called as pulse(start, width, time, dt). */
    PULSE(      "pulse",        4,     Functions.class, "pulse",   "F.pulse",     UnitsRule.PULSE,                "none", CallForm.THEN_TIME_AND_STEP),
    /** PULSE TRAIN(start, width, interval, end) is called with time and dt after them. */
    PULSE_TRAIN("pulse train",  6,     Functions.class, "pulseTrain", "F.pulseTrain", UnitsRule.PULSE_TRAIN,      "none", CallForm.THEN_TIME_AND_STEP),
    /** RAMP(slope, start [, end]) is called as ramp(slope, start, end or +infinity, time). */
    RAMP(       "ramp",         4,     Functions.class, "ramp",    "F.ramp",      UnitsRule.RAMP,                 "RAMP", CallForm.OPTIONAL_END_THEN_TIME),
    /** The computer's clock: GET TIME VALUE(2, offset, measure) becomes clock(measure); not pure. */
    CLOCK(      "",             1,     Functions.class, "clock",   "F.clock",     UnitsRule.DIMENSIONLESS,        "none", CallForm.NOT_BY_NAME),
    /** GET TIME VALUE(0 or 1, offset, measure 1-10) becomes calendar(days since Jan 1 of year 0, measure, gregorian). */
    CALENDAR(   "",             3,     Functions.class, "calendar", "F.calendar", UnitsRule.DIMENSIONLESS_RESULT, "none", CallForm.NOT_BY_NAME);

    /** How a call written in a model becomes this function's arguments; the library expands each way. */
    public enum CallForm {
        /** As written: {@code arity} arguments. */
        AS_WRITTEN,
        /** Two fewer arguments written; the time and the time step follow them. */
        THEN_TIME_AND_STEP,
        /** Two or three written (the last defaulting to +infinity), then the time. */
        OPTIONAL_END_THEN_TIME,
        /** Two arguments, or one subscripted with '!' folded over its elements. */
        PAIR_OR_ARRAY,
        /** Made by another function's expansion, never called by a name of its own. */
        NOT_BY_NAME
    }

    /** What the units check requires of the arguments and gives the result. */
    public enum UnitsRule {
        /** The units of the (first) argument: ABS, INTEGER, ROUND. */
        SAME_AS_ARGUMENT,
        /** Any argument, a dimensionless result (SIGN). */
        DIMENSIONLESS_RESULT,
        /** Dimensionless in and out: EXP, LN, the trigonometric functions. */
        DIMENSIONLESS,
        /** The argument's units to the power 1/2. */
        SQUARE_ROOT,
        /** The base's units to the (constant) exponent. */
        POWER,
        /** Both arguments in the same units, the result too: MIN, MAX, MODULO, QUANTUM. */
        EQUAL_ARGUMENTS,
        /** a / b (ZIDZ). */
        QUOTIENT,
        /** a / b, and the value for division by zero in the same units (XIDZ). */
        QUOTIENT_OR_VALUE,
        /** The height's units; the start in time units. */
        STEP,
        /** Start and width in time units, a dimensionless result. */
        PULSE,
        /** Start, width, interval and end in time units, a dimensionless result. */
        PULSE_TRAIN,
        /** The slope's units times time; start and end in time units. */
        RAMP,
        /** Value and base dimensionless. */
        LOGARITHM
    }

    private static final Map<String, Builtin> BY_NAME = new HashMap<>();
    private static final Map<String, Builtin> BY_XMILE = new HashMap<>();

    static {
        for (Builtin b : values()) {
            for (String n : b.names) BY_NAME.put(n, b);
            if (b.xmile != null) BY_XMILE.put(b.xmile.toLowerCase(Locale.ROOT), b);
        }
    }

    /** The name keys (lower case, single spaces) a model calls it by; empty when none. */
    public final List<String> names;
    /** Arguments of the Java and JavaScript targets. */
    public final int arity;
    /** The public static method of doubles that computes it. */
    public final Method java;
    /** The JavaScript function (in runtime.js when not Math's). */
    public final String javaScript;
    public final UnitsRule units;
    /** The XMILE 1.0 name, or null when XMILE has none. */
    public final String xmile;
    public final CallForm call;
    private final MethodHandle handle;

    Builtin(String names, int arity, Class<?> owner, String method, String javaScript, UnitsRule units, String xmile) {
        this(names, arity, owner, method, javaScript, units, xmile, CallForm.AS_WRITTEN);
    }

    Builtin(String names, int arity, Class<?> owner, String method, String javaScript, UnitsRule units, String xmile, CallForm call) {
        this.names = names.isEmpty() ? List.of() : List.of(names.split("\\|"));
        this.arity = arity;
        this.javaScript = javaScript;
        this.units = units;
        this.xmile = xmile.equals("none") ? null : xmile;
        this.call = call;
        Class<?>[] params = new Class<?>[arity];
        Arrays.fill(params, double.class);
        try {
            this.java = owner.getMethod(method, params);
            this.handle = MethodHandles.publicLookup().unreflect(java).asSpreader(double[].class, arity);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError("no method " + owner.getName() + "." + method + " of " + arity + " doubles: " + e);
        }
    }

    /** Whether the same arguments always give the same value, so it may be evaluated before the run. */
    public boolean pure() {
        return this != CLOCK;
    }

    /** The value at these arguments, by the same method the compiled model calls. */
    public double evaluate(double... args) {
        try {
            return (double) handle.invokeExact(args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Java source that names the target method, for the Janino back end. */
    public String javaSource() {
        return java.getDeclaringClass().getName() + "." + java.getName();
    }

    /** The row a model calls by this name key, or null. */
    public static Builtin named(String key) {
        return BY_NAME.get(key);
    }

    /** The row whose XMILE name is this (in any case), or null. */
    public static Builtin ofXmile(String name) {
        return BY_XMILE.get(name.toLowerCase(Locale.ROOT));
    }

    /** A call of this function on nodes. */
    public Node.Fn of(Node... args) {
        if (args.length != arity) throw new IllegalArgumentException(this + " takes " + arity + " arguments");
        return new Node.Fn(this, List.of(args));
    }
}
