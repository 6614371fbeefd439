package org.dlab.engine.functions;

import org.dlab.engine.model.Node;
import org.dlab.engine.model.ScalarVar;

/** Values that remember: INITIAL, ACTIVE INITIAL, INTEG inside an expression, SAMPLE IF TRUE. */
final class InitialFunctions {
    private InitialFunctions() {}

    static void register() {
        Library.add("initial", 1, 1, c -> new Node.Var(c.initial("initial", c.arg(0))));
        Library.add("reinitial", 1, 1, c -> new Node.Var(c.initial("initial", c.arg(0))));
        Library.add("active initial", 2, 2, c -> new Node.Var(c.activeInitial("active initial", c.arg(1), c.arg(0))));
        Library.add("integ", 2, 2, c -> new Node.Var(c.stock("integ", c.arg(1), c.arg(0))));
        Library.add("sample if true", 3, 3, c -> {
            // the held value: replaced by the input whenever the condition is true
            Node cond = c.arg(0);
            Node input = c.arg(1);
            ScalarVar[] out = new ScalarVar[1];
            c.discrete("sample held", c.arg(2), held -> {
                out[0] = c.activeInitial("sample", new Node.If(cond, input, c.arg(2)), new Node.If(cond, input, held));
                return new Node.Var(out[0]);
            });
            return new Node.Var(out[0]);
        });
    }
}
