package org.neuralode.neuralode;

import org.neuralode.solvers.Solver;

/**
 * A way to compute the loss of a batch of segments and its gradient {@code dL/dtheta}.
 *
 * <p>Two methods share this interface (Chen et al., NeurIPS 2018, Section 2; Kidger, <i>On Neural
 * Differential Equations</i>, 2022, Section 5.1):
 * <ul>
 *   <li>{@link #backprop(Solver)}: discretise-then-optimise. Record every step of the forward
 *       solve and run reverse mode through the solver's arithmetic; exact for the discrete
 *       solution, memory grows with the number of steps;</li>
 *   <li>{@link #adjoint(Solver)}: optimise-then-discretise. Solve the adjoint ODE backwards in
 *       time; memory independent of the step count, gradient accurate to the solver tolerance.</li>
 * </ul>
 */
public interface GradientMethod {

    /**
     * @param model the neural ODE (its current {@code theta} is used)
     * @param batch the segments and their observations
     * @param loss  the loss
     * @return the loss, its gradient and the work done
     */
    LossGradient lossAndGradient(NeuralOde model, Segments batch, Loss loss);

    /** @return the solver used for the forward solve */
    Solver solver();

    /**
     * Backpropagation through the solver.
     *
     * @param solver a {@code FixedStepRungeKutta} or an {@code AdaptiveRungeKutta} (e.g.
     *               {@code Solvers.rk4(dt)}, {@code Solvers.dormandPrince(rtol, atol)}), whose
     *               tableau, step size or tolerances the recorded solve uses
     */
    static GradientMethod backprop(Solver solver) {
        return new BackpropThroughSolver(solver, DEFAULT_MAX_RECORDED_STEPS);
    }

    /**
     * Backpropagation through the solver, recording at most {@code maxRecordedSteps} steps per
     * solve (the memory of backprop grows with the step count; past the limit the solve stops
     * with a {@code SolverException}).
     */
    static GradientMethod backprop(Solver solver, int maxRecordedSteps) {
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
        return new AdjointMethod(solver);
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
     */
    record LossGradient(double loss, double[] gradient, double[] initialStateGradient, double[][] predictions,
                        int forwardEvaluations, int backwardEvaluations) {
    }
}
