package org.neuralode.solvers;

/**
 * A solve that cannot go on. {@link #reason()} says why in a form code can act on (a
 * {@link Reason}); the message says where ({@link #t()}), with which step size ({@link #dt()})
 * and what happened in words, so a student never receives NaN or garbage silently.
 */
public class SolverException extends RuntimeException {

    /** Why a solve stopped. */
    public enum Reason {
        /** The step size fell below the resolution of t: the solution is running into a pole. */
        STEP_SIZE_UNDERFLOW,
        /** Thousands of steps hardly moved t: a singularity, or an extremely stiff problem. */
        STALLED,
        /** The state or the derivative stopped being finite. */
        NON_FINITE,
        /**
         * A fixed-step method stepped across a singularity or far beyond its stability limit: the
         * derivative changed by orders of magnitude within one step.
         */
        BLOW_UP,
        /** More steps than the solver's limit (tried steps, or fixed steps counted up front). */
        TOO_MANY_STEPS,
        /** Newton's iteration of an implicit method failed (singular matrix or no convergence). */
        NEWTON_FAILED,
        /** The tolerances ask for more than double precision can resolve at this t. */
        TOLERANCE_TOO_TIGHT,
        /** An external integrator (Commons Math) failed. */
        INTEGRATOR_FAILED
    }

    private final Reason reason;
    private final double t;
    private final double dt;

    /**
     * @param reason why the solve stopped
     * @param t      the time reached when the solve stopped
     * @param dt     the step size being tried at that time
     * @param cause  what happened, in words (e.g. "the state is not finite: h[0] = NaN")
     */
    public SolverException(Reason reason, double t, double dt, String cause) {
        super(String.format("solver stopped at t = %.10g with step size dt = %.3g: %s", t, dt, cause));
        if (reason == null) {
            throw new IllegalArgumentException("reason must not be null");
        }
        this.reason = reason;
        this.t = t;
        this.dt = dt;
    }

    /** @return why the solve stopped */
    public Reason reason() {
        return reason;
    }

    /** @return the time reached when the solve stopped */
    public double t() {
        return t;
    }

    /** @return the step size being tried when the solve stopped */
    public double dt() {
        return dt;
    }
}
