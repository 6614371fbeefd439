package org.dlab.engine.run;

/**
 * Runtime of ALLOCATE AVAILABLE and ALLOCATE BY PRIORITY. Each target i has a priority curve
 * giving what it receives at a common "priority level" x: its full request far below its
 * priority, nothing far above, falling in between with the profile's shape. The allocation is
 * at the level where the curves sum to the supply; the sum falls monotonically with x, so
 * bisection finds it to the last bit (PySD uses a least-squares solver instead).
 * ALLOCATE BY PRIORITY is the rectangular profile of the given width, whose piecewise-linear
 * curves reproduce Vensim's outputs exactly.
 */
public final class Allocations {
    /** Profile values per target in {@code profiles}: ptype, ppriority, pwidth, pextra. */
    public static final int PROFILE = 4;
    private static final int FIXED = 0;
    private static final int RECTANGULAR = 1;
    private static final int TRIANGULAR = 2;
    private static final int NORMAL = 3;
    private static final int EXPONENTIAL = 4;

    private Allocations() {}

    /**
     * ALLOCATE AVAILABLE: what target {@code index} gets of {@code avail}, given every target's
     * request and its priority profile (four values each). NaN for a negative request or supply,
     * a width not above zero, or a profile type other than 1-4 (fixed quantity and constant
     * elasticity are not supported).
     */
    public static double available(double[] request, double[] profiles, double avail, int index) {
        for (int i = 0; i < request.length; i++) {
            int type = (int) profiles[i * PROFILE];
            if (request[i] > 0 && (type < RECTANGULAR || type > EXPONENTIAL || !(profiles[i * PROFILE + 2] > 0))) return Double.NaN;
        }
        return solve(request, profiles, avail, index);
    }

    /** ALLOCATE BY PRIORITY: rectangular profiles of the common {@code width} at each priority. */
    public static double byPriority(double[] request, double[] priority, double width, double supply, int index) {
        if (!(width > 0)) return Double.NaN;
        double[] profiles = new double[request.length * PROFILE];
        for (int i = 0; i < request.length; i++) {
            profiles[i * PROFILE] = RECTANGULAR;
            profiles[i * PROFILE + 1] = priority[i];
            profiles[i * PROFILE + 2] = width;
        }
        return solve(request, profiles, supply, index);
    }

    private static double solve(double[] request, double[] profiles, double supply, int index) {
        double total = 0;
        for (double q : request) {
            if (!(q >= 0)) return Double.NaN;
            total += q;
        }
        if (!(supply >= 0)) return Double.NaN;
        if (supply >= total) return request[index];
        if (supply == 0) return 0;
        // a level where every curve is full and one where every curve is empty
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < request.length; i++) {
            if (request[i] == 0) continue;
            double p = profiles[i * PROFILE + 1];
            double reach = reach((int) profiles[i * PROFILE], profiles[i * PROFILE + 2]);
            lo = Math.min(lo, p - reach);
            hi = Math.max(hi, p + reach);
        }
        for (int iter = 0; iter < 2000; iter++) {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) break;
            if (sum(request, profiles, mid) > supply) lo = mid;
            else hi = mid;
        }
        return curve(request[index], profiles, index, 0.5 * (lo + hi));
    }

    /** How far from its priority a curve is still strictly between full and empty (in doubles). */
    private static double reach(int type, double width) {
        if (type == NORMAL) return 40 * width;
        if (type == EXPONENTIAL) return 750 * width;
        return 0.5 * width;
    }

    private static double sum(double[] request, double[] profiles, double x) {
        double s = 0;
        for (int i = 0; i < request.length; i++) s += curve(request[i], profiles, i, x);
        return s;
    }

    /** What target i, requesting q, receives at priority level x. */
    static double curve(double q, double[] profiles, int i, double x) {
        if (q == 0) return 0;
        int type = (int) profiles[i * PROFILE];
        double p = profiles[i * PROFILE + 1];
        double w = profiles[i * PROFILE + 2];
        switch (type) {
            case RECTANGULAR: {
                double u = (x - (p - 0.5 * w)) / w;
                return u <= 0 ? q : u >= 1 ? 0 : q * (1 - u);
            }
            case TRIANGULAR: {
                // the integral of a triangle of base w centred on p
                double u = (x - (p - 0.5 * w)) / w;
                if (u <= 0) return q;
                if (u >= 1) return 0;
                return u < 0.5 ? q * (1 - 2 * u * u) : q * 2 * (1 - u) * (1 - u);
            }
            case NORMAL:
                return q * 0.5 * erfc((x - p) / (Math.sqrt(2) * w));
            case EXPONENTIAL:
                // the integral of the two-sided exponential 0.5 exp(-|x - p| / w) / w
                return x < p ? q * (1 - 0.5 * Math.exp((x - p) / w)) : q * 0.5 * Math.exp((p - x) / w);
            case FIXED:
            default:
                return Double.NaN;
        }
    }

    /**
     * erfc as Vensim's normal priority profile computes it: Abramowitz and Stegun 7.1.25, the
     * three-term approximation of erf (absolute error under 2.5e-5), erfc(-x) = 2 - erfc(x).
     * The exact function misses the SDXorg allocate_available canonical output by up to 5.5e-3
     * relative in the tails; this one matches it to 8.5e-5 (AllocationsTest).
     */
    public static double erfc(double x) {
        if (Double.isNaN(x)) return x;
        if (x < 0) return 2 - erfc(-x);
        double t = 1 / (1 + 0.47047 * x);
        return t * (0.3480242 + t * (-0.0958798 + t * 0.7478556)) * Math.exp(-x * x);
    }
}
