package org.dlab.workbench.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hipparchus.special.Beta;

/**
 * A box's limits per restricted input with quasi-p-values (Bryant and Lempert 2010, section 3.3):
 * for a restricted input, the one-sided binomial probability of finding at least as many cases
 * of interest as the box holds, among as many rows as it holds, if the cases of interest were
 * spread at the density of the box with that input's restriction removed. A small value means the
 * restriction is doing real work. As in EMA Workbench, the value is given for the restriction as
 * a whole and, separately, for dropping only the lower or only the upper limit.
 */
public record PrimInspection(PrimBox box, List<Limit> limits) {
    public PrimInspection {
        limits = List.copyOf(limits);
    }

    /**
     * One input's limits. {@code lower}/{@code upper} show the data's extent on an unrestricted
     * side; the quasi-p-value of an unrestricted side is NaN.
     */
    public record Limit(String name, int input, double lower, double upper, boolean lowerRestricted, boolean upperRestricted,
            double quasiP, double quasiPLower, double quasiPUpper) {}

    /** Limits sorted by quasi-p-value, the most significant restriction first. */
    public List<Limit> bySignificance() {
        List<Limit> l = new ArrayList<>(limits);
        l.sort(Comparator.comparingDouble(Limit::quasiP));
        return List.copyOf(l);
    }

    public Limit limit(String name) {
        for (Limit l : limits) if (l.name().equals(name)) return l;
        return null;
    }

    /** Inspects a box on the data it was found on. One O(D n) pass. */
    public static PrimInspection inspect(Dataset x, boolean[] y, PrimBox box) {
        Dataset.checkOutcome(x, y.length);
        double[] lower = box.box().lower();
        double[] upper = box.box().upper();
        int dims = x.inputs();
        int[] viol = Prim.violations(x, lower, upper);
        // rows outside on exactly one side of one input: counts and positives per (input, side)
        long[] outLow = new long[dims];
        long[] outHigh = new long[dims];
        long[] posLow = new long[dims];
        long[] posHigh = new long[dims];
        int nIn = 0;
        int posIn = 0;
        for (int i = 0; i < x.rows(); i++) {
            if (viol[i] == 0) {
                nIn++;
                if (y[i]) posIn++;
            } else if (viol[i] == 1) {
                for (int d = 0; d < dims; d++) {
                    double v = x.value(i, d);
                    if (v < lower[d]) {
                        outLow[d]++;
                        if (y[i]) posLow[d]++;
                        break;
                    }
                    if (v > upper[d]) {
                        outHigh[d]++;
                        if (y[i]) posHigh[d]++;
                        break;
                    }
                }
            }
        }
        List<Limit> limits = new ArrayList<>();
        for (int d : box.restricted()) {
            boolean lr = lower[d] != Double.NEGATIVE_INFINITY;
            boolean ur = upper[d] != Double.POSITIVE_INFINITY;
            double[] mm = Dataset.minMax(x.column(d));
            double qp = quasiP(posIn, nIn, posIn + posLow[d] + posHigh[d], nIn + outLow[d] + outHigh[d]);
            double ql = lr ? quasiP(posIn, nIn, posIn + posLow[d], nIn + outLow[d]) : Double.NaN;
            double qu = ur ? quasiP(posIn, nIn, posIn + posHigh[d], nIn + outHigh[d]) : Double.NaN;
            limits.add(new Limit(x.name(d), d, lr ? lower[d] : mm[0], ur ? upper[d] : mm[1], lr, ur, qp, ql, qu));
        }
        return new PrimInspection(box, limits);
    }

    /**
     * P(X >= hBox) for X ~ Binomial(tBox, hWider / tWider): the survival function through the
     * regularized incomplete beta function, P(X >= k) = I_p(k, n - k + 1) (Abramowitz and Stegun
     * 26.5.24).
     */
    static double quasiP(long hBox, long tBox, long hWider, long tWider) {
        if (hBox <= 0) return 1;
        double p = hWider / (double) tWider;
        if (p >= 1) return 1;
        if (p <= 0) return 0;
        return Beta.regularizedBeta(p, hBox, tBox - hBox + 1.0);
    }
}
