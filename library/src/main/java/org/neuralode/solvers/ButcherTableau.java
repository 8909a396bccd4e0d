package org.neuralode.solvers;

import java.util.Arrays;

/**
 * An explicit Runge-Kutta method: its coefficients,
 * <pre>
 *   k_i      = f(t + c_i dt, h + dt * sum_{j &lt; i} a_ij k_j)
 *   h(t+dt)  = h + dt * sum_i b_i k_i
 *   error    = dt * sum_i e_i k_i          (embedded methods only, e = b - b_hat)
 * </pre>
 * written as the usual table {@code c | A / b} (Hairer, Norsett and Wanner, <i>Solving Ordinary
 * Differential Equations I</i>, 2nd ed., Section II.1), together with what is specific to the
 * method: how it measures a step's error (one embedded estimate, or DOP853's blend of two) and
 * its continuous extension (dense output), as Hipparchus splits {@code estimateError()} from
 * {@code createInterpolator()}. The named
 * constants play the part of Commons Math's {@code STATIC_C / STATIC_A / STATIC_B} arrays and of
 * torchdiffeq's tableaus.
 *
 * <p>A tableau checks itself when built: {@code c_0 = 0}, row {@code i} of {@code A} has
 * {@code i} entries summing to {@code c_i}, the weights {@code b} sum to 1 and the error weights
 * {@code e} to 0 (HNW I, II.1, eq. (1.9) and the order conditions of order 1). Whether the last
 * stage is first-same-as-last (FSAL: {@code c_{s-1} = 1}, {@code a_{s-1,j} = b_j},
 * {@code b_{s-1} = 0}, so that it equals {@code f} at the new point and can be reused as the
 * next step's first stage) is derived from the coefficients, not declared.
 */
public final class ButcherTableau {

    /** How far a row sum or a weight sum may be from its exact value (coefficients are rounded decimals). */
    private static final double CONSISTENCY = 1e-12;

    /** Explicit Euler, order 1: {@code h(t + dt) = h + dt f(t, h)}. */
    public static final ButcherTableau EULER = new ButcherTableau("Euler", 1,
            new double[] {0},
            new double[][] {{}},
            new double[] {1}, null);

    /**
     * The explicit midpoint method (Runge 1895), order 2:
     * {@code h(t + dt) = h + dt f(t + dt/2, h + dt/2 f(t, h))}.
     */
    public static final ButcherTableau MIDPOINT = new ButcherTableau("midpoint", 2,
            new double[] {0, 0.5},
            new double[][] {{}, {0.5}},
            new double[] {0, 1}, null);

    /**
     * Heun's method (the explicit trapezoid; Heun 1900), order 2:
     * {@code h(t + dt) = h + dt/2 [f(t, h) + f(t + dt, h + dt f(t, h))]}.
     */
    public static final ButcherTableau HEUN = new ButcherTableau("Heun", 2,
            new double[] {0, 1},
            new double[][] {{}, {1}},
            new double[] {0.5, 0.5}, null);

    /**
     * The classic fourth-order Runge-Kutta method (Kutta 1901; HNW I, Section II.1):
     * {@code h(t + dt) = h + dt (k_0 + 2 k_1 + 2 k_2 + k_3) / 6}.
     */
    public static final ButcherTableau RK4 = new ButcherTableau("RK4", 4,
            new double[] {0, 0.5, 0.5, 1},
            new double[][] {{}, {0.5}, {0, 0.5}, {0, 0, 1}},
            new double[] {1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6}, null);

    /**
     * Bogacki and Shampine's 3(2) pair (Appl. Math. Lett. 2(4), 1989), FSAL; scipy's RK23. Its dense
     * output is the cubic Hermite interpolant, which is the method's own.
     */
    public static final ButcherTableau BOGACKI_SHAMPINE = new ButcherTableau("Bogacki-Shampine 3(2)", 3,
            new double[] {0, 0.5, 0.75, 1},
            new double[][] {{}, {0.5}, {0, 0.75}, {2.0 / 9, 1.0 / 3, 4.0 / 9}},
            new double[] {2.0 / 9, 1.0 / 3, 4.0 / 9, 0},
            new double[] {2.0 / 9 - 7.0 / 24, 1.0 / 3 - 1.0 / 4, 4.0 / 9 - 1.0 / 3, -1.0 / 8});

