package org.neuralode.neuralode;

import java.util.Random;
import org.neuralode.data.IrregularBatch;
import org.neuralode.nn.GruCell;
import org.neuralode.nn.Initialization;
import org.neuralode.nn.Mlp;

/**
 * A GRU whose hidden state decays towards zero between observations, at a learned rate per
 * component: the hidden-state decay of GRU-D (Che, Purushotham, Cho, Sontag and Liu, "Recurrent
 * Neural Networks for Multivariate Time Series with Missing Values", Scientific Reports 8, 2018,
 * eq. (6); their input decay and masking inputs are left out). For a trajectory whose last
 * observation was at {@code s}, at any time {@code t}
 * <pre>
 *   gamma(t) = exp(-max(0, w (t - s) + c)),   h(t) = gamma(t) * h_s        (componentwise; w, c learned)
 *   x_hat(t) = g(h(t)),                       g an MLP (hidden -> width -> d, tanh)
 *   h_t      = GRU(h(t), x_t)                 at an observation x_t, read after the prediction
 * </pre>
 * The gap enters only through the decay: between observations the state follows a fixed
 * one-parameter flow {@code dh/dt = -w h} (while {@code w (t - s) + c > 0}), the simplest continuous-time
 * state, between RNN-Δt (no flow, the gap as an input) and the ODE-RNN (a learned flow). Batched as
 * {@link OdeRnn}: the union of the times with masks. Trained on the mean squared error at the
 * target points.
 */
public final class GruD implements TrainableModel<IrregularBatch> {

    private final int dimension;
    private final int hidden;
    private final GruCell cell;
    private final Mlp decoder;
    private final ParameterLayout layout = new ParameterLayout();
    private final int cellOffset;
    private final int decayOffset;
    private final int decoderOffset;

    /**
     * @param dimension    {@code d}, the length of an observed value
     * @param hidden       the length of the hidden state
     * @param decoderWidth the hidden layer of the decoder {@code g}
     * @param seed         the seed of the initial parameters
     */
    public GruD(int dimension, int hidden, int decoderWidth, long seed) {
        if (dimension < 1 || hidden < 1 || decoderWidth < 1) {
            throw new IllegalArgumentException("dimension, hidden and decoderWidth must be at least 1, got " + dimension
                    + ", " + hidden + ", " + decoderWidth);
        }
        this.dimension = dimension;
        this.hidden = hidden;
        cell = new GruCell(dimension, hidden);
        decoder = Mlp.builder(hidden).dense(decoderWidth).tanh().dense(dimension)
                .initialization(Initialization.glorot()).seed(seed + 1).build();
        cellOffset = layout.reserve(cell.parameterCount());
        decayOffset = layout.reserve(2 * hidden);
        decoderOffset = layout.add(decoder.theta());
        Random random = new Random(seed);
        cell.initialize(layout.theta(), cellOffset, random);
        for (int j = 0; j < hidden; j++) {   // rates w in [0, 1): from no decay to e-folding in a time unit; c = 0
            layout.theta()[decayOffset + j] = random.nextDouble();
        }
    }

    @Override
    public double[] parameters() {
        return layout.theta();
    }

    /** What a walk along the times recorded: per time, the state before decay, the gaps, gamma, the decayed state. */
    private record Walk(double[][] before, double[][] gaps, double[][] gamma, double[] decayed, GruCell.Trace[] traces,
            Mlp.Trace decoderTrace, double[] outputs) {
    }

