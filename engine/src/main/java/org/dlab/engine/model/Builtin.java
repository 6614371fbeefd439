package org.dlab.engine.model;

/**
 * Pure builtin functions with their arity and the static method of
 * {@link org.dlab.engine.run.Functions} (or {@link Math}) that evaluates them.
 */
public enum Builtin {
    ABS(1, "Math.abs"), EXP(1, "Math.exp"), LN(1, "Math.log"), SQRT(1, "Math.sqrt"),
    LOG(2, "org.dlab.engine.run.Functions.log"), POWER(2, "Math.pow"),
    SIN(1, "Math.sin"), COS(1, "Math.cos"), TAN(1, "Math.tan"),
    ARCSIN(1, "Math.asin"), ARCCOS(1, "Math.acos"), ARCTAN(1, "Math.atan"),
    SINH(1, "Math.sinh"), COSH(1, "Math.cosh"), TANH(1, "Math.tanh"),
    MIN(2, "Math.min"), MAX(2, "Math.max"),
    INTEGER(1, "org.dlab.engine.run.Functions.integer"), ROUND(1, "org.dlab.engine.run.Functions.round"),
    MODULO(2, "org.dlab.engine.run.Functions.modulo"), QUANTUM(2, "org.dlab.engine.run.Functions.quantum"),
    XIDZ(3, "org.dlab.engine.run.Functions.xidz"), ZIDZ(2, "org.dlab.engine.run.Functions.zidz"),
    SIGN(1, "Math.signum"),
    GAMMA_LN(1, "org.dlab.engine.run.Functions.gammaLn"),
    /** STEP(height, start, time, dt) */
    STEP(4, "org.dlab.engine.run.Functions.step"),
    /** PULSE(start, width, time, dt) */
    PULSE(4, "org.dlab.engine.run.Functions.pulse"),
    /** PULSE TRAIN(start, width, interval, end, time, dt) */
    PULSE_TRAIN(6, "org.dlab.engine.run.Functions.pulseTrain"),
    /** RAMP(slope, start, end, time) */
    RAMP(4, "org.dlab.engine.run.Functions.ramp"),
    /** CLOCK(measure): GET TIME VALUE of the computer's clock */
    CLOCK(1, "org.dlab.engine.run.Functions.clock");

    public final int arity;
    public final String javaName;

    Builtin(int arity, String javaName) {
        this.arity = arity;
        this.javaName = javaName;
    }
}
