package org.neuralode.neuralode;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Supplier;
import org.neuralode.data.TimeSeries;
import org.neuralode.nn.Activation;
import org.neuralode.nn.Initialization;
import org.neuralode.nn.Mlp;
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
 * product, the ODE's backward pass ({@link GradientMethod.Pass#backward}) and the encoder's.
 * Each of the three parameter vectors has its own optimiser state.
 */
public final class OdeForecaster {

    private static final double[] UNIT_INTERVAL = {0, 1};

    private final Mlp encoder;
    private final NeuralOde ode;
    private final Mlp decoder;
    private final GradientMethod gradients;
    private final Optimizer encoderOptimizer;
    private final Optimizer odeOptimizer;
    private final Optimizer decoderOptimizer;
    private int lastForwardEvaluations;
    private int lastBackwardEvaluations;

    private OdeForecaster(Builder b) {
        encoder = Mlp.builder(b.history).dense(b.latent).initialization(Initialization.glorot()).seed(b.seed).build();
        Mlp field = Mlp.builder(b.latent).dense(b.hidden).activation(b.activation).dense(b.latent)
                .initialization(Initialization.glorot()).seed(b.seed + 1).build();
        ode = new NeuralOde(field);
        decoder = Mlp.builder(b.latent).dense(b.horizon).initialization(Initialization.glorot()).seed(b.seed + 2).build();
        gradients = b.adjoint ? GradientMethod.adjoint(b.solver) : GradientMethod.backprop(b.solver);
        encoderOptimizer = b.optimizer.get();
        odeOptimizer = b.optimizer.get();
        decoderOptimizer = b.optimizer.get();
    }

    /** @return a builder; history and horizon are required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the neural ODE in the middle */
    public NeuralOde ode() {
        return ode;
    }

    /** @return the forecasts {@code y_hat} for each history row */
    public double[][] predict(double[][] inputs) {
        int batch = inputs.length;
        Mlp.Trace enc = encoder.newTrace(batch);
        double[] h0 = encoder.forward(flatten(inputs, encoder.inputSize()), batch, enc).clone();
        double[] h1 = ode.solve(gradients.solver(), h0, UNIT_INTERVAL).last();
        Mlp.Trace dec = decoder.newTrace(batch);
        return unflatten(decoder.forward(h1, batch, dec), batch, decoder.outputSize());
    }

    /**
     * One optimiser step on a mini-batch.
     *
     * @return the mean squared error of the batch before the step
     */
    public double step(double[][] inputs, double[][] targets) {
        int batch = inputs.length;
        int horizon = decoder.outputSize();
        Mlp.Trace enc = encoder.newTrace(batch);
        double[] h0 = encoder.forward(flatten(inputs, encoder.inputSize()), batch, enc).clone();
        GradientMethod.Pass pass = gradients.forward(ode, h0, UNIT_INTERVAL);
        double[] h1 = pass.predictions()[1];
        Mlp.Trace dec = decoder.newTrace(batch);
        double[] forecast = decoder.forward(h1, batch, dec);
        double[] y = flatten(targets, horizon);
        double loss = 0;
        double[] dForecast = new double[forecast.length];
        for (int j = 0; j < forecast.length; j++) {
            double r = forecast[j] - y[j];
            loss += r * r;
            dForecast[j] = 2 * r / forecast.length;
        }
        loss /= forecast.length;
        if (!Double.isFinite(loss)) {
            throw new IllegalStateException("the forecaster's loss is " + loss + ": lower the learning rate");
        }
        double[] decoderGradient = new double[decoder.parameterCount()];
        double[] dh1 = decoder.vjp(dec, dForecast, decoderGradient).clone();
        GradientMethod.Gradient odeGradient = pass.backward(new double[][] {new double[h0.length], dh1});
        double[] encoderGradient = new double[encoder.parameterCount()];
        encoder.vjp(enc, odeGradient.initialState(), encoderGradient);
        lastForwardEvaluations = pass.forwardEvaluations();
        lastBackwardEvaluations = odeGradient.backwardEvaluations();
        encoderOptimizer.step(encoder.theta(), encoderGradient);
        odeOptimizer.step(ode.theta(), odeGradient.parameters());
        decoderOptimizer.step(decoder.theta(), decoderGradient);
        return loss;
    }

    /**
     * Trains on random mini-batches of windows.
     *
     * @param windows    the training windows
     * @param iterations the number of optimiser steps
     * @param batchSize  windows per step
     * @param random     the source of the mini-batches
     * @param every      call {@code progress} every this many iterations (0: never)
     * @param progress   receives {@code (iteration, batch loss)}
     * @return the loss of the last batch
     */
    public double train(TimeSeries.Windows windows, int iterations, int batchSize, Random random, int every,
                        java.util.function.ObjIntConsumer<Double> progress) {
        if (batchSize < 1 || batchSize > windows.size()) {
            throw new IllegalArgumentException("batchSize must be in [1, " + windows.size() + "], got " + batchSize);
        }
        double loss = Double.NaN;
        double[][] inputs = new double[batchSize][];
        double[][] targets = new double[batchSize][];
        for (int it = 1; it <= iterations; it++) {
            for (int b = 0; b < batchSize; b++) {
                int w = random.nextInt(windows.size());
                inputs[b] = windows.inputs()[w];
                targets[b] = windows.targets()[w];
            }
            loss = step(inputs, targets);
            if (every > 0 && it % every == 0 && progress != null) {
                progress.accept(loss, it);
            }
        }
        return loss;
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
        private Solver solver = Solvers.dormandPrince(1e-5, 1e-7);
        private boolean adjoint;
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

        /** The ODE solver (default Dormand-Prince, rtol 1e-5, atol 1e-7). */
        public Builder solver(Solver solver) {
            this.solver = solver;
            return this;
        }

        /** Use the adjoint method instead of backprop through the solver. */
        public Builder adjoint(boolean adjoint) {
            this.adjoint = adjoint;
            return this;
        }

        /** Makes one optimiser per parameter block (default {@code () -> new Adam(1e-3)}). */
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
