package org.neuralode.solvers;

/**
 * A solve that cannot go on: the state became non-finite, the step size underflowed, the
 * step count exploded, or the solution ran into a singularity. The message says where
 * ({@link #t()}), with which step size ({@link #dt()}) and what happened, so a student never
 * receives NaN or garbage silently.
 */
public class SolverException extends RuntimeException {

    private final double t;
    private final double dt;

    /**
     * @param t     the time reached when the solve stopped
     * @param dt    the step size being tried at that time
     * @param cause what happened, in words (e.g. "the state is not finite: h[0] = NaN")
     */
    public SolverException(double t, double dt, String cause) {
        super(String.format("solver stopped at t = %.10g with step size dt = %.3g: %s", t, dt, cause));
        this.t = t;
        this.dt = dt;
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
