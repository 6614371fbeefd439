package org.dlab.workbench.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.math3.random.SobolSequenceGenerator;
import org.dlab.workbench.study.Distribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SamplerTest {
    private static double[][] all(UnitSampler s) {
        double[][] pts = new double[(int) s.size()][s.dimensions()];
        for (int i = 0; i < pts.length; i++) s.point(i, pts[i]);
        return pts;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 100, 1000, 4097})
    void latinHypercubeHasOnePointPerStratumPerDimension(int n) {
        double[][] pts = all(new LatinHypercubeSampler(n, 5, 42));
        for (int d = 0; d < 5; d++) {
            boolean[] seen = new boolean[n];
            for (double[] p : pts) {
                assertThat(p[d]).isBetween(0.0, 1.0);
                int stratum = (int) Math.floor(p[d] * n);
                assertThat(seen[stratum]).as("stratum %d of dimension %d taken twice", stratum, d).isFalse();
                seen[stratum] = true;
            }
        }
    }

    @Test
    void latinHypercubeDimensionsAreNotAligned() {
        // a broken permutation (identity, or the same in every dimension) would pass the stratum test
        double[][] pts = all(new LatinHypercubeSampler(200, 2, 7));
        int same = 0;
        for (double[] p : pts) if ((int) (p[0] * 200) == (int) (p[1] * 200)) same++;
        assertThat(same).isLessThan(10);
        int inOrder = 0;
        for (int i = 0; i < 200; i++) if ((int) (pts[i][0] * 200) == i) inOrder++;
        assertThat(inOrder).isLessThan(10);
    }

    @Test
    void keyedPermutationIsABijection() {
        for (long n : new long[] {1, 2, 3, 17, 256, 1000, 65537}) {
            KeyedPermutation p = new KeyedPermutation(n, 99);
            Set<Long> images = new HashSet<>();
            for (long i = 0; i < n; i++) {
                long y = p.apply(i);
                assertThat(y).isBetween(0L, n - 1);
                images.add(y);
            }
            assertThat(images).hasSize((int) n);
        }
    }

    @Test
    void sobolFirstPointsEqualJoeKuoPublishedValues() {
        // the first ten points in three dimensions of the new-joe-kuo-6 sequence, as published
        double[][] published = {
            {0, 0, 0}, {0.5, 0.5, 0.5}, {0.75, 0.25, 0.25}, {0.25, 0.75, 0.75}, {0.375, 0.375, 0.625},
            {0.875, 0.875, 0.125}, {0.625, 0.125, 0.875}, {0.125, 0.625, 0.375}, {0.1875, 0.3125, 0.9375},
            {0.6875, 0.8125, 0.4375}};
        SobolSequence s = new SobolSequence(3);
        double[] p = new double[3];
        for (int i = 0; i < published.length; i++) {
            s.point(i, p);
            assertThat(p).as("point %d", i).containsExactly(published[i]);
        }
    }

    @Test
    void sobolMatchesAnIndependentImplementationInAllThousandDimensions() {
        SobolSequence ours = new SobolSequence(1000);
        SobolSequenceGenerator theirs = new SobolSequenceGenerator(1000);
        double[] p = new double[1000];
        for (int i = 0; i < 300; i++) {
            double[] q = theirs.nextVector();
            ours.point(i, p);
            assertThat(p).as("point %d", i).containsExactly(q);
        }
        // and far into the sequence, where a Gray-code slip would show
        double[] far = theirs.skipTo(123_457); // returns point 123457 itself
        ours.point(123_457, p);
        assertThat(p).containsExactly(far);
    }

    @Test
    void plainSobolSamplerSkipsTheOrigin() {
        double[] p = new double[2];
        new SobolSampler(4, 2).point(0, p);
        assertThat(p).containsExactly(0.5, 0.5);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 13})
    void saltelliHasNTimes2DPlus2RowsWithItsStructure(int dims) {
        int n = 8;
        SaltelliSampler s = new SaltelliSampler(n, dims);
        assertThat(s.size()).isEqualTo((long) n * (2 * dims + 2));
        double[][] pts = all(s);
        int b = 2 * dims + 2;
        for (int j = 0; j < n; j++) {
            double[] a = pts[j * b];
            double[] bb = pts[j * b + b - 1];
            for (int i = 0; i < dims; i++) {
                double[] ab = pts[j * b + 1 + i];
                double[] ba = pts[j * b + 1 + dims + i];
                for (int k = 0; k < dims; k++) {
                    assertThat(ab[k]).isEqualTo(k == i ? bb[k] : a[k]);
                    assertThat(ba[k]).isEqualTo(k == i ? a[k] : bb[k]);
                }
            }
            // A and B are the two halves of Sobol point j+1 in 2D dimensions
            double[] sob = new double[2 * dims];
            new SobolSequence(2 * dims).point(j + 1, sob);
            assertThat(a).containsExactly(Arrays.copyOfRange(sob, 0, dims));
            assertThat(bb).containsExactly(Arrays.copyOfRange(sob, dims, 2 * dims));
        }
    }

    @Test
    void morrisTrajectoriesMoveOneInputByDeltaPerStep() {
        int dims = 6;
        MorrisSampler m = new MorrisSampler(30, dims, 4, 11);
        assertThat(m.size()).isEqualTo(30 * 7);
        double[][] pts = all(m);
        double delta = 4 / (2.0 * 3);
        for (int t = 0; t < 30; t++) {
            Set<Integer> moved = new HashSet<>();
            for (int s = 1; s <= dims; s++) {
                double[] prev = pts[t * 7 + s - 1];
                double[] cur = pts[t * 7 + s];
                int changed = -1;
                for (int d = 0; d < dims; d++) {
                    if (prev[d] != cur[d]) {
                        assertThat(changed).as("only one input moves").isEqualTo(-1);
                        changed = d;
                        assertThat(Math.abs(cur[d] - prev[d])).isCloseTo(delta, within(1e-12));
                    }
                }
                assertThat(changed).isEqualTo(m.movedInput(t * 7 + s));
                moved.add(changed);
            }
            assertThat(moved).hasSize(dims);
            for (double[] p : Arrays.copyOfRange(pts, t * 7, t * 7 + 7)) {
                for (double v : p) {
                    // on the 4-level grid 0, 1/3, 2/3, 1
                    assertThat(v * 3).isCloseTo(Math.rint(v * 3), within(1e-12));
                }
            }
        }
    }

    @Test
    void fullFactorialCoversEveryCombinationOnce() {
        FullFactorialSampler f = new FullFactorialSampler(3, new int[] {0, 2, 0, 4});
        assertThat(f.size()).isEqualTo(3 * 2 * 3 * 4);
        Set<List<Double>> seen = new HashSet<>();
        double[] p = new double[4];
        for (int i = 0; i < f.size(); i++) {
            f.point(i, p);
            seen.add(List.of(p[0], p[1], p[2], p[3]));
        }
        assertThat(seen).hasSize(72);
        f.point(0, p);
        assertThat(p).containsExactly(0, 0.25, 0, 0.125);
        f.point(71, p);
        assertThat(p).containsExactly(1, 0.75, 1, 0.875);
        Distribution cat = new Distribution.Categorical(List.of(10.0, 20.0, 30.0, 40.0));
        Set<Double> values = new HashSet<>();
        for (double u : new double[] {0.125, 0.375, 0.625, 0.875}) values.add(cat.fromUnit(u));
        assertThat(values).containsExactlyInAnyOrder(10.0, 20.0, 30.0, 40.0);
    }

    @Test
    void samplersAreDeterministicAndSeedDependent() {
        for (SamplerKind k : SamplerKind.values()) {
            List<Distribution> dists = List.of(new Distribution.Uniform(0, 1), new Distribution.Uniform(0, 1), new Distribution.Uniform(0, 1));
            UnitSampler a = k.create(k == SamplerKind.FF ? 3 : 50, dists, 5);
            UnitSampler b = k.create(k == SamplerKind.FF ? 3 : 50, dists, 5);
            double[][] pa = all(a);
            // asking for the points in reverse order (another thread) gives the same points
            double[][] pb = new double[pa.length][3];
            for (int i = pa.length - 1; i >= 0; i--) b.point(i, pb[i]);
            assertThat(pb).as(k.name()).isDeepEqualTo(pa);
            if (k == SamplerKind.LHS || k == SamplerKind.MC || k == SamplerKind.MORRIS) {
                assertThat(Arrays.deepEquals(all(k.create(50, dists, 6)), pa)).as(k.name() + " with another seed").isFalse();
            }
        }
    }

    @Test
    void designCombinesScenariosAndPolicies() {
        UnitSampler s = new MonteCarloSampler(10, 1, 1);
        Design full = new Design(s, 3, PolicyDesign.FULL, 1);
        assertThat(full.size()).isEqualTo(30);
        assertThat(full.scenarioOf(7)).isEqualTo(2);
        assertThat(full.policyOf(7)).isEqualTo(1);
        Design cycle = new Design(s, 3, PolicyDesign.CYCLE, 1);
        assertThat(cycle.size()).isEqualTo(10);
        assertThat(cycle.policyOf(7)).isEqualTo(1);
        Design sample = new Design(new MonteCarloSampler(3000, 1, 1), 3, PolicyDesign.SAMPLE, 1);
        int[] counts = new int[3];
        for (long r = 0; r < 3000; r++) counts[sample.policyOf(r)]++;
        for (int c : counts) assertThat(c).isBetween(900, 1100);
    }
}
