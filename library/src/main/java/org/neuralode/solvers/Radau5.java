package org.neuralode.solvers;

import java.util.List;

/**
 * The three-stage Radau IIA method of order 5 with error control and dense output, for stiff
 * problems: Hairer and Wanner's RADAU5 (<i>Solving ODEs II</i>, Section IV.8; the Fortran code
 * radau5.f, which scipy's {@code solve_ivp(method="Radau")} also follows). The method is the
 * collocation method at the Radau points {@code c = ((4 - sqrt 6)/10, (4 + sqrt 6)/10, 1)}; it is
 * L-stable, so a step may be many times longer than the fastest time scale of the problem, which an
 * explicit method must resolve (its steps are bounded by stability, not accuracy).
 *
 * <p><b>One step</b> from {@code (t, h)} with size {@code dt} solves the collocation equations
 * for the stage increments {@code Z_i = Y_i - h} (eq. (8.2b)),
 * <pre>
 *   Z_i = dt sum_j a_ij f(t + c_j dt, h + Z_j),   i = 1, 2, 3,      h_new = h + Z_3,
 * </pre>
 * by the simplified Newton iteration (eq. (8.15)), in which the Jacobian {@code J} is frozen.
 * With {@code W = T^-1 Z}, where {@code T^-1 A^-1 T} is block diagonal with one real eigenvalue
 * {@code gamma = 1/MU_REAL} and a complex pair {@code 1/(alpha +- i beta)} of {@code A^-1}'s
 * inverse, the 3n-by-3n Newton system splits into one real and one complex n-by-n system
 * (eqs. (8.18)-(8.19)):
 * <pre>
 *   (MU_REAL / dt  I - J) dW_1                   = (T^-1 F)_1 - MU_REAL / dt  W_1
 *   ((alpha - i beta) / dt  I - J) (dW_2 + i dW_3) = (T^-1 F)_2 + i (T^-1 F)_3 - (alpha - i beta) / dt (W_2 + i W_3)
 * </pre>
 * {@code RealLu} and {@code ComplexLu} factor the two matrices once per step size and Jacobian
 * (the pair counts as one of the {@link Solution.Statistics#decompositions()}, as in radau5.f's NDEC).
 * The iteration starts from the previous step's collocation polynomial extrapolated to the new
 * stages, stops when its contraction rate predicts the remaining error below
 * {@code kappa Tol = max(10 eps / rtol, min(0.03, sqrt(rtol)))}, and gives up (halving the step,
 * after first refreshing the Jacobian if it was old) when it diverges or would need more than
 * seven iterations (Hairer's NIT).
 *
 * <p><b>Work saved</b> as RADAU5 saves it: the Jacobian is computed at the start, and again only
 * after a step whose Newton iteration converged slowly (more than two iterations with rate above
 * Hairer's {@code THET = 0.001}) or failed with an old Jacobian; the LU decompositions are
 * reused as long as the step size holds, and the controller holds it when it would grow by less
 * than 20% (Hairer's {@code QUOT1 = 1, QUOT2 = 1.2}). The Jacobian is the one supplied through
 * {@link #withJacobian}, else forward differences with the increments
 * {@code delta_j = sqrt(eps) max(|h_j|, atol)} of MATLAB's {@code numjac} (Shampine and Reichelt,
 * "The MATLAB ODE suite", 1997): radau5.f's {@code sqrt(eps max(1e-5, |h_j|))} is far larger than a
 * component of size 1e-13, as Robertson's y2 is, and spoils the Jacobian there (144 rejected steps
 * instead of 1 at rtol 1e-4); n evaluations, counted among the evaluations.
 *
 * <p><b>Error estimate</b> (eq. (8.20) and the filtering (8.21)): with the embedded third-order
 * formula, {@code err = (MU_REAL / dt I - J)^-1 (f(t, h) + sum_i e_i Z_i / dt)},
 * {@code e = (-(13 + 7 sqrt 6), -13 + 7 sqrt 6, -1) / 3}; in the first step and after a
 * rejection an estimate above 1 is refined once by {@code err = (...)^-1 (f(t, h + err) + sum_i e_i Z_i / dt)},
 * which removes the estimate's spurious growth on very stiff components. The norm is the library's
 * ({@link Tolerances#errorNorm}), the tolerances are used as given (scipy's convention; radau5.f
 * instead rescales them to {@code 0.1 rtol^(2/3)}).
 *
 * <p><b>Step size</b>: {@code dt_new = dt / quot}, {@code quot = clamp(err^(1/4) / fac, 1/8, 5)} with
 * {@code fac = min(0.9, 0.9 (2 NIT + 1) / (newt + 2 NIT))} smaller when Newton needed many iterations
 * {@code newt}; after an accepted step Gustafsson's predictive controller (Gustafsson, <i>ACM TOMS</i>
 * 20 (1994); HNW II eq. (8.25)) may shrink it further,
 * {@code quot = max(quot, (dt_prev / dt) (err^2 / err_prev)^(1/4) / 0.9)}, so that a step-size
 * sequence near the stability boundary does not oscillate; after a rejection the step never grows.
 *
 * <p><b>Dense output</b> is the collocation polynomial itself (order 3 between the step ends,
 * HNW II, IV.8, "Dense output"): {@code h(t + x dt) = h + Q_1 x + Q_2 x^2 + Q_3 x^3}, with
 * {@code Q = Z P} for the fixed 3-by-3 matrix {@code P} interpolating {@code Z} at {@code c}.
 */
