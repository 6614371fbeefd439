package org.dlab.engine.xmile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.dlab.engine.ModelException;
import org.dlab.engine.ir.Equation;
import org.dlab.engine.ir.Expr;
import org.dlab.engine.ir.IntegrationMethod;
import org.dlab.engine.ir.Macro;
import org.dlab.engine.ir.ModelSource;
import org.dlab.engine.ir.Pos;
import org.dlab.engine.ir.SubscriptRange;
import org.dlab.engine.model.Names;
import org.dlab.engine.xmile.XmileSymbols.Dim;
import org.dlab.engine.xmile.XmlTree.Element;

/**
 * Reads an XMILE 1.0 file as Stella and iThink write it ({@code .xmile}, {@code .xml},
 * {@code .stmx}, {@code .itmx}) into a {@link ModelSource}, the same neutral form the Vensim
 * reader produces: sim specs become INITIAL TIME, FINAL TIME and TIME STEP, dimensions become
 * subscript ranges, modules are flattened under prefixed names, macros become macros. Vendor
 * extensions ({@code isee:...}) and the diagram are ignored.
 */
public final class XmileParser {
    /** Larger files are refused: no real model comes near it, and it bounds memory. */
    public static final long MAX_FILE_BYTES = 64L << 20;

    private XmileParser() {}

    /** True for the extensions this reader takes, whatever their case. */
    public static boolean accepts(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        return n.endsWith(".xmile") || n.endsWith(".xml") || n.endsWith(".stmx") || n.endsWith(".itmx");
    }

    public static ModelSource parse(Path file) {
        return parse(file, null);
    }

