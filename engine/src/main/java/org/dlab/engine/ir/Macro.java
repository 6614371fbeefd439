package org.dlab.engine.ir;

import java.util.List;

/** {@code :MACRO: name(inputs : outputs) ... :END OF MACRO:} */
public record Macro(Pos pos, String name, List<String> inputs, List<String> outputs, List<Equation> equations) {}
