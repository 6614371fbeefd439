package org.dlab.engine.ir;

/** Fixed-step integration methods, as Vensim offers them. */
public enum IntegrationMethod {
    EULER, RK2, RK4;

    public static IntegrationMethod parse(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "euler" -> EULER;
            case "rk2" -> RK2;
            case "rk4" -> RK4;
            default -> throw new IllegalArgumentException("unknown integration method '" + s + "' (euler, rk2, rk4)");
        };
    }
}
