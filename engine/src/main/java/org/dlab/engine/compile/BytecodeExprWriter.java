package org.dlab.engine.compile;

import static org.objectweb.asm.Opcodes.*;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.dlab.engine.model.Builtin;
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
        children(n, c -> count[0] += size(c));
        int s = Math.min(Integer.MAX_VALUE / 4, 1 + count[0]);
        sizes.put(n, s);
        return s;
    }

    private static void children(Node n, java.util.function.Consumer<Node> f) {
        if (n instanceof Node.Bin b) {
            f.accept(b.left());
            f.accept(b.right());
        } else if (n instanceof Node.Neg g) {
            f.accept(g.operand());
        } else if (n instanceof Node.Not g) {
            f.accept(g.operand());
        } else if (n instanceof Node.If i) {
            f.accept(i.cond());
            f.accept(i.then());
            f.accept(i.otherwise());
        } else if (n instanceof Node.Fn fn) {
            fn.args().forEach(f);
        } else if (n instanceof Node.Lookup l) {
            f.accept(l.x());
        } else if (n instanceof Node.Random r) {
            r.args().forEach(f);
        } else if (n instanceof Node.ArrayCall a) {
            a.vectors().forEach(v -> v.forEach(f));
            a.extra().forEach(f);
        }
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
            part.index(mv, v.var().slot);
            mv.visitInsn(DALOAD);
        } else if (n instanceof Node.Time) {
            if (l.t < 0) {
                mv.visitVarInsn(ALOAD, l.s);
                part.index(mv, plan.model().initialTime().slot);
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
            child(mv, l, i.cond());
            mv.visitInsn(DCONST_0);
            mv.visitInsn(DCMPL);
            mv.visitJumpInsn(IFEQ, otherwise);
            child(mv, l, i.then());
            mv.visitJumpInsn(GOTO, end);
            mv.visitLabel(otherwise);
            child(mv, l, i.otherwise());
            mv.visitLabel(end);
        } else if (n instanceof Node.Bin b) {
            binary(mv, l, b);
        } else if (n instanceof Node.Fn f) {
            for (Node a : f.args()) child(mv, l, a);
            Method m = builtin(f.fn());
            mv.visitMethodInsn(INVOKESTATIC, Type.getInternalName(m.getDeclaringClass()), m.getName(), Type.getMethodDescriptor(m), false);
        } else if (n instanceof Node.Lookup lk) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitFieldInsn(GETFIELD, part.internalName, "T", "[L" + RUN + "LookupTable;");
            part.index(mv, plan.tables().get(lk.table()));
            mv.visitInsn(AALOAD);
            child(mv, l, lk.x());
            String fn = switch (lk.mode()) {
                case INTERPOLATE -> "interpolate";
                case EXTRAPOLATE -> "extrapolate";
                case FORWARD -> "forward";
                case BACKWARD -> "backward";
                case RAW -> "raw";
            };
            mv.visitMethodInsn(INVOKEVIRTUAL, RUN + "LookupTable", fn, "(D)D", false);
        } else if (n instanceof Node.Random r) {
            mv.visitVarInsn(ALOAD, l.rs);
            for (Node a : r.args()) child(mv, l, a);
            mv.visitMethodInsn(INVOKEVIRTUAL, RUN_STATE, random(r), "(" + "D".repeat(r.args().size()) + ")D", false);
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
        switch (b.op()) {
            case AND, OR -> {
                boolean and = b.op() == org.dlab.engine.ir.Expr.BinOp.AND;
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
            default -> { }
        }
        child(mv, l, b.left());
        child(mv, l, b.right());
        switch (b.op()) {
            case ADD -> mv.visitInsn(DADD);
            case SUB -> mv.visitInsn(DSUB);
            case MUL -> mv.visitInsn(DMUL);
            case DIV -> mv.visitInsn(DDIV);
            case POW -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "pow", "(DD)D", false);
            // DCMPL gives -1 and DCMPG +1 for NaN, so each comparison is false with NaN as in Java
            case EQ -> {
                mv.visitInsn(DCMPL);
                choose(mv, IFNE);
            }
            case NE -> {
                mv.visitInsn(DCMPL);
                choose(mv, IFEQ);
            }
            case LT -> {
                mv.visitInsn(DCMPG);
                choose(mv, IFGE);
            }
            case LE -> {
                mv.visitInsn(DCMPG);
                choose(mv, IFGT);
            }
            case GT -> {
                mv.visitInsn(DCMPL);
                choose(mv, IFLE);
            }
            case GE -> {
                mv.visitInsn(DCMPL);
                choose(mv, IFLT);
            }
            default -> throw new IllegalStateException("operator " + b.op());
        }
    }

    private void vector(MethodVisitor mv, Locals l, List<Node> vector) {
        boolean plain = true;
        for (Node x : vector) plain &= x instanceof Node.Var;
        if (vector.size() > INLINE_VECTOR && plain) {
            int[] slots = new int[vector.size()];
            for (int i = 0; i < slots.length; i++) slots[i] = ((Node.Var) vector.get(i)).var().slot;
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

    private static String random(Node.Random r) {
        return switch (r.kind()) {
            case UNIFORM -> "uniform";
            case NORMAL -> "normal";
            case POISSON -> "poisson";
            case EXPONENTIAL -> "exponential";
            case GAMMA -> "gamma";
            case LOGNORMAL -> "lognormal";
            case TRIANGULAR -> "triangular";
            case BETA -> "beta";
            case BINOMIAL -> "binomial";
            case NEGATIVE_BINOMIAL -> "negativeBinomial";
            case WEIBULL -> "weibull";
        };
    }

    /** The static double method a builtin names ("Math.min" is java.lang.Math's min(double, double)). */
    private static Method builtin(Builtin b) {
        return METHODS.computeIfAbsent(b.name(), k -> {
            int dot = b.javaName.lastIndexOf('.');
            String owner = b.javaName.substring(0, dot);
            if (owner.equals("Math")) owner = "java.lang.Math";
            return find(owner, b.javaName.substring(dot + 1), b.arity, true);
        });
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
