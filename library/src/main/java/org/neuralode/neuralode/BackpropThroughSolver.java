package org.neuralode.neuralode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import org.neuralode.solvers.ExplicitSolver;
import org.neuralode.solvers.Solution;
import org.neuralode.solvers.Solver;
import org.neuralode.solvers.SolverException;
import org.neuralode.solvers.StepObserver;
import org.neuralode.solvers.VectorField;

/**
 * Backpropagation through an explicit Runge-Kutta solve (discretise-then-optimise).
 *
 * <p>The forward pass <em>is</em> the solver's own solve: the same steps, step-size control,
 * error norm and dense output, so the predictions and the evaluation count are exactly those of
 * {@code solver.solve}. It records, through a {@link StepObserver}, every accepted step as plain
 * arithmetic over its (extended) stages,
 * <pre>
 *   K_i = f(z_i),  z_i = y + dt sum_{j&lt;i} a_ij K_j,   y' = y + dt sum_i b_i K_i,   y(t_o) = y + dt sum_i w_i K_i,
 * </pre>
 * where the last form covers an output time inside the step, reached by the method's dense
 * output (linear in the stages). Reverse mode walks the accepted steps backwards. With
 * {@code ybar = dL/dy'}:
 * <pre>
 *   Kbar_i = dt b_i ybar + dt w_i dL/dy(t_o);   for i = S-1 .. 0:  zbar_i = (df/dh)^T Kbar_i,
 *            thetabar += (df/dtheta)^T Kbar_i,   Kbar_j += dt a_ij zbar_i (j &lt; i),   dL/dy += zbar_i;
 *   dL/dy += ybar + dL/dy(t_o).
 * </pre>
 * (Griewank and Walther, <i>Evaluating Derivatives</i>, 2nd ed., 2008, Chapter 3; for Runge-Kutta
 * methods Hager, Numer. Math. 87, 2000.) The step sizes are treated as constants: the gradient is
 * exact for the discrete map the solver actually computed. An evaluation shared by two steps (a
 * first-same-as-last stage, or {@code f} at a step's end reused as the next step's first stage)
 * is differentiated once: its cotangent is carried from the later step to the earlier one.
 */
final class BackpropThroughSolver implements GradientMethod {

    private final ExplicitSolver solver;
    private final int maxRecordedSteps;

    /**
     * The evaluations recorded by the last forward pass on the thread that made them, reused by
     * that thread's next pass (no garbage per step). Another thread gets a pool of its own, so one
     * gradient method can serve several threads at once (another thread reads only a pool's final
     * fields, so the field need not be volatile).
     */
    private Pool latest;

    /** Recorded evaluations of one model at one batch size, used by one thread. */
    private static final class Pool {
        final Thread owner = Thread.currentThread();
        final DifferentiableField model;
        final int batch;
        final List<DifferentiableField.Evaluation> evaluations = new ArrayList<>();
        int used;
        /** Evaluations of rejected steps, handed back for this pass's later evaluations. */
        final Deque<DifferentiableField.Evaluation> released = new ArrayDeque<>();
        /** Counts forward passes, so that a stale pass (whose stages were reused) cannot run backward. */
        long passes;

        Pool(DifferentiableField model, int batch) {
            this.model = model;
            this.batch = batch;
        }

        DifferentiableField.Evaluation acquire() {
            if (!released.isEmpty()) {
                return released.pop();
            }
            if (used == evaluations.size()) {
                evaluations.add(model.newEvaluation(batch, evaluations.isEmpty() ? null : evaluations.get(0)));
            }
            return evaluations.get(used++);
        }
    }

    /**
     * @param solver           an explicit Runge-Kutta solver: its type is what lets reverse mode
     *                         run through the steps it reports, so no other solver compiles here
     * @param maxRecordedSteps the most steps one forward pass records
     */
    BackpropThroughSolver(ExplicitSolver solver, int maxRecordedSteps) {
        if (solver == null) {
            throw new IllegalArgumentException("solver must be an explicit Runge-Kutta solver, e.g."
                    + " Solvers.dormandPrince(rtol, atol) or Solvers.rk4(dt); got null");
        }
        if (maxRecordedSteps < 1) {
            throw new IllegalArgumentException("maxRecordedSteps must be at least 1, got " + maxRecordedSteps);
        }
        this.solver = solver;
        this.maxRecordedSteps = maxRecordedSteps;
    }

