package org.dlab.engine.run;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dlab.engine.LoadWarning;
import org.dlab.engine.ir.IntegrationMethod;
import org.dlab.engine.model.Names;
import org.dlab.engine.model.Plan;
import org.dlab.engine.model.ScalarVar;

/**
 * A compiled model: immutable and safe to share between threads. Each thread makes its own
 * {@link Run}s, which are cheap to reset and re-run with new constants.
 */
public final class Model {
    private final Plan plan;
    private final ModelCode code;
    private final List<String> names;
    private final int[] outputSlots;
    private final Map<String, Integer> slotByKey = new HashMap<>();
    private final Map<String, ScalarVar> varByKey = new HashMap<>();
    private final IntegrationMethod method;
    private final List<LoadWarning> loadWarnings;

    public Model(Plan plan, ModelCode code, IntegrationMethod method) {
        this(plan, code, method, List.of());
    }

    public Model(Plan plan, ModelCode code, IntegrationMethod method, List<LoadWarning> loadWarnings) {
        this.loadWarnings = List.copyOf(loadWarnings);
        this.plan = plan;
        this.code = code;
        this.method = method;
        List<ScalarVar> outs = plan.outputs();
        String[] n = new String[outs.size()];
        outputSlots = new int[outs.size()];
        for (int i = 0; i < n.length; i++) {
            n[i] = outs.get(i).name;
            outputSlots[i] = plan.slot(outs.get(i));
            slotByKey.put(Names.key(n[i].replace(" ,", ",").replace(", ", ",")), plan.slot(outs.get(i)));
            varByKey.put(Names.key(n[i].replace(", ", ",")), outs.get(i));
        }
        names = List.of(n);
    }

    public Plan plan() {
        return plan;
    }

    ModelCode code() {
        return code;
    }

    public IntegrationMethod method() {
        return method;
    }

    /** What loading the model accepted but its modeller should know of (e.g. text cells read as 0); unmodifiable. */
    public List<LoadWarning> loadWarnings() {
        return loadWarnings;
    }

    /** Visible variables in model order, subscripted ones as {@code Name[e1,e2]}. */
    public List<String> variableNames() {
        return names;
    }

    int[] outputSlots() {
        return outputSlots;
    }

    /** Slot of a visible variable by name (case, spaces and underscores as Vensim), or -1. */
    public int slotOf(String name) {
        Integer s = slotByKey.get(key(name));
        return s == null ? -1 : s;
    }

    /** The variable behind a name, or null. */
    public ScalarVar variable(String name) {
        return varByKey.get(key(name));
    }

    static String key(String name) {
        return Names.key(name.replaceAll("\\s*([\\[\\],])\\s*", "$1"));
    }

    public List<ScalarVar> variables() {
        return Collections.unmodifiableList(plan.outputs());
    }

    public Run newRun() {
        return new Run(this);
    }
}
