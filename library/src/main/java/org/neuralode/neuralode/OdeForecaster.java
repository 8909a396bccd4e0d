package org.neuralode.neuralode;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.neuralode.data.TimeSeries;
import org.neuralode.nn.Activation;
import org.neuralode.nn.Initialization;
import org.neuralode.nn.Mlp;
import org.neuralode.solvers.ExplicitSolver;
import org.neuralode.solvers.Solver;
import org.neuralode.solvers.Solvers;

/**
 * A neural ODE forecaster in the shape of the seed book's forecasting chapter (Lei Ma,
 * <i>Deep Learning Fundamentals</i>, "Time Series Forecasting with Neural ODE"): a linear
 * encoder lifts the history {@code x} (the last {@code history} values) to a latent state, a
 * neural ODE carries it from {@code t = 0} to {@code t = 1}, and a linear decoder reads the
 * {@code horizon} forecasts off the result:
 * <pre>
 *   h(0) = E x,   dh/dt = f_theta(h),   y_hat = D h(1).
 * </pre>
 * Training minimises the mean squared error; the gradient chains the decoder's vector-Jacobian
 * product, the ODE's backward pass ({@link GradientMethod.Pass#backward}) and the encoder's. It is
 * a {@link TrainableModel}: the library's one {@link Trainer} runs its training steps.
 */
public final class OdeForecaster implements TrainableModel<OdeForecaster.Batch> {

    private static final double[] UNIT_INTERVAL = {0, 1};

    /**
     * A mini-batch of windows.
     *
     * @param inputs  the histories, one row per window
     * @param targets the values to forecast, one row per window
     */
    public record Batch(double[][] inputs, double[][] targets) {
    }

    private final Mlp encoder;
    private final NeuralOde ode;
    private final Mlp decoder;
    private final Activation activation;
    private final GradientMethod gradients;
    private final Optimizer optimizer;
    private final ParameterLayout layout = new ParameterLayout();
    private final int encoderOffset;
    private final int odeOffset;
    private final int decoderOffset;
    private int lastForwardEvaluations;
    private int lastBackwardEvaluations;

    private OdeForecaster(Builder b) {
        encoder = Mlp.builder(b.history).dense(b.latent).initialization(Initialization.glorot()).seed(b.seed).build();
        Mlp field = Mlp.builder(b.latent).dense(b.hidden).activation(b.activation).dense(b.latent)
                .initialization(Initialization.glorot()).seed(b.seed + 1).build();
        ode = new NeuralOde(field);
        activation = b.activation;
        decoder = Mlp.builder(b.latent).dense(b.horizon).initialization(Initialization.glorot()).seed(b.seed + 2).build();
        gradients = b.gradients != null ? b.gradients
                : b.adjoint ? GradientMethod.adjoint(b.solver) : GradientMethod.backprop(b.solver);
        // one optimiser over the three blocks laid end to end; Adam, RMSprop and SGD act entry by
        // entry, so this is the same update as one optimiser per block (gradient clipping is not:
        // it clips the norm of the whole gradient)
        optimizer = b.optimizer.get();
        encoderOffset = layout.add(encoder.theta());
        odeOffset = layout.add(ode.theta());
        decoderOffset = layout.add(decoder.theta());
    }

    /** @return a builder; history and horizon are required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the number of past values each forecast sees (the encoder's input size) */
    public int history() {
        return encoder.inputSize();
    }

    /** @return the number of values forecast (the decoder's output size) */
    public int horizon() {
        return decoder.outputSize();
    }

    /** @return the latent dimension (the neural ODE's) */
    public int latent() {
        return ode.dimension();
    }

    /** @return the hidden width of the vector field */
    public int hidden() {
        return ode.net().layers().get(0).outputSize();
    }

    /** @return the vector field's nonlinearity */
    public Activation activation() {
        return activation;
    }

    /** @return the neural ODE in the middle */
    public NeuralOde ode() {
        layout.pull();
        return ode;
    }

    /** @return encoder, field and decoder parameters laid end to end (the optimiser updates this array) */
    @Override
    public double[] parameters() {
        return layout.theta();
    }

