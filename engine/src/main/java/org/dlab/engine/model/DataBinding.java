package org.dlab.engine.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import org.dlab.engine.ModelException;
import org.dlab.engine.data.DataFiles;
import org.dlab.engine.ir.Equation;
import org.dlab.engine.ir.Expr;

/**
 * Binds a model's external data during analysis: the GET XLS/DIRECT CONSTANTS, DATA and LOOKUPS
 * calls (read through {@link ExternalData}, element by element) and data variables without an
 * equation (read from the data files given to the run). Everything here ends as constants or tables.
 */
final class DataBinding {
    private final Subscripts subs;
    private final ExternalData data;
    private final DataFiles dataFiles;
    /** How many elements an equation defines (a data block is read for all of them at once). */
    private final ToIntFunction<Equation> elementCount;

    DataBinding(Subscripts subs, ExternalData data, DataFiles dataFiles, ToIntFunction<Equation> elementCount) {
        this.subs = subs;
        this.data = data;
        this.dataFiles = dataFiles;
        this.elementCount = elementCount;
    }

    /** Element {@code index} of a GET XLS/DIRECT CONSTANTS or DATA formula of variable {@code owner}; null for any other call. */
    Node formula(Expr.Call c, String owner, Equation eq, int index) {
        String fk = Names.key(c.function());
        if (fk.matches("get (xls|direct) constants")) {
            return constantFromFile(c, eq, index);
        }
        if (fk.matches("get (xls|direct) data")) {
            ExternalData.Series s = series(c, eq, index, elementCount.applyAsInt(eq));
            Node.Table t = new Node.Table(owner, s.times(), s.values()[0]);
            String mode = eq.definition() instanceof Equation.Data dd ? dd.mode() : null;
            Node.LookupMode m = ":HOLD BACKWARD:".equals(mode) ? Node.LookupMode.BACKWARD
                    : ":LOOK FORWARD:".equals(mode) ? Node.LookupMode.FORWARD : Node.LookupMode.INTERPOLATE;
            return new Node.Lookup(t, new Node.Time(), m);
        }
        return null;
    }

    /** A data variable without an equation: its column of the data files, read as its mode says. */
    Node dataVariable(String name, Equation eq, String mode) {
        DataFiles.Series ser = dataFiles.get(name);
        if (ser == null) {
            throw new ModelException(eq.pos(), "data variable '" + name
                    + "' has no data: give a data file with a column of that name (dlab run --data FILE)");
        }
        Node.LookupMode m = ":HOLD BACKWARD:".equals(mode) ? Node.LookupMode.BACKWARD
                : ":LOOK FORWARD:".equals(mode) ? Node.LookupMode.FORWARD
                : ":RAW:".equals(mode) ? Node.LookupMode.RAW : Node.LookupMode.INTERPOLATE;
        Node.Table t = m == Node.LookupMode.RAW ? new Node.Table(name, ser.times(), ser.values())
                : withoutMissing(name, ser.times(), ser.values());
        return new Node.Lookup(t, new Node.Time(), m);
    }

    /** Series {@code index} of a GET XLS/DIRECT DATA or LOOKUPS call for an equation of {@code count} elements. */
    ExternalData.Series series(Expr call, Equation eq, int index, int count) {
        if (!(call instanceof Expr.Call c) || c.args().size() < 4) {
            throw new ModelException(eq.pos(), "expected GET XLS/DIRECT DATA or LOOKUPS('file', 'sheet', 'time row or column', 'first cell')");
        }
        String[] a = strings(c, 4);
        ExternalData.Series all = dataFor(c).series(c.args().get(0).pos(), eq.name(), a[0], a[1], a[2], a[3], count);
        double[] ys = all.values()[Math.min(index, all.values().length - 1)];
        // missing values are skipped: the series interpolates (or holds) across them
        Node.Table t = withoutMissing("", all.times(), ys);
        return new ExternalData.Series(t.xs, new double[][] {t.ys});
    }

    private static Node.Table withoutMissing(String name, double[] times, double[] ys) {
        int n = 0;
        for (double y : ys) if (!Double.isNaN(y)) n++;
        double[] tx = new double[n];
        double[] ty = new double[n];
        for (int i = 0, k = 0; i < ys.length; i++) {
            if (!Double.isNaN(ys[i])) {
                tx[k] = times[i];
                ty[k++] = ys[i];
            }
        }
        return new Node.Table(name, tx, ty);
    }

    /** The reader for a GET XLS/DIRECT call (whose first argument, checked by the caller, names its file). */
    private ExternalData dataFor(Expr.Call c) {
        Expr.Str file = (Expr.Str) c.args().get(0);
        // the reader reports a missing file itself, naming it (and tries .xlsx for a missing .xls)
        if (data == null) throw new ModelException(c.pos(), "cannot read data file '" + file.value() + "': this build has no data file reader");
        return data;
    }

    private String[] strings(Expr.Call c, int n) {
        String[] out = new String[n];
        for (int k = 0; k < n; k++) {
            if (!(c.args().get(k) instanceof Expr.Str s)) {
                throw new ModelException(c.args().get(k).pos(), "argument " + (k + 1) + " of " + c.function() + " must be a quoted string");
            }
            out[k] = s.value();
        }
        return out;
    }

    private Node constantFromFile(Expr.Call c, Equation eq, int index) {
        if (c.args().size() < 3) throw new ModelException(c.pos(), c.function() + " takes ('file', 'sheet', 'first cell')");
        String[] a = strings(c, 3);
        List<String> lhs = eq.subscripts();
        int rows = 1;
        int cols = 1;
        List<Integer> dimSizes = new ArrayList<>();
        for (String s : lhs) {
            Subscripts.Range r = subs.range(s);
            // a single element (or a one-element range) adds no direction to the block
            if (r != null && r.keys().size() > 1) dimSizes.add(r.keys().size());
        }
        if (dimSizes.size() == 1) cols = dimSizes.get(0);
        if (dimSizes.size() >= 2) {
            cols = dimSizes.get(dimSizes.size() - 1);
            rows = 1;
            for (int k = 0; k < dimSizes.size() - 1; k++) rows *= dimSizes.get(k);
        }
        double[][] block = dataFor(c).constants(c.args().get(0).pos(), a[0], a[1], a[2], rows, cols);
        int idx = index;
        return new Node.Const(block[idx / cols][idx % cols]);
    }
}
