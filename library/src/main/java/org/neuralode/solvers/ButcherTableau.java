package org.neuralode.solvers;

/**
 * The coefficients of an explicit Runge-Kutta method,
 * <pre>
 *   k_i      = f(t + c_i dt, h + dt * sum_{j &lt; i} a_ij k_j)
 *   h(t+dt)  = h + dt * sum_i b_i k_i
 *   error    = dt * sum_i e_i k_i          (embedded methods only, e = b - b_hat)
 * </pre>
 * written as the usual table {@code c | A / b} (Hairer, Norsett and Wanner, <i>Solving Ordinary
 * Differential Equations I</i>, 2nd ed., Section II.1). The named constants play the part of
 * Commons Math's {@code STATIC_C / STATIC_A / STATIC_B} arrays and of torchdiffeq's tableaus.
 *
 * @param name            the method's name
 * @param order           the order of the propagated solution {@code b}
 * @param c               the nodes, {@code c[0] = 0}
 * @param a               the lower-triangular coupling coefficients, {@code a[i]} has length {@code i}
 * @param b               the weights of the propagated solution
 * @param e               the error weights {@code b - b_hat}, or {@code null} for a fixed-step method
 * @param firstSameAsLast whether the last stage equals {@code f} at the new point (FSAL), so it
 *                        can be reused as the next step's first stage
 */
public record ButcherTableau(String name, int order, double[] c, double[][] a, double[] b, double[] e,
                             boolean firstSameAsLast) {

    /** Explicit Euler, order 1: {@code h(t + dt) = h + dt f(t, h)}. */
    public static final ButcherTableau EULER = new ButcherTableau("Euler", 1,
            new double[] {0},
            new double[][] {{}},
            new double[] {1},
            null, false);

    /**
     * The explicit midpoint method (Runge 1895), order 2:
     * {@code h(t + dt) = h + dt f(t + dt/2, h + dt/2 f(t, h))}.
     */
    public static final ButcherTableau MIDPOINT = new ButcherTableau("midpoint", 2,
            new double[] {0, 0.5},
            new double[][] {{}, {0.5}},
            new double[] {0, 1},
            null, false);

    /**
     * Heun's method (the explicit trapezoid; Heun 1900), order 2:
     * {@code h(t + dt) = h + dt/2 [f(t, h) + f(t + dt, h + dt f(t, h))]}.
     */
    public static final ButcherTableau HEUN = new ButcherTableau("Heun", 2,
            new double[] {0, 1},
            new double[][] {{}, {1}},
            new double[] {0.5, 0.5},
            null, false);

    /**
     * The classic fourth-order Runge-Kutta method (Kutta 1901; HNW I, Section II.1):
     * {@code h(t + dt) = h + dt (k_0 + 2 k_1 + 2 k_2 + k_3) / 6}.
     */
    public static final ButcherTableau RK4 = new ButcherTableau("RK4", 4,
            new double[] {0, 0.5, 0.5, 1},
            new double[][] {{}, {0.5}, {0, 0.5}, {0, 0, 1}},
            new double[] {1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6},
            null, false);

    /**
     * Bogacki and Shampine's 3(2) pair (Appl. Math. Lett. 2(4), 1989), FSAL; scipy's RK23.
     */
    public static final ButcherTableau BOGACKI_SHAMPINE = new ButcherTableau("Bogacki-Shampine 3(2)", 3,
            new double[] {0, 0.5, 0.75, 1},
            new double[][] {{}, {0.5}, {0, 0.75}, {2.0 / 9, 1.0 / 3, 4.0 / 9}},
            new double[] {2.0 / 9, 1.0 / 3, 4.0 / 9, 0},
            new double[] {2.0 / 9 - 7.0 / 24, 1.0 / 3 - 1.0 / 4, 4.0 / 9 - 1.0 / 3, -1.0 / 8},
            true);

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
            true);

    /**
     * Dormand and Prince's 8(5,3) pair (Hairer's {@code dop853.f}; scipy's {@code DOP853}): order 8,
     * 12 stages, a blended 5th/3rd-order error estimate and a 7th-order dense output. {@code e}
     * holds the fifth-order error weights; the solvers apply the blended norm to this constant.
     */
    public static final ButcherTableau DOP853 = Dop853.tableau();

    /** @return the number of stages */
    public int stages() {
        return b.length;
    }

    /** @return whether the tableau carries an embedded error estimate (an adaptive method) */
    public boolean isEmbedded() {
        return e != null;
    }
}
