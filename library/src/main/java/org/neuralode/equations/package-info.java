/**
 * The seed's differential equations, the examples of notebook 01 ("Differential equations").
 *
 * <p>Read {@link org.neuralode.equations.DiffEqn} first: the seed's {@code DiffEqn} class, an
 * equation {@code dh/dt = fn(h, t)} with its initial value, time grid, solve and plot. Then its
 * four subclasses in the notebook's order, each with its closed form to check a solver against:
 * {@link org.neuralode.equations.Infections} (logistic growth),
 * {@link org.neuralode.equations.Exponential}, {@link org.neuralode.equations.SinMultiplyT} and
 * {@link org.neuralode.equations.Reciprocal} (whose pole returns in notebook 04).
 * {@link org.neuralode.equations.ArenstorfOrbit}, the periodic three-body orbit, is the
 * work-precision problem of notebook 04.
 */
package org.neuralode.equations;
