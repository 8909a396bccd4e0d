package org.neuralode.neuralode;

import org.neuralode.data.Segments;
import org.neuralode.solvers.AdaptiveRungeKutta;
import org.neuralode.solvers.ExplicitSolver;
import org.neuralode.solvers.Solver;

/**
 * A way to compute the loss of a batch of segments and its gradient {@code dL/dtheta}.
 *
 * <p>Two methods share this interface (Chen et al., NeurIPS 2018, Section 2; Kidger, <i>On Neural
 * Differential Equations</i>, 2022, Section 5.1):
 * <ul>
 *   <li>{@link #backprop(ExplicitSolver)}: discretise-then-optimise. Record every step of the forward
 *       solve and run reverse mode through the solver's arithmetic; exact for the discrete
 *       solution, memory grows with the number of steps;</li>
 *   <li>{@link #adjoint(Solver)}: optimise-then-discretise. Solve the adjoint ODE backwards in
 *       time; memory independent of the step count, gradient accurate to the solver tolerance.</li>
 * </ul>
 */
public interface GradientMethod {

    /**
     * Solves forward from {@code h0} (a batch of states laid end to end), keeping what the
     * backward pass needs.
     *
     * @param model the field, e.g. a {@link NeuralOde} (its current {@code theta} is used)
     * @param h0    the initial states at {@code times[0]}
     * @param times the output times, strictly monotonic, at least two
     * @return the forward pass; call {@link Pass#backward} on it before the next {@code forward}
     */
    Pass forward(DifferentiableField model, double[] h0, double[] times);

    /**
     * The loss of a batch of segments and its gradient: a {@link #forward} pass, the loss and its
     * derivative at every observation time, then the {@link Pass#backward} pass.
     *
     * @param model the field, e.g. a {@link NeuralOde} (its current {@code theta} is used)
     * @param batch the segments and their observations
     * @param loss  the loss
     * @return the loss, its gradient and the work done
     */
    default LossGradient lossAndGradient(DifferentiableField model, Segments batch, Loss loss) {
        if (batch.dimension() != model.dimension()) {
            throw new IllegalArgumentException("batch dimension " + batch.dimension() + " differs from the model's "
                    + model.dimension());
        }
        Pass pass = forward(model, batch.h0(), batch.times());
        double[][] predictions = pass.predictions();
        double value = loss.value(predictions, batch.targets());
        int n = batch.h0().length;
        long count = (long) predictions.length * n;
        double[][] cotangents = new double[predictions.length][n];
        for (int i = 0; i < predictions.length; i++) {
            loss.gradient(predictions[i], batch.targets()[i], count, cotangents[i]);
        }
        Gradient gradient = pass.backward(cotangents);
        return new LossGradient(value, gradient.parameters(), gradient.initialState(), predictions,
                pass.forwardEvaluations(), gradient.backwardEvaluations(), pass.storedValues());
    }

    /**
     * A recorded forward solve. For a loss {@code L(h(t_0), ..., h(t_N))} of the predictions,
     * {@link #backward} turns the cotangents {@code dL/dh(t_i)} into {@code dL/dtheta} and
     * {@code dL/dh0}; a model with layers before or after the ODE (an encoder, a readout)
     * chains their vector-Jacobian products around it.
     */
    interface Pass {

        /** @return the predicted states at the requested times (row 0 is {@code h0}) */
        double[][] predictions();

        /** @return calls of {@code f} in the forward solve */
        int forwardEvaluations();

        /**
         * @return how many numbers the backward pass keeps from the forward one: every recorded
         *         stage for backprop (growing with the step count), only the predictions and one
         *         augmented state for the adjoint
         */
        long storedValues();

        /**
         * @param cotangents {@code dL/dh(t_i)} for every output time, same shape as {@link #predictions()}
         * @return {@code dL/dtheta}, {@code dL/dh0} and the work done
         */
        Gradient backward(double[][] cotangents);
    }

