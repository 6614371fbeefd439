package org.dlab.engine.xmile;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.dlab.engine.ModelException;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.ir.Equation;
import org.dlab.engine.ir.Expr;
import org.dlab.engine.ir.IntegrationMethod;
import org.dlab.engine.ir.Macro;
import org.dlab.engine.ir.ModelSource;
import org.dlab.engine.model.AnalyzedModel;
import org.dlab.engine.model.Names;
import org.dlab.engine.model.Node;
import org.dlab.engine.model.Subscripts;
import org.dlab.engine.run.SimResult;
import org.dlab.engine.xmile.XmileVariables.OutVar;

/**
 * Writes any model the engine reads as an XMILE 1.0 file: header, sim specs, dimensions,
 * macros, the variables (stocks with named inflows and outflows, flows, auxiliaries, graphical
 * functions, arrays) and a generated stock-and-flow diagram, so the model opens in Stella with
 * a picture. What XMILE cannot say (external data, quoted strings) is refused with its position.
 */
public final class XmileWriter {
    public static final String NAMESPACE = "http://docs.oasis-open.org/xmile/ns/XMILE/v1.0";

    private XmileWriter() {}

    /**
     * An XMILE file and the functions in it that XMILE and Stella do not define (Vensim's
     * VECTOR SELECT, ALLOCATE BY PRIORITY...): this engine reads them back, Stella will not.
     */
    public record Conversion(String xml, SortedSet<String> foreignFunctions) {}

    /** The XMILE text of a model as read from any format. */
    public static String write(ModelSource src) {
        return convert(src).xml();
    }

