package org.neuralode.solvers;

/**
 * An explicit Runge-Kutta method with a fixed step size {@code dt}: Euler, midpoint, Heun or
 * classic RK4 given by their {@link ButcherTableau} (Hairer, Norsett and Wanner I, II.1). Each
 * interval between consecutive output times {@code [t_i, t_{i+1}]} is crossed in
 * {@code ceil(|t_{i+1} - t_i| / dt)} equal steps (see {@link FixedSteps}), so every output time
 * is hit exactly and no step is longer than {@code dt}. A method of order p has global error
 * {@code O(dt^p)}.
 *
 * <p>Fixed-step methods do not estimate their error: a large, wrong, finite answer (an unstable
 * step size on a stiff problem) is returned as computed: that is the stiffness lesson. Two
 * failures are caught: a non-finite state, and a step across a singularity, seen as a
 * derivative that changes by orders of magnitude within one step (see {@link #BLOW_UP_RATIO});
 * both throw a {@link SolverException}. The step count is computed
 * before the first step and refused past {@link #maxSteps()}.
 */
public final class FixedStepRungeKutta implements ExplicitSolver {

    /** The default limit on the number of steps of one solve. */
    public static final int DEFAULT_MAX_STEPS = 10_000_000;

    /**
     * A step is taken to have crossed a singularity when the largest derivative among its stages
     * and the next step's first stage exceeds this many times the derivative at its start, and
     * that derivative times the step is a tenth of the state's size or more. A solution that the
     * step size resolves changes its derivative by a modest factor per step (RK4 on
     * {@code h' = lambda h} anywhere in its stability region: at most 3.4; explicit Euler on
     * {@code h' = -50 (h - cos t)} with dt = 0.05: 1.5), while a step whose stages straddle a pole sees the
     * derivative jump by orders of magnitude (rk4(0.1) across the Reciprocal's pole: 350). RK4
     * ten times beyond its stability limit is caught too (ratio 209): that answer means nothing
     * either.
     */
    static final double BLOW_UP_RATIO = 100;

    private final ButcherTableau tableau;
    private final double dt;
    private final int maxSteps;

    /**
     * @param tableau any explicit tableau (an embedded pair's error weights are ignored)
     * @param dt      the largest step size, positive
     */
    public FixedStepRungeKutta(ButcherTableau tableau, double dt) {
        this(tableau, dt, DEFAULT_MAX_STEPS);
    }

    private FixedStepRungeKutta(ButcherTableau tableau, double dt, int maxSteps) {
        if (tableau == null) {
            throw new IllegalArgumentException("tableau must not be null");
        }
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps must be at least 1, got " + maxSteps);
        }
        this.tableau = tableau;
        this.dt = Checks.stepSize(dt);
        this.maxSteps = maxSteps;
    }

    /** @return a copy that refuses solves needing more than {@code maxSteps} steps */
    public FixedStepRungeKutta withMaxSteps(int maxSteps) {
        return new FixedStepRungeKutta(tableau, dt, maxSteps);
    }

    public ButcherTableau tableau() {
        return tableau;
    }

    public double dt() {
        return dt;
    }

    public int maxSteps() {
        return maxSteps;
    }

    /**
     * One step from {@code (t, h)} to {@code t + dt} (dt may be negative): for Euler this is
     * {@code h + dt f(t, h)}, a residual block {@code x + f(x)}.
     *
     * @return the new state (a new array)
     */
    public double[] step(VectorField f, double t, double[] h, double dt) {
        Checks.state(h);
        ExplicitRungeKuttaStep rk = new ExplicitRungeKuttaStep(tableau, h.length);
        rk.evaluateFirstStage(f, t, h);
        rk.attempt(f, t, h, dt);
        return rk.hNew().clone();
    }

    @Override
    public Solution solve(VectorField f, double[] h0, double[] times) {
        return solve(f, h0, times, null);
    }

    @Override
    public Solution solve(VectorField f, double[] h0, double[] times, StepObserver observer) {
        double[][] states = Checks.outputStates(h0, times);
        int[] counts = FixedSteps.counts(this, times, dt, maxSteps);
        ExplicitRungeKuttaStep rk = new ExplicitRungeKuttaStep(tableau, h0.length);
        double[] h = h0.clone();
        int steps = 0;
        BlowUpCheck blowUp = new BlowUpCheck();
        for (int i = 1; i < times.length; i++) {
            double step = (times[i] - times[i - 1]) / counts[i - 1];
            for (int j = 0; j < counts[i - 1]; j++) {
                double t = times[i - 1] + j * step;
                if (rk.firstStage() == null) {
                    rk.evaluateFirstStage(f, t, h);
                }
                blowUp.check(rk.firstStage(), h, t);
                rk.attempt(f, t, h, step);
                requireFiniteState(rk.hNew(), h, t, step);
                blowUp.record(rk, h, t, step);
                if (observer != null) {
                    if (j == counts[i - 1] - 1) {
                        rk.noteOutput(i, true);
                    }
                    observer.step(rk.describe(t, step, true, 0));
                }
                rk.advance(h);
                steps++;
            }
            states[i] = h.clone();
        }
        blowUp.check(null, h, times[times.length - 1]);
        return Solution.taking(times, states, new StepLists.Uniform(times, counts),
                new Solution.Statistics(rk.evaluations(), steps, 0));
    }

    private static void requireFiniteState(double[] hNew, double[] h, double t, double step) {
        int bad = Checks.firstNonFinite(hNew);
        if (bad >= 0) {
            throw new SolverException(SolverException.Reason.NON_FINITE, t, step, "the state is not finite: h["
                    + bad + "] = " + hNew[bad] + " after a step from h = " + Checks.show(h) + "; the solution blew"
                    + " up (a singularity, or a step size too large for a stiff problem)");
        }
    }

    /**
     * Watches for a step across a singularity: the largest derivative among a step's stages (and
     * the next step's first stage) against the derivative at its start, see {@link #BLOW_UP_RATIO}.
     */
    private final class BlowUpCheck {
        private boolean pending;
        private double startSlope;
        private double largestSlope;
        private double t;
        private double dt;
        private double startSize;

        /** Remembers the step just attempted from {@code (t, h)}. */
        void record(ExplicitRungeKuttaStep rk, double[] h, double t, double dt) {
            startSlope = Checks.maxAbs(rk.firstStage());
            largestSlope = rk.largestStageSlope();
            this.t = t;
            this.dt = dt;
            this.startSize = Checks.maxAbs(h);
            pending = true;
        }

        /** Checks the step recorded last, now that the next first stage {@code f0} (or null at the end) is known. */
        void check(double[] f0, double[] h, double tNow) {
            if (!pending) {
                return;
            }
            pending = false;
            double largest = f0 == null ? largestSlope : Math.max(largestSlope, Checks.maxAbs(f0));
            if (largest > BLOW_UP_RATIO * startSlope && largest * Math.abs(dt) > 0.1 * (1 + startSize)) {
                throw new SolverException(SolverException.Reason.BLOW_UP, t, dt, String.format("the derivative"
                        + " jumped from |dh/dt| = %.3g to %.3g within one step of dt = %.3g, arriving at h = %s at"
                        + " t = %.6g: the step has probably crossed a singularity (a pole of the vector field),"
                        + " beyond which the answer means nothing, or dt is far beyond the method's stability"
                        + " limit; an adaptive solver (Solvers.dormandPrince(rtol, atol)) locates a singularity",
                        startSlope, largest, dt, Checks.show(h), tNow));
            }
        }
    }

    @Override
    public String toString() {
        return tableau.name() + " (dt=" + dt + ")";
    }
}
