package org.dlab.engine.compile;

/** Defines one model's generated classes; the classes go when the model is no longer used. */
final class GeneratedLoader extends ClassLoader {
    GeneratedLoader(ClassLoader parent) {
        super(parent);
    }

    Class<?> define(String name, byte[] bytes) {
        return defineClass(name, bytes, 0, bytes.length);
    }
}
