package org.dlab.engine.functions;

import java.util.ArrayList;
import java.util.List;
import org.dlab.engine.model.Node;
import org.dlab.engine.model.RandomKind;

/**
 * Vensim's RANDOM family. Draws come from the run's seeded generator, so a run is reproducible;
 * Vensim's own generator is not reproduced, so values differ from Vensim's draw for draw.
 * The trailing seed argument of each function is accepted and folded into the run's seed.
 */
final class RandomFunctions {
    private RandomFunctions() {}

    static void register() {
        // name, number of distribution arguments, then the optional seed
        add("random uniform", RandomKind.UNIFORM, 2);
        add("random normal", RandomKind.NORMAL, 4);
        add("random poisson", RandomKind.POISSON, 5);
        add("random exponential", RandomKind.EXPONENTIAL, 4);
        add("random gamma", RandomKind.GAMMA, 5);
        add("random lognormal", RandomKind.LOGNORMAL, 6);
        add("random triangular", RandomKind.TRIANGULAR, 3);
        add("random beta", RandomKind.BETA, 6);
        add("random binomial", RandomKind.BINOMIAL, 6);
        add("random negative binomial", RandomKind.NEGATIVE_BINOMIAL, 6);
        add("random weibull", RandomKind.WEIBULL, 5);
        Library.add("random 0 1", 0, 0, c -> new Node.Random(RandomKind.UNIFORM, List.of(new Node.Const(0), new Node.Const(1))));
    }

    private static void add(String name, RandomKind kind, int n) {
        Library.add(name, n, n + 1, c -> {
            List<Node> args = new ArrayList<>();
            for (int i = 0; i < n; i++) args.add(c.arg(i));
            return new Node.Random(kind, args);
        });
    }
}
