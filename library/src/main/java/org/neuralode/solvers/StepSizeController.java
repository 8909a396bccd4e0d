package org.neuralode.solvers;

/**
 * Chooses the next step size of an adaptive method from the error norm {@code err} of the
 * step just tried (accepted when {@code err <= 1}):
 * <pre>
 *   dt_new = dt * clamp(safety * err^(-alpha) * errPrevious^beta, minFactor, maxFactor)
 * </pre>
 * with {@code alpha = 1/p - 0.75 beta}, {@code p} the order of the method. With {@code beta = 0}
 * this is the classic "I" controller (Hairer, Norsett and Wanner I, II.4, eq. (4.13); scipy and
 * Commons Math use it), where {@code 1/p} is Hairer's {@code 1/(q+1)} with {@code q = p - 1} the
 * order of the embedded error estimate. With {@code beta > 0} it is the PI controller of
 * Gustafsson (ACM TOMS 17(4), 1991) used by Hairer's DOPRI5 code ({@code beta = 0.04}; Hairer
 * and Wanner, <i>Solving ODEs II</i>, Section IV.2, "Step size control"), which smooths the
 * step-size sequence where stability, not accuracy, limits the step. After a rejection the step
 * may not grow in the next accepted step (Hairer's {@code facmax = 1}), so that the solver does
 * not at once retry the size it just had to abandon.
 *
 * <p>Immutable, so one controller serves any number of solves at once: each solve asks it for a
 * fresh {@link Run} ({@link #start}), which keeps what the formula remembers from step to step
 * (the previous error norm, whether the last try was rejected), as diffrax's controllers return
 * their state from {@code init} and torchdiffeq's solvers keep it per solve.
 */
public final class StepSizeController {

    /** The I controller with scipy's and Commons Math's factors: safety 0.9, factors in [0.2, 10]. */
    public static final StepSizeController STANDARD = new StepSizeController(0.9, 0.2, 10, 0);

    private final double safety;
    private final double minFactor;
    private final double maxFactor;
    private final double beta;

    /**
     * @param safety    the safety factor, in (0, 1]
     * @param minFactor the smallest allowed ratio dt_new / dt, in (0, 1)
     * @param maxFactor the largest allowed ratio dt_new / dt, above 1
     * @param beta      the PI controller's weight of the previous error, 0 for the I controller
     */
    public StepSizeController(double safety, double minFactor, double maxFactor, double beta) {
        if (!(safety > 0 && safety <= 1)) {
            throw new IllegalArgumentException("safety must be in (0, 1], got " + safety);
        }
        if (!(minFactor > 0 && minFactor < 1)) {
            throw new IllegalArgumentException("minFactor must be in (0, 1), got " + minFactor);
        }
        if (!(maxFactor > 1) || !Double.isFinite(maxFactor)) {
            throw new IllegalArgumentException("maxFactor must be finite and above 1, got " + maxFactor);
        }
        if (!(beta >= 0 && beta < 0.2)) {
            throw new IllegalArgumentException("beta must be in [0, 0.2), got " + beta);
        }
        this.safety = safety;
        this.minFactor = minFactor;
        this.maxFactor = maxFactor;
        this.beta = beta;
    }

    /**
     * The smallest previous error norm the PI term uses: Hairer's {@code facold = max(err, 1e-4)}
     * (DOPRI5), so that a nearly exact step does not make the next one grow without bound; also
     * the value before the first accepted step (a {@link Run} starts with none, 0, which this
     * floor raises). Applied in {@link #afterAcceptance} only.
     */
    static final double PREVIOUS_ERROR_FLOOR = 1e-4;

    /** @return the PI controller of Hairer's DOPRI5 code: safety 0.9, factors in [0.2, 10], beta 0.04 */
    public static StepSizeController pi() {
        return new StepSizeController(0.9, 0.2, 10, 0.04);
    }

    /**
     * @param errorNorm         the error norm of the accepted step, at most 1
     * @param previousErrorNorm the error norm of the previous accepted step (0 if none), raised to
     *                          {@link #PREVIOUS_ERROR_FLOOR} here
     * @param order             the order p of the method
     * @param afterRejection    whether the step was retried after a rejection (then no growth)
     * @return the ratio dt_new / dt
     */
    public double afterAcceptance(double errorNorm, double previousErrorNorm, int order, boolean afterRejection) {
        double factor;
        if (errorNorm == 0) {
            factor = maxFactor;
        } else {
            double alpha = 1.0 / order - 0.75 * beta;
            factor = safety * Math.pow(errorNorm, -alpha) * Math.pow(Math.max(previousErrorNorm, PREVIOUS_ERROR_FLOOR), beta);
            factor = Math.min(maxFactor, Math.max(minFactor, factor));
        }
        return afterRejection ? Math.min(1, factor) : factor;
    }

    /**
     * @param errorNorm the error norm of the rejected step, above 1 (infinite if the step produced
     *                  non-finite values)
     * @param order     the order p of the method
     * @return the ratio dt_new / dt, below 1
     */
    public double afterRejection(double errorNorm, int order) {
        if (!Double.isFinite(errorNorm)) {
            return minFactor;
        }
        return Math.max(minFactor, safety * Math.pow(errorNorm, -1.0 / order));
    }

    /**
     * @param order the order p of the method
     * @return a fresh controller state for one solve, with no previous error norm
     */
    public Run start(int order) {
        if (order < 1) {
            throw new IllegalArgumentException("order must be at least 1, got " + order);
        }
        return new Run(order);
    }

    /**
     * This controller during one solve: it remembers the previous accepted step's error norm (the
     * PI term) and whether the last try was rejected (no growth then). Used by one solve on one thread.
     */
    public final class Run {
        private final int order;
        private double previousErrorNorm;
        private boolean afterRejection;

        private Run(int order) {
            this.order = order;
        }

        /**
         * @param errorNorm the error norm of the step just accepted, at most 1
         * @return the ratio dt_new / dt ({@link #afterAcceptance})
         */
        public double accepted(double errorNorm) {
            double factor = afterAcceptance(errorNorm, previousErrorNorm, order, afterRejection);
            previousErrorNorm = errorNorm;
            afterRejection = false;
            return factor;
        }

        /**
         * @param errorNorm the error norm of the step just rejected, above 1
         * @return the ratio dt_new / dt ({@link #afterRejection})
         */
        public double rejected(double errorNorm) {
            afterRejection = true;
            return afterRejection(errorNorm, order);
        }
    }

    @Override
    public String toString() {
        return "StepSizeController[safety=" + safety + ", factors in [" + minFactor + ", " + maxFactor
                + "], beta=" + beta + "]";
    }
}
