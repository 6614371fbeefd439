package org.dlab.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.dlab.engine.ModelException;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.SharedFolder;
import org.dlab.engine.ir.ModelSource;
import org.dlab.engine.run.SimResult;
import org.dlab.engine.xmile.XmileParser;
import org.dlab.engine.xmile.XmileWriter;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * Every .mdl case that passes conformance (vensim-passing.txt), written as XMILE and read back,
 * must give the same numbers as the .mdl itself, and the XMILE must have the structure the
 * standard describes: {@code <xmile>} with header (vendor, product), sim_specs (start, stop,
 * dt), and a model with variables and views. Cases XMILE cannot express are listed, with the
 * reason, in xmile-roundtrip-refused.txt; the test fails if one of them converts after all.
 */
class XmileRoundTripTest {
    /** Round-off from writing numbers as text and from reassociated sums, nothing more. */
    static final double RTOL = 1e-9;
    static final double ATOL = 1e-12;

    @Test
    void everyPassingVensimCaseRoundTripsThroughXmile() throws IOException {
        Path root = SharedFolder.testModels();
        Map<String, String> refused = list("/conformance/xmile-roundtrip-refused.txt");
        List<String> problems = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        int same = 0;
        for (String rel : list("/conformance/vensim-passing.txt").keySet()) {
            Path mdl = root.resolve(rel);
            String why = roundTrip(mdl);
            boolean expectRefusal = refused.containsKey(rel);
            if (why == null) {
                same++;
                report.append("SAME ").append(rel).append('\n');
                if (expectRefusal) problems.add(rel + ": listed as refused but now converts; take it off the list");
            } else {
                report.append(why.startsWith("refused") ? "REFUSED " : "DIFFERS ").append(rel).append(": ").append(why).append('\n');
                if (!expectRefusal || !why.startsWith("refused")) problems.add(rel + ": " + why);
            }
        }
        report.append(same).append(" same, ").append(refused.size()).append(" refused as listed\n");
        System.out.print(report);
        ConformanceSuite.write("xmile-roundtrip.txt", report.toString());
        assertThat(problems).as("round-trip problems").isEmpty();
    }

    private static Map<String, String> list(String resource) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = XmileRoundTripTest.class.getResourceAsStream(resource)) {
            if (in == null) throw new IOException("missing " + resource);
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (l.isBlank() || l.startsWith("#")) continue;
                String[] parts = l.trim().split("\\s+", 2);
                out.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
        }
        return out;
    }

    /** null when the XMILE is well formed and runs to the same numbers; else what went wrong. */
    static String roundTrip(Path mdl) {
        ModelSource src = ModelLoader.parse(mdl);
        String xml;
        try {
            xml = XmileWriter.write(src);
        } catch (ModelException e) {
            return "refused: " + e.getMessage();
        }
        String structure = structure(xml);
        if (structure != null) return structure;
        SimResult want = ModelLoader.compile(src, true).newRun().simulate(); // the XMILE keeps the numbers as written
        SimResult got;
        try {
            got = ModelLoader.compile(XmileParser.parse(mdl + ".xmile", xml, src.directory())).newRun().simulate();
        } catch (ModelException e) {
            return "the XMILE does not run: " + e.describe();
        }
        return compare(want, got);
    }

    /** Column names compared as the scorer does, and with XMILE's reading of \n in a name as a line break. */
    private static String key(String name) {
        return CanonicalTable.key(name.replace("\\n", " "));
    }

    static String compare(SimResult want, SimResult got) {
        Map<String, Integer> cols = new HashMap<>();
        for (int i = 0; i < got.names().size(); i++) cols.put(key(got.names().get(i)), i);
        if (want.rows() != got.rows()) return "rows: " + want.rows() + " from the .mdl, " + got.rows() + " from the XMILE";
        for (int c = 0; c < want.names().size(); c++) {
            Integer g = cols.get(key(want.names().get(c)));
            if (g == null) return "column '" + want.names().get(c) + "' missing from the XMILE run";
            for (int r = 0; r < want.rows(); r++) {
                double x = want.value(c, r);
                double y = got.value(g, r);
                boolean ok = Double.isNaN(x) ? Double.isNaN(y) : x == y || Math.abs(x - y) <= ATOL + RTOL * Math.abs(x);
                if (!ok) return "'" + want.names().get(c) + "' at t=" + want.time(r) + ": " + x + " from the .mdl, " + y + " from the XMILE";
            }
        }
        return null;
    }

    /** The XMILE 1.0 skeleton, checked with an independent (DOM) parser. */
    static String structure(String xml) {
        Document d;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            d = f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            return "not well-formed XML: " + e.getMessage();
        }
        Element root = d.getDocumentElement();
        if (!"xmile".equals(root.getLocalName()) || !XmileWriter.NAMESPACE.equals(root.getNamespaceURI())) return "root is not <xmile> in the XMILE 1.0 namespace";
        if (!"1.0".equals(root.getAttribute("version"))) return "<xmile> has no version=\"1.0\"";
        Element header = child(root, "header");
        if (header == null || child(header, "vendor") == null || child(header, "product") == null) return "no <header> with <vendor> and <product>";
        Element specs = child(root, "sim_specs");
        if (specs == null || child(specs, "start") == null || child(specs, "stop") == null || child(specs, "dt") == null) {
            return "no <sim_specs> with <start>, <stop>, <dt>";
        }
        Element model = child(root, "model");
        if (model == null || child(model, "variables") == null || child(model, "views") == null
                || child(child(model, "views"), "view") == null) return "no <model> with <variables> and <views><view>";
        return null;
    }

    private static Element child(Element e, String name) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && name.equals(c.getLocalName())) return c;
        }
        return null;
    }

}
