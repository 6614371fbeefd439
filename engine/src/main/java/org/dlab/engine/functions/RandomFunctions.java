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
