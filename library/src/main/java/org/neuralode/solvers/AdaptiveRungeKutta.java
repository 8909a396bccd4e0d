package org.neuralode.solvers;

import java.util.List;

/**
 * An embedded explicit Runge-Kutta pair with error control and dense output: each step is
 * accepted when the {@link ErrorNorm} of its scaled error estimate
 * {@code err_i / (atol + rtol * max(|h_i|, |h_new_i|))} is at most 1, the next step size comes
 * from a {@link StepSizeController}, and the output times are interpolated by the pair's
 * continuous extension rather than stepped to (Hairer, Norsett and Wanner, <i>Solving ODEs I</i>,
 * Sections II.4 and II.6; scipy's {@code RK45}/{@code RK23} and torchdiffeq's {@code dopri5} work
 * the same way). Which error estimates a step has and how they combine, and the continuous
 * extension, are the method's own, carried by its {@link ButcherTableau} (DOP853 blends a fifth-
 * and a third-order estimate and has a seventh-order extension, whose three extra evaluations are
 * made only in steps that contain an output time; Dormand-Prince has a fourth-order extension; any
 * other pair the cubic Hermite interpolant); the norm is the caller's ({@link #withErrorNorm}; the
 * RMS norm by default). The solver is immutable: what a solve changes (where it is, its step size,
 * the controller's {@link StepSizeController.Run}) belongs to that solve alone.
 *
 * <p>The first step size follows Hairer's algorithm (II.4, "Starting step size"; see
 * {@link Tolerances#startingStep}), stages of a
 * first-same-as-last pair are reused, and decreasing {@code times} integrate backward.
 * A solve that cannot go on (step size underflow near a singularity, a non-finite derivative,
 * more than {@link #maxSteps()} steps) throws a {@link SolverException}. {@link Event}s are
 * located in the same loop, on the dense output of each accepted step ({@code EventLocator}).
 */
public final class AdaptiveRungeKutta implements ExplicitSolver, EventSolver {

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
    private final ErrorNorm errorNorm;

    /**
     * @param tableau an embedded pair, e.g. {@link ButcherTableau#DORMAND_PRINCE}
     * @param rtol    the relative tolerance
     * @param atol    the absolute tolerance
     */
    public AdaptiveRungeKutta(ButcherTableau tableau, double rtol, double atol) {
        this(tableau, new Tolerances(rtol, atol), StepSizeController.STANDARD, DEFAULT_MAX_STEPS, 0,
                ErrorNorm.RMS);
    }