    private Walk walk(IrregularBatch batch) {
        if (batch.dimension() != dimension) {
            throw new IllegalArgumentException("batch dimension " + batch.dimension() + " differs from the model's "
                    + dimension);
        }
        layout.pull();
        double[] theta = layout.theta();
        int rows = batch.batchSize();
        int m = hidden;
        double[] times = batch.times();
        double[] h = new double[rows * m];
        double[] last = new double[rows];
        java.util.Arrays.fill(last, times[0]);
        double[][] before = new double[times.length][];
        double[][] gaps = new double[times.length][rows];
        double[][] gamma = new double[times.length][rows * m];
        double[] decayed = new double[times.length * rows * m];
        GruCell.Trace[] traces = new GruCell.Trace[times.length];
        for (int k = 0; k < times.length; k++) {
            before[k] = h.clone();
            double[] hd = new double[rows * m];
            for (int b = 0; b < rows; b++) {
                double gap = times[k] - last[b];
                gaps[k][b] = gap;
                for (int j = 0; j < m; j++) {
                    double a = theta[decayOffset + j] * gap + theta[decayOffset + m + j];
                    double g = Math.exp(-Math.max(0, a));
                    gamma[k][b * m + j] = g;
                    hd[b * m + j] = g * h[b * m + j];
                }
            }
            System.arraycopy(hd, 0, decayed, k * rows * m, rows * m);
            traces[k] = cell.newTrace(rows);
            double[] updated = cell.forward(theta, cellOffset, hd, batch.values()[k], batch.input()[k], traces[k]);
            for (int b = 0; b < rows; b++) {
                if (batch.input()[k][b]) {   // a row not observed here keeps its undecayed state and its last time
                    System.arraycopy(updated, b * m, h, b * m, m);
                    last[b] = times[k];
                }
            }
        }
        Mlp.Trace decoderTrace = decoder.newTrace(times.length * rows);
        double[] outputs = decoder.forward(decayed, times.length * rows, decoderTrace);
        return new Walk(before, gaps, gamma, decayed, traces, decoderTrace, outputs);
    }

    /** @return {@code predictions[k]}: the batch's predicted values at {@code batch.times()[k]} */
    public double[][] predict(IrregularBatch batch) {
        return predictions(walk(batch), batch);
    }

    /** @return the mean squared error of the predictions at the batch's target points */
    public double meanSquaredError(IrregularBatch batch) {
        return batch.meanSquaredError(predict(batch));
    }

    /** @return the learned decay rates {@code w} and offsets {@code c}, {@code [w_0..w_{m-1}, c_0..c_{m-1}]} */
    public double[] decay() {
        return java.util.Arrays.copyOfRange(layout.theta(), decayOffset, decayOffset + 2 * hidden);
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
        int m = hidden;
        int d = dimension;
        int times = batch.times().length;
        double[] dOut = batch.meanSquaredErrorGradient(predictions);
        double[] gradient = new double[theta.length];
        double[] dDecoder = new double[decoder.parameterCount()];
        double[] dDecayed = decoder.vjp(walk.decoderTrace(), dOut, dDecoder);
        ParameterLayout.addAt(gradient, decoderOffset, dDecoder);
        // backwards: g = dL/dh, the undecayed state after step k (the one step k + 1 decays)
        double[] g = new double[rows * m];
        double[] dCell = new double[rows * m];
        double[] dHd = new double[rows * m];
        double[] dx = new double[rows * d];
        for (int k = times - 1; k >= 0; k--) {
            boolean[] input = batch.input()[k];
            for (int b = 0; b < rows; b++) {
                for (int j = 0; j < m; j++) {
                    dCell[b * m + j] = input[b] ? g[b * m + j] : 0;
                }
            }
            cell.vjp(theta, cellOffset, walk.traces()[k], dCell, dHd, dx, gradient);
            for (int b = 0; b < rows; b++) {
                double gap = walk.gaps()[k][b];
                for (int j = 0; j < m; j++) {
                    int at = b * m + j;
                    double total = dHd[at] + dDecayed[k * rows * m + at];   // the GRU and the prediction read h(t_k)
                    double gam = walk.gamma()[k][at];
                    double before = walk.before()[k][at];
                    double a = theta[decayOffset + j] * gap + theta[decayOffset + m + j];
                    if (a > 0) {   // d gamma / da = -gamma where the max is active, 0 where it clips
                        double dA = -total * before * gam;
                        gradient[decayOffset + j] += dA * gap;
                        gradient[decayOffset + m + j] += dA;
                    }
                    // a row observed at k: the state before came only through the decay; else also unchanged
                    g[at] = gam * total + (input[b] ? 0 : g[at]);
                }
            }
        }
        return new BatchGradient(loss, gradient, 0, 0);
    }

    @Override
    public String toString() {
        return "GRU-D (hidden-state decay): " + cell + ", decoder " + decoder + ", " + layout.theta().length
                + " parameters";
    }
}
