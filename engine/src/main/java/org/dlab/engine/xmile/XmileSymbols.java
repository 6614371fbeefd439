package org.dlab.engine.xmile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dlab.engine.ir.Pos;
import org.dlab.engine.model.Names;

/**
 * What the XMILE front end knows about a model's names before it translates equations: the
 * dimensions and every variable of the flattened model (modules expanded with prefixed names),
 * so that an equation's bare references can be given their implicit subscripts and calls of
 * graphical functions can be told from builtins.
 */
final class XmileSymbols {
    /** A dimension with its elements in order (size-only dimensions get "1".."n"). */
    record Dim(String name, List<String> elements) {
        String key() {
            return Names.key(name);
        }

        /** The element named {@code s} (case and spacing as the standard says), or null. */
        String element(String s) {
            String k = Names.key(s);
            for (String e : elements) if (Names.key(e).equals(k)) return e;
            return null;
        }
    }

    /** A graphical function: points, and how it reads between and beyond them. */
    record Gf(Pos pos, double[] xs, double[] ys, Mode mode) {}

    enum Mode { CONTINUOUS, EXTRAPOLATE, DISCRETE }

    /** One variable of the flattened model. */
    static final class Var {
        final String name;
        final String key;
        /** Module prefix of the model instance that holds it ("" at the top, "m." inside module m). */
        final String prefix;
        final XmlTree.Element element;
        final String kind;
        final List<Dim> dims;
        /** The variable's own graphical function, if any. */
        Gf gf;
        /** A standalone table ({@code <gf name=..>} or a graphical aux without an equation): a lookup. */
        boolean tableOnly;
        /** Set for a module input fed through a connection: the full name of its source. */
        String connectedFrom;
        /** Set for a variable fed by a time-varying data import: times and values. */
        double[][] series;

        Var(String name, String prefix, XmlTree.Element element, String kind, List<Dim> dims) {
            this.name = name;
            this.key = Names.key(name);
            this.prefix = prefix;
            this.element = element;
            this.kind = kind;
            this.dims = dims;
        }
    }

    final Map<String, Dim> dims = new LinkedHashMap<>();
    final Map<String, Var> vars = new LinkedHashMap<>();

    /**
     * Module instance name to its full prefix ("Climate.Emissions."), or "" when two instances
     * share the name. Stella names a module's variables "Emissions.CDD" wherever the module sits.
     */
    final Map<String, String> modules = new LinkedHashMap<>();

    /** Macro key to its parameters' default values (null where a parameter has none): {@code <parm default="0">}. */
    Map<String, List<Double>> macroDefaults = new LinkedHashMap<>();

    /** {@code Module.name} resolved through a module's own (unique) instance name, or null. */
    Var varInModule(String written) {
        int dot = written.indexOf('.');
        if (dot <= 0) return null;
        String p = modules.get(Names.key(written.substring(0, dot)));
        return p == null || p.isEmpty() ? null : var(p + written.substring(dot + 1));
    }

    Dim dim(String name) {
        return dims.get(Names.key(name));
    }

    Var var(String fullName) {
        return vars.get(Names.key(fullName));
    }

    /** The dimension that has {@code element} among its elements, preferring those of {@code preferred}. */
    Dim dimOfElement(String element, List<Dim> preferred) {
        for (Dim d : preferred) if (d.element(element) != null) return d;
        for (Dim d : dims.values()) if (d.element(element) != null) return d;
        return null;
    }

    /**
     * A name as XMILE writes it in a {@code name} attribute, made a display name: the escape
     * {@code \n} and line breaks become spaces, runs of white space one space. Underscores stay
     * as written (they equal spaces in comparisons, see {@link Names#key}).
     */
    static String displayName(String raw) {
        String s = raw.replace("\\n", " ");
        return s.replaceAll("\\s+", " ").trim();
    }
}
