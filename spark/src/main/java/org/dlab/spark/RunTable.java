package org.dlab.spark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.dlab.workbench.run.RunRecord;
import org.dlab.workbench.store.StoreLayout;

/**
 * The columns of the job's Parquet output and the conversion of a {@link RunRecord} into a row.
 * One wide table per run: {@code run, scenario, policy_index, status, reason, feasible}, the
 * uncertainties and levers, the outcomes (NULL for a failed run, as in the store), and
 * {@code policy}, the partition column. With series, a {@code series} column holds the run's
 * saved rows ({@code [time, v1, v2, ...]}) until they are exploded into their own table.
 */
final class RunTable {
    static final List<String> FIXED = List.of("run", "scenario", "policy_index", "status", "reason", "feasible", "policy", "series", "time");

    private final StoreLayout layout;
    private final List<String> policies;

    RunTable(StoreLayout layout, List<String> policies) {
        this.layout = layout;
        this.policies = List.copyOf(policies);
    }

    /** Refuses names that would clash in one Parquet table (Spark compares column names case-insensitively). */
    static void checkNames(StoreLayout layout) {
        Map<String, String> seen = new HashMap<>();
        for (String f : FIXED) seen.put(f, "a column of the output");
        List<String> all = new ArrayList<>(layout.uncertainties());
        all.addAll(layout.levers());
        all.addAll(layout.outcomes());
        for (String name : all) {
            String prior = seen.put(name.toLowerCase(Locale.ROOT), name);
            if (prior != null) {
                throw new IllegalArgumentException("'" + name + "' clashes with " + (prior.equals("a column of the output") ? prior : "'" + prior + "'")
                        + ": the Spark output puts inputs and outcomes in one table, so their names must differ (ignoring case)");
            }
        }
    }

    StructType schema(boolean withSeries) {
        List<StructField> f = new ArrayList<>();
        f.add(DataTypes.createStructField("run", DataTypes.LongType, false));
        f.add(DataTypes.createStructField("scenario", DataTypes.LongType, false));
        f.add(DataTypes.createStructField("policy_index", DataTypes.IntegerType, false));
        f.add(DataTypes.createStructField("status", DataTypes.StringType, false));
        f.add(DataTypes.createStructField("reason", DataTypes.StringType, true));
        f.add(DataTypes.createStructField("feasible", DataTypes.BooleanType, false));
        for (String u : layout.uncertainties()) f.add(DataTypes.createStructField(u, DataTypes.DoubleType, false));
        for (String l : layout.levers()) f.add(DataTypes.createStructField(l, DataTypes.DoubleType, false));
        for (String o : layout.outcomes()) f.add(DataTypes.createStructField(o, DataTypes.DoubleType, true));
        f.add(DataTypes.createStructField("policy", DataTypes.StringType, false));
        if (withSeries) f.add(DataTypes.createStructField("series", DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.DoubleType, false), false), true));
        return DataTypes.createStructType(f);
    }

    Row row(RunRecord r, boolean withSeries) {
        int width = 6 + r.inputs().length + r.outcomes().length + 1 + (withSeries ? 1 : 0);
        Object[] v = new Object[width];
        int i = 0;
        v[i++] = r.run();
        v[i++] = r.scenario();
        v[i++] = r.policy();
        v[i++] = r.ok() ? "ok" : "failed";
        v[i++] = r.reason();
        v[i++] = r.feasible();
        for (double x : r.inputs()) v[i++] = x;
        for (double x : r.outcomes()) v[i++] = r.ok() ? x : null;
        v[i++] = policies.get(r.policy());
        if (withSeries) v[i] = seriesRows(r);
        return RowFactory.create(v);
    }

    private double[][] seriesRows(RunRecord r) {
        if (r.series() == null) return null;
        int cols = 1 + layout.seriesVariables().size();
        double[][] rows = new double[r.seriesRows()][];
        for (int row = 0; row < rows.length; row++) rows[row] = java.util.Arrays.copyOfRange(r.series(), row * cols, (row + 1) * cols);
        return rows;
    }
}
