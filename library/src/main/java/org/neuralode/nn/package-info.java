/**
 * Small neural networks with hand-written reverse mode, from the residual block to the vector
 * field of a neural ODE.
 *
 * <p>Read {@link org.neuralode.nn.ResidualBlock} first: {@code h + dt f(h)}, one Euler step.
 * Its {@code f} is an {@link org.neuralode.nn.Mlp}, built layer by layer with weights drawn by
 * an {@link org.neuralode.nn.Initialization}; all its parameters form one vector, theta. For
 * reverse mode, read {@link org.neuralode.nn.Layer} (the vector-Jacobian product), then its two
 * implementations, {@link org.neuralode.nn.Dense} and {@link org.neuralode.nn.ActivationLayer}
 * (with the nonlinearities of {@link org.neuralode.nn.Activation}). The recurrent models of
 * notebook 09 update their state with a {@link org.neuralode.nn.GruCell}.
 */
package org.neuralode.nn;