    /**
     * Dormand and Prince's 5(4) pair (J. Comput. Appl. Math. 6(1), 1980), FSAL; the default of
     * torchdiffeq ({@code dopri5}) and scipy ({@code RK45}).
     */
    public static final ButcherTableau DORMAND_PRINCE = new ButcherTableau("Dormand-Prince 5(4)", 5,
            new double[] {0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1, 1},
            new double[][] {
                {},
                {1.0 / 5},
                {3.0 / 40, 9.0 / 40},
                {44.0 / 45, -56.0 / 15, 32.0 / 9},
                {19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729},
                {9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656},
                {35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84}},
            new double[] {35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84, 0},
            new double[] {
                35.0 / 384 - 5179.0 / 57600,
                0,
                500.0 / 1113 - 7571.0 / 16695,
                125.0 / 192 - 393.0 / 640,
                -2187.0 / 6784 + 92097.0 / 339200,
                11.0 / 84 - 187.0 / 2100,
                -1.0 / 40},
            ErrorMeasure.EMBEDDED, DenseOutput.DormandPrince.INSTANCE);

    /**
     * Dormand and Prince's 8(5,3) pair (Hairer's {@code dop853.f}; scipy's {@code DOP853}): order 8,
     * 12 stages, an error that blends the norms of a 5th- and a 3rd-order estimate and a 7th-order
     * dense output (see {@link Dop853}).
     * {@code e} holds the fifth-order error weights.
     */
    public static final ButcherTableau DOP853 = Dop853.tableau();

    private final String name;
    private final int order;
    private final double[] c;
    private final double[][] a;
    private final double[] b;
    private final double[] e;
    private final boolean firstSameAsLast;
    private final ErrorMeasure errorMeasure;
    private final DenseOutput denseOutput;

    /**
     * A method whose step error is its one embedded estimate {@code dt sum_i e_i k_i} (measured in
     * the solver's {@link ErrorNorm}) and, if embedded, the cubic Hermite interpolant as dense output.
     *
     * @param name  the method's name
     * @param order the order of the propagated solution {@code b}, at least 1
     * @param c     the nodes, {@code c[0] = 0}
     * @param a     the lower-triangular coupling coefficients, {@code a[i]} has length {@code i}
     * @param b     the weights of the propagated solution
     * @param e     the error weights {@code b - b_hat}, or {@code null} for a fixed-step method
     * @throws IllegalArgumentException naming the coefficient that breaks a rule above
     */
    public ButcherTableau(String name, int order, double[] c, double[][] a, double[] b, double[] e) {
        this(name, order, c, a, b, e, ErrorMeasure.EMBEDDED, DenseOutput.HermiteCubic.INSTANCE);
    }

    ButcherTableau(String name, int order, double[] c, double[][] a, double[] b, double[] e, ErrorMeasure errorMeasure,
                   DenseOutput denseOutput) {
        validate(name, order, c, a, b, e);
        int s = b.length;
        this.name = name;
        this.order = order;
        this.c = c.clone();
        this.a = new double[s][];
        for (int i = 0; i < s; i++) {
            this.a[i] = a[i].clone();
        }
        this.b = b.clone();
        this.e = e == null ? null : e.clone();
        this.firstSameAsLast = lastStageIsFirstOfNext(this.c, this.a, this.b);
        this.errorMeasure = errorMeasure;
        this.denseOutput = denseOutput;
    }

