package org.dlab.engine.compile;

import static org.objectweb.asm.Opcodes.*;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.dlab.engine.model.Node;
import org.dlab.engine.model.Plan;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * Writes one expression as JVM bytecode leaving a double on the stack, with Java's semantics
 * for every operator (comparisons with NaN are false, != true). A sub-expression larger than
 * half a method's budget becomes a helper method of its own, so no method outgrows the JIT's
 * 8,000-byte limit by much, and none the JVM's 64 KB, whatever the equation.
 */
final class BytecodeExprWriter {
    /** Nodes of one expression kept inline in a method; larger sub-expressions are hoisted. */
    static final int INLINE_NODES = 400;
    private static final int INLINE_VECTOR = 32;
    static final String RUN = "org/dlab/engine/run/";
    static final String RUN_STATE = RUN + "RunState";

    /** Where a method keeps s, t and rs; t < 0 in the initial phase (Time is INITIAL TIME's slot). */
    record Locals(int s, int t, int rs) {}

    private static final Map<String, Method> METHODS = new ConcurrentHashMap<>();

    private final Plan plan;
    private final Map<Node, Integer> sizes = new IdentityHashMap<>();
    private BytecodePart part;

    BytecodeExprWriter(Plan plan) {
        this.plan = plan;
    }

    void target(BytecodePart p) {
        part = p;
    }

    /** Nodes in the tree under n, counting shared sub-trees each time they appear (as the code does). */
    int size(Node n) {
        Integer known = sizes.get(n);
        if (known != null) return known;
        int[] count = {0};
        for (Node c : n.children()) count[0] += size(c);
        int s = Math.min(Integer.MAX_VALUE / 4, 1 + count[0]);
        sizes.put(n, s);
        return s;
    }

    /** The code's cost in a method: the nodes written inline (hoisted parts count one). */
    int inlineCost(Node n) {
        int s = size(n);
        return s > INLINE_NODES ? Math.min(s, 3 * INLINE_NODES) : s;
    }

    /** Writes n as the root of an expression: inline, its large parts hoisted. */
    void root(MethodVisitor mv, Locals l, Node n) {
        node(mv, l, n);
    }

    private void child(MethodVisitor mv, Locals l, Node n) {
        if (size(n) > INLINE_NODES / 2) {
            String name = part.helper(this, n, l.t < 0);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(ALOAD, l.s);
            time(mv, l);
            mv.visitVarInsn(ALOAD, l.rs);
            mv.visitMethodInsn(INVOKESPECIAL, part.internalName, name, BytecodePart.HELPER_DESC, false);
        } else {
            node(mv, l, n);
        }
    }

    private static void time(MethodVisitor mv, Locals l) {
        if (l.t < 0) mv.visitInsn(DCONST_0);
        else mv.visitVarInsn(DLOAD, l.t);
    }

