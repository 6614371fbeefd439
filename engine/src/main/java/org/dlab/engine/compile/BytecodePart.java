package org.dlab.engine.compile;

import static org.objectweb.asm.Opcodes.*;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dlab.engine.model.Node;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;

/**
 * One generated class written with ASM: a consecutive share of each phase's statements, in
 * methods of bounded size, plus the helper methods they call. It counts what fills its
 * constant pool so the generator starts the next class long before the JVM's 65,535 entries;
 * number literals past {@link #LITERALS_IN_CODE} are read from the per-class array {@code K}.
 */
final class BytecodePart {
    static final int METHOD_NODES = 700;
    static final int POOL_BUDGET = 40_000;
    static final int LITERALS_IN_CODE = 4_000;
    static final String HELPER_DESC = "([DDL" + BytecodeExprWriter.RUN_STATE + ";)D";
    private static final String MODEL_CODE = BytecodeExprWriter.RUN + "ModelCode";

    enum Phase {
        INIT("initialize", "([D[ZL" + BytecodeExprWriter.RUN_STATE + ";)V", new BytecodeExprWriter.Locals(1, -1, 3)),
        EVAL("evaluate", "([DDL" + BytecodeExprWriter.RUN_STATE + ";)V", new BytecodeExprWriter.Locals(1, 2, 4)),
        RATES("rates", "([D[DDL" + BytecodeExprWriter.RUN_STATE + ";)V", new BytecodeExprWriter.Locals(1, 3, 5)),
        UPDATE("update", "([D[DDL" + BytecodeExprWriter.RUN_STATE + ";)V", new BytecodeExprWriter.Locals(1, 3, 5)),
        EULER("euler", "([D[DDDL" + BytecodeExprWriter.RUN_STATE + ";)V", new BytecodeExprWriter.Locals(1, 5, 7));

        final String method;
        final String desc;
        final BytecodeExprWriter.Locals locals;

        Phase(String method, String desc, BytecodeExprWriter.Locals locals) {
            this.method = method;
            this.desc = desc;
            this.locals = locals;
        }
    }

    final String internalName;
    final ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
    private final Map<Phase, Integer> chunks = new EnumMap<>(Phase.class);
    private final Set<Long> literalsInCode = new HashSet<>();
    private final Map<Long, Integer> dataIndex = new HashMap<>();
    final List<Double> data = new ArrayList<>();
    final List<int[]> gathers = new ArrayList<>();
    private final Set<Integer> bigInts = new HashSet<>();
    private int methods;
    private int helpers;
    private MethodVisitor chunk;
    private Phase chunkPhase;
    private int chunkNodes;
    private boolean empty = true;

