package org.dlab.workbench.plot;

import java.awt.Color;
import java.util.List;

/**
 * The one palette of policy colours, shared by {@code dlab plot}, the report and the server's
 * pages (which fetch it as JSON), so a policy has the same colour everywhere: the i-th policy of
 * the study gets colour i. The first seven are Okabe and Ito's colour-blind-safe set (Okabe &amp;
 * Ito 2008, "Color Universal Design"; yellow left out, too faint on white), the next nine Paul
 * Tol's "muted" scheme (Tol 2021, "Colour Schemes", SRON/EPS/TN/09-002), also designed for
 * colour-blind readers; past 16 the colours repeat.
 */
public final class Palette {
    /** Hex colours in order. */
    public static final List<String> HEX = List.of("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
            "#332288", "#117733", "#44AA99", "#88CCEE", "#DDCC77", "#CC6677", "#AA4499", "#882255", "#999933");

    private Palette() {}

    /** The colour of the policy at {@code index} in the study's order. */
    public static String hex(int index) {
        return HEX.get(Math.floorMod(index, HEX.size()));
    }

    public static Color colour(int index) {
        return new Color(Integer.parseInt(hex(index).substring(1), 16));
    }

    /** The palette as a JSON array of strings. */
    public static String json() {
        return "[\"" + String.join("\",\"", HEX) + "\"]";
    }
}
