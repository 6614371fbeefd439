package org.dlab.engine.compile;

import static org.objectweb.asm.Opcodes.*;

import java.util.ArrayList;
import java.util.List;
import org.dlab.engine.model.Node;
import org.dlab.engine.model.Plan;
import org.dlab.engine.model.ScalarVar;
import org.dlab.engine.model.StateObject;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Writes a model's {@link org.dlab.engine.run.ModelCode} directly as JVM bytecode, the same
 * structure {@link JavaSourceGenerator} writes as Java source, without a Java compiler: one or
 * more classes, each a consecutive share of every phase's statements, so no class outgrows the
 * constant pool and no method 64 KB at any model size. Numeric constants are data.
 */
final class BytecodeGenerator {
    /** One class file with the data its constructor takes. */
    record Part(String className, byte[] bytes, double[] constants, int[][] gathers) {}

    record Generated(List<Part> parts, int[] constantSlots, double[] constantValues) {}

    private final Plan plan;
    private final String baseName;
    private final BytecodeExprWriter exprs;
    private final List<BytecodePart> open = new ArrayList<>();
    private final List<Part> done = new ArrayList<>();
    private BytecodePart part;

    private BytecodeGenerator(Plan plan, String baseName) {
        this.plan = plan;
        this.baseName = baseName;
        this.exprs = new BytecodeExprWriter(plan);
    }

    static Generated generate(Plan plan, String baseName) {
        return new BytecodeGenerator(plan, baseName).run();
    }

    private static final List<BytecodePart.Phase> PHASES =
            List.of(BytecodePart.Phase.INIT, BytecodePart.Phase.EVAL, BytecodePart.Phase.RATES, BytecodePart.Phase.UPDATE);

    private void next() {
        if (part != null) done.add(finish(part, PHASES, false));
        part = new BytecodePart(baseName + "_" + (done.size()));
        exprs.target(part);
    }

    private Part finish(BytecodePart p, List<BytecodePart.Phase> phases, boolean last) {
        double[] k = new double[p.data.size()];
        for (int j = 0; j < k.length; j++) k[j] = p.data.get(j);
        return new Part(p.internalName, p.finish(phases, last && !plan.model().states().isEmpty()), k, p.gathers.toArray(new int[0][]));
    }

    /** Pushes slot's array and index for a store: {@code array[index] = ...}. */
    private MethodVisitor store(BytecodePart.Phase phase, int arrayLocal, int index, Node value) {
        MethodVisitor mv = begin(phase, exprs.inlineCost(value));
        mv.visitVarInsn(ALOAD, arrayLocal);
        part.index(mv, index);
        exprs.root(mv, phase.locals, value);
        mv.visitInsn(DASTORE);
        return mv;
    }

    /** The method to write the next statement in; a new class once this one is full. */
    private MethodVisitor begin(BytecodePart.Phase phase, int nodes) {
        if (part.full()) next();
        return part.statement(phase, nodes);
    }

