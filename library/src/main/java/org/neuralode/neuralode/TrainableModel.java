package org.neuralode.neuralode;

/**
 * What {@link Trainer} needs of a model: its parameters as one flat vector, and, for a batch,
 * the loss and its gradient with respect to that vector.
 * <pre>
 *   parameters()            theta, the array itself: the optimiser updates it in place
 *   lossAndGradient(batch)  (L(theta; batch), dL/dtheta)
 * </pre>
 * How the gradient is computed (backprop through the solver or the adjoint, see
 * {@link GradientMethod}) is given to the model when it is built; the update rule
 * ({@link Optimizer}) is given to the trainer. Neither is chosen inside the model, so one training
 * loop serves the spiral's neural ODE, the ODE-RNN and the latent ODE alike.
 *
 * <p>A model may throw {@link org.neuralode.solvers.SolverException} from
 * {@link #lossAndGradient}: the trainer turns it, as any other reason to stop, into a
 * {@link TrainingException} that names the iteration and says what to change.
 *
 * @param <B> the type of a batch
 */
public interface TrainableModel<B> {

    /** @return {@code theta}, the array the loss reads (not a copy) */
    double[] parameters();

    /**
     * @param batch the batch
     * @return the loss of the batch at the current parameters and its gradient
     */
    BatchGradient lossAndGradient(B batch);

    /**
     * The loss of one batch and its gradient.
     *
     * @param loss                the loss
     * @param gradient            {@code dL/dtheta}, the layout of {@link #parameters()}
     * @param forwardEvaluations  evaluations of a vector field in the forward solves (0 for a model
     *                            without one)
     * @param backwardEvaluations vector-Jacobian products of a vector field in the backward pass
     */
    record BatchGradient(double loss, double[] gradient, int forwardEvaluations, int backwardEvaluations) {
    }
}