    private AdaptiveRungeKutta(ButcherTableau tableau, Tolerances tolerances, StepSizeController controller,
                               int maxSteps, double firstStep, ErrorNorm errorNorm) {
        if (tableau == null || !tableau.isEmbedded()) {
            throw new IllegalArgumentException("tableau must be an embedded pair (with error weights e), got "
                    + (tableau == null ? "null" : tableau.name()));
        }
        if (controller == null) {
            throw new IllegalArgumentException("controller must not be null");
        }
        if (errorNorm == null) {
            throw new IllegalArgumentException("errorNorm must not be null (the default is ErrorNorm.RMS)");
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
        this.errorNorm = errorNorm;
    }

    /** @return a copy with another step-size controller, e.g. {@link StepSizeController#pi()} */
    public AdaptiveRungeKutta withController(StepSizeController controller) {
        return new AdaptiveRungeKutta(tableau, tolerances, controller, maxSteps, firstStep, errorNorm);
    }

    /** @return a copy that gives up (with a {@link SolverException}) after {@code maxSteps} tried steps */
    public AdaptiveRungeKutta withMaxSteps(int maxSteps) {
        return new AdaptiveRungeKutta(tableau, tolerances, controller, maxSteps, firstStep, errorNorm);
    }

    /** A copy whose first step is {@code firstStep} ({@link #withFirstStep}). */
    @Override
    public AdaptiveRungeKutta startingWith(double firstStep) {
        return withFirstStep(firstStep);
    }

    /** @return a copy whose first step has size {@code firstStep} instead of Hairer's automatic choice */
    public AdaptiveRungeKutta withFirstStep(double firstStep) {
        Checks.stepSize(firstStep);
        return new AdaptiveRungeKutta(tableau, tolerances, controller, maxSteps, firstStep, errorNorm);
    }

    /**
     * A copy that measures the error of its steps in {@code errorNorm} instead of the RMS norm,
     * e.g. {@link ErrorNorm#ignoring a seminorm} (the adjoint method's backward solve leaves out
     * the parameter-gradient components this way).
     */
    public AdaptiveRungeKutta withErrorNorm(ErrorNorm errorNorm) {
        return new AdaptiveRungeKutta(tableau, tolerances, controller, maxSteps, firstStep, errorNorm);
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

    /** @return the step-size controller */
    public StepSizeController controller() {
        return controller;
    }

    /** @return the norm the error of a step is measured in */
    public ErrorNorm errorNorm() {
        return errorNorm;
    }

    @Override
    public Solution solve(VectorField f, double[] h0, double[] times) {
        return solve(f, h0, times, (StepObserver) null);
    }

    /**
     * Solves as {@link #solve(VectorField, double[], double[])} does, telling {@code observer}
     * of every tried step (backpropagation through the solver records its stages this way).
     *
     * @param observer told of each accepted and rejected step, or {@code null}
     */
    @Override
    public Solution solve(VectorField f, double[] h0, double[] times, StepObserver observer) {
        double[][] states = Checks.outputStates(h0, times);
        if (times.length == 1) {
            return new Solution(times, states, List.of(), new Solution.Statistics(0, 0, 0));
        }
        return new Run(f, h0, times, states, observer, null).solve();
    }

    /**
     * Solves, locating {@code events} on the dense output of each accepted step (see {@link Event}).
     * Not with an observer: backpropagation through the solver does not differentiate event times.
     */
    @Override
    public Solution solve(VectorField f, double[] h0, double[] times, List<Event> events) {
        double[][] states = Checks.outputStates(h0, times);
        EventLocator locator = new EventLocator(events, times[0], h0);
        if (times.length == 1) {
            return new Solution(times, states, List.of(), new Solution.Statistics(0, 0, 0));
        }
        return new Run(f, h0, times, states, null, locator).solve();
    }

    /** The state of one solve: where it is, the step size it will try, and what it has done. */
    private final class Run {
        private final VectorField f;
        private final double[] times;
        private final double[][] states;
        private final StepObserver observer;
        private final EventLocator events;
        private boolean stopped;
        private final double tEnd;
        private final double direction;
        private final ExplicitRungeKuttaStep rk;
        private final StepLists.Recorded steps = new StepLists.Recorded();
        private final StepSizeController.Run control = controller.start(tableau.order());
        private final double[] h;
        private double t;
        private double dt;
        private int accepted;
        private int rejected;
        private int next = 1;
        private double windowStart;
        private double initialSlope;

        Run(VectorField f, double[] h0, double[] times, double[][] states, StepObserver observer,
            EventLocator events) {
            this.f = f;
            this.events = events;
            this.times = times;
            this.states = states;
            this.observer = observer;
            this.tEnd = times[times.length - 1];
            this.direction = Math.signum(tEnd - times[0]);
            this.rk = new ExplicitRungeKuttaStep(tableau, h0.length);
            this.h = h0.clone();
            this.t = times[0];
            this.windowStart = t;
        }

        Solution solve() {
            double[] f0 = rk.evaluateFirstStage(f, t, h);
            requireFiniteDerivative(t, 0, h, f0);
            initialSlope = Checks.maxAbs(f0);
            dt = direction * firstStep(f0);
            while (next < times.length && !stopped) {
                checkProgress();
                boolean lastStep = direction * (t + dt - tEnd) >= 0;
                if (lastStep) {
                    dt = tEnd - t;
                }
                rk.attempt(f, t, h, dt);
                double errorNorm = rk.errorNorm(h, tolerances, AdaptiveRungeKutta.this.errorNorm);
                if (errorNorm <= 1) {
                    accept(lastStep ? tEnd : t + dt, errorNorm);
                } else {
                    reject(errorNorm);
                }
            }
            Solution.Statistics statistics = new Solution.Statistics(rk.evaluations(), accepted, rejected);
            if (events == null) {
                return Solution.taking(times, states, steps, statistics);
            }
            return Solution.taking(java.util.Arrays.copyOf(times, next), java.util.Arrays.copyOf(states, next), steps,
                    statistics, events.occurrences());
        }

        /** The size of the first step: the solver's setting, or Hairer's automatic choice (one evaluation). */
        private double firstStep(double[] f0) {
            if (firstStep > 0) {
                return Math.min(firstStep, Math.abs(tEnd - t));
            }
            // the heuristic's one evaluation, at a point of its own, counted and numbered with the others
            return tolerances.startingStep((time, y) -> rk.evaluate(f, time, y), t, h, f0, direction,
                    Math.abs(tEnd - t), tableau.order(), errorNorm);
        }

        /** Throws if the solve has tried too many steps, is stalling, or its step size underflowed. */
        private void checkProgress() {
            int tried = accepted + rejected;
            if (tried >= maxSteps) {
                throw diagnose(SolverException.Reason.TOO_MANY_STEPS, "too many steps: " + maxSteps + " steps ("
                        + accepted + " accepted, " + rejected + " rejected) did not reach t = " + tEnd
                        + "; the problem may be stiff (try Solvers.radau5) or the tolerances too tight"
                        + " (raise maxSteps with withMaxSteps)");
            }
            // A solution chattering around a pole can take accepted steps of 1e-8 forever without
            // the step size ever underflowing; a window of steps that barely moves t gives it away.
            if (tried % STALL_WINDOW == 0) {
                double progress = Math.abs(t - windowStart);
                boolean tooSlowToFinish = progress * ((double) maxSteps / STALL_WINDOW) < Math.abs(tEnd - t);
                if (tried > 0 && tooSlowToFinish && progress < STALL_FRACTION * Math.abs(tEnd - times[0])) {
                    throw stalled(progress);
                }
                windowStart = t;
            }
            double minStep = 10 * Math.abs(Math.nextAfter(t, direction * Double.POSITIVE_INFINITY) - t);
            if (Math.abs(dt) < minStep) {
                throw diagnose(SolverException.Reason.STEP_SIZE_UNDERFLOW, underflowMessage());
            }
        }

        private void accept(double tNew, double errorNorm) {
            steps.add(t, dt, true);
            accepted++;
            double[] fNew = rk.completeStep(f, tNew);
            requireFiniteDerivative(tNew, dt, rk.hNew(), fNew);
            double stop = events == null ? Double.NaN : events.afterStep(t, tNew, rk.hNew(),
                    (time, out) -> rk.interpolate(f, t, dt, h, (time - t) / dt, out));
            stopped = !Double.isNaN(stop);
            writeOutputs(tNew, stopped ? stop : tNew);
            if (observer != null) {
                observer.step(rk.describe(t, dt, true, errorNorm));
            }
            double factor = control.accepted(errorNorm);
            rk.advance(h);
            t = tNew;
            dt *= factor;
        }

        /**
         * The output times this step reached, up to {@code reached} (its end, or a terminal event):
         * the step's end exactly, the others by the dense output.
         */
        private void writeOutputs(double tNew, double reached) {
            while (next < times.length && direction * (times[next] - reached) <= 0) {
                double[] out = new double[h.length];
                boolean atEnd = times[next] == tNew;
                if (atEnd) {
                    System.arraycopy(rk.hNew(), 0, out, 0, out.length);
                } else {
                    rk.interpolate(f, t, dt, h, (times[next] - t) / dt, out);
                }
                if (observer != null) {
                    rk.noteOutput(next, atEnd);
                }
                states[next++] = out;
            }
        }

        private void reject(double errorNorm) {
            steps.add(t, dt, false);
            rejected++;
            if (observer != null) {
                observer.step(rk.describe(t, dt, false, errorNorm));
            }
            dt *= control.rejected(errorNorm);
        }

        private String underflowMessage() {
            return String.format("step size underflow: the step size fell below the resolution of t while the"
                    + " error estimate stayed too large; the derivative |dh/dt| = %.3g at h = %s blew up: the"
                    + " solution has probably run into a singularity (a pole of the vector field, or a solution"
                    + " escaping to infinity) near t = %.6g", Checks.maxAbs(rk.firstStage()), Checks.show(h), t);
        }

        /** Thousands of steps that hardly moved t: a singularity if the derivative blew up, else a span too long. */
        private SolverException stalled(double progress) {
            double slope = Checks.maxAbs(rk.firstStage());
            if (slope <= 1e3 * (initialSlope + 1)) {
                return diagnose(SolverException.Reason.TOO_MANY_STEPS, String.format("the time span is too long"
                        + " for the step sizes the tolerances allow: the last %d steps advanced t by %.3g in all,"
                        + " so reaching t = %.6g would take about %.3g steps (limit %d), while the derivative"
                        + " |dh/dt| = %.3g stayed moderate; shorten or rescale the time span, or loosen rtol/atol",
                        STALL_WINDOW, progress, tEnd,
                        STALL_WINDOW * Math.abs(tEnd - t) / Math.max(progress, Double.MIN_VALUE), maxSteps, slope));
            }
            return diagnose(SolverException.Reason.STALLED, String.format("the solver is stalling: the last %d"
                    + " steps advanced t by only %.3g; the derivative |dh/dt| = %.3g at h = %s: the solution has"
                    + " probably run into a singularity (a pole of the vector field) near t = %.6g, or the problem"
                    + " is extremely stiff (try Solvers.radau5)", STALL_WINDOW, progress, slope,
                    Checks.show(h), t));
        }

        /**
         * The exception for a solve that cannot go on; but if the tolerances ask for less than the
         * rounding of the state itself, that is what is wrong, whatever the symptom.
         */
        private SolverException diagnose(SolverException.Reason symptom, String message) {
            for (int m = 0; m < h.length; m++) {
                double scale = tolerances.atol() + tolerances.rtol() * Math.abs(h[m]);
                if (scale < 4 * Math.ulp(h[m])) {
                    return new SolverException(SolverException.Reason.TOLERANCE_TOO_TIGHT, t, dt, String.format(
                            "the tolerances cannot be met in double precision: component h[%d] = %.6g is only"
                            + " resolved to %.3g (its rounding), but atol + rtol |h| = %.3g (rtol = %s, atol = %s);"
                            + " use rtol >= 1e-12 or an atol above the rounding of the state", m, h[m],
                            Math.ulp(h[m]), scale, tolerances.rtol(), tolerances.atol()));
                }
            }
            return new SolverException(symptom, t, dt, message);
        }
    }

    private static void requireFiniteDerivative(double t, double dt, double[] h, double[] dh) {
        int bad = Checks.firstNonFinite(dh);
        if (bad >= 0) {
            throw new SolverException(SolverException.Reason.NON_FINITE, t, dt, "the derivative is not finite:"
                    + " f(t, h)[" + bad + "] = " + dh[bad] + " at h = " + Checks.show(h)
                    + "; the state reached a singularity of the vector field");
        }
    }

    @Override
    public String toString() {
        return tableau.name() + " (rtol=" + tolerances.rtol() + ", atol=" + tolerances.atol() + ")"
                + (controller == StepSizeController.STANDARD ? "" : " with " + controller)
                + (errorNorm == ErrorNorm.RMS ? "" : " in the " + errorNorm);
    }
}
