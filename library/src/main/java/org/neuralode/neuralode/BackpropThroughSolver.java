package org.neuralode.neuralode;

import java.util.ArrayList;
import java.util.List;
import org.neuralode.solvers.AdaptiveRungeKutta;
import org.neuralode.solvers.ButcherTableau;
import org.neuralode.solvers.DenseOutput;
import org.neuralode.solvers.FixedStepRungeKutta;
import org.neuralode.solvers.Solver;
import org.neuralode.solvers.SolverException;
import org.neuralode.solvers.StepSizeController;
import org.neuralode.solvers.Tolerances;

/**
 * Backpropagation through an explicit Runge-Kutta solve (discretise-then-optimise).
 *
 * <p>The forward solve is the library's Runge-Kutta scheme, driven by the solver's
 * {@link ButcherTableau} (and, when adaptive, its tolerances and the library's
 * {@link StepSizeController}), but it keeps every stage. One step reads
 * <pre>
 *   z_i = y + dt sum_{j&lt;i} a_ij k_j,   k_i = f(z_i),   y' = y + dt sum_i b_i k_i.
 * </pre>
 * Reverse mode walks the accepted steps backwards. With {@code ybar = dL/dy'}:
 * <pre>
 *   kbar_i = dt b_i ybar;   for i = s-1 .. 0:  zbar_i = (df/dh)^T kbar_i,  thetabar += (df/dtheta)^T kbar_i,
 *                                              kbar_j += dt a_ij zbar_i (j &lt; i),  dL/dy += zbar_i;
 *   dL/dy += ybar.
 * </pre>
 * (Griewank and Walther, <i>Evaluating Derivatives</i>, 2nd ed., 2008, Chapter 3; for Runge-Kutta
 * methods Hager, Numer. Math. 87, 2000.) The step sizes are treated as constants: the gradient is
 * exact for the discrete map the solver actually computed.
 *
 * <p>With Dormand-Prince, output times inside a step are interpolated, as the library's adaptive
 * solver and torchdiffeq do, by the solver's own dense output, which is linear in the stages,
 * {@code y(t + x dt) = y + dt sum_i beta_i(x) k_i} ({@link DenseOutput#dormandPrinceWeights}), so
 * the step sizes do not depend on where the observations are. With other tableaus, steps are
 * shortened to land on output times (the step size proposed before the shortening is kept for
 * the step after). A first-same-as-last stage is shared by two steps, and its cotangent is
 * carried from the later step to the earlier one. The starting step size and the error norm are
 * the solver's own ({@link Tolerances}), so with Dormand-Prince the forward predictions are the
 * library solver's up to rounding.
 */
final class BackpropThroughSolver implements GradientMethod {

    private final Solver solver;
    private final ButcherTableau tableau;
    private final boolean adaptive;
    private final double fixedDt;
    private final Tolerances tolerances;
    private final int maxSteps;
    private final int maxRecordedSteps;
    private final StepSizeController controller = StepSizeController.STANDARD;

    /** Recorded evaluations, reused from one call to the next (no garbage per step). */
    private final List<NeuralOde.Evaluation> pool = new ArrayList<>();
    private NeuralOde poolModel;
    private int poolBatch;
    private int used;
    /** Counts forward passes, so that a stale pass (whose stages were reused) cannot run backward. */
    private long passes;

    BackpropThroughSolver(Solver solver, int maxRecordedSteps) {
        if (maxRecordedSteps < 1) {
            throw new IllegalArgumentException("maxRecordedSteps must be at least 1, got " + maxRecordedSteps);
        }
        this.maxRecordedSteps = maxRecordedSteps;
        this.solver = solver;
        if (solver instanceof AdaptiveRungeKutta adaptiveSolver) {
            tableau = adaptiveSolver.tableau();
            adaptive = true;
            fixedDt = Double.NaN;
            tolerances = adaptiveSolver.tolerances();
            maxSteps = Math.min(adaptiveSolver.maxSteps(), maxRecordedSteps);
        } else if (solver instanceof FixedStepRungeKutta fixed) {
            tableau = fixed.tableau();
            adaptive = false;
            fixedDt = fixed.dt();
            tolerances = null;
            maxSteps = maxRecordedSteps;
        } else {
            throw new IllegalArgumentException("solver must be a FixedStepRungeKutta or an AdaptiveRungeKutta"
                    + " (e.g. Solvers.rk4(dt) or Solvers.dormandPrince(rtol, atol)) to backpropagate through it, got "
                    + solver + "; use GradientMethod.adjoint(solver) for any other solver");
        }
    }

