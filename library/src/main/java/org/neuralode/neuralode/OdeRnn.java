package org.neuralode.neuralode;

import java.util.Random;
import org.neuralode.data.IrregularBatch;
import org.neuralode.nn.GruCell;
import org.neuralode.nn.Initialization;
import org.neuralode.nn.Mlp;

/**
 * The ODE-RNN of Rubanova, Chen and Duvenaud ("Latent ODEs for Irregularly-Sampled Time Series",
 * NeurIPS 2019, Section 3, Algorithm 1) as a forecaster: a hidden state {@code h} starts at 0 at
 * the window's start, follows a neural ODE {@code dh/dt = f_theta(h)} between observation times
 * and is updated by a GRU at each observation; the value at any time {@code t} is predicted from
 * the state reached there <em>before</em> an observation at {@code t} is read,
 * <pre>
 *   x_hat(t_k) = D h_k^-   (a linear readout),
 * </pre>
 * so the model never sees the value it predicts. Training minimises the mean squared error over
 * the batch's target points; for interpolation the targets are the observed points themselves
 * (each predicted from the ones before it), for extrapolation the points after the window's
 * middle, where no update happens any more and the state follows the ODE alone.
 *
 * <p>Trajectories with their own observation times are batched on the union of their times with
 * masks ({@link IrregularBatch}), as Rubanova et al.'s code does, rather than one solve per
 * trajectory: all rows share each interval's solve, so the network evaluates the whole batch at
 * once (its loops run over the batch, see {@link org.neuralode.nn.Layer}), and a row not observed
 * at a union time merely flows on, which is exactly its own ODE between its own observations (the
 * flow of an autonomous ODE over {@code (s, u)} composed with that over {@code (u, v)} is the flow
 * over {@code (s, v)}). The price: every row takes the steps the union's times force, which for an
 * adaptive solver may be more than its own times need.
 */
public final class OdeRnn implements TrainableModel<IrregularBatch> {

    private final int dimension;
    private final NeuralOde field;
    private final GruCell cell;
    private final Mlp readout;
    private final ParameterLayout layout = new ParameterLayout();
    private final int fieldOffset;
    private final int cellOffset;
    private final int readoutOffset;
    private final OdeRnnRecurrence recurrence;
    private int lastSolves;
    private int lastForwardEvaluations;

    /**
     * @param dimension  {@code d}, the length of an observed value
     * @param hidden     the length of the hidden state
     * @param fieldWidth the hidden layer of {@code f_theta} ({@code hidden -> fieldWidth -> hidden}, tanh)
     * @param gradients  how the ODE parts are differentiated; its solver makes the predictions
     * @param seed       the seed of the initial parameters
     */
    public OdeRnn(int dimension, int hidden, int fieldWidth, GradientMethod gradients, long seed) {
        if (dimension < 1 || hidden < 1 || fieldWidth < 1 || gradients == null) {
            throw new IllegalArgumentException("dimension, hidden and fieldWidth must be at least 1 and gradients set, got "
                    + dimension + ", " + hidden + ", " + fieldWidth + ", " + gradients);
        }
        this.dimension = dimension;
        field = new NeuralOde(Mlp.builder(hidden).dense(fieldWidth).tanh().dense(hidden)
                .initialization(Initialization.normal(0.1)).seed(seed).build());
        cell = new GruCell(dimension, hidden);
        readout = Mlp.builder(hidden).dense(dimension).initialization(Initialization.glorot()).seed(seed + 1).build();
        fieldOffset = layout.add(field.theta());
        cellOffset = layout.reserve(cell.parameterCount());
        readoutOffset = layout.add(readout.theta());
        cell.initialize(layout.theta(), cellOffset, new Random(seed + 2));
        recurrence = new OdeRnnRecurrence(field, cell, cellOffset, gradients);
    }

    @Override
    public double[] parameters() {
        return layout.theta();
    }

    /** @return the neural ODE the hidden state follows */
    public NeuralOde field() {
        layout.pull();
        return field;
    }

    /** @return {@code predictions[k]}: the batch's predicted values at {@code batch.times()[k]} */
    public double[][] predict(IrregularBatch batch) {
        layout.pull();
        var walk = walk(batch);
        return decode(walk, batch.batchSize(), null);
    }

    /** @return the mean squared error of the predictions at the batch's target points */
    public double meanSquaredError(IrregularBatch batch) {
        return batch.meanSquaredError(predict(batch));
    }

    @Override
    public BatchGradient lossAndGradient(IrregularBatch batch) {
        requireDimension(batch);
        layout.pull();
        double[] theta = layout.theta();
        int rows = batch.batchSize();
        var walk = walk(batch);
        Mlp.Trace trace = readout.newTrace(batch.times().length * rows);
        double[][] predictions = decode(walk, rows, trace);
        double loss = batch.meanSquaredError(predictions);
        double[] dPrediction = batch.meanSquaredErrorGradient(predictions);
        double[] gradient = new double[theta.length];
        double[] dReadout = new double[readout.parameterCount()];
        double[] dStates = readout.vjp(trace, dPrediction, dReadout);
        ParameterLayout.addAt(gradient, readoutOffset, dReadout);
        int m = cell.hiddenSize();
        double[][] dBefore = new double[batch.times().length][rows * m];
        for (int k = 0; k < dBefore.length; k++) {
            System.arraycopy(dStates, k * rows * m, dBefore[k], 0, rows * m);
        }
        int[] work = recurrence.backward(theta, walk, dBefore, null, gradient, fieldOffset);
        return new BatchGradient(loss, gradient, walk.forwardEvaluations, work[0] + work[1]);
    }

    /** @return solves (intervals between union times) of the last forward walk */
    public int lastSolves() {
        return lastSolves;
    }

    /** @return evaluations of {@code f} in the last forward walk */
    public int lastForwardEvaluations() {
        return lastForwardEvaluations;
    }

    private OdeRnnRecurrence.Walk walk(IrregularBatch batch) {
        requireDimension(batch);
        var walk = recurrence.forward(layout.theta(), batch.times(), batch.values(), batch.input(), batch.batchSize());
        lastSolves = walk.solves;
        lastForwardEvaluations = walk.forwardEvaluations;
        return walk;
    }

    /** The readout of every state before its update, all times in one batched evaluation. */
    private double[][] decode(OdeRnnRecurrence.Walk walk, int rows, Mlp.Trace trace) {
        int m = cell.hiddenSize();
        int times = walk.times.length;
        double[] states = new double[times * rows * m];
        for (int k = 0; k < times; k++) {
            System.arraycopy(walk.before[k], 0, states, k * rows * m, rows * m);
        }
        Mlp.Trace t = trace != null ? trace : readout.newTrace(times * rows);
        double[] flat = readout.forward(states, times * rows, t);
        double[][] predictions = new double[times][rows * dimension];
        for (int k = 0; k < times; k++) {
            System.arraycopy(flat, k * rows * dimension, predictions[k], 0, rows * dimension);
        }
        return predictions;
    }

    private void requireDimension(IrregularBatch batch) {
        if (batch.dimension() != dimension) {
            throw new IllegalArgumentException("batch dimension " + batch.dimension() + " differs from the model's "
                    + dimension);
        }
    }

    @Override
    public String toString() {
        return "ODE-RNN: hidden " + cell.hiddenSize() + ", field " + field.net() + ", " + cell + ", "
                + layout.theta().length + " parameters";
    }
}
