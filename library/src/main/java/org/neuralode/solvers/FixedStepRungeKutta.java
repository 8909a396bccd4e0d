package org.neuralode.solvers;

import java.util.ArrayList;
import java.util.List;

/**
 * An explicit Runge-Kutta method with a fixed step size {@code dt}: Euler, midpoint, Heun or
 * classic RK4 given by their {@link ButcherTableau} (Hairer, Norsett and Wanner I, II.1). Each
 * interval between consecutive output times {@code [t_i, t_{i+1}]} is crossed in
 * {@code ceil(|t_{i+1} - t_i| / dt)} equal steps, so every output time is hit exactly and no
 * step is longer than {@code dt}. A method of order p has global error {@code O(dt^p)}.
 *
 * <p>Fixed-step methods do not check their error: a non-finite state stops the solve with a
 * {@link SolverException}, but a large, wrong, finite answer (an unstable step size on a stiff
 * problem) is returned as computed: that is the stiffness lesson of notebooks 02 and 04.
 */
public final class FixedStepRungeKutta implements Solver {

    private final ButcherTableau tableau;
    private final double dt;

    /**
     * @param tableau any explicit tableau (an embedded pair's error weights are ignored)
     * @param dt      the largest step size, positive
     */
    public FixedStepRungeKutta(ButcherTableau tableau, double dt) {
        if (tableau == null) {
            throw new IllegalArgumentException("tableau must not be null");
        }
        this.tableau = tableau;
        this.dt = Checks.stepSize(dt);
    }

    public ButcherTableau tableau() {
        return tableau;
    }

    public double dt() {
        return dt;
    }

    /**
     * One step from {@code (t, h)} to {@code t + dt} (dt may be negative): for Euler this is
     * {@code h + dt f(t, h)}, the residual block of notebook 03.
     *
     * @return the new state (a new array)
     */
    public double[] step(VectorField f, double t, double[] h, double dt) {
        ExplicitRungeKuttaStep rk = new ExplicitRungeKuttaStep(tableau, h.length);
        rk.k[0] = Checks.evaluate(f, t, h);
        rk.attempt(f, t, h, dt);
        return rk.hNew.clone();
    }

    @Override
    public Solution solve(VectorField f, double[] h0, double[] times) {
        double[][] states = Checks.outputStates(h0, times);
        int n = h0.length;
        List<Solution.Step> steps = new ArrayList<>();
        ExplicitRungeKuttaStep rk = new ExplicitRungeKuttaStep(tableau, n);
        double[] h = h0.clone();
        int evaluations = 0;
        boolean reuseLastStage = false;
        for (int i = 1; i < times.length; i++) {
            double span = times[i] - times[i - 1];
            int count = (int) Math.ceil(Math.abs(span) / dt * (1 - 1e-12));
            count = Math.max(count, 1);
            double step = span / count;
            for (int j = 0; j < count; j++) {
                double t = times[i - 1] + j * step;
                if (reuseLastStage) {
                    rk.k[0] = rk.k[tableau.stages() - 1];
                } else {
                    rk.k[0] = Checks.evaluate(f, t, h);
                    evaluations++;
                }
                rk.attempt(f, t, h, step);
                int bad = Checks.firstNonFinite(rk.hNew);
                if (bad >= 0) {
                    throw new SolverException(t, step, "the state is not finite: h[" + bad + "] = " + rk.hNew[bad]
                            + " after a step from h = " + Checks.show(h) + "; the solution blew up (a singularity,"
                            + " or a step size too large for a stiff problem)");
                }
                System.arraycopy(rk.hNew, 0, h, 0, n);
                steps.add(new Solution.Step(t, step, true));
                reuseLastStage = tableau.firstSameAsLast();
            }
            states[i] = h.clone();
        }
        evaluations += rk.evaluations;
        return new Solution(times, states, steps, new Solution.Statistics(evaluations, steps.size(), 0));
    }

    @Override
    public String toString() {
        return tableau.name() + " (dt=" + dt + ")";
    }
}
