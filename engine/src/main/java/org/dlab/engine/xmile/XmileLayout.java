package org.dlab.engine.xmile;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An automatic stock-and-flow diagram for a model that has none: stocks in rows, stocks joined
 * by flows placed side by side; each flow a pipe from its source stock (or a cloud on the left)
 * to its target (or a cloud on the right); each auxiliary in the free spot nearest to what it
 * feeds, so inputs cluster around their flows; a connector for every variable an equation uses. Coordinates are Stella's: y grows downwards, a stock is 45 by 35.
 */
final class XmileLayout {
    /** A flow with the stocks it drains ({@code from}) and fills ({@code to}); either may be null. */
    record Flow(String name, String from, String to) {}

    record Point(double x, double y) {}

    /** Where everything goes: stock and aux centres, flow icons with their pipes, connectors. */
    record Diagram(Map<String, Point> stocks, Map<String, Point> flows, Map<String, List<Point>> pipes,
                   Map<String, Point> auxes, List<String[]> connectors) {}

    private static final double STOCK_W = 45;
    private static final double COLUMN = 340;
    private static final double ROW = 220;
    private static final int STOCKS_PER_ROW = 4;
    private static final double AUX_COLUMN = 130;
    private static final double AUX_ROW = 90;
    private static final int AUXES_PER_ROW = 6;
    private static final double MARGIN = 120;
    private static final double CLOUD = 150;

    private XmileLayout() {}

    static Diagram layout(List<String> stocks, List<Flow> flows, List<String> auxes, Map<String, Set<String>> uses) {
        Map<String, Point> stockAt = new LinkedHashMap<>();
        List<String> order = chainOrder(stocks, flows);
        for (int i = 0; i < order.size(); i++) {
            stockAt.put(order.get(i), new Point(MARGIN + 60 + (i % STOCKS_PER_ROW) * COLUMN, MARGIN + (i / STOCKS_PER_ROW) * ROW));
        }
        Map<String, Point> flowAt = new LinkedHashMap<>();
        Map<String, List<Point>> pipes = new LinkedHashMap<>();
        Map<String, Integer> inflowsSeen = new HashMap<>();
        Map<String, Integer> outflowsSeen = new HashMap<>();
        double stockRows = Math.ceil(order.size() / (double) STOCKS_PER_ROW);
        int loose = 0;
        for (Flow f : flows) {
            Point a = f.from() == null ? null : stockAt.get(f.from());
            Point b = f.to() == null ? null : stockAt.get(f.to());
            List<Point> pts = new ArrayList<>();
            if (a != null && b != null) {
                double dir = b.x() >= a.x() ? 1 : -1;
                Point start = new Point(a.x() + dir * STOCK_W / 2, a.y());
                if (a.y() == b.y()) {
                    pts.add(start);
                    pts.add(new Point(b.x() - dir * STOCK_W / 2, b.y()));
                } else {
                    // along the row, then down (or up) into the target
                    pts.add(start);
                    pts.add(new Point(b.x(), a.y()));
                    pts.add(new Point(b.x(), b.y() + (b.y() > a.y() ? -17.5 : 17.5)));
                }
            } else if (b != null) {
                double dy = offset(inflowsSeen.merge(f.to(), 1, Integer::sum) - 1);
                pts.add(new Point(b.x() - CLOUD, b.y() + dy));
                pts.add(new Point(b.x() - STOCK_W / 2, b.y() + dy));
            } else if (a != null) {
                double dy = offset(outflowsSeen.merge(f.from(), 1, Integer::sum) - 1);
                pts.add(new Point(a.x() + STOCK_W / 2, a.y() + dy));
                pts.add(new Point(a.x() + CLOUD, a.y() + dy));
            } else {
                // a flow between clouds: its own row under the stocks
                double y = MARGIN + stockRows * ROW + (loose++) * 40;
                pts.add(new Point(MARGIN, y));
                pts.add(new Point(MARGIN + CLOUD, y));
            }
            Point p0 = pts.get(0);
            Point p1 = pts.get(1);
            flowAt.put(f.name(), new Point((p0.x() + p1.x()) / 2, (p0.y() + p1.y()) / 2));
            pipes.put(f.name(), pts);
        }
        Map<String, Point> auxAt = placeAuxes(auxes, uses, stockAt, flowAt, pipes,
                MARGIN + stockRows * ROW + loose * 40 + (order.isEmpty() ? 0 : 20));
        List<String[]> connectors = new ArrayList<>();
        Set<String> shown = new LinkedHashSet<>(stockAt.keySet());
        shown.addAll(flowAt.keySet());
        shown.addAll(auxAt.keySet());
        for (Map.Entry<String, Set<String>> e : uses.entrySet()) {
            if (!shown.contains(e.getKey())) continue;
            for (String from : e.getValue()) {
                if (shown.contains(from) && !from.equals(e.getKey())) connectors.add(new String[] {from, e.getKey()});
            }
        }
        return new Diagram(stockAt, flowAt, pipes, auxAt, connectors);
    }

    private static final double CELL_W = 110;
    private static final double CELL_H = 70;

