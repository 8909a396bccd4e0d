package org.neuralode.solvers;

import java.util.Arrays;

/**
 * One step of an explicit Runge-Kutta method given by its {@link ButcherTableau}: the single
 * core that every explicit solver of this package drives,
 * <pre>
 *   k_i     = f(t + c_i dt, h + dt * sum_{j &lt; i} a_ij k_j),   i = 0 .. s-1
 *   h_new   = h + dt * sum_i b_i k_i
 *   err     = dt * sum_i e_i k_i                         (embedded pairs only)
 * </pre>
 * (Hairer, Norsett and Wanner, <i>Solving ODEs I</i>, Section II.1, eq. (1.8), and II.4 for the
 * embedded error estimate), extended after an accepted step by {@code f(t + dt, h_new)} and the
 * dense output's extra stages (see {@link DenseOutput}). The first stage is set by the caller,
 * which lets a first-same-as-last (FSAL) method reuse the previous step's last stage.
 *
 * <p>The vector field is always handed a copy of the solver's state (or a stage input the step
 * recomputes anyway), so a field that writes into its argument cannot corrupt the solve. The
 * buffers are allocated once per solve and reused by every step, so the hot loop allocates only
 * what the vector field itself returns.
 */
final class ExplicitRungeKuttaStep {

    private final ButcherTableau tableau;
    private final DenseOutput dense;
    private final int s;
    private final int n;
    /** The extended stages: k_0 .. k_{s-1}, f(t + dt, h_new), the dense output's extra stages. */
    private final double[][] stages;
    /** The number of the evaluation behind each stage: the solve's calls of f counted from 0. */
    private final int[] stageEvaluations;
    /** Row i: the coefficients of the earlier stages in stage i's input (row s is b). */
    private final double[][] coupling;
    private final double[] hNew;
    private final double[] input;
    /** Scratch space of {@link #combine}: the weighted sum of the stages. */
    private final double[] sum;
    private final double[] outputWeights;
    /** Scaled error estimates, one buffer per estimate the method's error measure asks for (DOP853: two). */
    private final double[][] scaledEstimates = new double[2][];
    /** The start of the step being measured and the tolerances that scale its errors, during {@link #errorNorm}. */
    private double[] measuredFrom;
    private Tolerances tolerances;
    /** The step size of the step just attempted. */
    private double dt;
    /** How many extended stages the current step has computed. */
    private int stageCount;
    private int evaluations;
    /** Outputs of the current step, kept only while a {@link StepObserver} is attached. */
    private int[] outputIndices = NO_OUTPUTS;
    private double[][] outputWeightRows = NO_WEIGHTS;

    private static final int[] NO_OUTPUTS = new int[0];
    private static final double[][] NO_WEIGHTS = new double[0][];

    ExplicitRungeKuttaStep(ButcherTableau tableau, int n) {
        this.tableau = tableau;
        this.dense = tableau.denseOutput();
        this.s = tableau.stages();
        this.n = n;
        int extended = s + 1 + dense.extraStages();
        this.stages = new double[extended][];
        this.stageEvaluations = new int[extended];
        this.coupling = new double[extended][];
        for (int i = 0; i < s; i++) {
            coupling[i] = tableau.couplingRow(i);
        }
        coupling[s] = tableau.weights();
        for (int i = 0; i < dense.extraStages(); i++) {
            coupling[s + 1 + i] = dense.extraCouplingRow(i);
        }
        this.hNew = new double[n];
        this.input = new double[n];
        this.sum = new double[n];
        this.outputWeights = new double[extended];
    }

    /**
     * {@code f(t, y)}, counted (it is evaluation number {@link #evaluations()} - 1 of the solve),
     * with the length checked; {@code y} is copied first unless it is this step's own stage input,
     * and a field that returns its argument gets a copy back. Every call of {@code f} a solve makes
     * goes through here, so that the numbers a {@link StepObserver} is told are the order of the calls.
     */
    double[] evaluate(VectorField f, double t, double[] y) {
        if (y != input) {
            System.arraycopy(y, 0, input, 0, n);
        }
        double[] dy = f.at(t, input);
        evaluations++;
        if (dy == null || dy.length != n) {
            throw new IllegalArgumentException("the vector field must return an array of the state's length "
                    + n + ", got " + (dy == null ? "null" : "length " + dy.length) + " at t = " + t);
        }
        return dy == input ? dy.clone() : dy;
    }

    /** Evaluates and sets {@code k_0 = f(t, h)} for the next {@link #attempt}; returns it. */
    double[] evaluateFirstStage(VectorField f, double t, double[] h) {
        stages[0] = evaluate(f, t, h);
        stageEvaluations[0] = evaluations - 1;
        return stages[0];
    }

    double[] firstStage() {
        return stages[0];
    }

    /** Computes stages 1..s-1 and {@code h_new}. */
    void attempt(VectorField f, double t, double[] h, double dt) {
        this.dt = dt;
        for (int i = 1; i < s; i++) {
            combine(h, dt, coupling[i], i, input);
            stages[i] = evaluate(f, t + tableau.node(i) * dt, input);
            stageEvaluations[i] = evaluations - 1;
        }
        combine(h, dt, tableau.weights(), s, hNew);
        stageCount = s;
        outputIndices = NO_OUTPUTS;
        outputWeightRows = NO_WEIGHTS;
    }

    /** {@code out = h + dt * sum_{i < count} w_i K_i}; zero weights (most of a tableau) cost nothing. */
    private void combine(double[] h, double dt, double[] w, int count, double[] out) {
        weightedSum(w, count, sum);
        for (int m = 0; m < n; m++) {
            out[m] = h[m] + dt * sum[m];
        }
    }

