package org.dlab.server.publish;

import org.dlab.engine.compile.JavaScriptGenerator;

/** A minimal JSON writer for the site data: strings escaped for a script element, non-finite numbers as null. */
final class Json {
    private final StringBuilder b = new StringBuilder();
    private boolean first = true;

    private void comma() {
        if (!first) b.append(',');
        first = false;
    }

    Json open() {
        comma();
        b.append('{');
        first = true;
        return this;
    }

    Json close() {
        b.append('}');
        first = false;
        return this;
    }

    Json openArray() {
        comma();
        b.append('[');
        first = true;
        return this;
    }

    Json closeArray() {
        b.append(']');
        first = false;
        return this;
    }

    /** A key; the value written next belongs to it. */
    Json field(String name) {
        comma();
        b.append(JavaScriptGenerator.jsonString(name)).append(':');
        first = true;
        return this;
    }

    Json string(String s) {
        comma();
        b.append(JavaScriptGenerator.jsonString(s));
        return this;
    }

    Json number(double v) {
        comma();
        if (!Double.isFinite(v)) b.append("null");
        else if (v == Math.rint(v) && Math.abs(v) < 1e15) b.append((long) v);
        else b.append(v);
        return this;
    }

    Json bool(boolean v) {
        comma();
        b.append(v);
        return this;
    }

    Json numbers(double[] v) {
        openArray();
        for (double x : v) number(x);
        return closeArray();
    }

    Json ints(int[] v) {
        openArray();
        for (int x : v) number(x);
        return closeArray();
    }

    Json strings(java.util.List<String> v) {
        openArray();
        for (String s : v) string(s);
        return closeArray();
    }

    @Override
    public String toString() {
        return b.toString();
    }
}
