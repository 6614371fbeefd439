package org.dlab.engine.model;

import java.util.List;
import org.dlab.engine.ir.Pos;

/**
 * Numbers that a model reads from files beside it: Vensim's GET XLS / GET DIRECT family
 * (CONSTANTS, DATA, LOOKUPS, SUBSCRIPT), over .xlsx workbooks and .csv/.tab text files.
 * File names are relative to the model's folder; a problem is a {@link org.dlab.engine.ModelException}
 * at {@code pos} naming the file (and cell where it applies).
 */
public interface ExternalData {

    /**
     * A block of {@code rows × cols} numbers whose top-left is {@code cell} (e.g. "B2"). When the
     * cell ends in '*' the block is read transposed (each model row down a column), as Vensim does.
     * A 1-D constant is rows = 1.
     */
    double[][] constants(Pos pos, String file, String sheet, String cell, int rows, int cols);

    /**
     * {@code count} time series. {@code timeAxis} is a row number ("1") when times run across a
     * row, or a column letter ("A") when they run down a column; {@code firstCell} is the first
     * value of the first series; further series follow on the next rows (resp. columns). Blank
     * cells are NaN in the values; a time cell that is blank or not a number is skipped with its values
     * (as Vensim's output of tests/get_with_missing_values_xlsx shows).
     */
    Series series(Pos pos, String file, String sheet, String timeAxis, String firstCell, int count);

    /** As {@link #series(Pos, String, String, String, String, int)} for variable {@code reader}, which warnings may name. */
    default Series series(Pos pos, String reader, String file, String sheet, String timeAxis, String firstCell, int count) {
        return series(pos, file, sheet, timeAxis, firstCell, count);
    }

    /** GET DIRECT SUBSCRIPT(file, sheet, firstCell, lastCell, prefix): element names from a cell range. */
    List<String> subscriptElements(Pos pos, String[] args);

    /** Times and, per series, its values at those times. */
    record Series(double[] times, double[][] values) {}
}
