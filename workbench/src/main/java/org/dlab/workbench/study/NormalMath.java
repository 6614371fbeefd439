package org.dlab.workbench.study;

/**
 * The normal CDF and its inverse in plain arithmetic over {@link StrictMath}, so a design maps to
 * the same values on every JVM and CPU ({@code Math.exp} may differ in the last bit between
 * intrinsics).
 */
public final class NormalMath {
    private NormalMath() {}

    /**
     * Standard normal CDF, Hart's double-precision algorithm (as given by G. West, "Better
     * approximations to cumulative normal functions", Wilmott 2005): absolute error below 1e-14.
     */
    public static double cdf(double x) {
        double z = Math.abs(x);
        double c;
        if (z > 37) {
            c = 0;
        } else {
            double e = StrictMath.exp(-z * z / 2);
            if (z < 7.07106781186547) {
                double n = 3.52624965998911e-02 * z + 0.700383064443688;
                n = n * z + 6.37396220353165;
                n = n * z + 33.912866078383;
                n = n * z + 112.079291497871;
                n = n * z + 221.213596169931;
                n = n * z + 220.206867912376;
                double d = 8.83883476483184e-02 * z + 1.75566716318264;
                d = d * z + 16.064177579207;
                d = d * z + 86.7807322029461;
                d = d * z + 296.564248779674;
                d = d * z + 637.333633378831;
                d = d * z + 793.826512519948;
                d = d * z + 440.413735824752;
                c = e * n / d;
            } else {
                double d = z + 0.65;
                d = z + 4 / d;
                d = z + 3 / d;
                d = z + 2 / d;
                d = z + 1 / d;
                c = e / d / 2.506628274631;
            }
        }
        return x > 0 ? 1 - c : c;
    }

    private static final double[] A = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
        1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    private static final double[] B = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
        6.680131188771972e+01, -1.328068155288572e+01};
    private static final double[] C = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
        -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    private static final double[] D = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
        3.754408661907416e+00};

    /**
     * Standard normal quantile: P. J. Acklam's rational approximation (relative error 1.15e-9)
     * refined by one Halley step against {@link #cdf}, which brings it to the CDF's accuracy.
     */
    public static double quantile(double p) {
        if (p <= 0) return Double.NEGATIVE_INFINITY;
        if (p >= 1) return Double.POSITIVE_INFINITY;
        double x;
        if (p < 0.02425) {
            double q = StrictMath.sqrt(-2 * StrictMath.log(p));
            x = (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
                    / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
        } else if (p <= 1 - 0.02425) {
            double q = p - 0.5;
            double r = q * q;
            x = (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
                    / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
        } else {
            double q = StrictMath.sqrt(-2 * StrictMath.log(1 - p));
            x = -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
                    / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
        }
        double e = cdf(x) - p;
        double u = e * StrictMath.sqrt(2 * Math.PI) * StrictMath.exp(x * x / 2);
        return x - u / (1 + x * u / 2);
    }

    /**
     * Quantile {@code u} of normal(mean, sd) truncated to [low, high]. Works on the side of the
     * mean where the interval lies so that far-tail intervals keep their precision.
     */
    public static double truncatedQuantile(double u, double mean, double sd, double low, double high) {
        if (sd == 0 || low == high) return Math.max(low, Math.min(high, mean));
        double a = (low - mean) / sd;
        double b = (high - mean) / sd;
        double z;
        if (a > 0) {
            // both bounds above the mean: use the upper tail, 1 - cdf(x) = cdf(-x)
            double pa = cdf(-a);
            double pb = cdf(-b);
            z = -quantile(pa - u * (pa - pb));
        } else {
            double pa = cdf(a);
            double pb = cdf(b);
            z = quantile(pa + u * (pb - pa));
        }
        double x = mean + sd * z;
        return Math.max(low, Math.min(high, x));
    }
}
