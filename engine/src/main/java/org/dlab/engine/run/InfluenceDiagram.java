package org.dlab.engine.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dlab.engine.model.Plan;
import org.dlab.engine.model.ScalarVar;

/**
 * The causal structure among a model's accumulations, generated from the model itself: an edge
 * from A to B when A's level changes B's net rate, with its polarity from the sign of that partial
 * derivative (finite differences on the compiled equations) at states sampled along the base run.
 * Hidden stocks of SMOOTH and DELAY count as the variable that uses them, so a smoothed
 * perception appears as one node. Influences never active in the base run do not appear.
 */
public final class InfluenceDiagram {
    /** polarity +1, -1, or 0 when the sign changes along the run. */
    public record Edge(String from, String to, int polarity) {}

    /** A feedback loop: its nodes in order and its polarity (+1 reinforcing, -1 balancing, 0 mixed). */
    public record Loop(List<String> nodes, int polarity) {}

    private final List<String> nodes;
    private final List<Boolean> isStock;
    private final List<Edge> edges;

    private InfluenceDiagram(List<String> nodes, List<Boolean> isStock, List<Edge> edges) {
        this.nodes = nodes;
        this.isStock = isStock;
        this.edges = edges;
    }

    public List<String> nodes() {
        return nodes;
    }

    public List<Edge> edges() {
        return edges;
    }