    /** @return the forecasts {@code y_hat} for each history row */
    public double[][] predict(double[][] inputs) {
        layout.pull();
        int batch = inputs.length;
        Mlp.Trace enc = encoder.newTrace(batch);
        double[] h0 = encoder.forward(flatten(inputs, encoder.inputSize()), batch, enc).clone();
        double[] h1 = ode.solve(gradients.solver(), h0, UNIT_INTERVAL).last();
        Mlp.Trace dec = decoder.newTrace(batch);
        return unflatten(decoder.forward(h1, batch, dec), batch, decoder.outputSize());
    }

    /**
     * The mean squared error of a batch ({@link Loss#MSE}) and its gradient: the decoder's
     * vector-Jacobian product, the ODE's backward pass ({@link GradientMethod.Pass#backward}) and
     * the encoder's, chained.
     */
    @Override
    public BatchGradient lossAndGradient(Batch batch) {
        layout.pull();
        double[][] inputs = batch.inputs();
        int rows = inputs.length;
        int horizon = decoder.outputSize();
        Mlp.Trace enc = encoder.newTrace(rows);
        double[] h0 = encoder.forward(flatten(inputs, encoder.inputSize()), rows, enc).clone();
        GradientMethod.Pass pass = gradients.forward(ode, h0, UNIT_INTERVAL);
        double[] h1 = pass.predictions()[1];
        Mlp.Trace dec = decoder.newTrace(rows);
        double[][] forecast = unflatten(decoder.forward(h1, rows, dec), rows, horizon);
        double[][] targets = batch.targets();
        for (int r = 0; r < rows; r++) {
            if (targets[r].length != horizon) {
                throw new IllegalArgumentException("targets[" + r + "] must have length " + horizon + ", got "
                        + targets[r].length);
            }
        }
        double loss = Loss.MSE.value(forecast, targets);
        double[] dForecast = new double[rows * horizon];
        double[] dRow = new double[horizon];
        for (int r = 0; r < rows; r++) {
            Loss.MSE.gradient(forecast[r], targets[r], (long) rows * horizon, dRow);
            System.arraycopy(dRow, 0, dForecast, r * horizon, horizon);
        }
        double[] gradient = new double[layout.theta().length];
        double[] decoderGradient = new double[decoder.parameterCount()];
        double[] dh1 = decoder.vjp(dec, dForecast, decoderGradient).clone();
        GradientMethod.Gradient odeGradient = pass.backward(new double[][] {new double[h0.length], dh1});
        double[] encoderGradient = new double[encoder.parameterCount()];
        encoder.vjp(enc, odeGradient.initialState(), encoderGradient);
        ParameterLayout.addAt(gradient, encoderOffset, encoderGradient);
        ParameterLayout.addAt(gradient, odeOffset, odeGradient.parameters());
        ParameterLayout.addAt(gradient, decoderOffset, decoderGradient);
        lastForwardEvaluations = pass.forwardEvaluations();
        lastBackwardEvaluations = odeGradient.backwardEvaluations();
        return new BatchGradient(loss, gradient, lastForwardEvaluations, lastBackwardEvaluations);
    }

    /**
     * One optimiser step on a mini-batch, by the library's {@link Trainer}.
     *
     * @return the mean squared error of the batch before the step
     * @throws TrainingException if the loss or gradient is not finite or the solver gives up
     */
    public double step(double[][] inputs, double[][] targets) {
        Batch batch = new Batch(inputs, targets);
        return Trainer.builder(this, random -> batch).optimizer(optimizer).build().step().loss();
    }

    /**
     * Trains on random mini-batches of windows, by the library's {@link Trainer}.
     *
     * @param windows    the training windows
     * @param iterations the number of optimiser steps
     * @param batchSize  windows per step
     * @param random     the source of the mini-batches
     * @param every      call {@code progress} every this many iterations (0: never)
     * @param progress   receives {@code (iteration, batch loss)}
     * @return the loss of the last batch (NaN after no iteration)
     * @throws TrainingException if the loss or gradient stops being finite or the solver gives up
     */
    public double train(TimeSeries.Windows windows, int iterations, int batchSize, Random random, int every,
                        java.util.function.ObjIntConsumer<Double> progress) {
        if (batchSize < 1 || batchSize > windows.size()) {
            throw new IllegalArgumentException("batchSize must be in [1, " + windows.size() + "], got " + batchSize);
        }
        Trainer trainer = Trainer.builder(this, unused -> {
            double[][] inputs = new double[batchSize][];
            double[][] targets = new double[batchSize][];
            for (int b = 0; b < batchSize; b++) {
                int w = random.nextInt(windows.size());
                inputs[b] = windows.inputs()[w];
                targets[b] = windows.targets()[w];
            }
            return new Batch(inputs, targets);
        }).optimizer(optimizer).build();
        if (every > 0 && progress != null) {
            trainer.onProgress(every, p -> progress.accept(p.loss(), p.iteration()));
        }
        List<Trainer.Iteration> history = trainer.run(iterations);
        return history.isEmpty() ? Double.NaN : history.get(history.size() - 1).loss();
    }