public final class Radau5 implements EventSolver {

    /** The default limit on the number of tried steps per solve. */
    public static final int DEFAULT_MAX_STEPS = 100_000;

    private static final double S6 = Math.sqrt(6);
    /** The Radau IIA nodes. */
    static final double[] C = {(4 - S6) / 10, (4 + S6) / 10, 1};
    /** The error-estimate weights {@code e_i} of eq. (8.20), times {@code 1 / gamma_0}. */
    private static final double[] E = {(-13 - 7 * S6) / 3, (-13 + 7 * S6) / 3, -1.0 / 3};
    /** The real eigenvalue of {@code A^-1}. */
    private static final double MU_REAL = 3 + Math.cbrt(9) - Math.cbrt(3);
    /** The complex pair of eigenvalues of {@code A^-1} is {@code ALPHA +- i BETA}. */
    private static final double ALPHA = 3 + 0.5 * (Math.cbrt(3) - Math.cbrt(9));
    private static final double BETA = 0.5 * (Math.pow(3, 5.0 / 6) + Math.pow(3, 7.0 / 6));
    /** {@code T}: its columns span the eigenvectors of {@code A^-1} (radau5.f's T11 ... T33). */
    private static final double[][] T = {
        {0.09443876248897524, -0.14125529502095421, 0.03002919410514742},
        {0.25021312296533332, 0.20412935229379994, -0.38294211275726192},
        {1, 1, 0}};
    /** {@code T^-1}. */
    private static final double[][] TI = {
        {4.17871859155190428, 0.32768282076106237, 0.52337644549944951},
        {-4.17871859155190428, -0.32768282076106237, 0.47662355450055044},
        {0.50287263494578682, -2.57192694985560522, 0.59603920482822492}};
    /** {@code Q = Z P}: the collocation polynomial's coefficients of {@code x, x^2, x^3}. */
    private static final double[][] P = {
        {13.0 / 3 + 7 * S6 / 3, -23.0 / 3 - 22 * S6 / 3, 10.0 / 3 + 5 * S6},
        {13.0 / 3 - 7 * S6 / 3, -23.0 / 3 + 22 * S6 / 3, 10.0 / 3 - 5 * S6},
        {1.0 / 3, -8.0 / 3, 10.0 / 3}};
    /** Hairer's NIT: the most Newton iterations per step. */
    private static final int MAX_NEWTON_ITERATIONS = 7;
    /** Hairer's THET: a Newton rate above it (after more than two iterations) calls for a new Jacobian. */
    private static final double JACOBIAN_RATE = 1e-3;
    /** Hairer's QUOT2: the step size is held (and its LU kept) when it would grow by less than this. */
    private static final double HOLD_RATIO = 1.2;
    /** Hairer's FACL and FACR: the step size may shrink by at most 5 and grow by at most 8 per step. */
    private static final double MAX_SHRINK = 5;
    private static final double MAX_GROWTH = 8;
    private static final double SAFETY = 0.9;
    /** {@code sqrt(eps)}: the relative increment of a forward difference. */
    private static final double JACOBIAN_INCREMENT = Math.sqrt(Math.ulp(1.0));
    /** Singular Newton matrices in a row (each halving the step) before the solve gives up. */
    private static final int MAX_SINGULAR = 5;

