package org.neuralode.solvers;

import org.apache.commons.math3.ode.FirstOrderIntegrator;

/**
 * The solvers by name, one line each, for notebooks; each factory names the method it builds,
 * and the class it returns ({@link FixedStepRungeKutta}, {@link AdaptiveRungeKutta},
 * {@link ThetaMethod}, {@link Radau5}, {@link CommonsMathSolver}) states its equations and sources:
 * <pre>{@code
 * Solution s = Solvers.dormandPrince(1e-6, 1e-9).solve((t, h) -> new double[] {-h[0]}, new double[] {1},
 *                                                     Grids.linspace(0, 5, 51));
 * }</pre>
 */
public final class Solvers {

    /**
     * The default tolerances of {@link #dormandPrince()}: global errors of about 1e-8 relative,
     * like odeint's, also between steps, where the fourth-order dense output is less accurate
     * than the step ends.
     */
    public static final double DEFAULT_RTOL = 1e-10;
    /** See {@link #DEFAULT_RTOL}. */
    public static final double DEFAULT_ATOL = 1e-12;

    private Solvers() {
    }

    /** Explicit Euler with step {@code dt}: {@code h_{n+1} = h_n + dt f(t_n, h_n)}, order 1. */
    public static FixedStepRungeKutta euler(double dt) {
        return new FixedStepRungeKutta(ButcherTableau.EULER, dt);
    }

    /** The explicit midpoint method with step {@code dt}, order 2 (see {@link ButcherTableau#MIDPOINT}). */
    public static FixedStepRungeKutta midpoint(double dt) {
        return new FixedStepRungeKutta(ButcherTableau.MIDPOINT, dt);
    }

    /** Heun's method (explicit trapezoid) with step {@code dt}, order 2 (see {@link ButcherTableau#HEUN}). */
    public static FixedStepRungeKutta heun(double dt) {
        return new FixedStepRungeKutta(ButcherTableau.HEUN, dt);
    }

    /** The classic Runge-Kutta method with step {@code dt}, order 4. */
    public static FixedStepRungeKutta rk4(double dt) {
        return new FixedStepRungeKutta(ButcherTableau.RK4, dt);
    }

    /** Bogacki-Shampine 3(2) with error control and Hermite dense output (scipy's RK23). */
    public static AdaptiveRungeKutta bogackiShampine(double rtol, double atol) {
        return new AdaptiveRungeKutta(ButcherTableau.BOGACKI_SHAMPINE, rtol, atol);
    }

    /** Dormand-Prince 5(4) with error control and dense output (scipy's RK45, torchdiffeq's dopri5). */
    public static AdaptiveRungeKutta dormandPrince(double rtol, double atol) {
        return new AdaptiveRungeKutta(ButcherTableau.DORMAND_PRINCE, rtol, atol);
    }

    /**
     * Dormand-Prince 8(5,3), Hairer's DOP853, with error control and seventh-order dense output:
     * the method of choice at tight tolerances (12 evaluations per step).
     */
    public static AdaptiveRungeKutta dop853(double rtol, double atol) {
        return new AdaptiveRungeKutta(ButcherTableau.DOP853, rtol, atol);
    }

    /** Dormand-Prince 5(4) at {@link #DEFAULT_RTOL} and {@link #DEFAULT_ATOL}: the default solver. */
    public static AdaptiveRungeKutta dormandPrince() {
        return dormandPrince(DEFAULT_RTOL, DEFAULT_ATOL);
    }

    /** Implicit (backward) Euler with step {@code dt} and Newton iterations: order 1, stable on stiff problems. */
    public static ThetaMethod implicitEuler(double dt) {
        return new ThetaMethod(1, dt);
    }

    /** The implicit trapezoidal rule (Crank-Nicolson) with step {@code dt}: order 2, A-stable. */
    public static ThetaMethod trapezoid(double dt) {
        return new ThetaMethod(0.5, dt);
    }

    /**
     * Radau IIA of order 5 with error control and dense output, Hairer and Wanner's RADAU5 (scipy's
     * {@code solve_ivp(method="Radau")}): the adaptive implicit solver for stiff problems, where
     * the explicit pairs need thousands of steps only to stay stable. See {@link Radau5}.
     */
    public static Radau5 radau5(double rtol, double atol) {
        return new Radau5(rtol, atol);
    }

    /** Any Commons Math integrator behind the {@link Solver} interface, for cross-checks. */
    public static CommonsMathSolver commonsMath(FirstOrderIntegrator integrator) {
        return new CommonsMathSolver(integrator);
    }
}
