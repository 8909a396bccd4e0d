package org.neuralode.solvers;

import org.neuralode.Arguments;

/**
 * Argument checks shared by the solvers, so that every solver rejects a bad grid, state or
 * tolerance with the same {@link IllegalArgumentException} naming the argument.
 */
final class Checks {

    private Checks() {
    }

    /**
     * Checks the arguments of {@link Solver#solve} and allocates the output: one state per time,
     * {@code states[0]} a copy of {@code h0}, the others for the solver to fill.
     */
    static double[][] outputStates(double[] h0, double[] times) {
        times(times);
        state(h0);
        double[][] states = new double[times.length][];
        states[0] = h0.clone();
        return states;
    }

    /**
     * {@code times} must be non-empty, finite and strictly monotonic (increasing or decreasing):
     * {@link Arguments#strictlyMonotonic}.
     */
    static void times(double[] times) {
        Arguments.strictlyMonotonic("times", times);
    }

    /** The initial state must be non-empty and finite: {@link Arguments#finite(String, double[])}. */
    static void state(double[] h0) {
        Arguments.finite("h0", h0);
    }

    /** A fixed step size must be finite and positive (its sign follows the direction of {@code times}). */
    static double stepSize(double dt) {
        if (!(dt > 0) || !Double.isFinite(dt)) {
            throw new IllegalArgumentException("dt must be finite and positive (the direction of"
                    + " integration follows the times), got dt = " + dt);
        }
        return dt;
    }

    /** Tolerances: finite, {@code rtol >= 0}, {@code atol >= 0}, not both zero. */
    static void tolerances(double rtol, double atol) {
        if (!(rtol >= 0) || !Double.isFinite(rtol)) {
            throw new IllegalArgumentException("rtol must be finite and non-negative, got rtol = " + rtol);
        }
        if (!(atol >= 0) || !Double.isFinite(atol)) {
            throw new IllegalArgumentException("atol must be finite and non-negative, got atol = " + atol);
        }
        if (rtol == 0 && atol == 0) {
            throw new IllegalArgumentException("rtol and atol cannot both be 0");
        }
        if (rtol >= 1) {
            // a relative error of 100% accepts any step: dormandPrince(10, 10) gave 13.94 for e^-10
            throw new IllegalArgumentException("rtol must be below 1 (it is a relative error: 1e-6 asks for about"
                    + " six correct digits; 1 or more lets every step through), got rtol = " + rtol);
        }
        if (rtol > 0 && rtol < 1e-15) {
            throw new IllegalArgumentException("rtol = " + rtol + " is below what double precision can"
                    + " deliver; use rtol >= 1e-15");
        }
    }

    /**
     * Evaluates {@code f(t, y)} on a copy of {@code y}, so that a field that writes into its
     * argument cannot change the caller's state, and checks the length of the result.
     */
    static double[] evaluate(VectorField f, double t, double[] y) {
        double[] dy = f.at(t, y.clone());
        if (dy == null || dy.length != y.length) {
            throw new IllegalArgumentException("the vector field must return an array of the state's length "
                    + y.length + ", got " + (dy == null ? "null" : "length " + dy.length) + " at t = " + t);
        }
        return dy;
    }

    /** @return the index of the first non-finite component, or -1 */
    static int firstNonFinite(double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                return i;
            }
        }
        return -1;
    }

    /** A short text of a vector for messages: at most six components. */
    static String show(double[] v) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < Math.min(v.length, 6); i++) {
            text.append(i == 0 ? "" : ", ").append(String.format("%.6g", v[i]));
        }
        return text.append(v.length > 6 ? ", ...]" : "]").toString();
    }

    /** @return max_i |v_i| */
    static double maxAbs(double[] v) {
        double max = 0;
        for (double x : v) {
            max = Math.max(max, Math.abs(x));
        }
        return max;
    }

    /**
     * The supplied Jacobian at {@code (t, y)}, checked to be a finite n-by-n matrix.
     *
     * @param dt the step size being tried, for the exception's message
     */
    static double[][] jacobian(Jacobian jacobian, double t, double[] y, double dt) {
        int n = y.length;
        double[][] jac = jacobian.at(t, y.clone());
        if (jac == null || jac.length != n) {
            throw new IllegalArgumentException("the Jacobian must be a " + n + "-by-" + n + " matrix (the state's"
                    + " length), got " + (jac == null ? "null" : jac.length + " rows") + " at t = " + t);
        }
        for (int r = 0; r < n; r++) {
            if (jac[r] == null || jac[r].length != n) {
                throw new IllegalArgumentException("the Jacobian must be a " + n + "-by-" + n + " matrix, but row " + r
                        + " has " + (jac[r] == null ? "null" : jac[r].length + " entries") + " at t = " + t);
            }
            int bad = Checks.firstNonFinite(jac[r]);
            if (bad >= 0) {
                throw new SolverException(SolverException.Reason.NON_FINITE, t, dt, "the Jacobian is not finite: J["
                        + r + "][" + bad + "] = " + jac[r][bad] + " at h = " + Checks.show(y));
            }
        }
        return jac;
    }
}
