package org.neuralode.solvers;

import java.util.List;

/**
 * A solver that locates {@link Event}s on its dense output: {@link AdaptiveRungeKutta} and
 * {@link Radau5}. Each accepted step of its one solve loop hands its continuous extension to an
 * event locator, which finds the zeros of the event functions between the step's ends; a
 * terminal event ends the solve there.
 */
public interface EventSolver extends Solver {

    /**
     * Solves as {@link #solve(VectorField, double[], double[])} does, locating {@code events}.
     * After a terminal event, {@link Solution#times()} holds only the requested times up to the
     * event; the event's own time and state are in {@link Solution#events()}.
     *
     * @param f      the vector field
     * @param h0     the state at {@code times[0]}
     * @param times  the output times, strictly monotonic, at least one
     * @param events the events to locate, possibly none
     * @return the states at the times reached, with the events in the order they occurred
     */
    Solution solve(VectorField f, double[] h0, double[] times, List<Event> events);
}