    /** @return evaluations of f in the last training step's forward solve */
    public int lastForwardEvaluations() {
        return lastForwardEvaluations;
    }

    /** @return vector-Jacobian products in the last training step's backward pass */
    public int lastBackwardEvaluations() {
        return lastBackwardEvaluations;
    }

    private static double[] flatten(double[][] rows, int width) {
        double[] flat = new double[rows.length * width];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != width) {
                throw new IllegalArgumentException("row " + r + " must have length " + width + ", got " + rows[r].length);
            }
            System.arraycopy(rows[r], 0, flat, r * width, width);
        }
        return flat;
    }

    private static double[][] unflatten(double[] flat, int rows, int width) {
        double[][] out = new double[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = Arrays.copyOfRange(flat, r * width, (r + 1) * width);
        }
        return out;
    }

    /** Settings of an {@link OdeForecaster}. */
    public static final class Builder {
        private int history;
        private int horizon;
        private int latent = 16;
        private int hidden = 64;
        private Activation activation = Activation.TANH;
        private long seed = 0;
        private ExplicitSolver solver = Solvers.dormandPrince(1e-5, 1e-7);
        private boolean adjoint;
        private GradientMethod gradients;
        private Supplier<Optimizer> optimizer = () -> new Adam(1e-3);

        private Builder() {
        }

        /** The number of past values each forecast sees (the book: 100). */
        public Builder history(int history) {
            this.history = history;
            return this;
        }

        /** The number of values forecast (the book: 1 and 3). */
        public Builder horizon(int horizon) {
            this.horizon = horizon;
            return this;
        }

        /** The latent dimension (default 16; the book: 100). */
        public Builder latent(int latent) {
            this.latent = latent;
            return this;
        }

        /** The hidden width of the vector field (default 64; the book: 256). */
        public Builder hidden(int hidden) {
            this.hidden = hidden;
            return this;
        }

        /** The vector field's nonlinearity (default tanh). */
        public Builder activation(Activation activation) {
            this.activation = activation;
            return this;
        }

        /** The seed of the initial weights. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * The ODE solver (default Dormand-Prince, rtol 1e-5, atol 1e-7): an explicit one, which
         * both gradient methods can use; for an implicit solver pass
         * {@code gradients(GradientMethod.adjoint(solver))}.
         */
        public Builder solver(ExplicitSolver solver) {
            this.solver = solver;
            return this;
        }

        /** Use the adjoint method instead of backprop through the solver. */
        public Builder adjoint(boolean adjoint) {
            this.adjoint = adjoint;
            return this;
        }

        /**
         * How the ODE's gradient is computed (default: backprop through {@link #solver}, or the
         * adjoint with {@link #adjoint}); its solver also makes the predictions.
         */
        public Builder gradients(GradientMethod gradients) {
            this.gradients = gradients;
            return this;
        }

        /** Makes the optimiser (default {@code () -> new Adam(1e-3)}); called once. */
        public Builder optimizer(Supplier<Optimizer> optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        /** @return the forecaster */
        public OdeForecaster build() {
            if (history < 1 || horizon < 1 || latent < 1 || hidden < 1) {
                throw new IllegalArgumentException("history, horizon, latent and hidden must be at least 1, got "
                        + history + ", " + horizon + ", " + latent + ", " + hidden);
            }
            if (solver == null || optimizer == null || activation == null) {
                throw new IllegalArgumentException("solver, optimizer and activation must be set");
            }
            return new OdeForecaster(this);
        }
    }
}
