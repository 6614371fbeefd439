package org.dlab.engine.run;

/**
 * The runtime side of the builtin functions, called from generated code. Static, small and
 * branch-light so the JIT inlines them.
 */
public final class Functions {
    private Functions() {}

    public static double log(double x, double base) {
        return Math.log(x) / Math.log(base);
    }

    /** Vensim's INTEGER truncates toward zero. */
    public static double integer(double x) {
        return x < 0 ? Math.ceil(x) : Math.floor(x);
    }

    /** Rounds half away from zero, as Vensim does. */
    public static double round(double x) {
        return x < 0 ? -Math.floor(-x + 0.5) : Math.floor(x + 0.5);
    }

    /** MODULO keeps the sign of the dividend: MODULO(-10, 3) = -1, as Vensim's output shows. */
    public static double modulo(double x, double m) {
        return x % m;
    }

    public static double quantum(double x, double q) {
        return q <= 0 ? x : q * integer(x / q);
    }

    public static double xidz(double a, double b, double x) {
        return Math.abs(b) < 1e-6 ? x : a / b;
    }

    public static double zidz(double a, double b) {
        return Math.abs(b) < 1e-6 ? 0 : a / b;
    }

    public static double step(double height, double start, double time, double dt) {
        return time + dt / 2 > start ? height : 0;
    }

    public static double pulse(double start, double width, double time, double dt) {
        double w = width == 0 ? dt : width;
        return time + dt / 2 > start && time + dt / 2 < start + w ? 1 : 0;
    }

    public static double pulseTrain(double start, double width, double interval, double end, double time, double dt) {
        if (time + dt / 2 < start || time - dt / 2 > end) return 0;
        double w = width == 0 ? dt : width;
        double since = time - start;
        double k = interval > 0 ? Math.floor((since + dt / 2) / interval) : 0;
        double inCycle = since - k * interval;
        return inCycle + dt / 2 > 0 && inCycle + dt / 2 < w ? 1 : 0;
    }

    public static double ramp(double slope, double start, double end, double time) {
        if (time <= start) return 0;
        return slope * (Math.min(time, end) - start);
    }

    /** Linear interpolation, held constant beyond the ends (Vensim's lookup). */
    public static double lookup(double[] xs, double[] ys, double x) {
        int n = xs.length;
        if (n == 0) return Double.NaN;
        if (x <= xs[0]) return ys[0];
        if (x >= xs[n - 1]) return ys[n - 1];
        int lo = segment(xs, x);
        double x0 = xs[lo];
        double x1 = xs[lo + 1];
        return x1 == x0 ? ys[lo + 1] : ys[lo] + (ys[lo + 1] - ys[lo]) * (x - x0) / (x1 - x0);
    }

