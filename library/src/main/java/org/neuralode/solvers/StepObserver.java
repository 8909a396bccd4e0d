package org.neuralode.solvers;

/**
 * Sees every step an explicit Runge-Kutta solve tries ({@link AdaptiveRungeKutta},
 * {@link FixedStepRungeKutta}): the hook through which anything that needs the inside of a solve
 * (backpropagation through the solver records its stages here; a step-size plot or a counter
 * could too) attaches to the solver's own loop instead of copying it: an observed solve runs the
 * very loop an unobserved one runs. There is no single loop for all solvers: each solver class
 * has its own ({@link FixedStepRungeKutta}, {@link AdaptiveRungeKutta}, and the implicit
 * {@link ThetaMethod} and {@link Radau5}, which have no observer). What they share is the step
 * ({@code ExplicitRungeKuttaStep}, for both explicit solvers), the error control
 * ({@link Tolerances}, {@link ErrorNorm}, {@link StepSizeController}) and the {@link Solution}.
 *
 * <p>An observer may stop the solve by throwing (e.g. a {@link SolverException}).
 */
@FunctionalInterface
public interface StepObserver {

    /**
     * Called once per tried step, after its outputs (if accepted) are written.
     *
     * @param step the step. Its arrays ({@code evaluations}, {@code outputs} and the outer arrays
     *             of {@code coupling} and {@code outputWeights}) belong to this attempt alone; the
     *             rows of {@code coupling} and {@code weights} are coefficient rows of the method,
     *             which the solver never writes: an observer may keep them after the call
     *             (backpropagation through the solver does), but must never write into any of them
     */
    void step(Attempt step);

    /**
     * One tried step from {@code t} to {@code t + dt}, described as plain arithmetic so that
     * reverse mode can run through it without knowing the method. With the extended stages
     * {@code K_0 .. K_{S-1}}, stage {@code i} being the solve's evaluation of {@code f} number
     * {@code evaluations[i]} (its calls of {@code f} counted from 0, in the order they were made,
     * all of them: also Hairer's starting-step evaluation, which no step lists),
     * <pre>
     *   K_i      = f(t + c_i dt, h + dt * sum_{j &lt; i} coupling[i][j] K_j)    (row 0 is empty: K_0 = f(t, h))
     *   h_new    = h + dt * sum_i weights[i] K_i
     *   h(t_o)   = h + dt * sum_i outputWeights[o][i] K_i    for each output time t_o in the step
     * </pre>
     * For an accepted adaptive step the stages are the method's {@code s} stages, then
     * {@code f(t + dt, h_new)} (whose coupling row is {@code b}; for a first-same-as-last method it
     * is the same evaluation as the last stage), then the dense output's extra stages if an output
     * time needed them. A step's stage 0 may be an evaluation an earlier step lists too (the same
     * number): {@code f} at the previous step's end. A rejected step lists the method's stages only
     * and no outputs; its stages {@code 1 .. s-1} are evaluations no other step uses.
     *
     * @param t             the start of the step
     * @param dt            its size (negative when integrating backward)
     * @param accepted      whether the step was kept
     * @param errorNorm     the scaled error norm (0 for a fixed-step method)
     * @param evaluations   the number of the evaluation of {@code f} behind each extended stage {@code K_i}
     * @param coupling      row {@code i}: the coefficients of {@code K_j}, {@code j < i}, in stage {@code i}'s input
     * @param weights       the weights of {@code h_new}
     * @param outputs       indices into the solve's {@code times} of the output times in this step
     * @param outputWeights one row of weights per output (the method's {@code b} for an output at the step's end)
     */
    record Attempt(double t, double dt, boolean accepted, double errorNorm, int[] evaluations, double[][] coupling,
                   double[] weights, int[] outputs, double[][] outputWeights) {
    }
}
