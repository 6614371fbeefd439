package org.dlab.engine.model;

/** Vensim's RANDOM family, each with its parameters after the arguments are normalised. */
public enum RandomKind {
    /** (min, max) */
    UNIFORM,
    /** (min, max, mean, sd): a normal truncated to [min, max] */
    NORMAL,
    /** (min, max, shift, stretch, mean) */
    POISSON,
    /** (min, max, shift, stretch) */
    EXPONENTIAL,
    /** (min, max, shift, stretch, k) */
    GAMMA,
    /** (min, max, shift, stretch, mean, sd) */
    LOGNORMAL,
    /** (min, max, mode) */
    TRIANGULAR,
    /** (min, max, shift, stretch, alpha, beta) */
    BETA,
    /** (min, max, shift, stretch, prob, count) */
    BINOMIAL,
    /** (min, max, shift, stretch, k, p) */
    NEGATIVE_BINOMIAL,
    /** (min, max, shift, stretch, k) */
    WEIBULL
}
