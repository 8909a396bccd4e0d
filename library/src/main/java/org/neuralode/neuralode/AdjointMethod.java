package org.neuralode.neuralode;

import java.util.List;
import org.neuralode.solvers.AdaptiveRungeKutta;
import org.neuralode.solvers.ErrorNorm;
import org.neuralode.solvers.Solution;
import org.neuralode.solvers.Solver;
import org.neuralode.solvers.VectorField;

/**
 * The adjoint sensitivity method (Chen, Rubanova, Bettencourt and Duvenaud, NeurIPS 2018,
 * Section 2, eqs. (3)-(5) and Algorithm 1, derived in Appendix B; Pontryagin et al. 1962). With
 * the adjoint {@code a(t) = dL/dh(t)},
 * the augmented state {@code [h, a, g]} obeys
 * <pre>
 *   dh/dt = f(h, theta),   da/dt = -a^T df/dh,   dg/dt = -a^T df/dtheta,
 * </pre>
 * integrated <em>backwards</em> from the last observation time {@code t_N}, starting at
 * {@code [h(t_N), dL/dh(t_N), 0]}; then {@code g(t_0) = dL/dtheta} and {@code a(t_0) = dL/dh0}.
 * Every observation time {@code t_i} adds its own loss gradient to {@code a} (a jump), and
 * {@code h} is reset to the forward solution there, as torchdiffeq's {@code odeint_adjoint}
 * does, so that the errors of reconstructing {@code h} backwards do not accumulate.
 *
 * <p>Only the current augmented state is stored: memory does not grow with the number of steps.
 * The backward solve is one solve per interval between observation times (the jump in {@code a}
 * makes the right-hand side discontinuous there), but with a solver that chooses its own step
 * sizes ({@link Solver#startingWith}, e.g. an {@link AdaptiveRungeKutta}) the step size carries
 * over from one interval to the next instead of being chosen afresh, which is what keeps it close
 * to one continuous backward solve (torchdiffeq restarts the step-size selection on every
 * interval); the first interval starts with the step size the forward solve had reached at
 * {@code t_N}, not with Hairer's cautious guess (on the spiral demo, 8% fewer backward evaluations).
 *
 * <p>The backward solve may use its own solver and tolerances, and its error norm may leave out
 * the parameter-gradient channels {@code g}: they are integrals that never feed back into
 * {@code h} or {@code a}, so controlling their error spends steps for nothing (Kidger, Chen and
 * Lyons, ICML 2021, "seminorms"; torchdiffeq's {@code adjoint_options=dict(norm="seminorm")}).
 */
final class AdjointMethod implements GradientMethod {

    private final Solver solver;
    private final Solver backwardSolver;
    /** The backward solver whose error norm becomes the seminorm, or null for the backward solver as given. */
    private final AdaptiveRungeKutta seminormSolver;

    /**
     * @param solver         the forward solver
     * @param backwardSolver the solver of the augmented system, backwards
     */
    AdjointMethod(Solver solver, Solver backwardSolver) {
        this(solver, backwardSolver, null);
    }

    /**
     * @param solver         the forward solver
     * @param backwardSolver the solver of the augmented system, backwards, whose error norm then
     *                       ignores the parameter-gradient channels {@code g} (a seminorm)
     * @return the adjoint method with a seminorm in the backward solve
     */
    static AdjointMethod withSeminorm(Solver solver, AdaptiveRungeKutta backwardSolver) {
        return new AdjointMethod(solver, backwardSolver, backwardSolver);
    }

    private AdjointMethod(Solver solver, Solver backwardSolver, AdaptiveRungeKutta seminormSolver) {
        if (solver == null || backwardSolver == null) {
            throw new IllegalArgumentException("solver and backwardSolver must be library Solvers, e.g."
                    + " Solvers.dormandPrince(rtol, atol); got " + solver + " and " + backwardSolver);
        }
        this.solver = solver;
        this.backwardSolver = backwardSolver;
        this.seminormSolver = seminormSolver;
    }

    @Override
    public Solver solver() {
        return solver;
    }

    @Override
    public Pass forward(DifferentiableField model, double[] h0, double[] times) {
        int batchSize = model.batchSize(h0.length);
        Solution forward = solver.solve(model, h0, times);
        double[][] predictions = forward.states();
        return new Pass() {
            @Override
            public double[][] predictions() {
                return predictions;
            }

            @Override
            public int forwardEvaluations() {
                return forward.statistics().evaluations();
            }

            @Override
            public long storedValues() {
                // the predictions, one augmented state [h, a, g] and one recorded evaluation of f
                long n = h0.length;
                return predictions.length * n + 2 * n + model.parameterCount()
                        + model.newEvaluation(batchSize, null).storedValues();
            }

            @Override
            public Gradient backward(double[][] cotangents) {
                return adjoint(model, batchSize, times, predictions, cotangents, finalStepSize(forward));
            }
        };
    }