    /** The diagram of a model from {@code samples} states along its base run. */
    public static InfluenceDiagram of(Model model, int samples) {
        Plan plan = model.plan();
        List<ScalarVar> stocks = plan.stocks();
        int n = stocks.size();
        // states along the base run
        List<double[]> states = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        Run run = model.newRun();
        int[] rows = {0};
        int[] every = {1};
        run.simulate(new ResultSink() {
            @Override
            public void begin(int expected) {
                every[0] = Math.max(1, expected / Math.max(1, samples));
            }

            @Override
            public void row(double t, double[] s) {
                if (rows[0]++ % every[0] == 0) {
                    states.add(s.clone());
                    times.add(t);
                }
            }
        });
        ModelCode code = model.code();
        RunState rs = new RunState(plan.model().states().size(), 1);
        // owners: visible name of each stock (hidden ones belong to the variable that made them)
        Map<String, Integer> index = new LinkedHashMap<>();
        List<Boolean> stockFlags = new ArrayList<>();
        int[] owner = new int[n];
        for (int i = 0; i < n; i++) {
            ScalarVar v = stocks.get(i);
            String name = v.hidden ? ownerName(v.name) : v.name;
            Integer k = index.get(name);
            if (k == null) {
                k = index.size();
                index.put(name, k);
                stockFlags.add(!v.hidden);
            }
            owner[i] = k;
        }
        int m = index.size();
        int[][] pos = new int[m][m];
        int[][] neg = new int[m][m];
        double[] d0 = new double[n];
        double[] d1 = new double[n];
        for (int k = 0; k < states.size(); k++) {
            double t = times.get(k);
            double[] base = states.get(k);
            double[] s = base.clone();
            code.evaluate(s, t, rs);
            code.rates(s, d0, t, rs);
            for (int j = 0; j < n; j++) {
                double h = 1e-6 * Math.max(1, Math.abs(base[j]));
                System.arraycopy(base, 0, s, 0, s.length);
                s[j] += h;
                code.evaluate(s, t, rs);
                code.rates(s, d1, t, rs);
                for (int i = 0; i < n; i++) {
                    double deriv = (d1[i] - d0[i]) / h;
                    if (!(Math.abs(deriv) > 1e-9 * Math.max(1, Math.abs(d0[i])))) continue;
                    int a = owner[j];
                    int b = owner[i];
                    if (a == b && i != j) continue; // inside one SMOOTH3/DELAY3 chain
                    if (deriv > 0) pos[a][b]++;
                    else neg[a][b]++;
                }
            }
        }
        List<String> names = new ArrayList<>(index.keySet());
        List<Edge> edges = new ArrayList<>();
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                if (pos[a][b] + neg[a][b] == 0) continue;
                int pol = neg[a][b] == 0 ? 1 : pos[a][b] == 0 ? -1 : 0;
                edges.add(new Edge(names.get(a), names.get(b), pol));
            }
        }
        return new InfluenceDiagram(names, stockFlags, edges);
    }

    /**
     * The feedback core: repeatedly drops nodes that influence no other node (accumulated
     * outputs such as cumulative costs), which a causal-loop diagram leaves out.
     */
    public InfluenceDiagram withoutSinks() {
        List<String> keep = new ArrayList<>(nodes);
        List<Edge> es = new ArrayList<>(edges);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (String n : List.copyOf(keep)) {
                boolean feeds = es.stream().anyMatch(e -> e.from().equals(n) && !e.to().equals(n));
                if (!feeds) {
                    keep.remove(n);
                    es.removeIf(e -> e.from().equals(n) || e.to().equals(n));
                    changed = true;
                }
            }
        }
        List<Boolean> flags = new ArrayList<>();
        for (String n : keep) flags.add(isStock.get(nodes.indexOf(n)));
        return new InfluenceDiagram(keep, flags, es);
    }

    static String ownerName(String hiddenName) {
        int k = hiddenName.indexOf('#');
        return k < 0 ? hiddenName : hiddenName.substring(0, k);
    }

    /**
     * Elementary feedback loops (Johnson's algorithm, SIAM J. Comput. 4(1), 1975), at most
     * {@code maxLoops} of at most {@code maxLength} nodes.
     */
    public List<Loop> loops(int maxLength, int maxLoops) {
        int m = nodes.size();
        List<List<Integer>> adj = new ArrayList<>();
        int[][] pol = new int[m][m];
        for (int i = 0; i < m; i++) adj.add(new ArrayList<>());
        Map<String, Integer> idx = new LinkedHashMap<>();
        for (int i = 0; i < m; i++) idx.put(nodes.get(i), i);
        for (Edge e : edges) {
            int a = idx.get(e.from());
            int b = idx.get(e.to());
            adj.get(a).add(b);
            pol[a][b] = e.polarity();
        }
        List<Loop> out = new ArrayList<>();
        int[] path = new int[maxLength];
        boolean[] onPath = new boolean[m];
        for (int start = 0; start < m && out.size() < maxLoops; start++) {
            path[0] = start;
            onPath[start] = true;
            search(start, start, 1, path, onPath, adj, pol, maxLength, maxLoops, out);
            onPath[start] = false;
        }
        return out;
    }

    /** Bounded depth-first enumeration of cycles whose smallest node is {@code start}. */
    private void search(int start, int v, int depth, int[] path, boolean[] onPath, List<List<Integer>> adj, int[][] pol,
            int maxLength, int maxLoops, List<Loop> out) {
        for (int w : adj.get(v)) {
            if (out.size() >= maxLoops) return;
            if (w == start) {
                List<String> loop = new ArrayList<>();
                int p = 1;
                for (int k = 0; k < depth; k++) {
                    loop.add(nodes.get(path[k]));
                    p *= pol[path[k]][k + 1 < depth ? path[k + 1] : start];
                }
                out.add(new Loop(loop, p));
            } else if (w > start && !onPath[w] && depth < maxLength) {
                path[depth] = w;
                onPath[w] = true;
                search(start, w, depth + 1, path, onPath, adj, pol, maxLength, maxLoops, out);
                onPath[w] = false;
            }
        }
    }

    /** Graphviz DOT: stocks as boxes, smoothed or delayed variables as ellipses, edges marked + or -. */
    public String toDot(String title) {
        StringBuilder b = new StringBuilder("digraph influences {\n");
        b.append("  graph [label=").append(quote(title)).append(", labelloc=t, rankdir=LR, fontname=Helvetica];\n");
        b.append("  node [fontname=Helvetica, fontsize=10];\n  edge [fontname=Helvetica, fontsize=10];\n");
        for (int i = 0; i < nodes.size(); i++) {
            b.append("  ").append(quote(nodes.get(i))).append(isStock.get(i) ? " [shape=box];\n" : " [shape=ellipse];\n");
        }
        for (Edge e : edges) {
            String sign = e.polarity() > 0 ? "+" : e.polarity() < 0 ? "\u2212" : "\u00b1";
            String color = e.polarity() > 0 ? "#1f6fb2" : e.polarity() < 0 ? "#c0392b" : "#777777";
            b.append("  ").append(quote(e.from())).append(" -> ").append(quote(e.to()))
                    .append(String.format(Locale.ROOT, " [label=\"%s\", color=\"%s\", fontcolor=\"%s\"];%n", sign, color, color));
        }
        return b.append("}\n").toString();
    }

    /** DOT string literal: quotes and backslashes escaped, so model names cannot break the file. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\');
            if (c == '\n' || c == '\r') {
                b.append("\\n");
                continue;
            }
            b.append(c);
        }
        return b.append('"').toString();
    }
}