    /**
     * Auxiliaries next to what uses them: breadth first from the stocks and flows along the
     * "is used by" relation, each in the free grid cell nearest to its first user; those nothing
     * placed uses sit near their own inputs, or in rows below everything.
     */
    private static Map<String, Point> placeAuxes(List<String> auxes, Map<String, Set<String>> uses, Map<String, Point> stocks,
                                                 Map<String, Point> flows, Map<String, List<Point>> pipes, double bottom) {
        Set<Long> taken = new java.util.HashSet<>();
        for (Point p : stocks.values()) {
            for (int dx = -1; dx <= 1; dx++) taken.add(cell(p.x() + dx * CELL_W / 2, p.y()));
        }
        for (List<Point> pts : pipes.values()) {
            for (int i = 0; i + 1 < pts.size(); i++) {
                Point a = pts.get(i);
                Point b = pts.get(i + 1);
                int n = (int) Math.ceil(Math.hypot(b.x() - a.x(), b.y() - a.y()) / (CELL_W / 2)) + 1;
                for (int k = 0; k <= n; k++) taken.add(cell(a.x() + (b.x() - a.x()) * k / n, a.y() + (b.y() - a.y()) * k / n));
            }
        }
        Set<String> isAux = new LinkedHashSet<>(auxes);
        Map<String, Point> placed = new LinkedHashMap<>(stocks);
        placed.putAll(flows);
        Map<String, Point> auxAt = new LinkedHashMap<>();
        Deque<String> todo = new ArrayDeque<>(placed.keySet());
        while (!todo.isEmpty()) {
            String user = todo.poll();
            for (String input : uses.getOrDefault(user, Set.of())) {
                if (!isAux.contains(input) || auxAt.containsKey(input)) continue;
                Point p = free(placed.get(user), taken);
                auxAt.put(input, p);
                placed.put(input, p);
                todo.add(input);
            }
        }
        double x = MARGIN;
        double y = bottom + CELL_H;
        for (String a : auxes) {
            if (auxAt.containsKey(a)) continue;
            Point near = null;
            for (String input : uses.getOrDefault(a, Set.of())) if (near == null) near = placed.get(input);
            if (near == null) {
                near = new Point(x, y);
                x += AUX_COLUMN;
                if (x > MARGIN + AUXES_PER_ROW * AUX_COLUMN) {
                    x = MARGIN;
                    y += AUX_ROW;
                }
            }
            Point p = free(near, taken);
            auxAt.put(a, p);
            placed.put(a, p);
        }
        // callers list auxiliaries in model order
        Map<String, Point> ordered = new LinkedHashMap<>();
        for (String a : auxes) ordered.put(a, auxAt.get(a));
        return ordered;
    }

    private static long cell(double x, double y) {
        return ((long) Math.floor(x / CELL_W) << 32) ^ (Math.floor(y / CELL_H) < 0 ? 0 : (long) Math.floor(y / CELL_H));
    }

    /** The centre of the free cell nearest to {@code near} (never its own cell), which is then taken. */
    private static Point free(Point near, Set<Long> taken) {
        long cx = (long) Math.floor(near.x() / CELL_W);
        long cy = (long) Math.floor(near.y() / CELL_H);
        for (int r = 1; ; r++) {
            Point best = null;
            double bestD = Double.MAX_VALUE;
            for (long i = cx - r; i <= cx + r; i++) {
                for (long j = cy - r; j <= cy + r; j++) {
                    if (Math.max(Math.abs(i - cx), Math.abs(j - cy)) != r || i < 0 || j < 1) continue;
                    Point c = new Point(i * CELL_W + CELL_W / 2, j * CELL_H + CELL_H / 2);
                    double d = Math.hypot(c.x() - near.x(), (c.y() - near.y()) * 1.3);
                    if (d < bestD && !taken.contains(cell(c.x(), c.y()))) {
                        best = c;
                        bestD = d;
                    }
                }
            }
            if (best != null) {
                taken.add(cell(best.x(), best.y()));
                return best;
            }
        }
    }

    /** Several pipes into one side of a stock: 0, -10, +10, -20... within its height. */
    private static double offset(int k) {
        int step = (k + 1) / 2;
        double d = Math.min(step * 10, 15);
        return k % 2 == 1 ? -d : d;
    }

    /** Stocks in model order, but each followed by those its flows join it to, so they sit side by side. */
    private static List<String> chainOrder(List<String> stocks, List<Flow> flows) {
        Map<String, List<String>> next = new HashMap<>();
        for (Flow f : flows) {
            if (f.from() != null && f.to() != null) {
                next.computeIfAbsent(f.from(), k -> new ArrayList<>()).add(f.to());
                next.computeIfAbsent(f.to(), k -> new ArrayList<>()).add(f.from());
            }
        }
        Set<String> placed = new LinkedHashSet<>();
        for (String s : stocks) {
            Deque<String> todo = new ArrayDeque<>();
            todo.add(s);
            while (!todo.isEmpty()) {
                String t = todo.poll();
                if (!placed.add(t)) continue;
                for (String n : next.getOrDefault(t, List.of())) if (!placed.contains(n)) todo.add(n);
            }
        }
        return new ArrayList<>(placed);
    }

    /** The angle Stella draws a connector at: degrees counter-clockwise from east, y downwards. */
    static double angle(Point from, Point to) {
        double a = Math.toDegrees(Math.atan2(-(to.y() - from.y()), to.x() - from.x()));
        return Math.round((a < 0 ? a + 360 : a) * 100) / 100.0;
    }

    static String coordinate(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
