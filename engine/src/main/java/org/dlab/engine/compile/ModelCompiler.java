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

    private ModelCompiler() {}

    public static ModelCode compile(Plan plan) {
        String className = "GeneratedModel" + COUNTER.incrementAndGet();
        String source = JavaSourceGenerator.generate(plan, className);
        SimpleCompiler compiler = new SimpleCompiler();
        compiler.setParentClassLoader(ModelCode.class.getClassLoader());
        try {
            compiler.cook(source);
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
