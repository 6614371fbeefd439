package org.dlab.workbench.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dlab.engine.ir.Pos;
import org.dlab.workbench.study.Study;

/**
 * What a results store says about the study that made it, read from its descriptive tables
 * ({@code provenance}, {@code inputs}, {@code outcome_definitions}, {@code policies}) and its
 * schema (series variables, saved discoveries). The one reading of those tables: the report,
 * {@code plot}, {@code discover} and the server all start here, so they agree on what a store holds.
 *
 * @param provenance every key and value, by key
 * @param inputs uncertainties and levers in the study's order
 * @param outcomes the outcome definitions in the study's order, reductions read back by {@link Study.Reduction#parse}
 * @param policies the policy names in the study's order
 * @param hasSeries whether the store was made with --series (the table exists only then)
 * @param seriesVariables the columns of the series table; empty without one
 * @param hasDiscoveries whether {@code dlab discover} saved anything
 */
public record StoredStudy(Map<String, String> provenance, List<Input> inputs, List<Study.Outcome> outcomes, List<String> policies,
        boolean hasSeries, List<String> seriesVariables, boolean hasDiscoveries) {

    /**
     * A row of {@code inputs}; low, high and baseline are null where the store has none (or a
     * non-finite number).
     */
    public record Input(String name, String role, String distribution, String description, String unit, Double low, Double high, Double baseline) {
        public boolean isUncertainty() {
            return "uncertainty".equals(role);
        }

        public boolean isLever() {
            return "lever".equals(role);
        }
    }

    public StoredStudy {
        provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
        inputs = List.copyOf(inputs);
        outcomes = List.copyOf(outcomes);
        policies = List.copyOf(policies);
        seriesVariables = List.copyOf(seriesVariables);
    }

    /**
     * Reads the descriptive tables. A row that does not read back (an unknown reduction or kind)
     * is an {@link SQLException} naming the table and the outcome, like a missing table.
     */
    public static StoredStudy read(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            Map<String, String> prov = new LinkedHashMap<>();
            try (ResultSet r = st.executeQuery("SELECT key, value FROM provenance ORDER BY key")) {
                while (r.next()) prov.put(r.getString(1), r.getString(2));
            }
            List<Input> inputs = new ArrayList<>();
            try (ResultSet r = st.executeQuery("SELECT name, role, distribution, description, unit, low, high, baseline FROM inputs")) {
                while (r.next()) {
                    inputs.add(new Input(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), number(r, 6), number(r, 7),
                            number(r, 8)));
                }
            }
            List<Study.Outcome> outcomes = new ArrayList<>();
            try (ResultSet r = st.executeQuery("SELECT name, variable, reduce, kind, threshold FROM outcome_definitions")) {
                while (r.next()) {
                    Double t = number(r, 5);
                    outcomes.add(outcome(r.getString(1), r.getString(2), r.getString(3), r.getString(4), t == null ? Double.NaN : t));
                }
            }
            List<String> policies = new ArrayList<>();
            try (ResultSet r = st.executeQuery("SELECT DISTINCT position, policy FROM policies ORDER BY position")) {
                while (r.next()) policies.add(r.getString(2));
            }
            List<String> series = new ArrayList<>();
            try (ResultSet r = st.executeQuery("SELECT column_name FROM information_schema.columns WHERE table_name = 'series' "
                    + "AND column_name NOT IN ('run', 'time') ORDER BY ordinal_position")) {
                while (r.next()) series.add(r.getString(1));
            }
            return new StoredStudy(prov, inputs, outcomes, policies, hasTable(st, "series"), series, hasTable(st, "discoveries"));
        }
    }

    private static boolean hasTable(Statement st, String table) throws SQLException {
        try (ResultSet r = st.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name = '" + table + "'")) {
            return r.next() && r.getLong(1) > 0;
        }
    }

    private static Study.Outcome outcome(String name, String variable, String reduce, String kind, double threshold) throws SQLException {
        Study.Reduction reduction;
        Study.Kind k;
        try {
            reduction = Study.Reduction.parse(reduce);
        } catch (IllegalArgumentException e) {
            throw new SQLException("outcome_definitions: outcome '" + name + "': " + e.getMessage());
        }
        try {
            k = Study.Kind.valueOf(String.valueOf(kind).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SQLException("outcome_definitions: outcome '" + name + "': kind '" + kind + "' is not minimize, maximize or info");
        }
        return new Study.Outcome(name, variable, reduction, k, threshold, Pos.NONE, Pos.NONE, Pos.NONE);
    }

    private static Double number(ResultSet r, int col) throws SQLException {
        double v = r.getDouble(col);
        return r.wasNull() || !Double.isFinite(v) ? null : v;
    }

    /** The uncertainties' names in the study's order. */
    public List<String> uncertainties() {
        return inputs.stream().filter(Input::isUncertainty).map(Input::name).toList();
    }

    public List<String> outcomeNames() {
        return outcomes.stream().map(Study.Outcome::name).toList();
    }

    public Optional<Study.Outcome> outcome(String name) {
        return outcomes.stream().filter(o -> o.name().equals(name)).findFirst();
    }

    /** Whether the runs pair every policy with every future (run = scenario × policies + policy). */
    public boolean fullDesign() {
        return "full".equals(provenance.get("policy_design"));
    }
}
