package org.neuralode.solvers;

/**
 * A solver that steps by an explicit Runge-Kutta method and lets a {@link StepObserver} watch
 * every step it tries: {@link AdaptiveRungeKutta} and {@link FixedStepRungeKutta}. Because every
 * stage of an explicit method is an evaluation of {@code f} at a linear combination of earlier
 * stages, what the observer sees is enough to run reverse mode through the solve
 * (backpropagation through the solver).
 */
public interface ExplicitSolver extends Solver {

    /**
     * @param f        the vector field
     * @param h0       the state at {@code times[0]}
     * @param times    the output times, strictly monotonic, at least one
     * @param observer told of every tried step, or {@code null}
     * @return the states at {@code times}, with statistics of the work done
     */
    Solution solve(VectorField f, double[] h0, double[] times, StepObserver observer);
}
