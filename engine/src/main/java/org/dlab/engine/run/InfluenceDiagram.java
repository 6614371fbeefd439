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

    /** Paths the loop search may extend before it stops with what it found: about a second of work. */
    public static final long MAX_SEARCH_STEPS = 5_000_000L;

    /** Loops found, and whether the search stopped at its budget (or was interrupted) before the end. */
    public record LoopSearch(List<Loop> loops, boolean truncated) {}

    /**
     * Elementary feedback loops (Johnson's algorithm, SIAM J. Comput. 4(1), 1975), at most
     * {@code maxLoops} of at most {@code maxLength} nodes, within {@link #MAX_SEARCH_STEPS}.
     */
    public List<Loop> loops(int maxLength, int maxLoops) {
        return searchLoops(maxLength, maxLoops, MAX_SEARCH_STEPS).loops();
    }

    /**
     * As {@link #loops(int, int)} with a budget of {@code maxSteps} path extensions: the number of
     * paths grows exponentially with the length (a 102-stock chain with cross links took a minute
     * at length 8), so the search stops at the budget, or when its thread is interrupted.
     */
    public LoopSearch searchLoops(int maxLength, int maxLoops, long maxSteps) {
        int m = nodes.size();
        List<int[]> adj = new ArrayList<>();
        List<List<Integer>> build = new ArrayList<>();
        List<List<Integer>> pols = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            build.add(new ArrayList<>());
            pols.add(new ArrayList<>());
        }
        Map<String, Integer> idx = new LinkedHashMap<>();
        for (int i = 0; i < m; i++) idx.put(nodes.get(i), i);
        for (Edge e : edges) {
            int a = idx.get(e.from());
            build.get(a).add(idx.get(e.to()));
            pols.get(a).add(e.polarity());
        }
        // polarity per edge beside the adjacency: an m x m matrix was m^2 memory
        int[][] pol = new int[m][];
        for (int i = 0; i < m; i++) {
            adj.add(build.get(i).stream().mapToInt(Integer::intValue).toArray());
            pol[i] = pols.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        Search sr = new Search(adj, pol, Math.max(1, Math.min(maxLength, m)), maxLoops, maxSteps);
        for (int start = 0; start < m && sr.out.size() < maxLoops && !sr.stopped; start++) {
            sr.path[0] = start;
            sr.onPath[start] = true;
            sr.search(start, start, 1);
            sr.onPath[start] = false;
        }
        return new LoopSearch(sr.out, sr.stopped);
    }

    /** Bounded depth-first enumeration of cycles whose smallest node is {@code start}. */
    private final class Search {
        final List<int[]> adj;
        final int[][] pol;
        final int maxLength;
        final int maxLoops;
        final int[] path;
        final int[] edgeAt;
        final boolean[] onPath;
        final List<Loop> out = new ArrayList<>();
        long budget;
        boolean stopped;

        Search(List<int[]> adj, int[][] pol, int maxLength, int maxLoops, long budget) {
            this.adj = adj;
            this.pol = pol;
            this.maxLength = maxLength;
            this.maxLoops = maxLoops;
            this.budget = budget;
            path = new int[maxLength];
            edgeAt = new int[maxLength];
            onPath = new boolean[adj.size()];
        }

        void search(int start, int v, int depth) {
            int[] next = adj.get(v);
            for (int e = 0; e < next.length; e++) {
                if (out.size() >= maxLoops || stopped) return;
                if (--budget < 0 || ((budget & 0xFFFF) == 0 && Thread.currentThread().isInterrupted())) {
                    stopped = true;
                    return;
                }
                int w = next[e];
                edgeAt[depth - 1] = e;
                if (w == start) {
                    List<String> loop = new ArrayList<>();
                    int p = 1;
                    for (int k = 0; k < depth; k++) {
                        loop.add(nodes.get(path[k]));
                        p *= pol[path[k]][edgeAt[k]];
                    }
                    out.add(new Loop(loop, p));
                } else if (w > start && !onPath[w] && depth < maxLength) {
                    path[depth] = w;
                    onPath[w] = true;
                    search(start, w, depth + 1);
                    onPath[w] = false;
                }
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
