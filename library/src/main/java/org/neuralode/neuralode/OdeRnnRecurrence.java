package org.neuralode.neuralode;

import org.neuralode.nn.GruCell;

/**
 * The ODE-RNN recurrence (Rubanova, Chen and Duvenaud, NeurIPS 2019, Algorithm 1): from
 * {@code h = 0} at the first time, along the given times (increasing, or decreasing for an
 * encoder run backwards),
 * <pre>
 *   h_k^- = ODESolve(f, h_{k-1}^+, (t_{k-1}, t_k))      the hidden state follows a neural ODE between times
 *   h_k^+ = GRU(h_k^-, x_k)  where x_k is observed,  h_k^- elsewhere
 * </pre>
 * one batched solve per interval for the whole batch (the union of the trajectories' times, each
 * trajectory's own observations picked by the mask).
 *
 * <p>Reverse mode walks the intervals backwards. Each interval's solve is run again from the
 * state kept at its start and differentiated at once ({@link GradientMethod.Pass#backward}), so
 * one {@link GradientMethod} serves every interval (a backprop pass is valid only until its next
 * forward pass), and memory holds one interval's recording, not all of them: checkpointing at the
 * observation times, at the price of solving every interval twice. With the adjoint each
 * interval's backward solve starts from the cotangent the GRU update left: the jumps of the
 * adjoint at observations are the GRU's vector-Jacobian products.
 */
final class OdeRnnRecurrence {

    private final NeuralOde field;
    private final GruCell cell;
    private final int cellOffset;
    private final GradientMethod gradients;

    OdeRnnRecurrence(NeuralOde field, GruCell cell, int cellOffset, GradientMethod gradients) {
        this.field = field;
        this.cell = cell;
        this.cellOffset = cellOffset;
        this.gradients = gradients;
    }

    /** What a forward walk recorded. */
    final class Walk {
        final double[] times;
        final int batch;
        /** {@code before[k]}: the state at {@code times[k]} before the update there. */
        final double[][] before;
        /** {@code after[k]}: the state after it. */
        final double[][] after;
        final GruCell.Trace[] traces;
        int forwardEvaluations;
        int solves;

        Walk(double[] times, int batch) {
            this.times = times;
            this.batch = batch;
            before = new double[times.length][];
            after = new double[times.length][];
            traces = new GruCell.Trace[times.length];
        }

        /** @return the state after the last update */
        double[] last() {
            return after[times.length - 1];
        }
    }

    /**
     * @param theta  the flat parameters (the GRU reads its block; the field its own, pulled)
     * @param times  the times in the order walked
     * @param inputs {@code inputs[k]}: the GRU's input rows at {@code times[k]}
     * @param update {@code update[k][b]}: whether row {@code b} is updated at {@code times[k]}
     * @param batch  the number of rows
     */
    Walk forward(double[] theta, double[] times, double[][] inputs, boolean[][] update, int batch) {
        Walk walk = new Walk(times, batch);
        double[] h = new double[batch * cell.hiddenSize()];
        for (int k = 0; k < times.length; k++) {
            if (k > 0) {
                var solution = gradients.solver().solve(field, h, new double[] {times[k - 1], times[k]});
                h = solution.last().clone();
                walk.forwardEvaluations += solution.statistics().evaluations();
                walk.solves++;
            }
            walk.before[k] = h;
            walk.traces[k] = cell.newTrace(batch);
            h = cell.forward(theta, cellOffset, h, inputs[k], update[k], walk.traces[k]).clone();
            walk.after[k] = h;
        }
        return walk;
    }

    /**
     * Reverse mode through a walk.
     *
     * @param theta     the flat parameters of the forward walk
     * @param walk      the walk
     * @param dBefore   {@code dL/dh_k^-} for every k (null rows: zero)
     * @param dLast     {@code dL/dh_K^+} (null: zero)
     * @param gradient  receives {@code +=} the GRU's gradient at its offset and the field's at {@code fieldOffset}
     * @param fieldOffset where the field's parameters sit in the flat vector
     * @return the evaluations of the backward pass: {@code {recomputed forward evaluations, vector-Jacobian products}}
     */
    int[] backward(double[] theta, Walk walk, double[][] dBefore, double[] dLast, double[] gradient, int fieldOffset) {
        int n = walk.batch * cell.hiddenSize();
        double[] g = dLast == null ? new double[n] : dLast.clone();
        double[] dh = new double[n];
        double[] dx = new double[walk.batch * cell.inputSize()];
        int recomputed = 0;
        int vjps = 0;
        for (int k = walk.times.length - 1; k >= 0; k--) {
            cell.vjp(theta, cellOffset, walk.traces[k], g, dh, dx, gradient);
            if (dBefore != null && dBefore[k] != null) {
                for (int q = 0; q < n; q++) {
                    dh[q] += dBefore[k][q];
                }
            }
            if (k == 0) {
                break;
            }
            GradientMethod.Pass pass = gradients.forward(field, walk.after[k - 1],
                    new double[] {walk.times[k - 1], walk.times[k]});
            GradientMethod.Gradient interval = pass.backward(new double[][] {new double[n], dh});
            recomputed += pass.forwardEvaluations();
            vjps += interval.backwardEvaluations();
            ParameterLayout.addAt(gradient, fieldOffset, interval.parameters());
            g = interval.initialState().clone();
        }
        return new int[] {recomputed, vjps};
    }
}
