package org.dlab.workbench.plot;

import java.awt.Color;
import java.util.Locale;

/** Builds an SVG document as text; every string that reaches it comes from a model or a user and is escaped. */
final class SvgCanvas implements Canvas {
    private final StringBuilder svg = new StringBuilder();

    SvgCanvas(int width, int height) {
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"Helvetica, Arial, sans-serif\">\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    }

    private static String n(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    /** XML-escapes, and replaces characters XML 1.0 cannot hold at all (control characters) so the file always parses. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    boolean legal = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                            || Character.isSurrogate(c);
                    b.append(legal ? c : '\uFFFD');
                }
            }
        }
        return b.toString();
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Color stroke, double width) {
        svg.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2)).append("\" y2=\"").append(n(y2))
                .append("\" stroke=\"").append(hex(stroke)).append("\" stroke-width=\"").append(n(width)).append("\"/>\n");
    }

    @Override
    public void path(String role, double[] xs, double[] ys, Color fill, double fillOpacity, Color stroke, double strokeWidth) {
        if (xs.length == 0) return;
        svg.append("<path class=\"").append(escape(role)).append("\" d=\"");
        for (int i = 0; i < xs.length; i++) svg.append(i == 0 ? "M" : " L").append(n(xs[i])).append(',').append(n(ys[i]));
        if (fill != null) svg.append(" Z");
        svg.append("\" fill=\"").append(fill == null ? "none" : hex(fill)).append('"');
        if (fill != null) svg.append(" fill-opacity=\"").append(n(fillOpacity)).append('"');
        svg.append(" stroke=\"").append(stroke == null ? "none" : hex(stroke)).append('"');
        if (stroke != null) svg.append(" stroke-width=\"").append(n(strokeWidth)).append("\" stroke-linejoin=\"round\"");
        svg.append("/>\n");
    }

    @Override
    public void rect(double x, double y, double w, double h, Color fill) {
        svg.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w)).append("\" height=\"").append(n(h))
                .append("\" fill=\"").append(hex(fill)).append("\"/>\n");
    }

    @Override
    public void text(double x, double y, String s, double size, Anchor anchor, boolean vertical, boolean bold) {
        svg.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-size=\"").append(n(size))
                .append("\" text-anchor=\"").append(anchor.name().toLowerCase(Locale.ROOT)).append('"');
        if (bold) svg.append(" font-weight=\"bold\"");
        if (vertical) svg.append(" transform=\"rotate(-90 ").append(n(x)).append(' ').append(n(y)).append(")\"");
        svg.append('>').append(escape(s)).append("</text>\n");
    }

    /** Many small squares as one path (a scatter of thousands of points stays small in the file). */
    void dots(String role, double[] xs, double[] ys, int count, double size, Color fill) {
        if (count == 0) return;
        svg.append("<path class=\"").append(escape(role)).append("\" fill=\"").append(hex(fill)).append("\" d=\"");
        String s = String.format(Locale.ROOT, "%.1f", size);
        for (int i = 0; i < count; i++) {
            svg.append(String.format(Locale.ROOT, "M%.1f %.1fh%sv%sh-%sz", xs[i] - size / 2, ys[i] - size / 2, s, s, s));
        }
        svg.append("\"/>\n");
    }

    String finish() {
        return svg.append("</svg>\n").toString();
    }
}
