package org.dlab.engine.model;

/**
 * Vensim's RANDOM family, each with its parameters after the arguments are normalised; every
 * draw is truncated to [min, max] (drawn again when outside, see RunState).
 */
public enum RandomKind {
    /** (min, max) */
    UNIFORM("uniform"),
    /** (min, max, mean, sd): a normal truncated to [min, max] */
    NORMAL("normal"),
    /** (min, max, shift, stretch, mean) */
    POISSON("poisson"),
    /** (min, max, shift, stretch) */
    EXPONENTIAL("exponential"),
    /** (min, max, shift, stretch, k) */
    GAMMA("gamma"),
    /** (min, max, shift, stretch, mean, sd) */
    LOGNORMAL("lognormal"),
    /** (min, max, start, peak, end): a triangle from start to end, truncated to [min, max] */
    TRIANGULAR("triangular"),
    /** (min, max, shift, stretch, alpha, beta) */
    BETA("beta"),
    /** (min, max, shift, stretch, prob, count) */
    BINOMIAL("binomial"),
    /** (min, max, shift, stretch, k, p) */
    NEGATIVE_BINOMIAL("negativeBinomial"),
    /** (min, max, shift, stretch, k) */
    WEIBULL("weibull");

    /** The method of RunState (and of the JavaScript runtime's state) that draws it. */
    public final String method;

    RandomKind(String method) {
        this.method = method;
    }
}