    @Override
    public Solver solver() {
        return solver;
    }

    /**
     * One accepted step, as the observer described it: the number of the evaluation behind each
     * stage (an index into the pass's recorded evaluations), the step's coefficients and outputs.
     */
    private record Step(double dt, int[] evaluations, double[][] coupling, double[] weights, int[] outputs,
                        double[][] outputWeights) {
    }

    @Override
    public Pass forward(DifferentiableField model, double[] h0, double[] times) {
        int batchSize = model.batchSize(h0.length);
        if (times == null || times.length < 2) {
            throw new IllegalArgumentException("times must hold at least two times");
        }
        Pool pool = poolFor(model, batchSize);
        // the solver numbers its calls of f from 0 in the order it makes them: call k records into recorded.get(k)
        List<DifferentiableField.Evaluation> recorded = new ArrayList<>();
        VectorField recording = (t, h) -> {
            DifferentiableField.Evaluation evaluation = pool.acquire();
            recorded.add(evaluation);
            return model.evaluate(h, evaluation);
        };
        List<Step> steps = new ArrayList<>();
        Solution solution = solver.solve(recording, h0, times, attempt -> record(attempt, recorded, steps, pool));
        double[][] predictions = solution.states();
        int forward = solution.statistics().evaluations();
        long pass = ++pool.passes;
        long stored = storedValues(steps, recorded, predictions);
        return new Pass() {
            @Override
            public long storedValues() {
                return stored;
            }

            @Override
            public double[][] predictions() {
                return predictions;
            }

            @Override
            public int forwardEvaluations() {
                return forward;
            }

            @Override
            public Gradient backward(double[][] cotangents) {
                if (pass != pool.passes) {
                    throw new IllegalStateException("this forward pass was overwritten by a later one: call"
                            + " backward before the next forward (the recorded stages are reused)");
                }
                return reverse(model, steps, recorded, times.length, h0.length, cotangents);
            }
        };
    }

    /** Keeps an accepted step; gives a rejected step's own evaluations back to the pool. */
    private void record(StepObserver.Attempt attempt, List<DifferentiableField.Evaluation> recorded, List<Step> steps,
                        Pool pool) {
        int[] evaluations = attempt.evaluations();
        if (!attempt.accepted()) {
            // stages 1 .. s-1 are this attempt's own evaluations; stage 0 lives on in the retried step
            for (int i = 1; i < evaluations.length; i++) {
                pool.released.push(recorded.get(evaluations[i]));
            }
            return;
        }
        if (steps.size() >= maxRecordedSteps) {
            throw new SolverException(SolverException.Reason.TOO_MANY_STEPS, attempt.t(), attempt.dt(),
                    "too many steps: backprop records every step, and " + maxRecordedSteps + " steps did not"
                    + " reach the last time; the limit keeps its memory bounded and can be raised with"
                    + " GradientMethod.backprop(solver, maxRecordedSteps), or use GradientMethod.adjoint(solver)");
        }
        steps.add(new Step(attempt.dt(), evaluations, attempt.coupling(), attempt.weights(), attempt.outputs(),
                attempt.outputWeights()));
    }

    /** The recorded evaluations (each once, though a shared stage appears in two steps) and predictions. */
    private static long storedValues(List<Step> steps, List<DifferentiableField.Evaluation> recorded,
                                     double[][] predictions) {
        BitSet counted = new BitSet(recorded.size());
        long count = 0;
        for (Step step : steps) {
            for (int number : step.evaluations()) {
                if (!counted.get(number)) {
                    counted.set(number);
                    count += recorded.get(number).storedValues();
                }
            }
        }
        for (double[] prediction : predictions) {
            count += prediction.length;
        }
        return count;
    }