    /**
     * {@code out = sum_{i < count} w_i K_i}, skipping zero weights. Stage by stage, so that each
     * pass is one contiguous loop the JIT vectorises; every component still adds its terms in
     * the order of the stages, starting from 0, so the sums are those of a loop over the stages
     * inside a loop over the components, to the last bit.
     */
    private void weightedSum(double[] w, int count, double[] out) {
        Arrays.fill(out, 0, n, 0.0);
        for (int i = 0; i < count; i++) {
            double wi = w[i];
            if (wi != 0) {
                double[] k = stages[i];
                for (int m = 0; m < n; m++) {
                    out[m] += wi * k[m];
                }
            }
        }
    }

    /**
     * The error of the step just attempted, by the method's {@link ButcherTableau.ErrorMeasure}
     * in {@code norm} (accepted when at most 1); {@code +infinity}, a rejection, if it or the
     * proposed state (every component, measured or not) is not finite.
     */
    double errorNorm(double[] h, Tolerances tolerances, ErrorNorm norm) {
        if (Checks.firstNonFinite(hNew) >= 0) {
            return Double.POSITIVE_INFINITY;
        }
        measuredFrom = h;
        this.tolerances = tolerances;
        double error = tableau.errorMeasure().of(this, norm);
        measuredFrom = null;
        return Double.isFinite(error) ? error : Double.POSITIVE_INFINITY;
    }

    /** @return the error weights {@code e} of the method's embedded estimate */
    double[] errorWeights() {
        return tableau.errorWeights();
    }

    /**
     * The error estimate {@code dt sum_i w_i k_i} of the step just attempted, scaled by the
     * tolerances: {@code x_m = dt sum_i w_i k_i[m] / sc_m}, {@code sc} from {@link Tolerances#scale}.
     * Only while {@link #errorNorm} measures the step.
     *
     * @param errorWeights the weights {@code w} of an estimate over the method's stages
     * @param buffer       which of this step's two buffers receives it (0 or 1)
     * @return that buffer: read it before the next step
     */
    double[] scaledEstimate(double[] errorWeights, int buffer) {
        if (scaledEstimates[buffer] == null) {
            scaledEstimates[buffer] = new double[n];
        }
        double[] x = scaledEstimates[buffer];
        weightedSum(errorWeights, s, x);
        double[] h = measuredFrom;
        for (int m = 0; m < n; m++) {
            x[m] = dt * x[m] / tolerances.scale(h[m], hNew[m]);
        }
        return x;
    }

    /** @return the proposed new state (this step's buffer: copy it) */
    double[] hNew() {
        return hNew;
    }

    /**
     * Completes an accepted step with {@code f(t + dt, h_new)}: the last stage of a
     * first-same-as-last method, else one evaluation. It is the next step's first stage.
     */
    double[] completeStep(VectorField f, double tNew) {
        double[] fNew;
        if (tableau.firstSameAsLast()) {
            fNew = stages[s - 1];
            stageEvaluations[s] = stageEvaluations[s - 1];
        } else {
            fNew = evaluate(f, tNew, hNew);
            stageEvaluations[s] = evaluations - 1;
        }
        stages[s] = fNew;
        stageCount = s + 1;
        return fNew;
    }

    /**
     * Writes {@code h(t + x dt)} into {@code out} by the method's dense output; the first
     * interpolation of a step computes the extra stages it needs.
     */
    void interpolate(VectorField f, double t, double dt, double[] h, double fraction, double[] out) {
        if (stageCount == s + 1 && dense.extraStages() > 0) {
            for (int i = 0; i < dense.extraStages(); i++) {
                int stage = s + 1 + i;
                combine(h, dt, coupling[stage], stage, input);
                stages[stage] = evaluate(f, t + dense.extraNode(i) * dt, input);
                stageEvaluations[stage] = evaluations - 1;
            }
            stageCount = stages.length;
        }
        dense.weights(fraction, s, tableau.weights(), outputWeights);
        combine(h, dt, outputWeights, stageCount, out);
    }

    /** Remembers an output written in this step, for the observer: its index and weights. */
    void noteOutput(int index, boolean atEnd) {
        int k = outputIndices.length;
        outputIndices = Arrays.copyOf(outputIndices, k + 1);
        outputWeightRows = Arrays.copyOf(outputWeightRows, k + 1);
        outputIndices[k] = index;
        outputWeightRows[k] = atEnd ? tableau.weights() : Arrays.copyOf(outputWeights, stageCount);
    }

    /** Moves to the end of an accepted step: {@code h = h_new}, and its last evaluation becomes {@code k_0}. */
    void advance(double[] h) {
        System.arraycopy(hNew, 0, h, 0, n);
        int last = stageCount > s ? s : tableau.firstSameAsLast() ? s - 1 : -1;
        stages[0] = last < 0 ? null : stages[last];
        stageEvaluations[0] = last < 0 ? -1 : stageEvaluations[last];
    }

    /** @return the step just tried, for a {@link StepObserver} */
    StepObserver.Attempt describe(double t, double dt, boolean accepted, double errorNorm) {
        int count = accepted ? stageCount : s;
        return new StepObserver.Attempt(t, dt, accepted, errorNorm, Arrays.copyOf(stageEvaluations, count),
                Arrays.copyOf(coupling, count), tableau.weights(), accepted ? outputIndices : NO_OUTPUTS,
                accepted ? outputWeightRows : NO_WEIGHTS);
    }

    /** @return the largest |k_i| over the components of the method's stages of the step just attempted */
    double largestStageSlope() {
        double largest = 0;
        for (int i = 0; i < s; i++) {
            largest = Math.max(largest, Checks.maxAbs(stages[i]));
        }
        return largest;
    }

    /** @return calls of the vector field made through this step object */
    int evaluations() {
        return evaluations;
    }
}