    private Generated run() {
        next();
        List<Integer> cs = new ArrayList<>();
        List<Double> cv = new ArrayList<>();
        BytecodePart.Phase init = BytecodePart.Phase.INIT;
        for (Object o : plan.initOrder()) {
            if (o instanceof ScalarVar v) {
                if (v.initial == null) continue;
                Double c = JavaSourceGenerator.constant(v.initial);
                if (c != null) {
                    cs.add(plan.slot(v));
                    cv.add(c);
                    continue;
                }
                // if (!fixed[slot]) s[slot] = initial
                MethodVisitor mv = begin(init, exprs.inlineCost(v.initial) + 4);
                Label skip = new Label();
                mv.visitVarInsn(ALOAD, 2);
                part.index(mv, plan.slot(v));
                mv.visitInsn(BALOAD);
                mv.visitJumpInsn(IFNE, skip);
                mv.visitVarInsn(ALOAD, 1);
                part.index(mv, plan.slot(v));
                exprs.root(mv, init.locals, v.initial);
                mv.visitInsn(DASTORE);
                mv.visitLabel(skip);
            } else if (o instanceof StateObject st) {
                MethodVisitor mv = begin(init, exprs.inlineCost(st.initArgs().get(0)) + exprs.inlineCost(st.initArgs().get(1)) + 8);
                mv.visitVarInsn(ALOAD, 3);
                mv.visitFieldInsn(GETFIELD, BytecodeExprWriter.RUN_STATE, "states", "[L" + BytecodeExprWriter.RUN + "PipelineState;");
                part.index(mv, st.index());
                mv.visitInsn(AALOAD);
                exprs.root(mv, init.locals, st.initArgs().get(0));
                exprs.root(mv, init.locals, st.initArgs().get(1));
                mv.visitVarInsn(ALOAD, 1);
                part.index(mv, plan.slot(plan.model().timeStep()));
                mv.visitInsn(DALOAD);
                mv.visitMethodInsn(INVOKEINTERFACE, BytecodeExprWriter.RUN + "PipelineState", "init", "(DDD)V", true);
            }
        }
        for (ScalarVar v : plan.stepOrder()) {
            store(BytecodePart.Phase.EVAL, 1, plan.slot(v), v.expr);
        }
        for (ScalarVar v : plan.stocks()) {
            store(BytecodePart.Phase.RATES, 2, plan.slot(v), v.rate);
        }
        int nStocks = plan.stocks().size();
        for (ScalarVar v : plan.discretes()) {
            store(BytecodePart.Phase.UPDATE, 2, plan.slot(v) - nStocks, v.rate);
        }
        // inputs are all read before any pipeline moves (the last class's update pushes them), so one DELAY FIXED may feed another
        for (StateObject st : plan.model().states()) {
            MethodVisitor mv = begin(BytecodePart.Phase.UPDATE, exprs.inlineCost(st.input()) + 4);
            mv.visitVarInsn(ALOAD, 5);
            mv.visitFieldInsn(GETFIELD, BytecodeExprWriter.RUN_STATE, "stateInputs", "[D");
            part.index(mv, st.index());
            exprs.root(mv, BytecodePart.Phase.UPDATE.locals, st.input());
            mv.visitInsn(DASTORE);
        }
        List<BytecodePart.Phase> phases = new ArrayList<>(PHASES);
        if (done.isEmpty() && nStocks <= JavaSourceGenerator.INLINE_EULER_STOCKS) {
            // one line per stock: with constant indices the JIT keeps the step straight-line
            phases.add(BytecodePart.Phase.EULER);
            MethodVisitor mv = part.statement(BytecodePart.Phase.EULER, 8);
            mv.visitVarInsn(ALOAD, 0);
            for (int local : new int[] {1, 2}) mv.visitVarInsn(ALOAD, local);
            mv.visitVarInsn(DLOAD, 5);
            mv.visitVarInsn(ALOAD, 7);
            mv.visitMethodInsn(INVOKEVIRTUAL, part.internalName, "rates", BytecodePart.Phase.RATES.desc, false);
            for (ScalarVar v : plan.stocks()) {
                mv = part.statement(BytecodePart.Phase.EULER, 8);
                mv.visitVarInsn(ALOAD, 1);
                part.index(mv, plan.slot(v));
                mv.visitInsn(DUP2);
                mv.visitInsn(DALOAD);
                mv.visitVarInsn(DLOAD, 3);
                mv.visitVarInsn(ALOAD, 2);
                part.index(mv, plan.slot(v));
                mv.visitInsn(DALOAD);
                mv.visitInsn(DMUL);
                mv.visitInsn(DADD);
                mv.visitInsn(DASTORE);
            }
        }
        done.add(finish(part, phases, true));
        int[] slots = new int[cs.size()];
        double[] values = new double[cv.size()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = cs.get(i);
            values[i] = cv.get(i);
        }
        return new Generated(done, slots, values);
    }
}
