package org.dlab.workbench.study;

import java.util.List;
import java.util.Locale;

/**
 * The distribution of an uncertain input. Samplers work in the unit cube; {@link #fromUnit}
 * maps a coordinate to a value by the inverse CDF, so Latin hypercube strata, Sobol points and
 * Morris grid levels keep their meaning for every distribution.
 */
public sealed interface Distribution {
    /** The value at quantile {@code u} in [0, 1]. */
    double fromUnit(double u);

    /** Number of distinct values of a discrete distribution; 0 when continuous. */
    int levels();

    /** A short description like {@code uniform(0.02, 0.1)}, for the store and the report. */
    String describe();

    record Uniform(double low, double high) implements Distribution {
        @Override
        public double fromUnit(double u) {
            return low + u * (high - low);
        }

        @Override
        public int levels() {
            return 0;
        }

        @Override
        public String describe() {
            return "uniform(" + fmt(low) + ", " + fmt(high) + ")";
        }
    }

    record Triangular(double low, double mode, double high) implements Distribution {
        @Override
        public double fromUnit(double u) {
            double span = high - low;
            if (span == 0) return low;
            double f = (mode - low) / span;
            return u < f ? low + StrictMath.sqrt(u * span * (mode - low)) : high - StrictMath.sqrt((1 - u) * span * (high - mode));
        }

        @Override
        public int levels() {
            return 0;
        }

        @Override
        public String describe() {
            return "triangular(" + fmt(low) + ", " + fmt(mode) + ", " + fmt(high) + ")";
        }
    }

    /** A normal distribution truncated to [low, high] (sampled by inverse CDF, not by clipping). */
    record Normal(double mean, double sd, double low, double high) implements Distribution {
        @Override
        public double fromUnit(double u) {
            return NormalMath.truncatedQuantile(u, mean, sd, low, high);
        }

        @Override
        public int levels() {
            return 0;
        }

        @Override
        public String describe() {
            return "normal(mean " + fmt(mean) + ", sd " + fmt(sd) + ", " + fmt(low) + " to " + fmt(high) + ")";
        }
    }

    /** A lognormal: ln(x) is normal(mu, sigma); truncated to [low, high] with 0 <= low. */
    record LogNormal(double mu, double sigma, double low, double high) implements Distribution {
        @Override
        public double fromUnit(double u) {
            double lo = low > 0 ? StrictMath.log(low) : Double.NEGATIVE_INFINITY;
            double x = StrictMath.exp(NormalMath.truncatedQuantile(u, mu, sigma, lo, StrictMath.log(high)));
            return Math.max(low, Math.min(high, x));
        }

        @Override
        public int levels() {
            return 0;
        }

        @Override
        public String describe() {
            return "lognormal(mu " + fmt(mu) + ", sigma " + fmt(sigma) + ", " + fmt(low) + " to " + fmt(high) + ")";
        }
    }

    /** Whole numbers low..high, each equally likely. */
    record IntegerRange(long low, long high) implements Distribution {
        @Override
        public double fromUnit(double u) {
            long n = high - low + 1;
            return low + Math.min(n - 1, (long) Math.floor(u * n));
        }

        @Override
        public int levels() {
            long n = high - low + 1;
            return n > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) n;
        }

        @Override
        public String describe() {
            return "integer(" + low + " to " + high + ")";
        }
    }

    /** One of a list of numbers, each equally likely. */
    record Categorical(List<Double> values) implements Distribution {
        public Categorical {
            values = List.copyOf(values);
        }

        @Override
        public double fromUnit(double u) {
            int n = values.size();
            return values.get(Math.min(n - 1, (int) Math.floor(u * n)));
        }

        @Override
        public int levels() {
            return values.size();
        }

        @Override
        public String describe() {
            StringBuilder b = new StringBuilder("categorical(");
            for (int i = 0; i < values.size(); i++) b.append(i == 0 ? "" : ", ").append(fmt(values.get(i)));
            return b.append(')').toString();
        }
    }

    /** 0 or 1 with equal chance (Vensim has no booleans; a switch constant is 0 or 1). */
    record Bool() implements Distribution {
        @Override
        public double fromUnit(double u) {
            return u < 0.5 ? 0 : 1;
        }

        @Override
        public int levels() {
            return 2;
        }

        @Override
        public String describe() {
            return "boolean";
        }
    }

    /** A number as a person would write it: 2035, 0.25, 1e-07. */
    public static String describeNumber(double v) {
        return fmt(v);
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return String.format(Locale.ROOT, "%s", v);
    }
}
