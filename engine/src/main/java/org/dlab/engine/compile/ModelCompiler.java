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

    public static ModelCode compile(Plan plan) {
        String className = "GeneratedModel" + COUNTER.incrementAndGet();
        String source = JavaSourceGenerator.generate(plan, className);
        SimpleCompiler compiler = new SimpleCompiler();
        compiler.setParentClassLoader(ModelCode.class.getClassLoader());
        try {
            cook(compiler, source);
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
        } catch (CompileException | ReflectiveOperationException e) {
            // generated code failing to compile is our bug, not the user's
            throw new IllegalStateException("internal error compiling the model: " + e.getMessage(), e);
        }
    }
}
