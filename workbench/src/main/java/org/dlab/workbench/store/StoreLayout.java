package org.dlab.workbench.store;

import java.util.ArrayList;
import java.util.List;
import org.dlab.workbench.run.Runner;
import org.dlab.workbench.study.BoundStudy;
import org.dlab.workbench.study.Study;
import org.dlab.workbench.study.Study.Constraint;
import org.dlab.workbench.study.Study.Lever;
import org.dlab.workbench.study.Study.Outcome;
import org.dlab.workbench.study.Study.Policy;
import org.dlab.workbench.study.Study.Setting;
import org.dlab.workbench.study.Study.Uncertainty;

/**
 * The tables of a store for one study: column names and the descriptive rows that let a reader
 * (pandas, R, the report) interpret them without the study file.
 */
public record StoreLayout(
        List<String> uncertainties,
        List<String> levers,
        List<String> outcomes,
        List<String> seriesVariables,
        boolean series,
        List<List<Object>> inputRows,
        List<List<Object>> outcomeRows,
        List<List<Object>> policyRows,
        List<List<Object>> constraintRows) {

    public static StoreLayout of(BoundStudy bound, List<Policy> policies, boolean series) {
        Study s = bound.study();
        List<List<Object>> inputs = new ArrayList<>();
        for (Uncertainty u : s.uncertainties()) {
            inputs.add(List.of(u.name(), "uncertainty", u.dist().describe(), u.source(), "", u.dist().fromUnit(0), u.dist().fromUnit(1), Double.NaN));
        }
        for (Lever l : s.levers()) inputs.add(List.of(l.name(), "lever", "", l.description(), l.unit(), l.low(), l.high(), l.baseline()));
        List<List<Object>> outs = new ArrayList<>();
        for (Outcome o : s.outcomes()) {
            outs.add(List.of(o.name(), o.variable(), o.reduce().describe(), o.kind().name().toLowerCase(java.util.Locale.ROOT), o.threshold()));
        }
        List<List<Object>> pols = new ArrayList<>();
        for (int i = 0; i < policies.size(); i++) {
            Policy p = policies.get(i);
            double[] v = bound.leverValues(p);
            for (int l = 0; l < v.length; l++) {
                String lever = s.levers().get(l).name();
                boolean set = p.settings().stream().map(Setting::lever).anyMatch(x -> org.dlab.engine.model.Names.key(x).equals(org.dlab.engine.model.Names.key(lever)));
                pols.add(List.of(i, p.name(), lever, v[l], set));
            }
            if (v.length == 0) pols.add(java.util.Arrays.asList(i, p.name(), null, null, false));
        }
        List<List<Object>> cons = new ArrayList<>();
        for (Constraint c : s.constraints()) cons.add(List.of(c.outcome(), c.min(), c.max()));
        return new StoreLayout(
                s.uncertainties().stream().map(Uncertainty::name).toList(),
                s.levers().stream().map(Lever::name).toList(),
                s.outcomes().stream().map(Outcome::name).toList(),
                Runner.seriesVariablesOf(bound),
                series, inputs, outs, pols, cons);
    }
}
