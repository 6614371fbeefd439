package org.dlab.bench;

import java.util.List;

/**
 * Teacup and SIR written by hand: the samples' equations, Euler over a {@code double[]} of
 * stocks, storing every visible variable at every step into a {@link ColumnarSink} in the same
 * column order as the engine. This is the yardstick for the engine's generated code, so it
 * follows the engine's arithmetic exactly (time as {@code t0 + i * dt}, the same operand order)
 * and HandWrittenTest checks that the numbers are identical. The constant varied by the
 * re-run benchmark is a parameter; the rest are literals, as a hand-writer would have them.
 */
public final class HandWritten {
    private HandWritten() {}

    public static final List<String> TEACUP_COLUMNS = List.of("Characteristic Time", "Heat Loss to Room",
            "Room Temperature", "Teacup Temperature", "FINAL TIME", "INITIAL TIME", "SAVEPER", "TIME STEP");
    public static final List<String> SIR_COLUMNS = List.of("Contact Infectivity", "Duration", "Infectious",
            "Recovered", "Recovering", "Succumbing", "Susceptible", "Total Population", "FINAL TIME",
            "INITIAL TIME", "SAVEPER", "TIME STEP");

    private static final double TEACUP_ROOM = 70;
    private static final double TEACUP_T0 = 0;
    private static final double TEACUP_TF = 30;
    private static final double TEACUP_DT = 0.125;

    private static final double SIR_DURATION = 5;
    private static final double SIR_POPULATION = 1000;
    private static final double SIR_T0 = 0;
    private static final double SIR_TF = 100;
    private static final double SIR_DT = 0.03125;

    /** Steps as the engine counts them, so the last row is at FINAL TIME despite rounding. */
    private static int steps(double t0, double tf, double dt) {
        return (int) Math.floor((tf - t0) / dt + 1e-6);
    }

    /** Teacup with every variable stored at every step (SAVEPER = TIME STEP). */
    public static void teacup(double characteristicTime, ColumnarSink out) {
        int n = steps(TEACUP_T0, TEACUP_TF, TEACUP_DT);
        out.begin(n + 1);
        double[] time = out.times();
        double[] cCharTime = out.column(0);
        double[] cHeatLoss = out.column(1);
        double[] cRoom = out.column(2);
        double[] cTemp = out.column(3);
        double[] cFinal = out.column(4);
        double[] cInitial = out.column(5);
        double[] cSaveper = out.column(6);
        double[] cStep = out.column(7);
        double[] y = {180};
        double[] d = new double[1];
        for (int i = 0; ; i++) {
            double t = TEACUP_T0 + i * TEACUP_DT;
            double heatLoss = (y[0] - TEACUP_ROOM) / characteristicTime;
            time[i] = t;
            cCharTime[i] = characteristicTime;
            cHeatLoss[i] = heatLoss;
            cRoom[i] = TEACUP_ROOM;
            cTemp[i] = y[0];
            cFinal[i] = TEACUP_TF;
            cInitial[i] = TEACUP_T0;
            cSaveper[i] = TEACUP_DT;
            cStep[i] = TEACUP_DT;
            if (i == n) break;
            d[0] = -heatLoss;
            y[0] += TEACUP_DT * d[0];
        }
        out.rows(n + 1);
    }

    /** Teacup keeping only the final temperature (the ensemble case). */
    public static double teacupFinal(double characteristicTime) {
        int n = steps(TEACUP_T0, TEACUP_TF, TEACUP_DT);
        double[] y = {180};
        double[] d = new double[1];
        for (int i = 0; i < n; i++) {
            double heatLoss = (y[0] - TEACUP_ROOM) / characteristicTime;
            d[0] = -heatLoss;
            y[0] += TEACUP_DT * d[0];
        }
        return y[0];
    }

    /** SIR with every variable stored at every step (SAVEPER = TIME STEP). */
    public static void sir(double contactInfectivity, ColumnarSink out) {
        int n = steps(SIR_T0, SIR_TF, SIR_DT);
        out.begin(n + 1);
        double[] time = out.times();
        double[] cContact = out.column(0);
        double[] cDuration = out.column(1);
        double[] cInfectious = out.column(2);
        double[] cRecovered = out.column(3);
        double[] cRecovering = out.column(4);
        double[] cSuccumbing = out.column(5);
        double[] cSusceptible = out.column(6);
        double[] cPopulation = out.column(7);
        double[] cFinal = out.column(8);
        double[] cInitial = out.column(9);
        double[] cSaveper = out.column(10);
        double[] cStep = out.column(11);
        // stocks: infectious, recovered, susceptible
        double[] y = {5, 0, SIR_POPULATION};
        double[] d = new double[3];
        for (int i = 0; ; i++) {
            double t = SIR_T0 + i * SIR_DT;
            double recovering = y[0] / SIR_DURATION;
            double succumbing = y[2] * y[0] / SIR_POPULATION * contactInfectivity;
            time[i] = t;
            cContact[i] = contactInfectivity;
            cDuration[i] = SIR_DURATION;
            cInfectious[i] = y[0];
            cRecovered[i] = y[1];
            cRecovering[i] = recovering;
            cSuccumbing[i] = succumbing;
            cSusceptible[i] = y[2];
            cPopulation[i] = SIR_POPULATION;
            cFinal[i] = SIR_TF;
            cInitial[i] = SIR_T0;
            cSaveper[i] = SIR_DT;
            cStep[i] = SIR_DT;
            if (i == n) break;
            d[0] = succumbing - recovering;
            d[1] = recovering;
            d[2] = -succumbing;
            for (int j = 0; j < 3; j++) y[j] += SIR_DT * d[j];
        }
        out.rows(n + 1);
    }

    /** SIR keeping only the final number infectious (the ensemble case). */
    public static double sirFinal(double contactInfectivity) {
        int n = steps(SIR_T0, SIR_TF, SIR_DT);
        double[] y = {5, 0, SIR_POPULATION};
        double[] d = new double[3];
        for (int i = 0; i < n; i++) {
            double recovering = y[0] / SIR_DURATION;
            double succumbing = y[2] * y[0] / SIR_POPULATION * contactInfectivity;
            d[0] = succumbing - recovering;
            d[1] = recovering;
            d[2] = -succumbing;
            for (int j = 0; j < 3; j++) y[j] += SIR_DT * d[j];
        }
        return y[0];
    }
}