    private final Tolerances tolerances;
    private final Jacobian jacobian;
    private final int maxSteps;
    private final double firstStep;

    /**
     * @param rtol the relative tolerance
     * @param atol the absolute tolerance
     */
    public Radau5(double rtol, double atol) {
        this(new Tolerances(rtol, atol), null, DEFAULT_MAX_STEPS, 0);
    }

    private Radau5(Tolerances tolerances, Jacobian jacobian, int maxSteps, double firstStep) {
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps must be at least 1, got " + maxSteps);
        }
        this.tolerances = tolerances;
        this.jacobian = jacobian;
        this.maxSteps = maxSteps;
        this.firstStep = firstStep;
    }

    /** @return a copy that uses the exact Jacobian {@code d f / d h} instead of forward differences */
    public Radau5 withJacobian(Jacobian jacobian) {
        if (jacobian == null) {
            throw new IllegalArgumentException("jacobian must not be null");
        }
        return new Radau5(tolerances, jacobian, maxSteps, firstStep);
    }

    /** @return a copy that gives up (with a {@link SolverException}) after {@code maxSteps} tried steps */
    public Radau5 withMaxSteps(int maxSteps) {
        return new Radau5(tolerances, jacobian, maxSteps, firstStep);
    }

    /** @return a copy whose first step has size {@code firstStep} instead of Hairer's automatic choice */
    public Radau5 withFirstStep(double firstStep) {
        return new Radau5(tolerances, jacobian, maxSteps, Checks.stepSize(firstStep));
    }

    /** @return the tolerances */
    public Tolerances tolerances() {
        return tolerances;
    }

    /** @return the limit on tried steps */
    public int maxSteps() {
        return maxSteps;
    }

    @Override
    public Solution solve(VectorField f, double[] h0, double[] times) {
        double[][] states = Checks.outputStates(h0, times);
        if (times.length == 1) {
            return new Solution(times, states, List.of(), new Solution.Statistics(0, 0, 0));
        }
        return new Run(f, h0, times, states, null).solve();
    }

    /** Solves, locating {@code events} on the collocation polynomial of each accepted step (see {@link Event}). */
    @Override
    public Solution solve(VectorField f, double[] h0, double[] times, List<Event> events) {
        double[][] states = Checks.outputStates(h0, times);
        EventLocator locator = new EventLocator(events, times[0], h0);
        if (times.length == 1) {
            return new Solution(times, states, List.of(), new Solution.Statistics(0, 0, 0));
        }
        return new Run(f, h0, times, states, locator).solve();
    }

    /** The state of one solve: where it is, the Jacobian and factorisations it holds, what it has done. */
    private final class Run {
        private final VectorField f;
        private final double[] times;
        private final double[][] states;
        private final double tEnd;
        private final double direction;
        private final int n;
        private final double newtonTolerance;
        private final StepLists.Recorded steps = new StepLists.Recorded();
        private final EventLocator events;
        private boolean stopped;

        private double t;
        private double[] h;
        private double[] f0;
        private double dt;
        private double[][] jac;
        private boolean jacobianCurrent;
        private RealLu realLu;
        private ComplexLu complexLu;
        /** The step size {@link #realLu} and {@link #complexLu} were factored for; NaN when none holds. */
        private double factoredDt = Double.NaN;

        /** The last accepted step's collocation polynomial {@code hOld + Q_1 x + Q_2 x^2 + Q_3 x^3}. */
        private double[][] q;
        private double[] hOld;
        private double tOld;
        private double dtOld;

        /** The Newton iteration's stage increments Z (3 x n) and its outcome. */
        private final double[][] z;
        private int newtonIterations;
        private double newtonRate;

        private int evaluations;
        private int jacobians;
        private int decompositions;
        private int accepted;
        private int rejected;
        private int singularInARow;
        private boolean afterRejection;
        private double previousDt;
        private double previousError;

        Run(VectorField f, double[] h0, double[] times, double[][] states, EventLocator events) {
            this.f = f;
            this.events = events;
            this.times = times;
            this.states = states;
            this.tEnd = times[times.length - 1];
            this.direction = Math.signum(tEnd - times[0]);
            this.n = h0.length;
            this.t = times[0];
            this.h = h0.clone();
            this.z = new double[3][n];
            double rtol = tolerances.rtol();
            this.newtonTolerance = rtol == 0 ? 0.03
                    : Math.max(10 * Math.ulp(1.0) / rtol, Math.min(0.03, Math.sqrt(rtol)));
        }

        Solution solve() {
            f0 = evaluate(t, h);
            requireFinite(f0, "the derivative");
            dt = direction * firstStep();
            computeJacobian();
            int next = 1;
            while (next < times.length && !stopped) {
                checkProgress();
                boolean lastStep = direction * (t + dt - tEnd) >= 0;
                if (lastStep) {
                    dt = tEnd - t;
                }
                if (dt != factoredDt && !factor()) {
                    continue;
                }
                if (!newton()) {
                    if (!jacobianCurrent) {
                        computeJacobian();   // retry the same step with a fresh Jacobian
                    } else {
                        steps.add(t, dt, false);
                        rejected++;
                        afterRejection = true;
                        dt *= 0.5;
                    }
                    continue;
                }
                double[] hNew = new double[n];
                for (int m = 0; m < n; m++) {
                    hNew[m] = h[m] + z[2][m];
                }
                double error = errorNorm(hNew);
                double fac = Math.min(SAFETY, SAFETY * (2 * MAX_NEWTON_ITERATIONS + 1)
                        / (newtonIterations + 2 * MAX_NEWTON_ITERATIONS));
                double quot = Math.max(1 / MAX_GROWTH, Math.min(MAX_SHRINK, Math.pow(error, 0.25) / fac));
                if (error < 1) {
                    next = accept(lastStep ? tEnd : t + dt, hNew, error, quot, next);
                } else {
                    steps.add(t, dt, false);
                    rejected++;
                    dt = accepted == 0 ? 0.1 * dt : dt / quot;
                    afterRejection = true;
                }
            }
            Solution.Statistics statistics = new Solution.Statistics(evaluations, accepted, rejected, jacobians,
                    decompositions);
            if (events == null) {
                return Solution.taking(times, states, steps, statistics);
            }
            return Solution.taking(java.util.Arrays.copyOf(times, next), java.util.Arrays.copyOf(states, next), steps,
                    statistics, events.occurrences());
        }

        /** The size of the first step: the setting, or Hairer's automatic choice (one evaluation). */
        private double firstStep() {
            double span = Math.abs(tEnd - t);
            if (firstStep > 0) {
                return Math.min(firstStep, span);
            }
            evaluations++;
            // order 4: the local error of the embedded third-order estimate is O(dt^4)
            return tolerances.startingStep(f, t, h, f0, direction, span, 4);
        }

        private void checkProgress() {
            if (accepted + rejected >= maxSteps) {
                throw new SolverException(SolverException.Reason.TOO_MANY_STEPS, t, dt, "too many steps: "
                        + maxSteps + " steps (" + accepted + " accepted, " + rejected + " rejected) did not reach t = "
                        + tEnd + "; loosen the tolerances or raise maxSteps with withMaxSteps");
            }
            double minStep = 10 * Math.abs(Math.nextAfter(t, direction * Double.POSITIVE_INFINITY) - t);
            if (Math.abs(dt) < minStep) {
                throw new SolverException(SolverException.Reason.STEP_SIZE_UNDERFLOW, t, dt, String.format(
                        "step size underflow: the step size fell below the resolution of t while the error estimate"
                        + " stayed too large or Newton's iteration kept failing; |dh/dt| = %.3g at h = %s: the"
                        + " solution has probably run into a singularity near t = %.6g",
                        Checks.maxAbs(f0), Checks.show(h), t));
            }
        }

        /** {@code f(t, y)}, counted. */
        private double[] evaluate(double time, double[] y) {
            evaluations++;
            return Checks.evaluate(f, time, y);
        }

        /** The supplied Jacobian, or forward differences with Hairer's increments, at {@code (t, h)}. */
        private void computeJacobian() {
            jacobians++;
            jacobianCurrent = true;
            factoredDt = Double.NaN;
            if (jacobian != null) {
                jac = Checks.jacobian(jacobian, t, h, dt);
                return;
            }
            jac = new double[n][n];
            double[] shifted = h.clone();
            double threshold = tolerances.atol() > 0 ? tolerances.atol() : 1e-5;
            for (int j = 0; j < n; j++) {
                double delta = JACOBIAN_INCREMENT * Math.max(Math.abs(h[j]), threshold);
                shifted[j] = h[j] + delta;
                delta = shifted[j] - h[j];   // the increment the field actually sees
                double[] fShifted = evaluate(t, shifted);
                for (int i = 0; i < n; i++) {
                    jac[i][j] = (fShifted[i] - f0[i]) / delta;
                }
                shifted[j] = h[j];
            }
            for (double[] row : jac) {
                if (Checks.firstNonFinite(row) >= 0) {
                    throw new SolverException(SolverException.Reason.NON_FINITE, t, dt,
                            "the finite-difference Jacobian is not finite at h = " + Checks.show(h));
                }
            }
        }

        /**
         * Factors {@code MU_REAL/dt I - J} and {@code (ALPHA - i BETA)/dt I - J}. A singular matrix
         * halves the step instead (Hairer's treatment), up to {@link #MAX_SINGULAR} times in a row.
         *
         * @return whether both factorisations can be solved with
         */
        private boolean factor() {
            double[][] real = new double[n][n];
            double[][] re = new double[n][n];
            double[][] im = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    real[i][j] = -jac[i][j];
                    re[i][j] = -jac[i][j];
                }
                real[i][i] += MU_REAL / dt;
                re[i][i] += ALPHA / dt;
                im[i][i] = -BETA / dt;
            }
            decompositions++;
            realLu = new RealLu(real);
            complexLu = new ComplexLu(re, im);
            if (realLu.isSingular() || complexLu.isSingular()) {
                factoredDt = Double.NaN;
                if (++singularInARow > MAX_SINGULAR) {
                    throw new SolverException(SolverException.Reason.NEWTON_FAILED, t, dt, "the Newton matrix"
                            + " (MU/dt) I - J stayed singular after halving the step " + MAX_SINGULAR + " times at h = "
                            + Checks.show(h));
                }
                dt *= 0.5;
                return false;
            }
            singularInARow = 0;
            factoredDt = dt;
            return true;
        }

        /**
         * The simplified Newton iteration for {@code Z} in the transformed variables {@code W = T^-1 Z}.
         *
         * @return whether it converged; {@link #z}, {@link #newtonIterations} and {@link #newtonRate} say how
         */
        private boolean newton() {
            startingValues();
            double[][] w = new double[3][n];
            for (int i = 0; i < 3; i++) {
                for (int m = 0; m < n; m++) {
                    w[i][m] = TI[i][0] * z[0][m] + TI[i][1] * z[1][m] + TI[i][2] * z[2][m];
                }
            }
            double[] scale = new double[n];
            for (int m = 0; m < n; m++) {
                scale[m] = tolerances.atol() + tolerances.rtol() * Math.abs(h[m]);
            }
            double[] stage = new double[n];
            double[][] stageDerivative = new double[3][];
            double[] dReal = new double[n];
            double[] dRe = new double[n];
            double[] dIm = new double[n];
            double previousNorm = Double.NaN;
            newtonRate = Double.NaN;
            for (int k = 0; k < MAX_NEWTON_ITERATIONS; k++) {
                newtonIterations = k + 1;
                for (int i = 0; i < 3; i++) {
                    for (int m = 0; m < n; m++) {
                        stage[m] = h[m] + z[i][m];
                    }
                    stageDerivative[i] = evaluate(t + C[i] * dt, stage);
                    if (Checks.firstNonFinite(stageDerivative[i]) >= 0) {
                        return false;
                    }
                }
                double[] f1 = stageDerivative[0];
                double[] f2 = stageDerivative[1];
                double[] f3 = stageDerivative[2];
                for (int m = 0; m < n; m++) {
                    dReal[m] = TI[0][0] * f1[m] + TI[0][1] * f2[m] + TI[0][2] * f3[m] - MU_REAL / dt * w[0][m];
                    // (ALPHA - i BETA)(W_2 + i W_3) = ALPHA W_2 + BETA W_3 + i (ALPHA W_3 - BETA W_2)
                    dRe[m] = TI[1][0] * f1[m] + TI[1][1] * f2[m] + TI[1][2] * f3[m]
                            - (ALPHA * w[1][m] + BETA * w[2][m]) / dt;
                    dIm[m] = TI[2][0] * f1[m] + TI[2][1] * f2[m] + TI[2][2] * f3[m]
                            - (ALPHA * w[2][m] - BETA * w[1][m]) / dt;
                }
                realLu.solve(dReal);
                complexLu.solve(dRe, dIm);
                double sum = 0;
                for (int m = 0; m < n; m++) {
                    double a = dReal[m] / scale[m];
                    double b = dRe[m] / scale[m];
                    double c = dIm[m] / scale[m];
                    sum += a * a + b * b + c * c;
                }
                double norm = Math.sqrt(sum / (3 * n));
                if (!Double.isFinite(norm)) {
                    return false;
                }
                if (k > 0) {
                    newtonRate = norm / previousNorm;
                    // diverging, or too slow to meet the tolerance within the iterations left
                    if (newtonRate >= 1 || Math.pow(newtonRate, MAX_NEWTON_ITERATIONS - k) / (1 - newtonRate) * norm
                            > newtonTolerance) {
                        return false;
                    }
                }
                for (int m = 0; m < n; m++) {
                    w[0][m] += dReal[m];
                    w[1][m] += dRe[m];
                    w[2][m] += dIm[m];
                }
                for (int i = 0; i < 3; i++) {
                    for (int m = 0; m < n; m++) {
                        z[i][m] = T[i][0] * w[0][m] + T[i][1] * w[1][m] + T[i][2] * w[2][m];
                    }
                }
                if (norm == 0 || (k > 0 && newtonRate / (1 - newtonRate) * norm < newtonTolerance)) {
                    return true;
                }
                previousNorm = norm;
            }
            return false;
        }

        /** Z at the start: the last step's collocation polynomial at the new stages, or 0 in the first step. */
        private void startingValues() {
            for (int i = 0; i < 3; i++) {
                if (q == null) {
                    java.util.Arrays.fill(z[i], 0);
                    continue;
                }
                double x = (t + C[i] * dt - tOld) / dtOld;
                for (int m = 0; m < n; m++) {
                    z[i][m] = hOld[m] + x * (q[0][m] + x * (q[1][m] + x * q[2][m])) - h[m];
                }
            }
        }

        /** The scaled norm of the embedded estimate, refined once in the first step and after a rejection. */
        private double errorNorm(double[] hNew) {
            double[] zSum = new double[n];
            double[] error = new double[n];
            for (int m = 0; m < n; m++) {
                zSum[m] = (E[0] * z[0][m] + E[1] * z[1][m] + E[2] * z[2][m]) / dt;
                error[m] = f0[m] + zSum[m];
            }
            realLu.solve(error);
            double norm = tolerances.errorNorm(error, h, hNew);
            if (norm >= 1 && (accepted == 0 || afterRejection)) {
                double[] shifted = new double[n];
                for (int m = 0; m < n; m++) {
                    shifted[m] = h[m] + error[m];
                }
                double[] fShifted = evaluate(t, shifted);
                for (int m = 0; m < n; m++) {
                    error[m] = fShifted[m] + zSum[m];
                }
                realLu.solve(error);
                norm = tolerances.errorNorm(error, h, hNew);
            }
            return Math.max(norm, 1e-10);
        }

        /** Keeps the step, writes the outputs it reached, and chooses the next step size and Jacobian. */
        private int accept(double tNew, double[] hNew, double error, double quot, int next) {
            steps.add(t, dt, true);
            accepted++;
            double[] fNew = evaluate(tNew, hNew);
            requireFinite(fNew, "the derivative at the end of the step");
            double[][] coefficients = new double[3][n];
            for (int k = 0; k < 3; k++) {
                for (int m = 0; m < n; m++) {
                    coefficients[k][m] = z[0][m] * P[0][k] + z[1][m] * P[1][k] + z[2][m] * P[2][k];
                }
            }
            double stop = events == null ? Double.NaN : events.afterStep(t, tNew, hNew,
                    (time, out) -> collocation(coefficients, (time - t) / dt, out));
            stopped = !Double.isNaN(stop);
            double reached = stopped ? stop : tNew;
            while (next < times.length && direction * (times[next] - reached) <= 0) {
                double[] out = new double[n];
                if (times[next] == tNew) {
                    System.arraycopy(hNew, 0, out, 0, n);
                } else {
                    collocation(coefficients, (times[next] - t) / dt, out);
                }
                states[next++] = out;
            }
            if (accepted > 1) {
                // Gustafsson's predictive controller (HNW II, eq. (8.25))
                double predictive = (previousDt / dt) * Math.pow(error * error / previousError, 0.25) / SAFETY;
                quot = Math.max(quot, Math.max(1 / MAX_GROWTH, Math.min(MAX_SHRINK, predictive)));
            }
            previousDt = dt;
            previousError = Math.max(1e-2, error);
            double dtNew = dt / quot;
            if (afterRejection) {
                dtNew = direction * Math.min(Math.abs(dtNew), Math.abs(dt));
            }
            afterRejection = false;
            boolean slowNewton = newtonIterations > 2 && newtonRate > JACOBIAN_RATE;
            double ratio = dtNew / dt;
            if (!slowNewton && ratio >= 1 && ratio <= HOLD_RATIO) {
                dtNew = dt;   // hold the step size, and with it the LU decompositions
            }
            q = coefficients;
            hOld = h;
            tOld = t;
            dtOld = dt;
            t = tNew;
            h = hNew;
            f0 = fNew;
            dt = dtNew;
            if (slowNewton && !stopped && t != tEnd) {   // no Jacobian for a step that will not be taken
                computeJacobian();
            } else {
                jacobianCurrent = false;
            }
            return next;
        }

        /** The collocation polynomial {@code h + Q_1 x + Q_2 x^2 + Q_3 x^3} of the step from {@link #t}. */
        private void collocation(double[][] coefficients, double x, double[] out) {
            for (int m = 0; m < n; m++) {
                out[m] = h[m] + x * (coefficients[0][m] + x * (coefficients[1][m] + x * coefficients[2][m]));
            }
        }

        private void requireFinite(double[] v, String what) {
            int bad = Checks.firstNonFinite(v);
            if (bad >= 0) {
                throw new SolverException(SolverException.Reason.NON_FINITE, t, dt, what + " is not finite: ["
                        + bad + "] = " + v[bad] + " at h = " + Checks.show(h)
                        + "; the state reached a singularity of the vector field");
            }
        }
    }

    @Override
    public String toString() {
        return "Radau IIA 5 (rtol=" + tolerances.rtol() + ", atol=" + tolerances.atol() + ")"
                + (jacobian == null ? "" : " with exact Jacobian");
    }
}
