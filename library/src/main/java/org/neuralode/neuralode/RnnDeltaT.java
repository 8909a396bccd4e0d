package org.neuralode.neuralode;

import java.util.Random;
import org.neuralode.data.IrregularBatch;
import org.neuralode.nn.GruCell;
import org.neuralode.nn.Initialization;
import org.neuralode.nn.Mlp;

/**
 * The RNN-Δt baseline of Rubanova, Chen and Duvenaud (NeurIPS 2019, Section 4): a GRU that is
 * told the time gap. The hidden state stays constant between observations; at an observation
 * {@code x_k} of a trajectory whose previous observation was at {@code s},
 * <pre>
 *   h &lt;- GRU(h, [x_k, t_k - s]),
 * </pre>
 * and the value at any time {@code t} is predicted from the state and the time since the last
 * observation, before an observation at {@code t} is read:
 * <pre>
 *   x_hat(t) = g([h, t - s]),   g an MLP (hidden + 1 -> width -> d, tanh).
 * </pre>
 * Nothing in it is continuous in time: what happens in a gap of length {@code Δ} is whatever
 * the networks learned to do with the number {@code Δ}, learned from the gaps seen in training.
 * Batched as {@link OdeRnn}: the union of the times with masks. Trained on the mean squared error
 * at the target points.
 */
public final class RnnDeltaT implements TrainableModel<IrregularBatch> {

    private final int dimension;
    private final GruCell cell;
    private final Mlp decoder;
    private final ParameterLayout layout = new ParameterLayout();
    private final int cellOffset;
    private final int decoderOffset;

    /**
     * @param dimension    {@code d}, the length of an observed value
     * @param hidden       the length of the hidden state
     * @param decoderWidth the hidden layer of the decoder {@code g}
     * @param seed         the seed of the initial parameters
     */
    public RnnDeltaT(int dimension, int hidden, int decoderWidth, long seed) {
        if (dimension < 1 || hidden < 1 || decoderWidth < 1) {
            throw new IllegalArgumentException("dimension, hidden and decoderWidth must be at least 1, got " + dimension
                    + ", " + hidden + ", " + decoderWidth);
        }
        this.dimension = dimension;
        cell = new GruCell(dimension + 1, hidden);
        decoder = Mlp.builder(hidden + 1).dense(decoderWidth).tanh().dense(dimension)
                .initialization(Initialization.glorot()).seed(seed + 1).build();
        cellOffset = layout.reserve(cell.parameterCount());
        decoderOffset = layout.add(decoder.theta());
        cell.initialize(layout.theta(), cellOffset, new Random(seed));
    }

    @Override
    public double[] parameters() {
        return layout.theta();
    }

    /** What a walk along the times recorded. */
    private record Walk(double[] decoderInputs, GruCell.Trace[] traces, Mlp.Trace decoderTrace, double[] outputs) {
    }

    private Walk walk(IrregularBatch batch) {
        if (batch.dimension() != dimension) {
            throw new IllegalArgumentException("batch dimension " + batch.dimension() + " differs from the model's "
                    + dimension);
        }
        layout.pull();
        double[] theta = layout.theta();
        int rows = batch.batchSize();
        int m = cell.hiddenSize();
        int d = dimension;
        double[] times = batch.times();
        double[] h = new double[rows * m];
        double[] last = new double[rows];
        java.util.Arrays.fill(last, times[0]);
        double[] decoderInputs = new double[times.length * rows * (m + 1)];
        GruCell.Trace[] traces = new GruCell.Trace[times.length];
        double[] x = new double[rows * (d + 1)];
        for (int k = 0; k < times.length; k++) {
            for (int b = 0; b < rows; b++) {
                int at = (k * rows + b) * (m + 1);
                System.arraycopy(h, b * m, decoderInputs, at, m);
                decoderInputs[at + m] = times[k] - last[b];
                System.arraycopy(batch.values()[k], b * d, x, b * (d + 1), d);
                x[b * (d + 1) + d] = times[k] - last[b];
            }
            traces[k] = cell.newTrace(rows);
            h = cell.forward(theta, cellOffset, h, x, batch.input()[k], traces[k]).clone();
            for (int b = 0; b < rows; b++) {
                if (batch.input()[k][b]) {
                    last[b] = times[k];
                }
            }
        }
        Mlp.Trace decoderTrace = decoder.newTrace(times.length * rows);
        double[] outputs = decoder.forward(decoderInputs, times.length * rows, decoderTrace);
        return new Walk(decoderInputs, traces, decoderTrace, outputs);
    }

    /** @return {@code predictions[k]}: the batch's predicted values at {@code batch.times()[k]} */
    public double[][] predict(IrregularBatch batch) {
        return predictions(walk(batch), batch);
    }

    /** @return the mean squared error of the predictions at the batch's target points */
    public double meanSquaredError(IrregularBatch batch) {
        return batch.meanSquaredError(predict(batch));
    }

    private double[][] predictions(Walk walk, IrregularBatch batch) {
        int rows = batch.batchSize();
        double[][] p = new double[batch.times().length][rows * dimension];
        for (int k = 0; k < p.length; k++) {
            System.arraycopy(walk.outputs(), k * rows * dimension, p[k], 0, rows * dimension);
        }
        return p;
    }

    @Override
    public BatchGradient lossAndGradient(IrregularBatch batch) {
        Walk walk = walk(batch);
        double[] theta = layout.theta();
        double[][] predictions = predictions(walk, batch);
        double loss = batch.meanSquaredError(predictions);
        int rows = batch.batchSize();
        int m = cell.hiddenSize();
        int d = dimension;
        int times = batch.times().length;
        double[] dOut = batch.meanSquaredErrorGradient(predictions);
        double[] gradient = new double[theta.length];
        double[] dDecoder = new double[decoder.parameterCount()];
        double[] dInputs = decoder.vjp(walk.decoderTrace(), dOut, dDecoder);
        ParameterLayout.addAt(gradient, decoderOffset, dDecoder);
        // backwards through the updates: g = dL/dh after the update at k
        double[] g = new double[rows * m];
        double[] dh = new double[rows * m];
        double[] dx = new double[rows * (d + 1)];
        for (int k = times - 1; k >= 0; k--) {
            cell.vjp(theta, cellOffset, walk.traces()[k], g, dh, dx, gradient);
            for (int b = 0; b < rows; b++) {
                int at = (k * rows + b) * (m + 1);
                for (int j = 0; j < m; j++) {
                    dh[b * m + j] += dInputs[at + j];
                }
            }
            double[] swap = g;
            g = dh;
            dh = swap;
        }
        return new BatchGradient(loss, gradient, 0, 0);
    }

    @Override
    public String toString() {
        return "RNN-Δt: " + cell + ", decoder " + decoder + ", " + layout.theta().length + " parameters";
    }
}
