package org.dlab.engine.xmile;

import java.util.Set;

/**
 * What every expression writer of one conversion shares: the model's time step (some Vensim
 * functions have an XMILE form only for some steps) and the set collecting functions that had to
 * be written under a name XMILE does not define.
 */
record ConversionScope(Set<String> foreignFunctions, double timeStep) {}
