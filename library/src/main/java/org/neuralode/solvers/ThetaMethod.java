package org.neuralode.solvers;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The implicit "theta method" with a fixed step size; its implicitness {@code s} (the
 * literature's theta, renamed here because {@code theta} is the network's parameters),
 * <pre>
 *   h_new = h + dt [ (1 - s) f(t, h) + s f(t + dt, h_new) ],
 * </pre>
 * gives the implicit (backward) Euler method for {@code s = 1} (order 1, L-stable) and the
 * trapezoidal rule (Crank-Nicolson) for {@code s = 1/2} (order 2, A-stable); Hairer and
 * Wanner, <i>Solving ODEs II</i>, Section IV.3. Both are stable for any step size on
 * {@code h' = lambda h} with {@code Re lambda < 0}: the stiffness lesson.
 *
 * <p>Each step solves {@code G(y) = y - h - dt[(1 - s) f0 + s f(t + dt, y)] = 0} by
 * Newton's method, {@code (I - s dt J) delta = -G(y)}, with the LU decomposition of Commons
 * Math and the supplied {@link Jacobian} or a forward-difference one (n extra evaluations of f).
 */
public final class ThetaMethod implements Solver {

    private static final int MAX_NEWTON_ITERATIONS = 20;
    private static final double NEWTON_TOLERANCE = 1e-10;

    private final double implicitness;
    private final double dt;
    private final Jacobian jacobian;
    private final int maxSteps;

    /**
     * @param implicitness the implicitness, in [1/2, 1]: 1 = implicit Euler, 1/2 = trapezoidal rule
     * @param dt    the largest step size, positive
     */
    public ThetaMethod(double implicitness, double dt) {
        this(implicitness, dt, null, FixedStepRungeKutta.DEFAULT_MAX_STEPS);
    }

    private ThetaMethod(double implicitness, double dt, Jacobian jacobian, int maxSteps) {
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps must be at least 1, got " + maxSteps);
        }
        if (!(implicitness >= 0.5 && implicitness <= 1)) {
            throw new IllegalArgumentException("implicitness must be in [0.5, 1] (1 = implicit Euler, 0.5 = trapezoidal"
                    + " rule), got " + implicitness);
        }
        this.implicitness = implicitness;
        this.dt = Checks.stepSize(dt);
        this.jacobian = jacobian;
        this.maxSteps = maxSteps;
    }

    /** @return a copy that uses the exact Jacobian instead of finite differences */
    public ThetaMethod withJacobian(Jacobian jacobian) {
        if (jacobian == null) {
            throw new IllegalArgumentException("jacobian must not be null");
        }
        return new ThetaMethod(implicitness, dt, jacobian, maxSteps);
    }

    /** @return a copy that refuses solves needing more than {@code maxSteps} steps */
    public ThetaMethod withMaxSteps(int maxSteps) {
        return new ThetaMethod(implicitness, dt, jacobian, maxSteps);
    }

    public double implicitness() {
        return implicitness;
    }

    public double dt() {
        return dt;
    }

    /**
     * @return the order of the method: 2 for the trapezoidal rule ({@code s = 1/2}), where the
     *         {@code dt^2} terms of the local error cancel, 1 for every other implicitness
     */
    public int order() {
        return implicitness == 0.5 ? 2 : 1;
    }

    @Override
    public Solution solve(VectorField f, double[] h0, double[] times) {
        double[][] states = Checks.outputStates(h0, times);
        int[] counts = FixedSteps.counts(this, times, dt, maxSteps);
        int n = h0.length;
        int[] evaluations = {0};
        VectorField counted = (t, h) -> {
            evaluations[0]++;
            return Checks.evaluate(f, t, h);
        };
        double[] h = h0.clone();
        int steps = 0;
        for (int i = 1; i < times.length; i++) {
            double step = (times[i] - times[i - 1]) / counts[i - 1];
            for (int j = 0; j < counts[i - 1]; j++) {
                h = step(counted, times[i - 1] + j * step, h, step, n);
                steps++;
            }
            states[i] = h.clone();
        }
        return Solution.taking(times, states, new StepLists.Uniform(times, counts),
                new Solution.Statistics(evaluations[0], steps, 0));
    }

    private double[] step(VectorField f, double t, double[] h, double step, int n) {
        double tNew = t + step;
        double[] f0 = f.at(t, h);
        double[] explicitPart = new double[n];
        for (int m = 0; m < n; m++) {
            explicitPart[m] = h[m] + (1 - implicitness) * step * f0[m];
        }
        double[] y = h.clone();
        for (int iteration = 0; iteration < MAX_NEWTON_ITERATIONS; iteration++) {
            double[] fy = f.at(tNew, y);
            double[] residual = new double[n];
            for (int m = 0; m < n; m++) {
                residual[m] = -(y[m] - explicitPart[m] - implicitness * step * fy[m]);
            }
            double[][] jac = jacobian != null ? Checks.jacobian(jacobian, tNew, y, step) : forwardDifferences(f, tNew, y, fy);
            RealMatrix newton = new Array2DRowRealMatrix(n, n);
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < n; c++) {
                    newton.setEntry(r, c, (r == c ? 1 : 0) - implicitness * step * jac[r][c]);
                }
            }
            DecompositionSolver lu = new LUDecomposition(newton).getSolver();
            if (!lu.isNonSingular()) {
                throw new SolverException(SolverException.Reason.NEWTON_FAILED, t, step,
                        "the Newton matrix I - s dt J (s = implicitness) is singular at h = "
                        + Checks.show(y) + "; try a smaller dt");
            }
            double[] delta = lu.solve(new ArrayRealVector(residual, false)).toArray();
            boolean converged = true;
            for (int m = 0; m < n; m++) {
                y[m] += delta[m];
                converged &= Math.abs(delta[m]) <= NEWTON_TOLERANCE * (1 + Math.abs(y[m]));
            }
            int bad = Checks.firstNonFinite(y);
            if (bad >= 0) {
                throw new SolverException(SolverException.Reason.NON_FINITE, t, step, "the state is not finite in Newton's iteration: h[" + bad
                        + "] = " + y[bad] + "; the solution blew up near a singularity, or dt is too large");
            }
            if (converged) {
                return y;
            }
        }
        throw new SolverException(SolverException.Reason.NEWTON_FAILED, t, step, "Newton's method did not converge in " + MAX_NEWTON_ITERATIONS
                + " iterations at h = " + Checks.show(y) + "; try a smaller dt");
    }

    /** {@code J[:, j] = (f(t, y + delta e_j) - f(t, y)) / delta}, {@code delta = sqrt(eps) max(1, |y_j|)}. */
    private static double[][] forwardDifferences(VectorField f, double t, double[] y, double[] fy) {
        int n = y.length;
        double[][] jac = new double[n][n];
        double[] shifted = y.clone();
        for (int j = 0; j < n; j++) {
            double delta = 1.49e-8 * Math.max(1, Math.abs(y[j]));
            shifted[j] = y[j] + delta;
            double[] fShifted = f.at(t, shifted);
            for (int i = 0; i < n; i++) {
                jac[i][j] = (fShifted[i] - fy[i]) / delta;
            }
            shifted[j] = y[j];
        }
        return jac;
    }

    @Override
    public String toString() {
        return (implicitness == 1 ? "implicit Euler" : implicitness == 0.5 ? "trapezoidal rule" : "theta method, implicitness=" + implicitness)
                + " (dt=" + dt + ")";
    }
}
