package org.dlab.workbench.sample;

import java.util.Locale;

/** How scenarios meet policies. */
public enum PolicyDesign {
    /** Every scenario under every policy (runs = scenarios × policies): the design for comparing policies. */
    FULL,
    /** Scenario i under policy i mod P (runs = scenarios): every policy on a share of the futures. */
    CYCLE,
    /** Each scenario under one policy drawn at random with the study's seed (runs = scenarios). */
    SAMPLE;

    public static PolicyDesign parse(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "full": return FULL;
            case "cycle": return CYCLE;
            case "sample": return SAMPLE;
            default: throw new IllegalArgumentException("unknown policy design '" + s + "' (expected full, cycle or sample)");
        }
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