    /** The XMILE text of a model as read from any format, with what Stella would not read in it. */
    public static Conversion convert(ModelSource src) {
        SortedSet<String> foreign = new TreeSet<>();
        XmileVariables.refuseUnwritable(src.equations());
        for (Macro m : src.macros()) XmileVariables.refuseUnwritable(m.equations());
        AnalyzedModel am = ModelLoader.analyze(src);
        Subscripts subs = am.subscripts();
        double[] control = controlValues(src, am);
        ConversionScope scope = new ConversionScope(foreign, control[2]);
        XmileVariables vars = new XmileVariables(src, subs, scope);
        vars.build();
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            Xml x = new Xml(w);
            w.writeStartDocument("utf-8", "1.0");
            x.open("xmile", "version", "1.0");
            w.writeDefaultNamespace(NAMESPACE);
            header(x, src, subs, vars);
            simSpecs(x, src, control, vars);
            dimensions(x, subs);
            for (Macro m : src.macros()) macro(x, m, subs, scope);
            x.open("model");
            x.open("variables");
            for (OutVar v : vars.all()) variable(x, v);
            x.close();
            views(x, vars);
            x.close();
            x.close();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing XML to memory failed", e);
        }
        // a call to one of the model's own macros is XMILE
        for (Macro m : src.macros()) foreign.remove(m.name().strip().replaceAll("\\s+", "_").toUpperCase(java.util.Locale.ROOT));
        return new Conversion(out.toString() + "\n", Collections.unmodifiableSortedSet(foreign));
    }

    /** INITIAL TIME, FINAL TIME, TIME STEP: from their equations when constant, else from a run's first row. */
    private static double[] controlValues(ModelSource src, AnalyzedModel am) {
        double[] v = new double[3];
        Node[] nodes = {am.initialTime().initial, am.finalTime().initial, am.timeStep().initial};
        boolean constant = true;
        for (int i = 0; i < 3; i++) {
            if (nodes[i] instanceof Node.Const c) v[i] = c.value();
            else constant = false;
        }
        if (constant) return v;
        SimResult r = ModelLoader.compile(src).newRun().simulate();
        String[] names = {"INITIAL TIME", "FINAL TIME", "TIME STEP"};
        for (int i = 0; i < 3; i++) v[i] = r.series(names[i])[0];
        return v;
    }

    private static void header(Xml x, ModelSource src, Subscripts subs, XmileVariables vars) throws XMLStreamException {
        x.open("header");
        String file = src.fileName().replace('\\', '/');
        String name = file.substring(file.lastIndexOf('/') + 1).replaceAll("\\.[^.]*$", "");
        x.leaf("name", name);
        x.leaf("vendor", "Deterrence Lab");
        x.open("product", "version", "0.1.0", "lang", "en");
        x.text("dlab");
        x.close();
        int dims = vars.maxDimensions();
        if (dims > 0 || !src.macros().isEmpty()) {
            x.open("options");
            if (dims > 0) x.empty("uses_arrays", "maximum_dimensions", Integer.toString(dims));
            if (!src.macros().isEmpty()) x.empty("uses_macros", "recursive_macros", "false", "option_filters", "false");
            x.close();
        }
        x.close();
    }

    private static void simSpecs(Xml x, ModelSource src, double[] control, XmileVariables vars) throws XMLStreamException {
        String method = src.method() == IntegrationMethod.EULER ? "Euler" : src.method().name();
        String units = vars.timeUnits();
        if (units.isEmpty()) x.open("sim_specs", "method", method);
        else x.open("sim_specs", "method", method, "time_units", units);
        x.leaf("start", XmileExprWriter.number(control[0]));
        x.leaf("stop", XmileExprWriter.number(control[1]));
        x.leaf("dt", XmileExprWriter.number(control[2]));
        x.close();
    }

    private static void dimensions(Xml x, Subscripts subs) throws XMLStreamException {
        boolean any = subs.all().iterator().hasNext();
        if (!any) return;
        x.open("dimensions");
        for (Subscripts.Range r : subs.all()) {
            x.open("dim", "name", r.name());
            for (String e : r.elements()) x.empty("elem", "name", e);
            x.close();
        }
        x.close();
    }

    private static void macro(Xml x, Macro m, Subscripts subs, ConversionScope scope) throws XMLStreamException {
        x.open("macro", "name", m.name());
        Equation main = null;
        List<Equation> others = new ArrayList<>();
        for (Equation e : m.equations()) {
            if (Names.key(e.name()).equals(Names.key(m.name()))) main = e;
            else others.add(e);
        }
        if (main == null || !main.subscripts().isEmpty()) {
            throw new ModelException(m.pos(), "macro " + m.name() + " cannot be written as XMILE: it needs an unsubscripted equation named like the macro");
        }
        for (String in : m.inputs()) x.leaf("parm", in);
        Expr value;
        if (main.definition() instanceof Equation.Formula f) {
            value = f.expr();
        } else {
            // a macro that is a stock: the stock becomes one of its variables, the macro's value names it
            Equation inner = new Equation(main.pos(), m.name() + " value", List.of(), List.of(), main.definition(), main.units(), main.doc());
            others.add(0, inner);
            value = new Expr.Ref(main.pos(), inner.name(), List.of());
        }
        x.leaf("eqn", new XmileExprWriter(subs, null, k -> null, (t, i) -> {
            throw new ModelException(t.pos(), "an inline lookup table inside a macro cannot be written as XMILE");
        }, scope).write(value));
        if (!others.isEmpty()) {
            XmileVariables vars = new XmileVariables(others, subs, scope);
            vars.build();
            x.open("variables");
            for (OutVar v : vars.all()) variable(x, v);
            x.close();
        }
        x.close();
    }

    private static void variable(Xml x, OutVar v) throws XMLStreamException {
        x.open(v.kind, "name", v.name);
        if (!v.doc.isEmpty()) x.leaf("doc", v.doc);
        if (!v.dims.isEmpty()) {
            x.open("dimensions");
            for (String d : v.dims) x.empty("dim", "name", d);
            x.close();
        }
        if (v.elements.isEmpty()) {
            if (v.eqn != null) x.leaf("eqn", v.eqn);
            if (v.gf != null) gf(x, v.gf, v.kind.equals("gf"));
        } else {
            for (Map.Entry<String, OutVar.Element> e : v.elements.entrySet()) {
                x.open("element", "subscript", e.getKey());
                if (e.getValue().eqn() != null) x.leaf("eqn", e.getValue().eqn());
                if (e.getValue().gf() != null) gf(x, e.getValue().gf(), false);
                x.close();
            }
        }
        for (String in : v.inflows) x.leaf("inflow", XmileExprWriter.name(in));
        for (String out : v.outflows) x.leaf("outflow", XmileExprWriter.name(out));
        if (v.nonNegative) x.empty("non_negative");
        if (!v.units.isEmpty()) x.leaf("units", v.units);
        x.close();
    }

    private static void gf(Xml x, Expr.Table t, boolean standalone) throws XMLStreamException {
        if (!standalone) x.open("gf");
        x.leaf("xpts", join(t.xs()));
        x.leaf("ypts", join(t.ys()));
        if (!standalone) x.close();
    }

    private static String join(double[] v) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length; i++) b.append(i > 0 ? "," : "").append(XmileExprWriter.number(v[i]));
        return b.toString();
    }

    private static void views(Xml x, XmileVariables vars) throws XMLStreamException {
        XmileLayout.Diagram d = XmileLayout.layout(vars.diagramStocks(), vars.diagramFlows(), vars.diagramAuxes(), vars.uses());
        x.open("views");
        x.open("view", "type", "stock_flow");
        for (Map.Entry<String, XmileLayout.Point> e : d.stocks().entrySet()) {
            x.empty("stock", "name", viewName(e.getKey()), "x", c(e.getValue().x()), "y", c(e.getValue().y()));
        }
        for (Map.Entry<String, XmileLayout.Point> e : d.flows().entrySet()) {
            x.open("flow", "name", viewName(e.getKey()), "x", c(e.getValue().x()), "y", c(e.getValue().y()));
            x.open("pts");
            for (XmileLayout.Point p : d.pipes().get(e.getKey())) x.empty("pt", "x", c(p.x()), "y", c(p.y()));
            x.close();
            x.close();
        }
        for (Map.Entry<String, XmileLayout.Point> e : d.auxes().entrySet()) {
            x.empty("aux", "name", viewName(e.getKey()), "x", c(e.getValue().x()), "y", c(e.getValue().y()));
        }
        Map<String, XmileLayout.Point> at = new LinkedHashMap<>(d.stocks());
        at.putAll(d.flows());
        at.putAll(d.auxes());
        int uid = 0;
        for (String[] k : d.connectors()) {
            x.open("connector", "uid", Integer.toString(uid++), "angle", Double.toString(XmileLayout.angle(at.get(k[0]), at.get(k[1]))));
            x.leaf("from", viewName(k[0]));
            x.leaf("to", viewName(k[1]));
            x.close();
        }
        x.close();
        x.close();
    }

    /** Diagrams name variables with underscores for spaces, as Stella writes them. */
    private static String viewName(String name) {
        String q = XmileExprWriter.name(name);
        return q.startsWith("\"") ? name.replaceAll("\\s+", " ").strip().replace(' ', '_') : q;
    }

    private static String c(double v) {
        return XmileLayout.coordinate(v);
    }

    /** A thin indenting layer over StAX: the writer escapes, this keeps the file readable. */
    private static final class Xml {
        private final XMLStreamWriter w;
        private int depth;

        Xml(XMLStreamWriter w) {
            this.w = w;
        }

        private void indent() throws XMLStreamException {
            w.writeCharacters("\n" + "    ".repeat(depth));
        }

        void open(String name, String... attrs) throws XMLStreamException {
            indent();
            w.writeStartElement(name);
            for (int i = 0; i < attrs.length; i += 2) w.writeAttribute(attrs[i], attrs[i + 1]);
            depth++;
            pendingText = false;
        }

        private boolean pendingText;

        void text(String t) throws XMLStreamException {
            w.writeCharacters(t);
            pendingText = true;
        }

        void close() throws XMLStreamException {
            depth--;
            if (!pendingText) indent();
            pendingText = false;
            w.writeEndElement();
        }

        void leaf(String name, String text) throws XMLStreamException {
            indent();
            w.writeStartElement(name);
            w.writeCharacters(text);
            w.writeEndElement();
        }

        void empty(String name, String... attrs) throws XMLStreamException {
            indent();
            w.writeEmptyElement(name);
            for (int i = 0; i < attrs.length; i += 2) w.writeAttribute(attrs[i], attrs[i + 1]);
        }
    }
}