    /** Algorithm 1 of Chen et al., with a jump of {@code a} at every observation time (the many-observation version in their Appendix B). */
    private Gradient adjoint(DifferentiableField model, int batchSize, double[] times, double[][] predictions,
                             double[][] cotangents, double forwardStep) {
        if (cotangents.length != times.length) {
            throw new IllegalArgumentException("cotangents must have one row per output time (" + times.length
                    + "), got " + cotangents.length);
        }
        int n = predictions[0].length;
        int p = model.parameterCount();
        AugmentedDynamics dynamics = new AugmentedDynamics(model, batchSize);
        double[] state = new double[2 * n + p];
        int last = times.length - 1;
        System.arraycopy(predictions[last], 0, state, 0, n);
        System.arraycopy(cotangents[last], 0, state, n, n);
        int backward = 0;
        // the first interval starts with the step size the forward solve had reached at t_N (the
        // augmented system's h part is the same field, its a part has the same Jacobian), at most
        // the interval; 0, where the forward solve recorded no steps, leaves it to the solver
        double carriedStep = Math.min(forwardStep, Math.abs(times[last] - times[last - 1]));
        Solver measured = seminormSolver != null && p > 0
                ? seminormSolver.withErrorNorm(ErrorNorm.ignoring(2 * n, 2 * n + p)) : backwardSolver;
        for (int i = last; i > 0; i--) {
            Solver interval = carriedStep > 0 ? measured.startingWith(carriedStep) : measured;
            Solution solution = interval.solve(dynamics, state, new double[] {times[i], times[i - 1]});
            backward += solution.statistics().evaluations();
            carriedStep = nextFirstStep(solution, i > 1 ? Math.abs(times[i - 1] - times[i - 2]) : 0);
            state = solution.last();   // a copy: the solution keeps its own
            System.arraycopy(predictions[i - 1], 0, state, 0, n);   // h from the forward pass
            for (int q = 0; q < n; q++) {
                state[n + q] += cotangents[i - 1][q];                // the jump of a at t_(i-1)
            }
        }
        double[] initialStateGradient = new double[n];
        System.arraycopy(state, n, initialStateGradient, 0, n);
        double[] gradient = new double[p];
        System.arraycopy(state, 2 * n, gradient, 0, p);
        return new Gradient(gradient, initialStateGradient, backward);
    }

    /**
     * The step size a solve had reached at its end: the larger of its last two accepted steps,
     * since the very last one is usually cut short to land on the final time; 0 if it recorded none.
     */
    static double finalStepSize(Solution solution) {
        return largestAcceptedStep(solution, 2);
    }

    /**
     * The first step to try on the next interval. The last step of an interval is usually cut
     * short to land on the observation time, so it says little about the step size the solution
     * allows. If no step of this interval was rejected, the solution allowed every step tried:
     * try to cross the whole next interval in one step (as one continuous solve would, when its
     * steps are longer than the gaps between observations). Otherwise carry the largest accepted step.
     */
    private static double nextFirstStep(Solution solution, double nextSpan) {
        double largest = largestAcceptedStep(solution, Integer.MAX_VALUE);
        return solution.statistics().rejectedSteps() == 0 ? Math.max(largest, nextSpan) : largest;
    }

    /** The largest |dt| among the last {@code count} accepted steps of a solve; 0 if it accepted none. */
    private static double largestAcceptedStep(Solution solution, int count) {
        double largest = 0;
        int seen = 0;
        List<Solution.Step> steps = solution.steps();
        for (int k = steps.size() - 1; k >= 0 && seen < count; k--) {
            if (steps.get(k).accepted()) {
                largest = Math.max(largest, Math.abs(steps.get(k).dt()));
                seen++;
            }
        }
        return largest;
    }

    /**
     * The right-hand side of the augmented system {@code [f, -a^T df/dh, -a^T df/dtheta]} for a
     * batch of states; one evaluation of {@code f} and one vector-Jacobian product per call.
     */
    static final class AugmentedDynamics implements VectorField {
        private final DifferentiableField model;
        private final int n;
        private final int p;
        private final DifferentiableField.Evaluation evaluation;
        private final double[] a;
        private final double[] dTheta;

        AugmentedDynamics(DifferentiableField model, int batchSize) {
            this.model = model;
            this.n = batchSize * model.dimension();
            this.p = model.parameterCount();
            this.evaluation = model.newEvaluation(batchSize, null);
            this.a = new double[n];
            this.dTheta = new double[p];
        }

        @Override
        public double[] at(double t, double[] state) {
            double[] derivative = new double[2 * n + p];
            double[] f = model.evaluate(state, evaluation);
            System.arraycopy(f, 0, derivative, 0, n);
            System.arraycopy(state, n, a, 0, n);
            java.util.Arrays.fill(dTheta, 0.0);
            double[] aJ = model.vjp(evaluation, a, dTheta);
            for (int q = 0; q < n; q++) {
                derivative[n + q] = -aJ[q];
            }
            for (int q = 0; q < p; q++) {
                derivative[2 * n + q] = -dTheta[q];
            }
            return derivative;
        }
    }
}
