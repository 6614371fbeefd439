package org.dlab.engine.xmile;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.dlab.engine.ModelException;
import org.dlab.engine.ir.Pos;

/**
 * A small element tree of an XML file read with StAX, keeping where each element and its text
 * start so that errors inside an equation can name file:line:col. The reader refuses DTDs
 * outright: a model file never needs one, and refusing it closes both entity-expansion bombs
 * and external-entity (XXE) reads, whatever the JDK's own limits are.
 */
final class XmlTree {
    /** One element: local name, attributes by local name (prefixed ones as {@code prefix:name}), children, text. */
    static final class Element {
        final String name;
        final String prefix;
        final Map<String, String> attributes = new LinkedHashMap<>();
        final List<Element> children = new ArrayList<>();
        final Pos pos;
        final Text text;

        Element(String name, String prefix, Pos pos, Text text) {
            this.name = name;
            this.prefix = prefix;
            this.pos = pos;
            this.text = text;
        }

        /** Matches a local name case-insensitively; vendor elements (isee:...) never match an XMILE name. */
        boolean is(String local) {
            return (prefix == null || prefix.isEmpty()) && name.equalsIgnoreCase(local);
        }

        Element child(String local) {
            for (Element c : children) if (c.is(local)) return c;
            return null;
        }

        List<Element> all(String local) {
            List<Element> out = new ArrayList<>();
            for (Element c : children) if (c.is(local)) out.add(c);
            return out;
        }

        String attr(String local) {
            for (Map.Entry<String, String> e : attributes.entrySet()) {
                if (e.getKey().equalsIgnoreCase(local)) return e.getValue();
            }
            return null;
        }

        String text() {
            return text.value();
        }

        String childText(String local) {
            Element c = child(local);
            return c == null ? null : c.text();
        }
    }

    /**
     * An element's character content and where each of its characters sits in the file:
     * entities such as {@code &lt;}, CDATA markers and CR LF pairs make the decoded text shorter
     * than the raw one, so positions go through a per-character map.
     */
    static final class Text {
        private final StringBuilder value = new StringBuilder();
        private final Source source;
        private int rawStart = -1;
        private String cached;

        Text(Source source) {
            this.source = source;
        }

        String value() {
            if (cached == null) cached = value.toString();
            return cached;
        }

        /** The position of character {@code index} of the text (the end of the text when past it). */
        Pos pos(int index) {
            if (rawStart < 0) return source.pos(0);
            return source.pos(source.rawOffset(rawStart, index));
        }
    }

    /** The file as text with its line starts. */
    static final class Source {
        final String file;
        final String raw;
        private final int[] lineStarts;

        Source(String file, String raw) {
            this.file = file;
            this.raw = raw;
            int n = 1;
            for (int i = 0; i < raw.length(); i++) if (raw.charAt(i) == '\n') n++;
            lineStarts = new int[n];
            int k = 1;
            for (int i = 0; i < raw.length(); i++) if (raw.charAt(i) == '\n') lineStarts[k++] = i + 1;
        }

        Pos pos(int offset) {
            int i = Arrays.binarySearch(lineStarts, offset);
            int line = i >= 0 ? i : -i - 2;
            return new Pos(file, line + 1, offset - lineStarts[line] + 1);
        }

        int offset(Location l) {
            int line = Math.max(1, l.getLineNumber());
            if (line > lineStarts.length) return raw.length();
            return Math.min(raw.length(), lineStarts[line - 1] + Math.max(1, l.getColumnNumber()) - 1);
        }

