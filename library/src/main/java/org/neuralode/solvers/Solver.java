package org.neuralode.solvers;

/**
 * Integrates an initial value problem {@code dh/dt = f(t, h), h(times[0]) = h0} and reports the
 * solution at every requested time.
 *
 * <p>{@code times} must be strictly monotonic: increasing integrates forward, decreasing
 * integrates backward (the adjoint method needs both). A solver that cannot go on throws a
 * {@link SolverException}; bad arguments throw {@link IllegalArgumentException} naming the
 * argument.
 */
public interface Solver {

    /**
     * @param f     the vector field
     * @param h0    the state at {@code times[0]}
     * @param times the output times, strictly monotonic, at least one
     * @return the states at {@code times}, with statistics of the work done
     */
    Solution solve(VectorField f, double[] h0, double[] times);

    /**
     * This solver, told a step size the solution is known to allow: a solver that chooses its own
     * step sizes (e.g. {@link AdaptiveRungeKutta}) returns a copy that tries {@code |firstStep|}
     * first instead of guessing one; a solver whose steps are given, or chosen by a library it
     * wraps, returns itself. The adjoint method carries the step size of one backward interval
     * into the next this way. The default returns {@code this}.
     *
     * @param firstStep a step size the solution allowed, finite and positive
     */
    default Solver startingWith(double firstStep) {
        return this;
    }
}