    /** The segment lo with xs[lo] <= x < xs[lo + 1], by binary search, for xs[0] < x < xs[n - 1]. */
    static int segment(double[] xs, double x) {
        int lo = 0;
        int hi = xs.length - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (xs[mid] <= x) lo = mid;
            else hi = mid;
        }
        return lo;
    }

    /** Linear interpolation, extended linearly beyond the ends. */
    public static double lookupExtrapolate(double[] xs, double[] ys, double x) {
        int n = xs.length;
        if (n < 2) return lookup(xs, ys, x);
        if (x < xs[0]) return ys[0] + (ys[1] - ys[0]) * (x - xs[0]) / (xs[1] - xs[0]);
        if (x > xs[n - 1]) return ys[n - 1] + (ys[n - 1] - ys[n - 2]) * (x - xs[n - 1]) / (xs[n - 1] - xs[n - 2]);
        return lookup(xs, ys, x);
    }

    /** The value at the last point at or before x (step function). */
    public static double lookupBackward(double[] xs, double[] ys, double x) {
        int n = xs.length;
        if (x <= xs[0]) return ys[0];
        for (int i = n - 1; i >= 0; i--) if (xs[i] <= x) return ys[i];
        return ys[0];
    }

    /** The value at the first point at or after x. */
    public static double lookupForward(double[] xs, double[] ys, double x) {
        int n = xs.length;
        for (int i = 0; i < n; i++) if (xs[i] >= x) return ys[i];
        return ys[n - 1];
    }

    /** The value at exactly x (within 1e-9 relative), else missing. */
    public static double lookupRaw(double[] xs, double[] ys, double x) {
        double tol = 1e-9 * Math.max(1, Math.abs(x));
        for (int i = 0; i < xs.length; i++) if (Math.abs(xs[i] - x) <= tol) return ys[i];
        return Double.NaN;
    }

    /**
     * GET TIME VALUE(2, -, measure): the computer's local clock. 1 year, 2 quarter, 3 month,
     * 4 day of month, 5 day of week (0 Sunday), 6 days since Jan 1 of year 0, 7 hour, 8 minute,
     * 9 second with fraction, 10 epoch seconds modulo 500,000 (for seeding noise).
     */
    public static double clock(double measure) {
        java.time.LocalDateTime now = java.time.LocalDateTime.now();
        switch ((int) measure) {
            case 1: return now.getYear();
            case 2: return (now.getMonthValue() - 1) / 3 + 1;
            case 3: return now.getMonthValue();
            case 4: return now.getDayOfMonth();
            case 5: return now.getDayOfWeek().getValue() % 7;
            case 6: return now.toLocalDate().toEpochDay() - java.time.LocalDate.of(0, 1, 1).toEpochDay();
            case 7: return now.getHour();
            case 8: return now.getMinute();
            case 9: return now.getSecond() + now.getNano() * 1e-9;
            case 10: return Math.floorMod(java.time.Instant.now().getEpochSecond(), 500_000L);
            default: return Double.NaN;
        }
    }

    /**
     * GET TIME VALUE's calendar measures 1-10 (as for {@link #clock}) of a day count from Jan 1 of
     * year 0 (1 BC), fraction of a day included. {@code gregorian} 1: real dates with leap years
     * (Vensim's rule for time in weeks or days); 0: a 360-day year of twelve 30-day months (its
     * rule for years, quarters and months). Jan 1 of year 0 is a Saturday in the proleptic
     * Gregorian calendar; both count weekdays from it. NaN beyond 1e8 days of year 0.
     */
    public static double calendar(double days, double measure, double gregorian) {
        if (!(Math.abs(days) <= 1e8)) return Double.NaN;
        double day = Math.floor(days);
        double fraction = days - day;
        long year;
        int month;
        int dayOfMonth;
        if (gregorian != 0) {
            java.time.LocalDate d = java.time.LocalDate.of(0, 1, 1).plusDays((long) day);
            year = d.getYear();
            month = d.getMonthValue();
            dayOfMonth = d.getDayOfMonth();
        } else {
            year = Math.floorDiv((long) day, 360L);
            int dayOfYear = (int) ((long) day - 360 * year);
            month = dayOfYear / 30 + 1;
            dayOfMonth = dayOfYear % 30 + 1;
        }
        switch ((int) measure) {
            case 1: return year;
            case 2: return (month - 1) / 3 + 1;
            case 3: return month;
            case 4: return dayOfMonth;
            case 5: return Math.floorMod((long) day + 6, 7L);
            case 6: return day;
            case 7: return Math.floor(fraction * 24);
            case 8: return Math.floor(fraction * 1440) % 60;
            case 9: return fraction * 86400 % 60;
            case 10: return Math.floorMod((long) Math.floor(days * 86400), 500_000L);
            default: return Double.NaN;
        }
    }

    /**
     * GAMMA LN: ln |Gamma(x)|, by the Lanczos approximation (g = 7, 9 coefficients; relative
     * error below 1e-13), with the reflection formula below 0.5. Poles give +infinity.
     */
    public static double gammaLn(double x) {
        if (x <= 0 && x == Math.rint(x)) return Double.POSITIVE_INFINITY;
        if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - gammaLn(1 - x);
        double[] g = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
        double z = x - 1;
        double a = g[0];
        double t = z + 7.5;
        for (int i = 1; i < 9; i++) a += g[i] / (z + i);
        return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
    }

    public static double bool(boolean b) {
        return b ? 1.0 : 0.0;
    }
}
