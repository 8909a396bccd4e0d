package org.neuralode.solvers;

import java.util.ArrayList;
import java.util.List;

/**
 * An embedded explicit Runge-Kutta pair with error control and dense output: each step is
 * accepted when its scaled error estimate
 * {@code ||err|| = rms(err_i / (atol + rtol * max(|h_i|, |h_new_i|)))} is at most 1, the next
 * step size comes from a {@link StepSizeController}, and the output times are interpolated by
 * the pair's continuous extension rather than stepped to (Hairer, Norsett and Wanner,
 * <i>Solving ODEs I</i>, Sections II.4 and II.6; scipy's {@code RK45}/{@code RK23} and
 * torchdiffeq's {@code dopri5} work the same way). The continuous extensions: Dormand-Prince's
 * fourth-order one for {@link ButcherTableau#DORMAND_PRINCE}, DOP853's seventh-order one (three
 * extra evaluations, only in steps that contain an output time) for {@link ButcherTableau#DOP853},
 * and the cubic Hermite interpolant for any other pair (Bogacki-Shampine's own).
 *
 * <p>The first step size follows Hairer's algorithm (II.4, "Starting step size"; see
 * {@link Tolerances#startingStep}), stages of a
 * first-same-as-last pair are reused, and decreasing {@code times} integrate backward.
 * A solve that cannot go on (step size underflow near a singularity, a non-finite derivative,
 * more than {@link #maxSteps()} steps) throws a {@link SolverException}.
 */
public final class AdaptiveRungeKutta implements Solver {

    /**
     * Tried steps after which the solver checks its pace: if t moved by less than
     * {@link #STALL_FRACTION} of the interval and, at that pace, {@link #maxSteps()} would not reach
     * the end, it stops at once instead of grinding through all the remaining steps.
     */
    static final int STALL_WINDOW = 2000;

    /** The fraction of the interval that {@link #STALL_WINDOW} steps must at least advance t by. */
    static final double STALL_FRACTION = 1e-4;

    /** The default limit on the number of tried steps per solve. */
    public static final int DEFAULT_MAX_STEPS = 100_000;

    private final ButcherTableau tableau;
    private final Tolerances tolerances;
    private final StepSizeController controller;
    private final int maxSteps;
    private final double firstStep;

    /**
     * @param tableau an embedded pair, e.g. {@link ButcherTableau#DORMAND_PRINCE}
     * @param rtol    the relative tolerance
     * @param atol    the absolute tolerance
     */
    public AdaptiveRungeKutta(ButcherTableau tableau, double rtol, double atol) {
        this(tableau, new Tolerances(rtol, atol), StepSizeController.STANDARD, DEFAULT_MAX_STEPS, 0);
    }

