package org.dlab.workbench.analysis;

import java.util.SplittableRandom;

/** Test data: uniform points in [0,1]^10 whose outcome is true exactly inside a box in x2 and x7. */
final class PlantedBox {
    static final int DIMS = 10;
    static final int A = 2;
    static final int B = 7;
    static final double A_LO = 0.2;
    static final double A_HI = 0.7;
    static final double B_LO = 0.35;
    static final double B_HI = 0.85;

    final Dataset x;
    final boolean[] y;

    PlantedBox(int rows, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] cols = new double[DIMS][rows];
        y = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            for (int d = 0; d < DIMS; d++) cols[d][i] = rnd.nextDouble();
            y[i] = cols[A][i] >= A_LO && cols[A][i] <= A_HI && cols[B][i] >= B_LO && cols[B][i] <= B_HI;
        }
        x = Dataset.ofColumns(Dataset.defaultNames(DIMS), cols);
    }
}