        /** Walks the raw text from {@code start} over {@code decoded} characters of content. */
        int rawOffset(int start, int decoded) {
            int r = start;
            int d = 0;
            while (r < raw.length() && d < decoded) {
                char c = raw.charAt(r);
                if (raw.startsWith("<![CDATA[", r)) {
                    r += 9;
                    continue;
                }
                if (raw.startsWith("]]>", r)) {
                    r += 3;
                    continue;
                }
                if (raw.startsWith("<!--", r)) {
                    int end = raw.indexOf("-->", r);
                    r = end < 0 ? raw.length() : end + 3;
                    continue;
                }
                if (c == '&') {
                    int semi = raw.indexOf(';', r);
                    r = semi < 0 || semi - r > 12 ? r + 1 : semi + 1;
                } else if (c == '\r' && r + 1 < raw.length() && raw.charAt(r + 1) == '\n') {
                    r += 2;
                } else {
                    r++;
                }
                d++;
            }
            return r;
        }
    }

    private XmlTree() {}

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
        // Stella writes isee: prefixes without declaring them; names are matched by their local part
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    /** Reads the whole document; the root element is returned. Errors are one-line ModelExceptions. */
    static Element read(String file, String text) {
        Source src = new Source(file, text);
        XMLStreamReader r;
        try {
            r = factory().createXMLStreamReader(new StringReader(text));
        } catch (XMLStreamException e) {
            throw new ModelException(new Pos(file, 0, 0), "cannot read XML: " + message(e));
        }
        List<Element> stack = new ArrayList<>();
        Element root = null;
        int last = 0;
        try {
            while (r.hasNext()) {
                int ev = r.next();
                int here = src.offset(r.getLocation());
                switch (ev) {
                    case XMLStreamConstants.DTD -> throw new ModelException(src.pos(Math.max(last, text.indexOf("<!DOCTYPE"))),
                            "DOCTYPE declarations are not allowed in a model file (entities are refused)");
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw new ModelException(src.pos(last),
                            "undeclared entity '&" + r.getLocalName() + ";'");
                    case XMLStreamConstants.START_ELEMENT -> {
                        Text t = new Text(src);
                        t.rawStart = here;
                        String qname = r.getLocalName();
                        int colon = qname.indexOf(':');
                        Element e = colon < 0 ? new Element(qname, "", src.pos(last), t)
                                : new Element(qname.substring(colon + 1), qname.substring(0, colon), src.pos(last), t);
                        for (int i = 0; i < r.getAttributeCount(); i++) {
                            String p = r.getAttributePrefix(i);
                            String key = p == null || p.isEmpty() ? r.getAttributeLocalName(i) : p + ":" + r.getAttributeLocalName(i);
                            e.attributes.put(key, r.getAttributeValue(i));
                        }
                        if (stack.isEmpty()) {
                            if (root != null) throw new ModelException(e.pos, "more than one root element");
                            root = e;
                        } else {
                            stack.get(stack.size() - 1).children.add(e);
                        }
                        stack.add(e);
                    }
                    case XMLStreamConstants.END_ELEMENT -> stack.remove(stack.size() - 1);
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (!stack.isEmpty()) {
                            Text t = stack.get(stack.size() - 1).text;
                            // text after a child element starts elsewhere; equations have no children
                            if (t.value.length() == 0 && !stack.get(stack.size() - 1).children.isEmpty()) t.rawStart = last;
                            t.value.append(r.getText());
                        }
                    }
                    default -> { }
                }
                last = here;
            }
        } catch (XMLStreamException e) {
            Location l = e.getLocation();
            Pos p = l == null ? new Pos(file, 0, 0) : src.pos(src.offset(l));
            throw new ModelException(p, "malformed XML: " + message(e));
        } finally {
            try {
                r.close();
            } catch (XMLStreamException ignored) {
                // nothing to release: the input is a string
            }
        }
        if (root == null) throw new ModelException(new Pos(file, 0, 0), "the file holds no XML element");
        return root;
    }

    /** The StAX message without its "ParseError at [row,col]" preamble, on one line. */
    private static String message(XMLStreamException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int k = m.indexOf("Message:");
        if (k >= 0) m = m.substring(k + 8);
        m = m.replaceAll("\\s+", " ").trim();
        return m.isEmpty() ? "unreadable" : m.substring(0, 1).toLowerCase(Locale.ROOT) + m.substring(1);
    }
}
