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
 * to its target (or a cloud on the right); auxiliaries in a grid below; a connector for every
 * variable an equation uses. Coordinates are Stella's: y grows downwards, a stock is 45 by 35.
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
        Map<String, Point> auxAt = new LinkedHashMap<>();
        double top = MARGIN + stockRows * ROW + loose * 40 + (order.isEmpty() ? 0 : 20);
        for (int i = 0; i < auxes.size(); i++) {
            auxAt.put(auxes.get(i), new Point(MARGIN + (i % AUXES_PER_ROW) * AUX_COLUMN, top + (i / AUXES_PER_ROW) * AUX_ROW));
        }
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