    /** Reverse mode through the recorded steps, from the last to the first. */
    private Gradient reverse(DifferentiableField model, List<Step> steps, List<DifferentiableField.Evaluation> recorded,
                             int outputs, int n, double[][] cotangents) {
        if (cotangents.length != outputs) {
            throw new IllegalArgumentException("cotangents must have one row per output time (" + outputs + "), got "
                    + cotangents.length);
        }
        double[] dTheta = new double[model.parameterCount()];
        double[] yBar = new double[n];   // dL/dy at the end of the step being reversed
        double[] hBar = new double[n];   // dL/dy at its start; swapped with yBar after each step
        double[] carry = null;           // the cotangent of a stage shared with the previous step
        int carryIndex = -1;
        int[] backward = {0};
        // two sets of stage cotangents, alternating from step to step: the carry is row 0 of the
        // set the later step used, read while the earlier step fills the other set
        int maxStages = 0;
        for (Step step : steps) {
            maxStages = Math.max(maxStages, step.evaluations().length);
        }
        double[][][] kBars = {new double[maxStages][n], new double[maxStages][n]};
        for (int m = steps.size() - 1; m >= 0; m--) {
            Step step = steps.get(m);
            double[][] kBar = kBars[m & 1];
            for (int i = 0; i < step.evaluations().length; i++) {
                Arrays.fill(kBar[i], 0.0);
            }
            System.arraycopy(yBar, 0, hBar, 0, n);   // y' = y + ...: the identity path
            for (int i = 0; i < step.weights().length; i++) {
                addScaled(kBar[i], step.dt() * step.weights()[i], yBar);
            }
            for (int o = 0; o < step.outputs().length; o++) {
                double[] c = cotangents[step.outputs()[o]];
                double[] w = step.outputWeights()[o];
                for (int i = 0; i < w.length; i++) {
                    addScaled(kBar[i], step.dt() * w[i], c);
                }
                add(hBar, c);
            }
            if (carry != null) {
                add(kBar[carryIndex], carry);
                carry = null;
            }
            int[] previous = m > 0 ? steps.get(m - 1).evaluations() : null;
            int shared = previous == null ? -1 : indexOf(previous, step.evaluations()[0], previous.length);
            reverseStages(model, step, recorded, kBar, shared >= 0, hBar, dTheta, backward);
            if (shared >= 0) {
                // stage 0 is the previous step's evaluation at this step's start: differentiate it there
                carry = kBar[0];
                carryIndex = shared;
            }
            double[] swap = yBar;
            yBar = hBar;
            hBar = swap;
        }
        add(yBar, cotangents[0]);   // predictions[0] is h0 itself
        return new Gradient(dTheta, yBar, backward[0]);
    }

    /** The stages of one step, last to first: each stage's vector-Jacobian product, fed to its inputs. */
    private static void reverseStages(DifferentiableField model, Step step,
                                      List<DifferentiableField.Evaluation> recorded, double[][] kBar,
                                      boolean firstIsCarried, double[] hBar, double[] dTheta, int[] backward) {
        int[] stages = step.evaluations();
        for (int i = stages.length - 1; i >= (firstIsCarried ? 1 : 0); i--) {
            if (isZero(kBar[i])) {
                continue;
            }
            int same = indexOf(stages, stages[i], i);
            if (same >= 0) {   // f at the step's end of a first-same-as-last method is its last stage
                add(kBar[same], kBar[i]);
                continue;
            }
            double[] zBar = model.vjp(recorded.get(stages[i]), kBar[i], dTheta);
            backward[0]++;
            add(hBar, zBar);
            double[] row = step.coupling()[i];
            for (int j = 0; j < row.length; j++) {
                addScaled(kBar[j], step.dt() * row[j], zBar);
            }
        }
    }

    /** @return the first index below {@code end} where {@code stages} holds evaluation {@code evaluation}, or -1 */
    private static int indexOf(int[] stages, int evaluation, int end) {
        for (int j = 0; j < end; j++) {
            if (stages[j] == evaluation) {
                return j;
            }
        }
        return -1;
    }

    /** This thread's pool for the model and batch size, emptied for a new pass. */
    private Pool poolFor(DifferentiableField model, int batch) {
        Pool pool = latest;
        if (pool == null || pool.owner != Thread.currentThread() || pool.model != model || pool.batch != batch) {
            pool = new Pool(model, batch);
            latest = pool;
        }
        pool.used = 0;
        pool.released.clear();
        return pool;
    }

    private static void add(double[] target, double[] v) {
        for (int q = 0; q < target.length; q++) {
            target[q] += v[q];
        }
    }

    /** {@code target += w v}; a zero weight (most entries of a Butcher tableau) costs nothing. */
    private static void addScaled(double[] target, double w, double[] v) {
        if (w == 0) {
            return;
        }
        for (int q = 0; q < target.length; q++) {
            target[q] += w * v[q];
        }
    }

    private static boolean isZero(double[] v) {
        for (double x : v) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "backprop through " + solver;
    }
}
