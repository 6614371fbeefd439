package org.dlab.engine.functions;

import java.util.HashMap;
import java.util.Map;
import org.dlab.engine.model.FunctionContext;
import org.dlab.engine.model.Node;

/**
 * Every builtin function the engine knows, by Vensim name key (lower case, single spaces).
 * Each family registers its functions here; an expansion turns a call into scalar nodes and,
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
    }

    private Library() {}

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
