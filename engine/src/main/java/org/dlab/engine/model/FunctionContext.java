package org.dlab.engine.model;

import java.util.List;
import org.dlab.engine.ModelException;
import org.dlab.engine.ir.Pos;

/**
 * What a builtin function's expansion may ask of the analyzer: its arguments (translated on
 * request, or expanded over {@code !} subscripts), hidden stocks and states, constants known at
 * analysis time.
 */
public interface FunctionContext {
    String name();

    Pos pos();

    int argCount();

    /** Argument i as a scalar expression. */
    Node arg(int i);

    /** Argument i expanded over the subscripts marked with '!' in it, one node per element. */
    List<Node> argOverReduced(int i);

    /**
     * Arguments expanded together over the union of their '!' subscripts: one list per argument,
     * aligned element by element (an argument without one of those subscripts repeats).
     */
    List<List<Node>> argsOverReduced(int... args);

    /**
     * Argument i expanded over its last {@code count} subscripts (the vector or matrix a VECTOR
     * or matrix function works on), row-major, with the position of the element being defined.
     * An element written in those positions stands for its whole dimension, positioned at that
     * element ({@code pp[branch, ptype]}, {@code v[s1]}).
     */
    Vector argOverLastSubscripts(int i, int count);

    /**
     * What {@link #argOverLastSubscripts} would say of the element being defined, without
     * building the nodes: its position and shape, and a key equal for every element of this
     * call that reads the same slice (the same elements in the other subscripts).
     */
    Slice sliceOverLastSubscripts(int i, int count);

    record Slice(Object key, int index, List<Integer> shape) {}

    /**
     * A hidden auxiliary made once for this call and {@code key} and shared by every element of
     * the call that asks with an equal key: work a whole array needs once per step (inverting a
     * matrix) done once, not once per element. {@code make} gets a number unique in the model.
     */
    ScalarVar sharedAux(String label, Object key, java.util.function.IntFunction<Node> make);

    /** How many subscripts argument i, a variable reference, is written with (0 for anything else). */
    int subscriptCount(int i);

    /** Nodes of a vector argument and the index, within them, of the element being defined. */
    record Vector(List<Node> nodes, int index, List<Integer> shape) {}

    /** Argument i as a lookup table (a lookup name, possibly subscripted, or an inline table). */
    Node.Table table(int i);

    /** Argument i as a quoted string. */
    String string(int i);

    /** A hidden integrated quantity. */
    ScalarVar stock(String label, Node initial, Node rate);

    /**
     * A hidden stock whose rate refers to the stock itself (a smoothing stage, a delay stage):
     * {@code rateOfSelf} is given the stock's node. Auxiliaries it makes come after the stock.
     */
    ScalarVar stock(String label, Node initial, java.util.function.UnaryOperator<Node> rateOfSelf);

    /** A hidden held state whose next value refers to the state itself (SAMPLE IF TRUE). */
    ScalarVar discrete(String label, Node initial, java.util.function.UnaryOperator<Node> nextOfSelf);

    /** A hidden auxiliary, useful to evaluate a complex input once. */
    ScalarVar aux(String label, Node expr);

    /** A hidden state held between steps and replaced by {@code next} at the end of each step. */
    ScalarVar discrete(String label, Node initial, Node next);

    /** A value computed once at initialisation (INITIAL). */
    ScalarVar initial(String label, Node initial);

    /** A value with its own initial expression (ACTIVE INITIAL). */
    ScalarVar activeInitial(String label, Node initial, Node expr);

    /** A runtime state object of {@code type}, initialised and updated with the given nodes. */
    Node state(StateObject.Type type, List<Node> initArgs, Node input);

    Node time();

    /** The units of TIME STEP (else INITIAL or FINAL TIME) as written, without a range; "" when none. */
    default String timeUnits() {
        return "";
    }

    Node timeStep();

    /** The value of a node that must be constant (known before the run), e.g. DELAY N's order. */
    double constant(Node n);

    default ModelException error(String message) {
        return new ModelException(pos(), message);
    }

    /** A node used more than once is evaluated once, as a hidden auxiliary, unless it is trivial. */
    default Node once(String label, Node n) {
        return n instanceof Node.Const || n instanceof Node.Var || n instanceof Node.Time ? n : new Node.Var(aux(label, n));
    }
}