    @Override
    public Solver solver() {
        return solver;
    }

    /** One accepted step: its start, size, initial state and stages; {@code output} = index of the time it lands on, or -1. */
    private static final class Step {
        double t;
        double dt;
        NeuralOde.Evaluation[] stages;
        int output = -1;
        /** Output times strictly inside the step, reached by dense output, and their weights. */
        List<Integer> interiorOutputs = List.of();
        List<double[]> interiorWeights = List.of();

        void addInterior(int output, double[] weights) {
            if (interiorOutputs.isEmpty()) {
                interiorOutputs = new ArrayList<>();
                interiorWeights = new ArrayList<>();
            }
            interiorOutputs.add(output);
            interiorWeights.add(weights);
        }
    }

    @Override
    public Pass forward(NeuralOde model, double[] h0, double[] times) {
        int batchSize = model.rows(h0.length);
        if (times == null || times.length < 2) {
            throw new IllegalArgumentException("times must hold at least two times");
        }
        preparePool(model, batchSize);
        double[][] predictions = new double[times.length][];
        predictions[0] = h0.clone();
        List<Step> steps = new ArrayList<>();
        int forward = adaptive ? forwardAdaptive(model, h0, times, predictions, steps)
                               : forwardFixed(model, h0, times, predictions, steps);
        long pass = ++passes;
        long stored = storedValues(steps, predictions);
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
                if (pass != passes) {
                    throw new IllegalStateException("this forward pass was overwritten by a later one: call"
                            + " backward before the next forward (the recorded stages are reused)");
                }
                return reverse(model, steps, times.length, h0.length, cotangents);
            }
        };
    }

    /** The recorded evaluations (each once, though a shared first stage appears in two steps) and predictions. */
    private static long storedValues(List<Step> steps, double[][] predictions) {
        java.util.Set<NeuralOde.Evaluation> distinct = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        long count = 0;
        for (Step step : steps) {
            for (NeuralOde.Evaluation evaluation : step.stages) {
                if (distinct.add(evaluation)) {
                    count += evaluation.storedValues();
                }
            }
        }
        for (double[] prediction : predictions) {
            count += prediction.length;
        }
        return count;
    }

    /** Reverse mode through the recorded steps, from the last to the first. */
    private Gradient reverse(NeuralOde model, List<Step> steps, int outputs, int n, double[][] cotangents) {
        if (cotangents.length != outputs) {
            throw new IllegalArgumentException("cotangents must have one row per output time (" + outputs + "), got "
                    + cotangents.length);
        }
        int s = tableau.stages();
        double[] dTheta = new double[model.parameterCount()];
        double[] yBar = cotangents[outputs - 1].clone();
        double[][] kBar = new double[s][n];
        double[] carry = null;   // cotangent of a first-same-as-last stage, owed to the previous step
        int backward = 0;
        double[][] a = tableau.a();
        double[] b = tableau.b();
        for (int m = steps.size() - 1; m >= 0; m--) {
            Step step = steps.get(m);
            if (step.output >= 0 && step.output != outputs - 1) {
                add(yBar, cotangents[step.output]);
            }
            for (int i = 0; i < s; i++) {
                double w = step.dt * b[i];
                double[] ki = kBar[i];
                for (int j = 0; j < n; j++) {
                    ki[j] = w * yBar[j];
                }
            }
            if (carry != null) {
                add(kBar[s - 1], carry);
                carry = null;
            }
            for (int o = 0; o < step.interiorOutputs.size(); o++) {
                double[] c = cotangents[step.interiorOutputs.get(o)];
                double[] weights = step.interiorWeights.get(o);
                for (int i = 0; i < s; i++) {
                    addScaled(kBar[i], step.dt * weights[i], c);
                }
                add(yBar, c);   // y(t + x dt) = y + dt sum_i beta_i k_i: the identity path
            }
            // yBar now accumulates dL/dy at the start of the step: the identity path plus each stage
            for (int i = s - 1; i >= 0; i--) {
                if (i == 0 && m > 0 && sharesFirstStage()) {
                    carry = kBar[0].clone();
                    break;
                }
                if (isZero(kBar[i])) {
                    continue;
                }
                double[] zBar = model.vjp(step.stages[i], kBar[i], dTheta);
                backward++;
                add(yBar, zBar);
                double[] ai = a[i];
                for (int j = 0; j < i; j++) {
                    addScaled(kBar[j], step.dt * ai[j], zBar);
                }
            }
        }
        add(yBar, cotangents[0]);   // predictions[0] is h0 itself
        return new Gradient(dTheta, yBar, backward);
    }

    /** The first stage of each step after the first is the previous step's last stage (FSAL reuse). */
    private boolean sharesFirstStage() {
        return tableau.firstSameAsLast();
    }

    private int forwardFixed(NeuralOde model, double[] h0, double[] times, double[][] predictions, List<Step> steps) {
        int n = h0.length;
        double[] y = h0.clone();
        NeuralOde.Evaluation last = null;
        int evaluations = 0;
        for (int i = 1; i < times.length; i++) {
            double span = times[i] - times[i - 1];
            int count = Math.max(1, (int) Math.ceil(Math.abs(span) / fixedDt * (1 - 1e-12)));
            double dt = span / count;
            if (steps.size() + count > maxSteps) {
                throw tooManySteps(times[i - 1], dt, times[times.length - 1]);
            }
            for (int q = 0; q < count; q++) {
                double t = times[i - 1] + q * dt;
                Step step = new Step();
                step.t = t;
                step.dt = dt;
                step.stages = new NeuralOde.Evaluation[tableau.stages()];
                if (last != null && sharesFirstStage()) {
                    step.stages[0] = last;
                } else {
                    step.stages[0] = acquire();
                    model.evaluate(y, step.stages[0]);
                    evaluations++;
                }
                evaluations += stages(model, step, y, n);
                combine(step, tableau.b(), y, n);
                requireFinite(y, t, dt);
                last = step.stages[tableau.stages() - 1];
                steps.add(step);
            }
            steps.get(steps.size() - 1).output = i;
            predictions[i] = y.clone();
        }
        return evaluations;
    }

    private int forwardAdaptive(NeuralOde model, double[] h0, double[] times, double[][] predictions, List<Step> steps) {
        int n = h0.length;
        int s = tableau.stages();
        boolean interpolate = tableau == ButcherTableau.DORMAND_PRINCE;
        double tEnd = times[times.length - 1];
        double direction = Math.signum(tEnd - times[0]);
        double[] y = h0.clone();
        double[] yNew = new double[n];
        double[] error = new double[n];
        double t = times[0];
        NeuralOde.Evaluation first = acquire();
        double[] f0 = model.evaluate(y, first);
        int evaluations = 1;
        // the probe evaluation is not recorded: the step size is a constant for reverse mode
        double dt = direction * tolerances.startingStep(model, t, y, f0, direction, Math.abs(tEnd - t),
                tableau.order());
        evaluations++;
        double previousErrorNorm = 1e-4;
        boolean afterRejection = false;
        int tried = 0;
        int next = 1;
        while (next < times.length) {
            if (++tried > maxSteps) {
                throw tooManySteps(t, dt, tEnd);
            }
            double proposed = dt;
            double target = interpolate ? tEnd : times[next];
            boolean clamped = direction * (t + dt - target) >= 0;
            if (clamped) {
                dt = target - t;
            }
            if (Math.abs(dt) < 10 * Math.ulp(t)) {
                throw new SolverException(t, dt, "step size underflow while backpropagating through the solver;"
                        + " the learned vector field has probably become stiff or explosive");
            }
            Step step = new Step();
            step.t = t;
            step.dt = dt;
            step.stages = new NeuralOde.Evaluation[s];
            step.stages[0] = first;
            int mark = used;
            evaluations += stages(model, step, y, n);
            combineInto(step, tableau.b(), y, yNew, n, true);
            combineInto(step, tableau.e(), y, error, n, false);
            double errorNorm = tolerances.errorNorm(error, y, yNew);
            if (errorNorm <= 1) {
                double tNew = clamped ? target : t + dt;
                while (next < times.length && direction * (times[next] - tNew) <= 0) {
                    if (times[next] == tNew) {
                        step.output = next;
                        predictions[next++] = yNew.clone();
                    } else {
                        double x = (times[next] - t) / dt;
                        double[] weights = DenseOutput.dormandPrinceWeights(x);
                        predictions[next] = new double[n];
                        combineInto(step, weights, y, predictions[next], n, true);
                        step.addInterior(next++, weights);
                    }
                }
                steps.add(step);
                y = yNew.clone();
                if (sharesFirstStage()) {
                    first = step.stages[s - 1];
                } else {
                    first = acquire();
                    model.evaluate(y, first);
                    evaluations++;
                }
                double factor = controller.afterAcceptance(errorNorm, previousErrorNorm, tableau.order(), afterRejection);
                previousErrorNorm = Math.max(errorNorm, 1e-4);
                afterRejection = false;
                t = tNew;
                // a step shortened to land on an output time says nothing about the step size the solution allows
                dt = clamped ? direction * Math.max(Math.abs(dt * factor), Math.abs(proposed)) : dt * factor;
            } else {
                used = mark;   // the rejected stages go back to the pool
                afterRejection = true;
                dt *= controller.afterRejection(errorNorm, tableau.order());
            }
        }
        return evaluations;
    }

    /** Evaluates stages 1 .. s-1 of a step whose stage 0 is set; returns the number of evaluations. */
    private int stages(NeuralOde model, Step step, double[] y, int n) {
        double[][] a = tableau.a();
        double[] z = new double[n];
        int s = tableau.stages();
        for (int i = 1; i < s; i++) {
            double[] ai = a[i];
            System.arraycopy(y, 0, z, 0, n);
            for (int j = 0; j < i; j++) {
                addScaled(z, step.dt * ai[j], step.stages[j].output());
            }
            step.stages[i] = acquire();
            model.evaluate(z, step.stages[i]);
        }
        return s - 1;
    }

    private static void combine(Step step, double[] weights, double[] y, int n) {
        combineInto(step, weights, y, y, n, true);
    }

    /** {@code out = (addY ? y : 0) + dt sum_i w_i k_i} ({@code out} may be {@code y}). */
    private static void combineInto(Step step, double[] weights, double[] y, double[] out, int n, boolean addY) {
        double[] sum = new double[n];
        for (int i = 0; i < weights.length; i++) {
            addScaled(sum, weights[i], step.stages[i].output());
        }
        for (int q = 0; q < n; q++) {
            out[q] = (addY ? y[q] : 0) + step.dt * sum[q];
        }
    }

    private void preparePool(NeuralOde model, int batch) {
        if (model != poolModel || batch != poolBatch) {
            pool.clear();
            poolModel = model;
            poolBatch = batch;
        }
        used = 0;
    }

    private NeuralOde.Evaluation acquire() {
        if (used == pool.size()) {
            pool.add(poolModel.newEvaluation(poolBatch, pool.isEmpty() ? null : pool.get(0)));
        }
        return pool.get(used++);
    }

    private SolverException tooManySteps(double t, double dt, double tEnd) {
        return new SolverException(t, dt, "too many steps: " + maxSteps + " steps did not reach t = " + tEnd
                + " (backprop records every step, and this limit keeps its memory bounded; it can be raised with"
                + " GradientMethod.backprop(solver, maxRecordedSteps))");
    }

    private static void requireFinite(double[] y, double t, double dt) {
        for (int q = 0; q < y.length; q++) {
            if (!Double.isFinite(y[q])) {
                throw new SolverException(t, dt, "the state is not finite: h[" + q + "] = " + y[q]
                        + "; the learned vector field blew up");
            }
        }
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
