package org.dlab.engine.ir;

import java.nio.file.Path;
import java.util.List;

/**
 * A whole model as parsed, before analysis: what both the Vensim and the XMILE front ends
 * produce. Nothing after this point knows which format the model came from.
 */
public record ModelSource(
        String fileName,
        Path directory,
        List<Equation> equations,
        List<SubscriptRange> ranges,
        List<Macro> macros,
        IntegrationMethod method) {}
