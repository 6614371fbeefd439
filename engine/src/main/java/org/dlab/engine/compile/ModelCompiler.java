package org.dlab.engine.compile;

import java.util.concurrent.atomic.AtomicLong;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.SimpleCompiler;
import org.dlab.engine.model.Node;
import org.dlab.engine.model.Plan;
import org.dlab.engine.run.ModelCode;

/** Compiles a plan to JVM bytecode with Janino and instantiates it. */
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
        Thread t = new Thread(null, () -> {
            try {
                compiler.cook(source);
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
        if (f instanceof CompileException ce) throw ce;
        if (f instanceof RuntimeException re) throw re;
        if (f instanceof Error er) throw er;
        if (f != null) throw new IllegalStateException(f);
    }

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
        String className = "GeneratedModel" + COUNTER.incrementAndGet();
        String source = JavaSourceGenerator.generate(plan, className);
        SimpleCompiler compiler = new SimpleCompiler();
        compiler.setParentClassLoader(ModelCode.class.getClassLoader());
        try {
            try {
                cook(compiler, source);
            } catch (RuntimeException | Error e) {
                throw tooLarge(plan, e);
            }
            Class<?> c = compiler.getClassLoader().loadClass(className);
            int n = plan.tables().size();
            double[][] xs = new double[n][];
            double[][] ys = new double[n][];
            for (var e : plan.tables().entrySet()) {
                Node.Table t = e.getKey();
                xs[e.getValue()] = t.xs;
                ys[e.getValue()] = t.ys;
            }
            return (ModelCode) c.getConstructor(double[][].class, double[][].class).newInstance(xs, ys);
        } catch (ClassFormatError e) {
            throw tooLarge(plan, e);
        } catch (CompileException | ReflectiveOperationException e) {
            if (isSizeLimit(e)) throw tooLarge(plan, e);
            // generated code failing to compile is our bug, not the user's
            throw new IllegalStateException("internal error compiling the model: " + e.getMessage(), e);
        }
    }
}
