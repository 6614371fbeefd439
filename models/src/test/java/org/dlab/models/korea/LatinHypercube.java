package org.dlab.models.korea;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A tiny seeded Latin-hypercube sampler over the study's uncertainties: each range is cut into n
 * equally probable strata, each stratum is used exactly once per parameter, and the strata are
 * paired at random across parameters (McKay, Beckman and Conover 1979). Compared with a simple
 * random sample of the same size it covers every range's tails, which is what the structure tests
 * want (extreme corners are where stocks go negative). Seeded so a failure can be replayed.
 * Not the workbench's LatinHypercubeSampler: that one places points by keyed permutations, so it
 * would draw other futures than the ones the counts and thresholds of these tests were set on.
 */
final class LatinHypercube {
    private LatinHypercube() {}

    static List<Map<String, Double>> sample(List<StudyFile.Uncertainty> us, int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] u = new double[us.size()][n];
        for (int d = 0; d < us.size(); d++) {
            int[] perm = new int[n];
            for (int i = 0; i < n; i++) perm[i] = i;
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            for (int i = 0; i < n; i++) u[d][i] = (perm[i] + rnd.nextDouble()) / n;
        }
        List<Map<String, Double>> futures = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Map<String, Double> f = new LinkedHashMap<>();
            for (int d = 0; d < us.size(); d++) f.put(us.get(d).name(), us.get(d).quantile(u[d][i]));
            futures.add(f);
        }
        return futures;
    }
}
