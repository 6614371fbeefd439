package org.dlab.engine.run;

import org.dlab.engine.ir.IntegrationMethod;

/**
 * Fixed-step explicit Runge-Kutta methods as Butcher tableaux, driven by one generic loop in
 * {@link Run}: Euler (Vensim's default), RK2 (Heun's method, Vensim's RK2) and the classical
 * fourth-order method (Vensim's RK4). See Hairer, Norsett and Wanner, Solving Ordinary
 * Differential Equations I, sec. II.1.
 */
record Integrator(double[][] a, double[] b, double[] c) {
    static final Integrator EULER = new Integrator(new double[][] {{}}, new double[] {1}, new double[] {0});
    static final Integrator RK2 = new Integrator(new double[][] {{}, {1}}, new double[] {0.5, 0.5}, new double[] {0, 1});
    static final Integrator RK4 = new Integrator(
            new double[][] {{}, {0.5}, {0, 0.5}, {0, 0, 1}},
            new double[] {1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6},
            new double[] {0, 0.5, 0.5, 1});

    static Integrator of(IntegrationMethod m) {
        return switch (m) {
            case EULER -> EULER;
            case RK2 -> RK2;
            case RK4 -> RK4;
        };
    }

    int stages() {
        return b.length;
    }
}
