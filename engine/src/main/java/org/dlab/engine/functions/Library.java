package org.dlab.engine.functions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dlab.engine.model.Builtin;
import org.dlab.engine.model.FunctionContext;
import org.dlab.engine.model.Node;

/**
 * Every builtin function the engine knows, by Vensim name key (lower case, single spaces).
 * The pure functions come from the rows of {@link Builtin}; each family of the others registers
 * its functions here; an expansion turns a call into scalar nodes and,
 * for stateful functions, hidden stocks and states.
 */
public final class Library {
    /**
     * Vensim's :NA: is the number -2^110 = -1.298074214633707E+33 (Vensim's documentation of
     * :NA:), so {@code X = :NA:} is true for a missing X; Vensim writes it as a blank cell.
     */
    public static final double NA = -0x1p110;

    /** How a call becomes nodes. */
    @FunctionalInterface
    public interface Expansion {
        Node expand(FunctionContext c);
    }

    public record Spec(int minArgs, int maxArgs, Expansion impl) {}

    private static final Map<String, Spec> SPECS = new HashMap<>();

    static {
        for (Builtin b : Builtin.values()) {
            for (String name : b.names) SPECS.put(name, spec(b));
        }
        MathFunctions.register();
        TimeFunctions.register();
        ArrayFunctions.register();
        Smoothing.register();
        Delays.register();
        InitialFunctions.register();
        LookupFunctions.register();
        RandomFunctions.register();
        Finance.register();
        VectorFunctions.register();
        Allocation.register();
        MatrixFunctions.register();
        XmileFunctions.register();
        StellaFunctions.register();
    }

    private Library() {}

    /** How a row of {@link Builtin} is called in a model: the one place each {@link Builtin.CallForm} is read. */
    private static Spec spec(Builtin b) {
        int n = b.arity;
        return switch (b.call) {
            case AS_WRITTEN -> new Spec(n, n, c -> new Node.Fn(b, written(c, n)));
            case THEN_TIME_AND_STEP -> new Spec(n - 2, n - 2, c -> {
                List<Node> a = written(c, n - 2);
                a.add(c.time());
                a.add(c.timeStep());
                return new Node.Fn(b, a);
            });
            case OPTIONAL_END_THEN_TIME -> new Spec(n - 2, n - 1, c -> {
                List<Node> a = written(c, n - 2);
                a.add(c.argCount() > n - 2 ? c.arg(n - 2) : new Node.Const(Double.POSITIVE_INFINITY));
                a.add(c.time());
                return new Node.Fn(b, a);
            });
            case PAIR_OR_ARRAY -> new Spec(1, 2, c -> c.argCount() == 1 ? ArrayFunctions.fold(c, b) : new Node.Fn(b, written(c, 2)));
            case NOT_BY_NAME -> throw new IllegalStateException(b + " is not called by name but has names " + b.names);
        };
    }

    /** The first n arguments, translated in order. */
    private static List<Node> written(FunctionContext c, int n) {
        List<Node> a = new ArrayList<>(n + 2);
        for (int i = 0; i < n; i++) a.add(c.arg(i));
        return a;
    }

    static void add(String name, int min, int max, Expansion e) {
        SPECS.put(name, new Spec(min, max, e));
    }

    public static boolean has(String key) {
        return SPECS.containsKey(key);
    }

    public static Spec get(String key) {
        return SPECS.get(key);
    }
}
