package org.dlab.engine.model;

import java.util.List;
import org.dlab.engine.ir.ModelSource;

/** The model as scalar variables, ready for ordering and code generation. */
public record AnalyzedModel(
        ModelSource source,
        List<ScalarVar> vars,
        List<StateObject> states,
        Subscripts subscripts,
        ScalarVar initialTime,
        ScalarVar finalTime,
        ScalarVar timeStep,
        ScalarVar saveper) {}