    /**
     * Reads a file; with {@code repairs} given, elements the file leaves open are closed first
     * ({@link XmlRepair}) and each repair is passed to it as one line.
     */
    public static ModelSource parse(Path file, Consumer<String> repairs) {
        Pos filePos = new Pos(file.toString(), 0, 0);
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new ModelException(filePos, "model file is " + (size >> 20) + " MB; the limit is " + (MAX_FILE_BYTES >> 20) + " MB");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ModelException(filePos, "cannot read model file: " + e.getMessage());
        }
        String text = decode(bytes);
        if (repairs != null) {
            XmlRepair.Result r = XmlRepair.repair(file.toString(), text);
            r.repairs().forEach(repairs);
            text = r.text();
        }
        return parse(file.toString(), text, file.toAbsolutePath().getParent());
    }

    /** UTF-8 (with or without a byte-order mark), else Latin-1: what model files are written in. */
    static String decode(byte[] bytes) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    public static ModelSource parse(String fileName, String text, Path dir) {
        Element root = XmlTree.read(fileName, text);
        if (!root.is("xmile")) throw new ModelException(root.pos, "not an XMILE file: the root element is <" + root.name + ">, expected <xmile>");
        XmileSymbols sym = new XmileSymbols();
        dimensions(root, sym, false);
        List<Element> models = root.all("model");
        if (models.isEmpty()) throw new ModelException(root.pos, "the file has no <model>");
        Element main = null;
        for (Element m : models) {
            if (m.attr("name") == null || m.attr("name").isBlank()) {
                main = m;
                break;
            }
        }
        if (main == null) main = models.get(0);
        Map<String, Element> byName = XmileModelReader.modelsByName(models);
        List<Element> macroElements = new ArrayList<>(root.all("macro"));
        if (dir != null) {
            ModuleFiles files = new ModuleFiles(dir, byName, sym);
            Path self = dir.resolve(fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1));
            for (Element m : models) files.load(m, self, 0);
            macroElements.addAll(files.macros);
        }
        Set<String> macroNames = new HashSet<>();
        List<Element> macroDefs = new ArrayList<>();
        for (Element m : macroElements) {
            // module files repeat the macros they share; the first definition of a name is used
            if (m.attr("name") != null && macroNames.add(Names.key(m.attr("name")))) macroDefs.add(m);
        }
        for (Element m : macroDefs) sym.macroDefaults.put(Names.key(m.attr("name")), defaults(m));
        XmileModelReader.Behavior behavior = behavior(root.child("behavior"), new XmileModelReader.Behavior(false, false));
        behavior = behavior(main.child("behavior"), behavior);
        XmileModelReader reader = new XmileModelReader(sym, byName, behavior, macroNames);
        reader.collect(main, "", 0);
        if (dir != null) DataImports.read(root, dir.resolve(fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1)),
                new ModuleFiles(dir, byName, sym), sym);
        List<Equation> equations = new ArrayList<>(reader.equations(null));
        IntegrationMethod method = simSpecs(root, sym, equations);
        if (method != IntegrationMethod.EULER && reader.firstQueue() != null) {
            // isee's Queue Computation defines a batch as what a flow delivers in one DT: a per-DT rule, not a derivative
            throw new ModelException(reader.firstQueue(), "queue stocks are computed per DT and run with method=\"euler\" only, not " + method.name().toLowerCase(Locale.ROOT));
        }
        List<Macro> macros = new ArrayList<>();
        for (Element m : macroDefs) macros.add(macro(m, sym, byName, behavior, macroNames));
        List<SubscriptRange> ranges = new ArrayList<>();
        for (Dim d : sym.dims.values()) ranges.add(new SubscriptRange(new Pos(fileName, 0, 0), d.name(), d.elements(), List.of(), null));
        return new ModelSource(fileName, dir, equations, ranges, macros, method);
    }

    /** The {@code <dimensions>} of a file; with {@code keepExisting} (a module file) those already known stay. */
    static void dimensions(Element root, XmileSymbols sym, boolean keepExisting) {
        Element ds = root.child("dimensions");
        if (ds == null) return;
        for (Element d : ds.all("dim")) {
            String name = d.attr("name");
            if (name == null || name.isBlank()) throw new ModelException(d.pos, "<dim> without a name");
            List<String> elements = new ArrayList<>();
            for (Element e : d.all("elem")) {
                String en = e.attr("name");
                if (en == null || en.isBlank()) throw new ModelException(e.pos, "<elem> without a name");
                elements.add(XmileSymbols.displayName(en));
            }
            if (elements.isEmpty()) {
                String size = d.attr("size");
                int n;
                try {
                    n = Integer.parseInt(size == null ? "" : size.trim());
                } catch (NumberFormatException x) {
                    throw new ModelException(d.pos, "dimension '" + name + "' needs <elem> children or a whole-number size, got '" + size + "'");
                }
                if (n < 1 || n > 1_000_000) throw new ModelException(d.pos, "dimension '" + name + "' has size " + n + " (1 to 1000000)");
                for (int i = 1; i <= n; i++) elements.add(Integer.toString(i));
            }
            Dim dim = new Dim(XmileSymbols.displayName(name), List.copyOf(elements));
            if (keepExisting && sym.dims.containsKey(dim.key())) continue;
            if (sym.dims.put(dim.key(), dim) != null) throw new ModelException(d.pos, "dimension '" + name + "' is defined more than once");
        }
    }

    private static XmileModelReader.Behavior behavior(Element b, XmileModelReader.Behavior dflt) {
        if (b == null) return dflt;
        boolean all = b.child("non_negative") != null && !"false".equalsIgnoreCase(b.childText("non_negative").trim());
        boolean stocks = all || dflt.stocks();
        boolean flows = all || dflt.flows();
        Element s = b.child("stock");
        if (s != null && s.child("non_negative") != null) stocks = !"false".equalsIgnoreCase(s.childText("non_negative").trim());
        Element f = b.child("flow");
        if (f != null && f.child("non_negative") != null) flows = !"false".equalsIgnoreCase(f.childText("non_negative").trim());
        return new XmileModelReader.Behavior(stocks, flows);
    }

    /**
     * Start, stop and DT (a reciprocal DT is 1/value) become the control variables, unless the
     * model defines them itself (files converted from Vensim do); the method names the integrator.
     */
    private static IntegrationMethod simSpecs(Element root, XmileSymbols sym, List<Equation> out) {
        Element s = root.child("sim_specs");
        if (s == null) throw new ModelException(root.pos, "the file has no <sim_specs> (start, stop, dt)");
        control(sym, out, s, "INITIAL TIME", value(s, "start", 0, false));
        Element stop = s.child("stop");
        String stopText = stop == null ? "" : XmileSymbols.displayName(stop.text().trim().replace("\"", ""));
        if (stop != null && !stopText.isEmpty() && !Character.isDigit(stopText.charAt(0)) && sym.var(stopText) != null) {
            // Stella lets the stop time name a variable of the main model (FRIDA: Simulation_End)
            if (sym.var("FINAL TIME") == null) {
                out.add(new Equation(stop.pos, "FINAL TIME", List.of(), List.of(), new Equation.Formula(new Expr.Ref(stop.text.pos(0), sym.var(stopText).name, List.of())), "", ""));
            }
        } else {
            control(sym, out, s, "FINAL TIME", value(s, "stop", Double.NaN, false));
        }
        control(sym, out, s, "TIME STEP", value(s, "dt", 1, true));
        String m = s.attr("method");
        if (m == null || m.isBlank()) return IntegrationMethod.EULER;
        try {
            return IntegrationMethod.parse(m.trim());
        } catch (IllegalArgumentException e) {
            throw new ModelException(s.pos, e.getMessage());
        }
    }

    private static double value(Element specs, String name, double dflt, boolean reciprocal) {
        Element e = specs.child(name);
        if (e == null) {
            if (Double.isNaN(dflt)) throw new ModelException(specs.pos, "<sim_specs> has no <" + name + ">");
            return dflt;
        }
        double v;
        try {
            v = Double.parseDouble(e.text().trim());
        } catch (NumberFormatException x) {
            throw new ModelException(e.text.pos(0), "<" + name + "> must be a number, got '" + e.text().trim() + "'");
        }
        if (reciprocal && "true".equalsIgnoreCase(String.valueOf(e.attr("reciprocal")).trim())) {
            if (!(v > 0)) throw new ModelException(e.pos, "a reciprocal DT must be positive, got " + v);
            v = 1 / v;
        }
        return v;
    }

    private static void control(XmileSymbols sym, List<Equation> out, Element specs, String name, double value) {
        if (sym.var(name) != null) return;
        out.add(new Equation(specs.pos, name, List.of(), List.of(), new Equation.Formula(new Expr.Num(specs.pos, value)), "", ""));
    }

    /** {@code <parm default="0">}: the number a call that leaves the parameter out passes. */
    private static List<Double> defaults(Element m) {
        List<Double> out = new ArrayList<>();
        for (Element p : m.all("parm")) {
            String d = p.attr("default");
            if (d == null || d.isBlank()) {
                out.add(null);
                continue;
            }
            try {
                out.add(Double.parseDouble(d.trim()));
            } catch (NumberFormatException e) {
                throw new ModelException(p.pos, "a macro parameter's default must be a number, got '" + d + "'");
            }
        }
        return out;
    }

    /**
     * {@code <macro name="f"><parm>x</parm><eqn>...</eqn><variables>...</variables></macro>}:
     * the macro's value is its equation, over its parameters and its own variables.
     */
    private static Macro macro(Element m, XmileSymbols global, Map<String, Element> models,
                               XmileModelReader.Behavior behavior, Set<String> macroNames) {
        String name = XmileSymbols.displayName(m.attr("name"));
        List<String> inputs = new ArrayList<>();
        Set<String> locals = new HashSet<>();
        for (Element p : m.all("parm")) {
            String pn = XmileSymbols.displayName(p.text());
            if (pn.isEmpty()) throw new ModelException(p.pos, "macro parameter without a name");
            inputs.add(pn);
            locals.add(Names.key(pn));
        }
        XmileSymbols sym = new XmileSymbols();
        sym.dims.putAll(global.dims);
        sym.macroDefaults = global.macroDefaults;
        XmileModelReader reader = new XmileModelReader(sym, models, behavior, macroNames);
        reader.collect(m, "", 0);
        locals.addAll(sym.vars.keySet());
        locals.add(Names.key(name));
        List<Equation> eqs = new ArrayList<>();
        for (Equation e : reader.equations(locals)) {
            // Stella also lists each parameter as an input variable with a stand-in equation: the argument replaces it
            if (!inputs.stream().anyMatch(i -> Names.key(i).equals(Names.key(e.name())))) eqs.add(e);
        }
        Element eqn = m.child("eqn");
        if (eqn == null) throw new ModelException(m.pos, "macro '" + name + "' has no <eqn>");
        String bodyText = XmileSymbols.displayName(eqn.text().trim());
        // Stella writes the output variable's name with spaces, unquoted: <eqn>trend in input</eqn>
        List<Expr> body = bodyText.contains(" ") && sym.var(bodyText) != null
                ? List.of(new Expr.Ref(eqn.text.pos(0), sym.var(bodyText).name, List.of()))
                : XmileExprParser.parse(eqn.text(), eqn.text);
        if (body.size() != 1) throw new ModelException(eqn.pos, "macro '" + name + "' needs one expression in <eqn>");
        Expr e = new ExprRewriter(sym, "", null, null, locals, macroNames).rewrite(body.get(0));
        eqs.add(new Equation(m.pos, name, List.of(), List.of(), new Equation.Formula(e), "", ""));
        return new Macro(m.pos, name, inputs, List.of(), eqs);
    }
}
