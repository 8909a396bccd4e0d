package org.neuralode.solvers;

/**
 * The right-hand side of a first-order ODE system, {@code dh/dt = f(t, h)}.
 *
 * <p>This is the one-method interface every solver integrates (compare Commons Math's
 * {@code FirstOrderDifferentialEquations#computeDerivatives}); it is usable as a lambda:
 * <pre>{@code VectorField decay = (t, h) -> new double[] {-0.5 * h[0]};}</pre>
 *
 * <p>The course's source text calls this function "the Jacobian"; it is not. It is the <em>vector field</em>:
 * at every point {@code (t, h)} it gives the velocity {@code dh/dt} of a solution passing there.
 */
@FunctionalInterface
public interface VectorField {

    /**
     * Evaluates {@code f(t, h)}.
     *
     * @param t the time
     * @param h the state; implementations must not modify it
     * @return a new array {@code dh/dt}, of the same length as {@code h}
     */
    double[] at(double t, double[] h);
}