    private void node(MethodVisitor mv, Locals l, Node n) {
        if (n instanceof Node.Const c) {
            part.constant(mv, c.value());
        } else if (n instanceof Node.Var v) {
            mv.visitVarInsn(ALOAD, l.s);
            part.index(mv, plan.slot(v.var()));
            mv.visitInsn(DALOAD);
        } else if (n instanceof Node.Time) {
            if (l.t < 0) {
                mv.visitVarInsn(ALOAD, l.s);
                part.index(mv, plan.slot(plan.model().initialTime()));
                mv.visitInsn(DALOAD);
            } else {
                mv.visitVarInsn(DLOAD, l.t);
            }
        } else if (n instanceof Node.Neg g) {
            child(mv, l, g.operand());
            mv.visitInsn(DNEG);
        } else if (n instanceof Node.Not g) {
            child(mv, l, g.operand());
            mv.visitInsn(DCONST_0);
            mv.visitInsn(DCMPL);
            choose(mv, IFNE); // x == 0 ? 1 : 0, NaN counts as non-zero
        } else if (n instanceof Node.If i) {
            Label otherwise = new Label();
            Label end = new Label();
            branch(mv, l, i.cond(), otherwise, false);
            child(mv, l, i.then());
            mv.visitJumpInsn(GOTO, end);
            mv.visitLabel(otherwise);
            child(mv, l, i.otherwise());
            mv.visitLabel(end);
        } else if (n instanceof Node.Bin b) {
            binary(mv, l, b);
        } else if (n instanceof Node.Fn f) {
            for (Node a : f.args()) child(mv, l, a);
            Method m = f.fn().java;
            mv.visitMethodInsn(INVOKESTATIC, Type.getInternalName(m.getDeclaringClass()), m.getName(), Type.getMethodDescriptor(m), false);
        } else if (n instanceof Node.Lookup lk) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitFieldInsn(GETFIELD, part.internalName, "T", "[L" + RUN + "LookupTable;");
            part.index(mv, plan.tables().get(lk.table()));
            mv.visitInsn(AALOAD);
            child(mv, l, lk.x());
            mv.visitMethodInsn(INVOKEVIRTUAL, RUN + "LookupTable", lk.mode().javaMethod, "(D)D", false);
        } else if (n instanceof Node.Random r) {
            mv.visitVarInsn(ALOAD, l.rs);
            for (Node a : r.args()) child(mv, l, a);
            mv.visitMethodInsn(INVOKEVIRTUAL, RUN_STATE, r.kind().method, "(" + "D".repeat(r.args().size()) + ")D", false);
        } else if (n instanceof Node.ArrayCall a) {
            for (List<Node> vector : a.vectors()) vector(mv, l, vector);
            for (Node x : a.extra()) child(mv, l, x);
            part.index(mv, a.index());
            Method m = arrayMethod(a);
            mv.visitMethodInsn(INVOKESTATIC, RUN + a.owner(), a.method(), Type.getMethodDescriptor(m), false);
        } else if (n instanceof Node.State st) {
            mv.visitVarInsn(ALOAD, l.rs);
            mv.visitFieldInsn(GETFIELD, RUN_STATE, "states", "[L" + RUN + "PipelineState;");
            part.index(mv, st.index());
            mv.visitInsn(AALOAD);
            mv.visitMethodInsn(INVOKEINTERFACE, RUN + "PipelineState", "value", "()D", true);
        } else {
            throw new IllegalStateException("unknown node " + n);
        }
    }

    /**
     * Jumps to {@code target} when the truth of n (non-zero, NaN counting as non-zero) is
     * {@code when}, else falls through. A comparison, AND, OR or NOT jumps on its compare
     * directly instead of making a 1.0/0.0 and testing it: the same truth for every input, a
     * third of the bytecode and branches for the Time chains of big models (less for the JIT).
     */
    private void branch(MethodVisitor mv, Locals l, Node n, Label target, boolean when) {
        if (size(n) <= INLINE_NODES / 2) {
            if (n instanceof Node.Not g) {
                branch(mv, l, g.operand(), target, !when);
                return;
            }
            if (n instanceof Node.Bin b) {
                org.dlab.engine.ir.Expr.BinOp op = b.op();
                boolean and = op == org.dlab.engine.ir.Expr.BinOp.AND;
                if (and || op == org.dlab.engine.ir.Expr.BinOp.OR) {
                    if (and != when) { // AND when false, OR when true: either side decides
                        branch(mv, l, b.left(), target, when);
                        branch(mv, l, b.right(), target, when);
                    } else {
                        Label decided = new Label();
                        branch(mv, l, b.left(), decided, !when);
                        branch(mv, l, b.right(), target, when);
                        mv.visitLabel(decided);
                    }
                    return;
                }
                int[] compareThenJumpToFalse = comparison(op);
                if (compareThenJumpToFalse != null) {
                    child(mv, l, b.left());
                    child(mv, l, b.right());
                    mv.visitInsn(compareThenJumpToFalse[0]);
                    mv.visitJumpInsn(when ? negated(compareThenJumpToFalse[1]) : compareThenJumpToFalse[1], target);
                    return;
                }
            }
        }
        child(mv, l, n);
        mv.visitInsn(DCONST_0);
        mv.visitInsn(DCMPL);
        mv.visitJumpInsn(when ? IFNE : IFEQ, target);
    }

    /** The compare instruction and the jump taken when the comparison is false (NaN: false), or null for arithmetic. */
    private static int[] comparison(org.dlab.engine.ir.Expr.BinOp op) {
        // DCMPL gives -1 and DCMPG +1 for NaN, so each comparison is false with NaN as in Java
        return switch (op) {
            case EQ -> new int[] {DCMPL, IFNE};
            case NE -> new int[] {DCMPL, IFEQ};
            case LT -> new int[] {DCMPG, IFGE};
            case LE -> new int[] {DCMPG, IFGT};
            case GT -> new int[] {DCMPL, IFLE};
            case GE -> new int[] {DCMPL, IFLT};
            default -> null;
        };
    }

    private static int negated(int jump) {
        return switch (jump) {
            case IFEQ -> IFNE;
            case IFNE -> IFEQ;
            case IFLT -> IFGE;
            case IFGE -> IFLT;
            case IFGT -> IFLE;
            case IFLE -> IFGT;
            default -> throw new IllegalArgumentException("not a jump: " + jump);
        };
    }

    /** After a comparison's int is on the stack: 0.0 when {@code jumpToFalse} jumps, else 1.0. */
    private static void choose(MethodVisitor mv, int jumpToFalse) {
        Label no = new Label();
        Label end = new Label();
        mv.visitJumpInsn(jumpToFalse, no);
        mv.visitInsn(DCONST_1);
        mv.visitJumpInsn(GOTO, end);
        mv.visitLabel(no);
        mv.visitInsn(DCONST_0);
        mv.visitLabel(end);
    }

    private void binary(MethodVisitor mv, Locals l, Node.Bin b) {
        boolean and = b.op() == org.dlab.engine.ir.Expr.BinOp.AND;
        if (and || b.op() == org.dlab.engine.ir.Expr.BinOp.OR) {
            Label decided = new Label();
            Label end = new Label();
            child(mv, l, b.left());
            mv.visitInsn(DCONST_0);
            mv.visitInsn(DCMPL);
            mv.visitJumpInsn(and ? IFEQ : IFNE, decided);
            child(mv, l, b.right());
            mv.visitInsn(DCONST_0);
            mv.visitInsn(DCMPL);
            mv.visitJumpInsn(and ? IFEQ : IFNE, decided);
            mv.visitInsn(and ? DCONST_1 : DCONST_0);
            mv.visitJumpInsn(GOTO, end);
            mv.visitLabel(decided);
            mv.visitInsn(and ? DCONST_0 : DCONST_1);
            mv.visitLabel(end);
            return;
        }
        child(mv, l, b.left());
        child(mv, l, b.right());
        int[] compareThenJumpToFalse = switch (b.op()) {
            case ADD -> insn(mv, DADD);
            case SUB -> insn(mv, DSUB);
            case MUL -> insn(mv, DMUL);
            case DIV -> insn(mv, DDIV);
            case POW -> {
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "pow", "(DD)D", false);
                yield null;
            }
            case EQ, NE, LT, LE, GT, GE -> comparison(b.op());
            case AND, OR -> throw new IllegalStateException("written above with short-circuit jumps");
        };
        if (compareThenJumpToFalse != null) {
            mv.visitInsn(compareThenJumpToFalse[0]);
            choose(mv, compareThenJumpToFalse[1]);
        }
    }

    /** An arithmetic instruction; nothing left to compare. */
    private static int[] insn(MethodVisitor mv, int opcode) {
        mv.visitInsn(opcode);
        return null;
    }

    private void vector(MethodVisitor mv, Locals l, List<Node> vector) {
        boolean plain = true;
        for (Node x : vector) plain &= x instanceof Node.Var;
        if (vector.size() > INLINE_VECTOR && plain) {
            int[] slots = new int[vector.size()];
            for (int i = 0; i < slots.length; i++) slots[i] = plan.slot(((Node.Var) vector.get(i)).var());
            mv.visitVarInsn(ALOAD, l.s);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitFieldInsn(GETFIELD, part.internalName, "G", "[[I");
            part.index(mv, part.gather(slots));
            mv.visitInsn(AALOAD);
            mv.visitMethodInsn(INVOKESTATIC, RUN + "Vectors", "gather", "([D[I)[D", false);
        } else if (vector.size() > INLINE_VECTOR) {
            String name = part.fill(this, vector, l.t < 0);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(ALOAD, l.s);
            time(mv, l);
            mv.visitVarInsn(ALOAD, l.rs);
            mv.visitMethodInsn(INVOKESPECIAL, part.internalName, name, "([DDL" + RUN_STATE + ";)[D", false);
        } else {
            part.index(mv, vector.size());
            mv.visitIntInsn(NEWARRAY, T_DOUBLE);
            for (int i = 0; i < vector.size(); i++) {
                mv.visitInsn(DUP);
                part.index(mv, i);
                child(mv, l, vector.get(i));
                mv.visitInsn(DASTORE);
            }
        }
    }

    /** Stores element i of a vector being filled in local v (a fill method's first parameter). */
    void element(MethodVisitor mv, Locals l, int v, int i, Node x) {
        mv.visitVarInsn(ALOAD, v);
        part.index(mv, i);
        child(mv, l, x);
        mv.visitInsn(DASTORE);
    }

    private static Method arrayMethod(Node.ArrayCall a) {
        int params = a.vectors().size() + a.extra().size() + 1;
        return METHODS.computeIfAbsent(a.owner() + "." + a.method() + "/" + params,
                k -> find("org.dlab.engine.run." + a.owner(), a.method(), params, false));
    }

    private static Method find(String owner, String name, int params, boolean allDouble) {
        try {
            for (Method m : Class.forName(owner).getMethods()) {
                if (!m.getName().equals(name) || m.getParameterCount() != params || !Modifier.isStatic(m.getModifiers())) continue;
                if (m.getReturnType() != double.class) continue;
                boolean ok = true;
                if (allDouble) for (Class<?> p : m.getParameterTypes()) ok &= p == double.class;
                if (ok) return m;
            }
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no runtime class " + owner, e);
        }
        throw new IllegalStateException("no runtime method " + owner + "." + name + " of " + params + " parameters");
    }
}
