/**
 * Neural ODEs, their gradients and their training: notebooks 05 ("Training a neural ODE"),
 * 06 ("Time series forecasting"), 07 ("The adjoint method") and 09 ("Irregularly sampled time
 * series").
 *
 * <p>Read {@link org.neuralode.neuralode.NeuralOde} first: the model {@code dh/dt = net(phi(h))}.
 * Notebook 05 trains it with a {@link org.neuralode.neuralode.Trainer}, which draws
 * {@link org.neuralode.data.Segments}, measures a {@link org.neuralode.neuralode.Loss}, asks a
 * {@link org.neuralode.neuralode.GradientMethod} for {@code dL/dtheta} (backpropagation through
 * the solver, {@code BackpropThroughSolver}, or the adjoint method, {@code AdjointMethod}; both
 * package-private, read their source) and lets an {@link org.neuralode.neuralode.Optimizer}
 * ({@link org.neuralode.neuralode.RmsProp}, {@link org.neuralode.neuralode.Adam},
 * {@link org.neuralode.neuralode.Sgd}) take the step. Notebook 06 forecasts with
 * {@link org.neuralode.neuralode.PhaseSpaceForecaster}; notebook 07 derives
 * {@code AdjointMethod} and compares it with backprop.
 *
 * <p>Every model the {@code Trainer} trains is a {@link org.neuralode.neuralode.TrainableModel}:
 * its parameters as one vector and, for a batch, the loss and its gradient (the spiral's neural ODE
 * on trajectory segments, {@link org.neuralode.neuralode.OdeForecaster}, and notebook 09's models
 * of series observed at their own times: {@link org.neuralode.neuralode.RnnDeltaT},
 * {@link org.neuralode.neuralode.GruD}, {@link org.neuralode.neuralode.OdeRnn} and
 * {@link org.neuralode.neuralode.LatentOde}).
 *
 * <p>What the gradient methods need of a field is a
 * {@link org.neuralode.neuralode.DifferentiableField} (evaluate and record, then the
 * vector-Jacobian product of a recorded evaluation): {@code NeuralOde} is one, and so is
 * {@link org.neuralode.neuralode.RegularisedField}, a field with the kinetic-energy and
 * Jacobian-norm regularisers of Finlay et al. 2020 riding along as extra state channels, which
 * {@link org.neuralode.neuralode.RegularisedFit} adds to the loss (notebook 10, section 6;
 * {@code Trainer.builder()...kineticEnergy(weight).jacobianNorm(weight)}).
 *
 * <p>A trained {@link org.neuralode.neuralode.NeuralOde}, {@link org.neuralode.neuralode.OdeForecaster}
 * or {@link org.neuralode.neuralode.OdeNetClassifier} is saved to a versioned text file and loaded
 * back, bit for bit, by {@link org.neuralode.neuralode.ModelFile}.
 */
package org.neuralode.neuralode;
