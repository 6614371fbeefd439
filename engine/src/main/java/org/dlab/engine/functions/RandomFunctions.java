package org.dlab.engine.functions;

import java.util.ArrayList;
import java.util.List;
import org.dlab.engine.ir.Expr.BinOp;
import org.dlab.engine.model.Node;
import org.dlab.engine.model.RandomKind;

/**
 * Vensim's RANDOM family, in Vensim's argument order, each draw stretched, shifted, then
 * truncated to [min, max]. Draws come from the run's seeded generator, so a run is reproducible;
 * Vensim's own generator is not reproduced, so values differ from Vensim's draw for draw.
 * The trailing seed argument of each function is accepted and folded into the run's seed.
 */
final class RandomFunctions {
    private RandomFunctions() {}

    static void register() {
        // Vensim's argument order (its RANDOM Number Functions page), then the optional stream id;
        // the numbers say which written argument fills each of the kind's parameters (RandomKind)
        add("random uniform", RandomKind.UNIFORM, 0, 1);                  // (m, x)
        add("random normal", RandomKind.NORMAL, 0, 1, 2, 3);              // (m, x, h = mean, r = sd)
        add("random exponential", RandomKind.EXPONENTIAL, 0, 1, 2, 3);    // (m, x, h, r)
        add("random poisson", RandomKind.POISSON, 0, 1, 3, 4, 2);         // (m, x, M, h, r)
        add("random gamma", RandomKind.GAMMA, 0, 1, 3, 4, 2);             // (m, x, O, h, r)
        add("random weibull", RandomKind.WEIBULL, 0, 1, 3, 4, 2);         // (m, x, S, h, r)
        add("random beta", RandomKind.BETA, 0, 1, 4, 5, 2, 3);            // (m, x, A, B, h, r)
        add("random binomial", RandomKind.BINOMIAL, 0, 1, 4, 5, 2, 3);    // (m, x, P, N, h, r)
        add("random negative binomial", RandomKind.NEGATIVE_BINOMIAL, 0, 1, 4, 5, 3, 2); // (m, x, P, N, h, r)
        add("random triangular", RandomKind.TRIANGULAR, 0, 1, 2, 3, 4);   // (m, x, S, P, T)
        // not on Vensim's list; kept in the kind's own order (min, max, shift, stretch, mean, sd)
        add("random lognormal", RandomKind.LOGNORMAL, 0, 1, 2, 3, 4, 5);
        Library.add("random 0 1", 0, 0, c -> new Node.Random(RandomKind.UNIFORM, List.of(new Node.Const(0), new Node.Const(1))));
        Library.add("random pink noise", 3, 4, RandomFunctions::pinkNoise);
        Library.add("random lookup", 5, 6, RandomFunctions::randomLookup);
    }

    /** Points of the cumulative distribution RANDOM LOOKUP builds, at most. */
    static final int MAX_CDF_POINTS = 200_000;

