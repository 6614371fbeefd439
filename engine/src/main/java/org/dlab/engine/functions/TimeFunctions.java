package org.dlab.engine.functions;

import java.util.List;
import org.dlab.engine.model.Builtin;
import org.dlab.engine.model.Node;

/** Functions of simulation time: STEP, PULSE, PULSE TRAIN, RAMP. */
final class TimeFunctions {
    private TimeFunctions() {}

    static void register() {
        Library.add("step", 2, 2, c -> new Node.Fn(Builtin.STEP, List.of(c.arg(0), c.arg(1), c.time(), c.timeStep())));
        Library.add("pulse", 2, 2, c -> new Node.Fn(Builtin.PULSE, List.of(c.arg(0), c.arg(1), c.time(), c.timeStep())));
        Library.add("pulse train", 4, 4, c -> new Node.Fn(Builtin.PULSE_TRAIN,
                List.of(c.arg(0), c.arg(1), c.arg(2), c.arg(3), c.time(), c.timeStep())));
        Library.add("ramp", 2, 3, c -> new Node.Fn(Builtin.RAMP,
                List.of(c.arg(0), c.arg(1), c.argCount() > 2 ? c.arg(2) : new Node.Const(Double.POSITIVE_INFINITY), c.time())));
    }
}