    /** The rules of the class comment, each failure naming the coefficient and its value. */
    private static void validate(String name, int order, double[] c, double[][] a, double[] b, double[] e) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must be a non-empty text, got " + (name == null ? "null" : "\"\""));
        }
        if (order < 1) {
            throw new IllegalArgumentException("order must be at least 1, got " + order + " (" + name + ")");
        }
        if (b == null || b.length == 0) {
            throw new IllegalArgumentException("b must hold one weight per stage, got " + (b == null ? "null" : "none"));
        }
        int s = b.length;
        if (c == null || c.length != s || a == null || a.length != s) {
            throw new IllegalArgumentException(name + ": c and a must have one entry per stage (" + s + "), got c of length "
                    + (c == null ? "null" : c.length) + " and a of length " + (a == null ? "null" : a.length));
        }
        if (e != null && e.length != s) {
            throw new IllegalArgumentException(name + ": e must have one entry per stage (" + s + "), got " + e.length);
        }
        requireFinite(name, "c", c);
        requireFinite(name, "b", b);
        if (e != null) {
            requireFinite(name, "e", e);
        }
        if (c[0] != 0) {
            throw new IllegalArgumentException(name + ": c[0] must be 0 (the first stage is f(t, h)), got " + c[0]);
        }
        for (int i = 0; i < s; i++) {
            if (a[i] == null || a[i].length != i) {
                throw new IllegalArgumentException(name + ": a[" + i + "] must have " + i + " entries (explicit method),"
                        + " got " + (a[i] == null ? "null" : a[i].length));
            }
            requireFinite(name, "a[" + i + "]", a[i]);
            requireSum(name, "a[" + i + "]", a[i], c[i], "c[" + i + "]");
        }
        requireSum(name, "b", b, 1, "1");
        if (e != null) {
            requireSum(name, "e", e, 0, "0");
        }
    }

    private static void requireFinite(String name, String what, double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(name + ": " + what + "[" + i + "] must be finite, got " + v[i]);
            }
        }
    }

    private static void requireSum(String name, String what, double[] v, double expected, String expectedName) {
        double sum = 0;
        double size = 0;
        for (double x : v) {
            sum += x;
            size += Math.abs(x);
        }
        if (Math.abs(sum - expected) > CONSISTENCY * Math.max(1, size)) {
            throw new IllegalArgumentException(name + ": the entries of " + what + " must sum to " + expectedName
                    + " = " + expected + ", but they sum to " + sum);
        }
    }

    /** FSAL: the last stage is evaluated at {@code (t + dt, h + dt sum_j b_j k_j)}, i.e. at the new point. */
    private static boolean lastStageIsFirstOfNext(double[] c, double[][] a, double[] b) {
        int s = b.length;
        return s > 1 && c[s - 1] == 1 && b[s - 1] == 0 && Arrays.equals(a[s - 1], Arrays.copyOf(b, s - 1));
    }

    /** @return the method's name */
    public String name() {
        return name;
    }

    /** @return the order of the propagated solution */
    public int order() {
        return order;
    }

    /** @return the nodes {@code c} (a copy) */
    public double[] c() {
        return c.clone();
    }

    /** @return the coupling coefficients {@code A}, row {@code i} of length {@code i} (a copy) */
    public double[][] a() {
        double[][] copy = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            copy[i] = a[i].clone();
        }
        return copy;
    }

    /** @return the weights {@code b} (a copy) */
    public double[] b() {
        return b.clone();
    }

    /** @return the error weights {@code e = b - b_hat} (a copy), or {@code null} for a fixed-step method */
    public double[] e() {
        return e == null ? null : e.clone();
    }

    /** @return whether the last stage is {@code f} at the new point (derived from the coefficients) */
    public boolean firstSameAsLast() {
        return firstSameAsLast;
    }

    /** @return the number of stages */
    public int stages() {
        return b.length;
    }

    /** @return whether the tableau carries an embedded error estimate (an adaptive method) */
    public boolean isEmbedded() {
        return e != null;
    }

    double node(int i) {
        return c[i];
    }

    double[] couplingRow(int i) {
        return a[i];
    }

    double[] weights() {
        return b;
    }

    double[] errorWeights() {
        return e;
    }

    /** @return how the method measures the error of a step */
    ErrorMeasure errorMeasure() {
        return errorMeasure;
    }

    /** @return the method's continuous extension */
    DenseOutput denseOutput() {
        return denseOutput;
    }

    @Override
    public String toString() {
        return name + " (order " + order + ", " + stages() + " stages" + (isEmbedded() ? ", embedded" : "")
                + (firstSameAsLast ? ", FSAL" : "") + ")";
    }

    /**
     * How a method turns the stages of a step into the one number the step is accepted by (at
     * most 1), measuring its error estimates in the solver's {@link ErrorNorm}: the method owns
     * which estimates there are and how they combine, the caller the norm.
     */
    @FunctionalInterface
    interface ErrorMeasure {
        /** The norm of the one embedded estimate {@code err = dt sum_i e_i k_i} (HNW I, II.4, eq. (4.11)). */
        ErrorMeasure EMBEDDED = (step, norm) -> norm.of(step.scaledEstimate(step.errorWeights(), 0));

        /**
         * @param step the step just attempted, which scales an estimate {@code dt sum_i w_i k_i}
         *             by the tolerances ({@link ExplicitRungeKuttaStep#scaledEstimate})
         * @param norm the solver's error norm
         * @return the error the step is accepted by
         */
        double of(ExplicitRungeKuttaStep step, ErrorNorm norm);
    }
}