    /**
     * RANDOM LOOKUP(lookup, m, x, h, r, stream): a draw from the density the lookup describes
     * (its y over its x, linear between points, scaled to area 1), stretched by r, shifted by h,
     * truncated to [m, x]. It inverts the cumulative distribution: a uniform draw between the
     * cumulative values at the truncation points, read back through the inverse. The cumulative
     * is tabulated 16 times finer than the lookup (it is quadratic between its points).
     */
    private static Node randomLookup(org.dlab.engine.model.FunctionContext c) {
        Node.Table pdf = c.table(0);
        int n = pdf.xs.length;
        if (n < 2) throw c.error("RANDOM LOOKUP needs a lookup of at least two points");
        int sub = Math.max(1, Math.min(16, MAX_CDF_POINTS / n));
        List<Double> xs = new ArrayList<>();
        List<Double> cumulative = new ArrayList<>();
        double area = 0;
        xs.add(pdf.xs[0]);
        cumulative.add(0.0);
        for (int i = 0; i + 1 < n; i++) {
            double x0 = pdf.xs[i];
            double x1 = pdf.xs[i + 1];
            double y0 = pdf.ys[i];
            double y1 = pdf.ys[i + 1];
            if (y0 < 0 || y1 < 0) throw c.error("RANDOM LOOKUP's lookup is a density and cannot be negative, got " + Math.min(y0, y1));
            if (!(x1 > x0)) continue;
            double before = area;
            for (int k = 1; k <= sub; k++) {
                double t = (double) k / sub;
                double x = x0 + t * (x1 - x0);
                xs.add(x);
                cumulative.add(before + (x - x0) * (y0 + (y0 + (y1 - y0) * t)) / 2);
            }
            area = cumulative.get(cumulative.size() - 1);
        }
        if (!(area > 0) || Double.isInfinite(area)) throw c.error("RANDOM LOOKUP's lookup encloses no area to draw from");
        double[] cx = new double[xs.size()];
        double[] cy = new double[xs.size()];
        for (int i = 0; i < cx.length; i++) {
            cx[i] = xs.get(i);
            cy[i] = cumulative.get(i) / area;
        }
        // the inverse keeps the first point of any flat stretch (a zero density has no draws)
        List<double[]> inverse = new ArrayList<>();
        for (int i = 0; i < cx.length; i++) if (inverse.isEmpty() || cy[i] > inverse.get(inverse.size() - 1)[0]) inverse.add(new double[] {cy[i], cx[i]});
        double[] ix = new double[inverse.size()];
        double[] iy = new double[inverse.size()];
        for (int i = 0; i < ix.length; i++) {
            ix[i] = inverse.get(i)[0];
            iy[i] = inverse.get(i)[1];
        }
        Node.Table cdf = new Node.Table(pdf.name + " cumulative", cx, cy);
        Node.Table quantile = new Node.Table(pdf.name + " quantile", ix, iy);
        Node shift = c.once("random lookup shift", c.arg(3));
        Node stretch = c.once("random lookup stretch", c.arg(4));
        Node lo = new Node.Bin(BinOp.DIV, new Node.Bin(BinOp.SUB, c.arg(1), shift), stretch);
        Node hi = new Node.Bin(BinOp.DIV, new Node.Bin(BinOp.SUB, c.arg(2), shift), stretch);
        Node u = new Node.Random(RandomKind.UNIFORM, List.of(new Node.Lookup(cdf, lo, Node.LookupMode.INTERPOLATE),
                new Node.Lookup(cdf, hi, Node.LookupMode.INTERPOLATE)));
        return new Node.Bin(BinOp.ADD, shift, new Node.Bin(BinOp.MUL, stretch, new Node.Lookup(quantile, u, Node.LookupMode.INTERPOLATE)));
    }

    /**
     * RANDOM PINK NOISE(mean, standard deviation, correlation time, seed): white noise smoothed
     * over the correlation time, starting at the mean. The white noise's deviation is scaled by
     * sqrt(2 tau / dt) so that the smoothed output has the given standard deviation (the pink
     * noise structure of Sterman, Business Dynamics, 2000, appendix B; Vensim documents the
     * function as first-order autocorrelated noise with that mean and deviation).
     */
    private static Node pinkNoise(org.dlab.engine.model.FunctionContext c) {
        Node mean = c.once("pink noise mean", c.arg(0));
        Node tau = c.once("pink noise correlation time", c.arg(1 + 1));
        Node scale = new Node.Bin(BinOp.MUL, c.arg(1), new Node.Fn(org.dlab.engine.model.Builtin.SQRT,
                List.of(new Node.Bin(BinOp.DIV, new Node.Bin(BinOp.MUL, new Node.Const(2), tau), c.timeStep()))));
        Node draw = new Node.Random(RandomKind.NORMAL, List.of(new Node.Const(Double.NEGATIVE_INFINITY),
                new Node.Const(Double.POSITIVE_INFINITY), new Node.Const(0), new Node.Const(1)));
        Node white = new Node.Bin(BinOp.ADD, mean, new Node.Bin(BinOp.MUL, scale, draw));
        return Smoothing.smooth(c, white, tau, mean, 1);
    }

    private static void add(String name, RandomKind kind, int... written) {
        int n = written.length;
        Library.add(name, n, n + 1, c -> {
            List<Node> args = new ArrayList<>();
            for (int i : written) args.add(c.arg(i));
            return new Node.Random(kind, args);
        });
    }
}
