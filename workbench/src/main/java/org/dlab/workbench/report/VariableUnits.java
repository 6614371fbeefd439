package org.dlab.workbench.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.ir.Equation;
import org.dlab.engine.model.Names;
import org.dlab.workbench.store.StoredStudy;

/**
 * The units of a store's model variables, read from the model file the provenance names (units as
 * the modeller wrote them, e.g. {@code $B/Year}), and said in words for axis labels. Empty when the
 * model file has moved or no longer parses: charts then go without units rather than fail.
 */
public final class VariableUnits {
    private final Map<String, String> byKey;

    private VariableUnits(Map<String, String> byKey) {
        this.byKey = byKey;
    }

    public static final VariableUnits NONE = new VariableUnits(Map.of());

    /** The units of the model recorded in the store's provenance. */
    public static VariableUnits of(StoredStudy stored) {
        String file = stored.provenance().get("model_file");
        return file == null ? NONE : of(Path.of(file));
    }

    public static VariableUnits of(Path model) {
        if (!Files.isRegularFile(model)) return NONE;
        try {
            Map<String, String> m = new HashMap<>();
            for (Equation e : ModelLoader.parse(model).equations()) {
                String u = e.units() == null ? "" : e.units().strip();
                if (!u.isEmpty()) m.putIfAbsent(Names.key(e.name()), u);
            }
            return new VariableUnits(m);
        } catch (RuntimeException e) {
            return NONE;
        }
    }

    /** The unit of a variable (an element {@code X[ROK]} has X's), "" when unknown. */
    public String of(String variable) {
        int b = variable.indexOf('[');
        String u = byKey.get(Names.key(b < 0 ? variable : variable.substring(0, b)));
        return u == null ? "" : u;
    }

    /** The unit in words: {@code Dmnl} is "dimensionless", {@code $B/Year} "$B per year"; "" when unknown. */
    public String wordsOf(String variable) {
        return words(of(variable));
    }

    public static String words(String unit) {
        String u = unit.replaceAll("\\s*\\[.*$", "").strip();
        if (u.isEmpty()) return "";
        String low = u.toLowerCase(Locale.ROOT);
        if (low.equals("dmnl") || low.equals("1") || low.equals("dimensionless") || low.equals("fraction")) return "dimensionless";
        if (low.equals("year") || low.equals("years")) return "years";
        if (low.equals("1/year")) return "per year";
        return u.replace("*", "·").replaceAll("/\\(?([A-Za-z]+)\\*([A-Za-z]+)\\)?", " per $1·$2").replace("/", " per ").replace("Year", "year");
    }

    /** A label: the name, then its unit in words in brackets when known. */
    public String label(String variable) {
        String w = wordsOf(variable);
        return w.isEmpty() ? variable : variable + " (" + w + ")";
    }
}