    BytecodePart(String internalName) {
        this.internalName = internalName;
        cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, internalName, null, MODEL_CODE, null);
        cw.visitField(ACC_PRIVATE | ACC_FINAL, "K", "[D", null, null).visitEnd();
        cw.visitField(ACC_PRIVATE | ACC_FINAL, "T", "[L" + BytecodeExprWriter.RUN + "LookupTable;", null, null).visitEnd();
        cw.visitField(ACC_PRIVATE | ACC_FINAL, "G", "[[I", null, null).visitEnd();
        cw.visitField(ACC_PRIVATE | ACC_FINAL, "cs", "[I", null, null).visitEnd();
        cw.visitField(ACC_PRIVATE | ACC_FINAL, "cv", "[D", null, null).visitEnd();
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "<init>", "([D[L" + BytecodeExprWriter.RUN + "LookupTable;[[I[I[D)V", null, null);
        mv.visitCode();
        mv.visitVarInsn(ALOAD, 0);
        mv.visitMethodInsn(INVOKESPECIAL, MODEL_CODE, "<init>", "()V", false);
        String[][] fields = {{"K", "[D"}, {"T", "[L" + BytecodeExprWriter.RUN + "LookupTable;"}, {"G", "[[I"}, {"cs", "[I"}, {"cv", "[D"}};
        for (int i = 0; i < fields.length; i++) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(ALOAD, i + 1);
            mv.visitFieldInsn(PUTFIELD, internalName, fields[i][0], fields[i][1]);
        }
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    void constant(MethodVisitor mv, double v) {
        long bits = Double.doubleToLongBits(v);
        if (v == 0.0 && bits == 0) {
            mv.visitInsn(DCONST_0);
        } else if (v == 1.0) {
            mv.visitInsn(DCONST_1);
        } else if (literalsInCode.contains(bits) || literalsInCode.size() < LITERALS_IN_CODE) {
            literalsInCode.add(bits);
            mv.visitLdcInsn(v);
        } else {
            Integer i = dataIndex.get(bits);
            if (i == null) {
                i = data.size();
                dataIndex.put(bits, i);
                data.add(v);
            }
            mv.visitVarInsn(ALOAD, 0);
            mv.visitFieldInsn(GETFIELD, internalName, "K", "[D");
            index(mv, i);
            mv.visitInsn(DALOAD);
        }
    }

    /** Pushes an int; past a short's range it is a pool entry. */
    void index(MethodVisitor mv, int i) {
        if (i >= -1 && i <= 5) mv.visitInsn(ICONST_0 + i);
        else if (i >= Byte.MIN_VALUE && i <= Byte.MAX_VALUE) mv.visitIntInsn(BIPUSH, i);
        else if (i >= Short.MIN_VALUE && i <= Short.MAX_VALUE) mv.visitIntInsn(SIPUSH, i);
        else {
            bigInts.add(i);
            mv.visitLdcInsn(i);
        }
    }

    int gather(int[] slots) {
        gathers.add(slots);
        return gathers.size() - 1;
    }

    /** A helper method returning the value of n; its own large parts become helpers in turn. */
    String helper(BytecodeExprWriter w, Node n, boolean initial) {
        String name = "h" + helpers++;
        methods++;
        MethodVisitor mv = cw.visitMethod(ACC_PRIVATE, name, HELPER_DESC, null, null);
        mv.visitCode();
        w.root(mv, new BytecodeExprWriter.Locals(1, initial ? -1 : 2, 4), n);
        mv.visitInsn(DRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        return name;
    }

    /** A method returning a new vector of the values of xs, filled by methods of bounded size. */
    String fill(BytecodeExprWriter w, List<Node> xs, boolean initial) {
        String name = "v" + helpers++;
        String chunkDesc = "([D[DDL" + BytecodeExprWriter.RUN_STATE + ";)V";
        BytecodeExprWriter.Locals l = new BytecodeExprWriter.Locals(2, initial ? -1 : 3, 5);
        int count = 0;
        int i = 0;
        while (i < xs.size()) {
            MethodVisitor mv = cw.visitMethod(ACC_PRIVATE, name + "_" + count++, chunkDesc, null, null);
            mv.visitCode();
            int nodes = 0;
            while (i < xs.size() && (nodes == 0 || nodes + w.inlineCost(xs.get(i)) <= METHOD_NODES)) {
                nodes += w.inlineCost(xs.get(i)) + 3;
                w.element(mv, l, 1, i, xs.get(i));
                i++;
            }
            mv.visitInsn(RETURN);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }
        MethodVisitor mv = cw.visitMethod(ACC_PRIVATE, name, "([DDL" + BytecodeExprWriter.RUN_STATE + ";)[D", null, null);
        mv.visitCode();
        index(mv, xs.size());
        mv.visitIntInsn(NEWARRAY, T_DOUBLE);
        mv.visitVarInsn(ASTORE, 5);
        for (int c = 0; c < count; c++) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(ALOAD, 5);
            mv.visitVarInsn(ALOAD, 1);
            mv.visitVarInsn(DLOAD, 2);
            mv.visitVarInsn(ALOAD, 4);
            mv.visitMethodInsn(INVOKESPECIAL, internalName, name + "_" + c, chunkDesc, false);
        }
        mv.visitVarInsn(ALOAD, 5);
        mv.visitInsn(ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        methods += count + 1;
        return name;
    }

    /** The chunk method of the phase to write the next statement (of about {@code nodes} nodes) in. */
    MethodVisitor statement(Phase p, int nodes) {
        empty = false;
        if (chunk != null && (chunkPhase != p || chunkNodes + nodes > METHOD_NODES)) closeChunk();
        if (chunk == null) {
            int n = chunks.merge(p, 1, Integer::sum) - 1;
            chunk = cw.visitMethod(ACC_PRIVATE, p.method + n, p.desc, null, null);
            chunk.visitCode();
            chunkPhase = p;
            chunkNodes = 0;
            methods++;
        }
        chunkNodes += nodes + 4;
        return chunk;
    }

    private void closeChunk() {
        chunk.visitInsn(RETURN);
        chunk.visitMaxs(0, 0);
        chunk.visitEnd();
        chunk = null;
    }

    boolean full() {
        return 2 * literalsInCode.size() + bigInts.size() + 5 * methods + 100 > POOL_BUDGET;
    }

    boolean isEmpty() {
        return empty;
    }

    /** Writes the phase methods, each calling this class's chunks of it in order, and returns the class file. */
    byte[] finish(List<Phase> phases, boolean pushInputs) {
        if (chunk != null) closeChunk();
        for (Phase p : phases) {
            MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, p.method, p.desc, null, null);
            mv.visitCode();
            if (p == Phase.INIT) {
                mv.visitVarInsn(ALOAD, 1);
                mv.visitVarInsn(ALOAD, 2);
                mv.visitVarInsn(ALOAD, 0);
                mv.visitFieldInsn(GETFIELD, internalName, "cs", "[I");
                mv.visitVarInsn(ALOAD, 0);
                mv.visitFieldInsn(GETFIELD, internalName, "cv", "[D");
                mv.visitMethodInsn(INVOKESTATIC, MODEL_CODE, "constants", "([D[Z[I[D)V", false);
            }
            int n = chunks.getOrDefault(p, 0);
            for (int c = 0; c < n; c++) {
                mv.visitVarInsn(ALOAD, 0);
                int local = 1;
                for (org.objectweb.asm.Type t : org.objectweb.asm.Type.getArgumentTypes(p.desc)) {
                    mv.visitVarInsn(t.getOpcode(ILOAD), local);
                    local += t.getSize();
                }
                mv.visitMethodInsn(INVOKESPECIAL, internalName, p.method + c, p.desc, false);
            }
            if (p == Phase.UPDATE && pushInputs) {
                mv.visitVarInsn(ALOAD, 5);
                mv.visitMethodInsn(INVOKEVIRTUAL, BytecodeExprWriter.RUN_STATE, "pushInputs", "()V", false);
            }
            mv.visitInsn(RETURN);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }
        cw.visitEnd();
        return cw.toByteArray();
    }
}
