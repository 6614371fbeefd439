package org.dlab.engine.compile;

import java.util.concurrent.atomic.AtomicLong;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.SimpleCompiler;
import org.dlab.engine.model.Plan;
import org.dlab.engine.run.LookupTable;
import org.dlab.engine.run.ModelCode;

/** Compiles a plan to JVM bytecode (written with ASM, or as Java source for Janino) and instantiates it. */
public final class ModelCompiler {
    private static final AtomicLong COUNTER = new AtomicLong();

    /**
     * Janino recurses several frames per nesting level of the generated Java, so an expression
     * the parser accepts (up to 200 levels) overflowed a default 1 MB stack ("Compilation unit
     * is nested too deeply"). Compiling on a thread of its own with this stack leaves room.
     */
    private static final long COMPILER_STACK_BYTES = 256L << 20;

    private ModelCompiler() {}

    private static void cook(SimpleCompiler compiler, String source) throws CompileException {
        Throwable[] failure = new Throwable[1];
        onLargeStack(() -> {
            try {
                compiler.cook(source);
            } catch (CompileException e) {
                failure[0] = e;
            }
        });
        if (failure[0] != null) throw (CompileException) failure[0];
    }

    private interface Job {
        void run() throws Exception;
    }

    /** Runs the job on a thread with a large stack (code generation recurses per nesting level). */
    private static void onLargeStack(Job job) {
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                job.run();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "dlab-compile", COMPILER_STACK_BYTES);
        t.setContextClassLoader(Thread.currentThread().getContextClassLoader());
        t.start();
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the compile cannot be abandoned half-way; finish, then re-flag
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        Throwable f = failure[0];
        if (f instanceof RuntimeException re) throw re;
        if (f instanceof Error er) throw er;
        if (f != null) throw new IllegalStateException(f);
    }

    /** Which back end writes the code: "asm" (default, bytecode directly) or "janino" (Java source). */
    static final String BACKEND_PROPERTY = "dlab.codegen";

    /**
     * A JVM class limit (64 KB of code per method, 65,535 constants per class) reached by a large
     * model is the user's input meeting a limit, not a crash: a one-line ModelException (exit 2).
     * Anything else is rethrown as it was.
     */
    private static RuntimeException tooLarge(Plan plan, Throwable e) {
        if (!isSizeLimit(e)) {
            if (e instanceof RuntimeException re) return re;
            if (e instanceof Error er) throw er;
            return new IllegalStateException(e);
        }
        return new org.dlab.engine.ModelException(org.dlab.engine.ir.Pos.NONE.withFile(plan.model().source().fileName()),
                "the model is too large to compile (" + plan.slotCount() + " values; a JVM class limit was reached: "
                        + firstLine(e) + ")");
    }

    static boolean isSizeLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (t instanceof ClassFormatError || m.contains("too large") || m.contains("constant pool") || m.contains("64 kb")
                    || m.contains("0xffff") || m.contains("65535") || m.contains("grows beyond")) {
                return true;
            }
            if (t.getCause() == t) break;
        }
        return false;
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        m = nl < 0 ? m : m.substring(0, nl);
        return m.length() > 160 ? m.substring(0, 160) + "..." : m;
    }

    public static ModelCode compile(Plan plan) {
        if ("janino".equals(System.getProperty(BACKEND_PROPERTY))) return compileJava(plan);
        Object[] result = new Object[1];
        onLargeStack(() -> result[0] = compileBytecode(plan));
        return (ModelCode) result[0];
    }

    private static LookupTable[] tables(Plan plan) {
        LookupTable[] tables = new LookupTable[plan.tables().size()];
        for (var e : plan.tables().entrySet()) tables[e.getValue()] = new LookupTable(e.getKey().xs, e.getKey().ys);
        return tables;
    }

    private static ModelCode compileBytecode(Plan plan) {
        BytecodeGenerator.Generated g;
        try {
            g = BytecodeGenerator.generate(plan, "org/dlab/generated/Model" + COUNTER.incrementAndGet());
        } catch (RuntimeException e) {
            throw tooLarge(plan, e);
        }
        LookupTable[] tables = tables(plan);
        GeneratedLoader loader = new GeneratedLoader(ModelCode.class.getClassLoader());
        ModelCode[] parts = new ModelCode[g.parts().size()];
        try {
            for (int i = 0; i < parts.length; i++) {
                BytecodeGenerator.Part p = g.parts().get(i);
                Class<?> c = loader.define(p.className().replace('/', '.'), p.bytes());
                // the model's numeric constants go to the first class, whose initialisation runs first
                parts[i] = (ModelCode) c.getConstructor(double[].class, LookupTable[].class, int[][].class, int[].class, double[].class)
                        .newInstance(p.constants(), tables, p.gathers(), i == 0 ? g.constantSlots() : new int[0],
                                i == 0 ? g.constantValues() : new double[0]);
            }
        } catch (ClassFormatError e) {
            throw tooLarge(plan, e);
        } catch (ReflectiveOperationException | LinkageError e) {
            // generated code failing to load is our bug, not the user's
            throw new IllegalStateException("internal error loading the generated model: " + e, e);
        }
        return parts.length == 1 ? parts[0] : new SplitModelCode(parts);
    }

    /** The Java-source back end (Janino), kept to cross-check the bytecode one. */
    static ModelCode compileJava(Plan plan) {
        JavaSourceGenerator.Generated g = JavaSourceGenerator.generate(plan, "GeneratedModel" + COUNTER.incrementAndGet());
        LookupTable[] tables = tables(plan);
        ModelCode[] parts = new ModelCode[g.parts().size()];
        int[] noSlots = new int[0];
        double[] noValues = new double[0];
        for (int i = 0; i < parts.length; i++) {
            JavaSourceGenerator.Part p = g.parts().get(i);
            // the model's numeric constants go to the first class, whose initialisation runs first
            parts[i] = instantiate(plan, p, tables, i == 0 ? g.constantSlots() : noSlots, i == 0 ? g.constantValues() : noValues);
        }
        return parts.length == 1 ? parts[0] : new SplitModelCode(parts);
    }

    /** Each class is compiled on its own: the compiler's memory is bounded by one class's source. */
    private static ModelCode instantiate(Plan plan, JavaSourceGenerator.Part p, LookupTable[] tables, int[] cs, double[] cv) {
        SimpleCompiler compiler = new SimpleCompiler();
        compiler.setParentClassLoader(ModelCode.class.getClassLoader());
        try {
            cook(compiler, p.source());
            Class<?> c = compiler.getClassLoader().loadClass(p.className());
            return (ModelCode) c.getConstructor(double[].class, LookupTable[].class, int[][].class, int[].class, double[].class)
                    .newInstance(p.constants(), tables, p.gathers(), cs, cv);
        } catch (RuntimeException | LinkageError e) {
            // a class limit is the user's model meeting it; anything else is rethrown as it was
            throw tooLarge(plan, e);
        } catch (CompileException | ReflectiveOperationException e) {
            if (isSizeLimit(e)) throw tooLarge(plan, e);
            // generated code failing to compile is our bug, not the user's
            throw new IllegalStateException("internal error compiling the model: " + e.getMessage(), e);
        }
    }
}
