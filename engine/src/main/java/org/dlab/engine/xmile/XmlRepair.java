package org.dlab.engine.xmile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Closes the elements an XMILE file leaves open, for users who ask ({@code --repair-xml}): some
 * converters forget a {@code </flow>}, and lxml-based readers (PySD's) silently recover. Two
 * repairs only, each reported with its position: a variable (stock, flow, aux...) still open when
 * the next variable starts is closed before it; an end tag that matches an element further up
 * closes the ones in between. Anything else stays as it is, for the strict parser to refuse.
 * Inserted end tags shift the columns of what follows on that line only.
 */
final class XmlRepair {
    private XmlRepair() {}

    /** The repaired text and one line per repair ({@code file:line:col: what was closed}). */
    record Result(String text, List<String> repairs) {}

    /** Elements that never hold one another: a second one starting means the first one ended. */
    private static final Set<String> VARIABLES = Set.of("stock", "flow", "aux", "module", "group");
    /** Open elements that such a start closes (a standalone graphical function too; one inside an aux is its child). */
    private static final Set<String> CLOSED_BY_A_VARIABLE = Set.of("stock", "flow", "aux", "gf", "module", "group");

    /** An element still open: its name as written, its name attribute if any, where its start tag is. */
    private record Open(String name, String label, int offset) {}

    private static final java.util.regex.Pattern NAME_ATTRIBUTE = java.util.regex.Pattern.compile("\\sname\\s*=\\s*(\"[^\"]{0,200}\"|'[^']{0,200}')");

    static Result repair(String file, String text) {
        XmlTree.Source src = new XmlTree.Source(file, text);
        StringBuilder out = new StringBuilder(text.length() + 64);
        List<String> repairs = new ArrayList<>();
        List<Open> stack = new ArrayList<>();
        int i = 0;
        int copied = 0;
        while (true) {
            int lt = text.indexOf('<', i);
            if (lt < 0) break;
            if (text.startsWith("<!--", lt)) {
                i = skipPast(text, lt, "-->");
                continue;
            }
            if (text.startsWith("<![CDATA[", lt)) {
                i = skipPast(text, lt, "]]>");
                continue;
            }
            if (text.startsWith("<?", lt) || text.startsWith("<!", lt)) {
                i = skipPast(text, lt, ">");
                continue;
            }
            int gt = tagEnd(text, lt);
            if (gt < 0) break; // a tag cut off: left for the strict parser to report
            boolean end = text.charAt(lt + 1) == '/';
            String name = tagName(text, end ? lt + 2 : lt + 1);
            if (name.isEmpty()) {
                i = lt + 1;
                continue;
            }
            if (end) {
                int at = find(stack, name);
                if (at >= 0 && at < stack.size() - 1) {
                    out.append(text, copied, lt);
                    copied = lt;
                    for (int k = stack.size() - 1; k > at; k--) {
                        Open o = stack.remove(k);
                        out.append("</").append(o.name()).append('>');
                        repairs.add(describe(src, o, "before </" + name + "> at " + at(src, lt)));
                    }
                }
                if (at >= 0) stack.remove(stack.size() - 1);
            } else {
                boolean selfClosing = text.charAt(gt - 1) == '/';
                if (!stack.isEmpty() && isVariable(name) && CLOSED_BY_A_VARIABLE.contains(stack.get(stack.size() - 1).name().toLowerCase(Locale.ROOT))) {
                    // a variable never holds another: the open one ended where this one starts
                    Open o = stack.remove(stack.size() - 1);
                    out.append(text, copied, lt);
                    copied = lt;
                    out.append("</").append(o.name()).append('>');
                    repairs.add(describe(src, o, "before <" + name + "> at " + at(src, lt)));
                }
                if (!selfClosing) {
                    java.util.regex.Matcher m = NAME_ATTRIBUTE.matcher(text.substring(lt, gt));
                    stack.add(new Open(name, m.find() ? " name=" + m.group(1) : "", lt));
                }
            }
            i = gt + 1;
        }
        out.append(text, copied, text.length());
        return new Result(repairs.isEmpty() ? text : out.toString(), List.copyOf(repairs));
    }

    private static boolean isVariable(String name) {
        return VARIABLES.contains(name.toLowerCase(Locale.ROOT));
    }

    private static int find(List<Open> stack, String name) {
        for (int k = stack.size() - 1; k >= 0; k--) if (stack.get(k).name().equals(name)) return k;
        return -1;
    }

    private static String describe(XmlTree.Source src, Open o, String where) {
        return src.pos(o.offset()) + ": <" + o.name() + o.label() + "> was not closed; closed it " + where;
    }

    private static String at(XmlTree.Source src, int offset) {
        org.dlab.engine.ir.Pos p = src.pos(offset);
        return p.line() + ":" + p.column();
    }

    private static int skipPast(String text, int from, String end) {
        int e = text.indexOf(end, from + 2);
        return e < 0 ? text.length() : e + end.length();
    }

    /** The index of the '>' closing the tag at {@code lt}, skipping quoted attribute values. */
    private static int tagEnd(String text, int lt) {
        char quote = 0;
        for (int k = lt + 1; k < text.length(); k++) {
            char c = text.charAt(k);
            if (quote != 0) {
                if (c == quote) quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                return k;
            } else if (c == '<') {
                return -1;
            }
        }
        return -1;
    }

    private static String tagName(String text, int from) {
        int k = from;
        while (k < text.length()) {
            char c = text.charAt(k);
            if (Character.isWhitespace(c) || c == '>' || c == '/') break;
            k++;
        }
        return text.substring(from, k);
    }
}