    private AdaptiveRungeKutta(ButcherTableau tableau, Tolerances tolerances, StepSizeController controller,
                               int maxSteps, double firstStep) {
        if (tableau == null || !tableau.isEmbedded()) {
            throw new IllegalArgumentException("tableau must be an embedded pair (with error weights e), got "
                    + (tableau == null ? "null" : tableau.name()));
        }
        if (controller == null) {
            throw new IllegalArgumentException("controller must not be null");
        }
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps must be at least 1, got " + maxSteps);
        }
        if (!(firstStep >= 0) || !Double.isFinite(firstStep)) {
            throw new IllegalArgumentException("firstStep must be finite and positive (0 = automatic), got "
                    + firstStep);
        }
        this.tableau = tableau;
        this.tolerances = tolerances;
        this.controller = controller;
        this.maxSteps = maxSteps;
        this.firstStep = firstStep;
    }

    /** @return a copy with another step-size controller, e.g. {@link StepSizeController#pi()} */
    public AdaptiveRungeKutta withController(StepSizeController controller) {
        return new AdaptiveRungeKutta(tableau, tolerances, controller, maxSteps, firstStep);
    }

    /** @return a copy that gives up (with a {@link SolverException}) after {@code maxSteps} tried steps */
    public AdaptiveRungeKutta withMaxSteps(int maxSteps) {
        return new AdaptiveRungeKutta(tableau, tolerances, controller, maxSteps, firstStep);
    }

    /** @return a copy whose first step has size {@code firstStep} instead of Hairer's automatic choice */
    public AdaptiveRungeKutta withFirstStep(double firstStep) {
        Checks.stepSize(firstStep);
        return new AdaptiveRungeKutta(tableau, tolerances, controller, maxSteps, firstStep);
    }

    public ButcherTableau tableau() {
        return tableau;
    }

    public double rtol() {
        return tolerances.rtol();
    }

    public double atol() {
        return tolerances.atol();
    }

    /** @return the tolerances, with the error norm and starting step size they define */
    public Tolerances tolerances() {
        return tolerances;
    }

    public int maxSteps() {
        return maxSteps;
    }

    @Override
    public Solution solve(VectorField f, double[] h0, double[] times) {
        double[][] states = Checks.outputStates(h0, times);
        if (times.length == 1) {
            return new Solution(times, states, List.of(), new Solution.Statistics(0, 0, 0));
        }
        int n = h0.length;
        List<Solution.Step> steps = new ArrayList<>();
        double tEnd = times[times.length - 1];
        double direction = Math.signum(tEnd - times[0]);
        int order = tableau.order();
        int last = tableau.stages() - 1;
        DenseOutput dense = DenseOutput.forTableau(tableau);
        ExplicitRungeKuttaStep rk = new ExplicitRungeKuttaStep(tableau, n);

        double t = times[0];
        double[] h = h0.clone();
        double[] f0 = Checks.evaluate(f, t, h);
        int evaluations = 1;
        requireFiniteDerivative(t, 0, h, f0);
        double dt;
        if (firstStep > 0) {
            dt = direction * Math.min(firstStep, Math.abs(tEnd - t));
        } else {
            dt = direction * tolerances.startingStep(f, t, h, f0, direction, Math.abs(tEnd - t), order);
            evaluations++;
        }
        rk.k[0] = f0;
        int accepted = 0;
        int rejected = 0;
        double previousErrorNorm = 1e-4;
        boolean afterRejection = false;
        int next = 1;
        double windowStart = t;
        while (next < times.length) {
            if (accepted + rejected >= maxSteps) {
                throw new SolverException(t, dt, "too many steps: " + maxSteps + " steps (" + accepted
                        + " accepted, " + rejected + " rejected) did not reach t = " + tEnd
                        + "; the problem may be stiff (try Solvers.implicitEuler) or the tolerances too tight"
                        + " (raise maxSteps with withMaxSteps)");
            }
            // A solution chattering around a pole can take accepted steps of 1e-8 forever without
            // the step size ever underflowing; a window of steps that barely moves t gives it away.
            if ((accepted + rejected) % STALL_WINDOW == 0) {
                double progress = Math.abs(t - windowStart);
                boolean tooSlowToFinish = progress * ((double) maxSteps / STALL_WINDOW) < Math.abs(tEnd - t);
                if (accepted + rejected > 0 && tooSlowToFinish
                        && progress < STALL_FRACTION * Math.abs(tEnd - times[0])) {
                    throw stalled(t, dt, h, rk.k[0], progress);
                }
                windowStart = t;
            }
            double minStep = 10 * Math.abs(Math.nextAfter(t, direction * Double.POSITIVE_INFINITY) - t);
            if (Math.abs(dt) < minStep) {
                throw underflow(t, dt, h, rk.k[0]);
            }
            boolean lastStep = direction * (t + dt - tEnd) >= 0;
            if (lastStep) {
                dt = tEnd - t;
            }
            double tNew = lastStep ? tEnd : t + dt;
            rk.attempt(f, t, h, dt);
            double errorNorm = rk.errorNorm(h, dt, tolerances);
            if (errorNorm <= 1) {
                steps.add(new Solution.Step(t, dt, true));
                accepted++;
                double[] fNew;
                if (tableau.firstSameAsLast()) {
                    fNew = rk.k[last];
                } else {
                    fNew = Checks.evaluate(f, tNew, rk.hNew);
                    evaluations++;
                }
                requireFiniteDerivative(tNew, dt, rk.hNew, fNew);
                boolean prepared = false;
                while (next < times.length && direction * (times[next] - tNew) <= 0) {
                    double[] out = new double[n];
                    if (times[next] == tNew) {
                        System.arraycopy(rk.hNew, 0, out, 0, n);
                    } else {
                        if (!prepared) {
                            evaluations += dense.prepare(f, t, dt, h, rk.hNew, rk.k, fNew);
                            prepared = true;
                        }
                        dense.interpolate((times[next] - t) / dt, dt, h, rk.hNew, rk.k, fNew, out);
                    }
                    states[next++] = out;
                }
                double factor = controller.afterAcceptance(errorNorm, previousErrorNorm, order, afterRejection);
                previousErrorNorm = Math.max(errorNorm, 1e-4);
                afterRejection = false;
                System.arraycopy(rk.hNew, 0, h, 0, n);
                t = tNew;
                rk.k[0] = fNew;
                dt *= factor;
            } else {
                steps.add(new Solution.Step(t, dt, false));
                rejected++;
                afterRejection = true;
                dt *= controller.afterRejection(errorNorm, order);
            }
        }
        evaluations += rk.evaluations;
        return new Solution(times, states, steps, new Solution.Statistics(evaluations, accepted, rejected));
    }

    private static void requireFiniteDerivative(double t, double dt, double[] h, double[] dh) {
        int bad = Checks.firstNonFinite(dh);
        if (bad >= 0) {
            throw new SolverException(t, dt, "the derivative is not finite: f(t, h)[" + bad + "] = " + dh[bad]
                    + " at h = " + Checks.show(h) + "; the state reached a singularity of the vector field");
        }
    }

    /** The step size fell below the resolution of t: typically the solution is running into a pole. */
    static SolverException underflow(double t, double dt, double[] h, double[] dh) {
        return new SolverException(t, dt, String.format("step size underflow: the step size fell below the"
                + " resolution of t while the error estimate stayed too large; the derivative |dh/dt| = %.3g"
                + " at h = %s blew up: the solution has probably run into a singularity (a pole of the vector"
                + " field, or a solution escaping to infinity) near t = %.6g", Checks.maxAbs(dh), Checks.show(h), t));
    }

    /** Thousands of steps that hardly moved t: the solution is stuck at a singularity, or extremely stiff. */
    static SolverException stalled(double t, double dt, double[] h, double[] dh, double progress) {
        return new SolverException(t, dt, String.format("the solver is stalling: the last %d steps advanced t by"
                + " only %.3g; the derivative |dh/dt| = %.3g at h = %s: the solution has probably run into a"
                + " singularity (a pole of the vector field) near t = %.6g, or the problem is extremely stiff"
                + " (try Solvers.implicitEuler)", STALL_WINDOW, progress, Checks.maxAbs(dh), Checks.show(h), t));
    }

    @Override
    public String toString() {
        return tableau.name() + " (rtol=" + tolerances.rtol() + ", atol=" + tolerances.atol() + ")";
    }
}
