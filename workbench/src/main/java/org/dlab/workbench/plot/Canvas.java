package org.dlab.workbench.plot;

import java.awt.Color;

/**
 * The few drawing operations a chart needs, so one layout ({@link Chart}) renders to SVG text and
 * to a Java2D image alike and the two formats cannot drift apart.
 */
interface Canvas {
    /** Text anchors, as SVG names them. */
    enum Anchor { START, MIDDLE, END }

    void line(double x1, double y1, double x2, double y2, Color stroke, double width);

    /** A polyline or, when {@code fill} is not null, a closed filled polygon; {@code role} names it in SVG. */
    void path(String role, double[] xs, double[] ys, Color fill, double fillOpacity, Color stroke, double strokeWidth);

    void rect(double x, double y, double w, double h, Color fill);

    void text(double x, double y, String s, double size, Anchor anchor, boolean vertical, boolean bold);
}