    /**
     * The result of a backward pass: the gradient of the loss with respect to the parameters and
     * to the initial state.
     *
     * @param parameters          {@code dL/dtheta}
     * @param initialState        {@code dL/dh0}
     * @param backwardEvaluations vector-Jacobian products of {@code f} in the backward pass
     */
    record Gradient(double[] parameters, double[] initialState, int backwardEvaluations) {
    }

    /** @return the solver used for the forward solve */
    Solver solver();

    /**
     * Backpropagation through the solver: the forward pass is {@code solver}'s own solve (same
     * steps, evaluations and predictions), recorded through its {@code StepObserver}.
     *
     * @param solver an explicit Runge-Kutta solver ({@code Solvers.euler}, {@code midpoint},
     *               {@code heun}, {@code rk4}, {@code bogackiShampine}, {@code dormandPrince},
     *               {@code dop853}, with any step-size controller and error norm): the type says
     *               which solvers backprop can record, so the compiler refuses an implicit or a
     *               Commons Math solver (use {@link #adjoint(Solver)} for those)
     */
    static GradientMethod backprop(ExplicitSolver solver) {
        return new BackpropThroughSolver(solver, DEFAULT_MAX_RECORDED_STEPS);
    }

    /**
     * Backpropagation through the solver, recording at most {@code maxRecordedSteps} steps per
     * solve (the memory of backprop grows with the step count; past the limit the solve stops
     * with a {@code SolverException}).
     */
    static GradientMethod backprop(ExplicitSolver solver, int maxRecordedSteps) {
        return new BackpropThroughSolver(solver, maxRecordedSteps);
    }

    /** The default limit on the steps backprop records per solve. */
    int DEFAULT_MAX_RECORDED_STEPS = 2000;

    /**
     * The adjoint sensitivity method (Chen et al. 2018, Algorithm 1).
     *
     * @param solver any library solver; it solves forward, then the augmented system backwards
     */
    static GradientMethod adjoint(Solver solver) {
        return new AdjointMethod(solver, solver);
    }

    /**
     * The adjoint method with its own solver (or tolerances) for the backward solve.
     *
     * @param solver         the forward solver
     * @param backwardSolver the solver of the augmented system, backwards in time
     */
    static GradientMethod adjoint(Solver solver, Solver backwardSolver) {
        return new AdjointMethod(solver, backwardSolver);
    }

    /**
     * The adjoint method whose backward solve controls the error of {@code h} and {@code a} only,
     * not of the parameter-gradient channels (a seminorm; Kidger, Chen and Lyons, ICML 2021):
     * fewer backward steps for the same accuracy of {@code h} and {@code a}.
     *
     * @param solver         the forward solver
     * @param backwardSolver an adaptive Runge-Kutta solver for the backward solve (the seminorm
     *                       replaces its error norm, see {@code ErrorNorm.ignoring})
     */
    static GradientMethod adjointWithSeminorm(Solver solver, AdaptiveRungeKutta backwardSolver) {
        return AdjointMethod.withSeminorm(solver, backwardSolver);
    }

    /**
     * What one gradient computation produced.
     *
     * @param loss                 the loss of the batch
     * @param gradient             {@code dL/dtheta}
     * @param initialStateGradient {@code dL/dh0}, the same layout as the batch's {@code h0}
     * @param predictions          the predicted states at the batch's times
     * @param forwardEvaluations   calls of {@code f} in the forward solve
     * @param backwardEvaluations  vector-Jacobian products of {@code f} (with, for the adjoint,
     *                             the evaluation of {@code f} that each needs) in the backward pass
     * @param storedValues         numbers kept from the forward pass for the backward one (memory)
     */
    record LossGradient(double loss, double[] gradient, double[] initialStateGradient, double[][] predictions,
                        int forwardEvaluations, int backwardEvaluations, long storedValues) {
    }
}
