/**
 * The book's differential equations (Lei Ma, <i>Deep Learning Fundamentals</i>, "Neural ODE").
 *
 * <p>Read {@link org.neuralode.equations.DiffEqn} first: the book's {@code DiffEqn} class, an
 * equation {@code dh/dt = fn(h, t)} with its initial value, time grid, solve and plot. Then its
 * four subclasses in the book's order, each with its closed form to check a solver against:
 * {@link org.neuralode.equations.Infections} (logistic growth),
 * {@link org.neuralode.equations.Exponential}, {@link org.neuralode.equations.SinMultiplyT} and
 * {@link org.neuralode.equations.Reciprocal} (whose solution ends at a pole). A closed form
 * throws where the solution does not exist, rather than return a number.
 * {@link org.neuralode.equations.ArenstorfOrbit}, the periodic three-body orbit, is the classic
 * work-precision problem of adaptive solvers.
 */
package org.neuralode.equations;
