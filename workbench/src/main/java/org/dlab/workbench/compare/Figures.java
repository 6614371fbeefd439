package org.dlab.workbench.compare;

import java.util.Locale;

/**
 * How figures print in tables and reports: four significant digits, values within 1e-9 of zero
 * as 0 (floating-point noise such as -9.459e-14 says nothing), years with one decimal (2026.2,
 * not 2026 or 2.026e+03), a missing value as "-".
 */
public final class Figures {
    /** Below this magnitude a value is zero for display. */
    public static final double ZERO = 1e-9;

    private Figures() {}

    public static String number(double v) {
        if (Double.isNaN(v)) return "-";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (Math.abs(v) < ZERO) return "0";
        double a = Math.abs(v);
        if (a >= 1e6 || a < 1e-3) return String.format(Locale.ROOT, "%.3e", v);
        return String.format(Locale.ROOT, "%.4g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }

    /** A calendar year or a time on the model's clock: one decimal. */
    public static String year(double v) {
        if (Double.isNaN(v)) return "-";
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** A share as a percentage with no decimals (0.874 is "87%"); "-" when missing. */
    public static String percent(double v) {
        if (Double.isNaN(v)) return "-";
        return String.format(Locale.ROOT, "%.0f%%", 100 * v);
    }
}
