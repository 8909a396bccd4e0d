package org.neuralode.neuralode;

import java.util.Random;
import org.neuralode.data.IrregularBatch;
import org.neuralode.nn.Dense;
import org.neuralode.nn.GruCell;
import org.neuralode.nn.Initialization;
import org.neuralode.nn.Mlp;

/**
 * The latent ODE (Rubanova, Chen and Duvenaud, "Latent ODEs for Irregularly-Sampled Time Series",
 * NeurIPS 2019, Section 3; Chen et al., NeurIPS 2018, Section 5): a variational autoencoder whose
 * latent variable is the initial state of an ODE.
 * <pre>
 *   encoder    an ODE-RNN run backwards in time over the observed points gives h, and
 *              (mu, log sigma^2) = E h,   q(z_0 | x) = N(mu, diag sigma^2)
 *   sample     z_0 = mu + sigma * eps,  eps ~ N(0, I)           (the reparameterisation trick)
 *   dynamics   dz/dt = g_phi(z),  z(t_k) = ODESolve(g_phi, z_0, (t_0, t_k))   one solve through all times
 *   decoder    x_hat(t_k) = D z(t_k),  p(x_k | z_0) = N(x_hat(t_k), s^2)       s: the known noise level
 * </pre>
 * Training minimises the negative evidence lower bound, averaged over the batch's trajectories,
 * <pre>
 *   -ELBO = (1/S) sum_s sum_{k observed} [ (x_k - x_hat_k)^2 / (2 s^2) + log(2 pi s^2) / 2 ]
 *           + KL(N(mu, sigma^2) || N(0, I)),   KL = (1/2) sum_l (mu_l^2 + sigma_l^2 - 1 - log sigma_l^2),
 * </pre>
 * with {@code S} samples of {@code z_0} per trajectory (Kingma and Welling, ICLR 2014, eqs. (7),
 * (10)). The sum runs over the batch's target points: for interpolation the encoder reads and the
 * likelihood scores the same observed points; for extrapolation it reads the first half and scores
 * the second.
 *
 * <p>The gradient chains the readout's vector-Jacobian product, the dynamics' backward pass, the
 * reparameterisation ({@code dL/dmu = sum_s dL/dz_0 + mu}, {@code dL/dlog sigma^2 = sum_s dL/dz_0 eps sigma/2
 * + (sigma^2 - 1)/2}, each over the batch size), the encoder's readout {@code E} and the encoder's
 * ODE-RNN backwards through its GRU updates and solves; both ODE parts are differentiated by the
 * {@link GradientMethod} given (backprop through the solver or the adjoint). Batches share the union
 * of their times with masks, as in {@link OdeRnn}.
 *
 * <p>Three optional training aids, each the model's own because each belongs to its loss:
 * {@link Builder#klAnnealing} weights the KL term by {@code beta_i = 1 - rate^(i - wait)} (Rubanova
 * et al.'s code, {@code kl_coef}); {@link Builder#growingHorizon} scores only the start of the window at
 * first and grows it (a curriculum on the horizon); {@link Builder#dataMean} starts the decoder at the
 * data's level. The step {@code i} counts calls of {@link #lossAndGradient(IrregularBatch)}, one per
 * training iteration; {@link #lossAndGradient(IrregularBatch, double[])} uses the current weight and the
 * whole batch. Notebook 09 measures what each buys (bench/NOTES.md).
 */
public final class LatentOde implements TrainableModel<IrregularBatch> {

    private final int dimension;
    private final int latent;
    private final double noise;
    private final int samples;
    private final NeuralOde encoderField;
    private final GruCell encoderCell;
    private final Mlp encoderHead;
    private final NeuralOde dynamics;
    private final Mlp decoder;
    private final GradientMethod gradients;
    private final ParameterLayout layout = new ParameterLayout();
    private final int encoderFieldOffset;
    private final int headOffset;
    private final int dynamicsOffset;
    private final int decoderOffset;
    private final OdeRnnRecurrence encoder;
    private final Random random;
    private final int klWait;
    private final double klRate;
    private final int horizonSteps;
    private int trainingSteps;
    private int lastForwardEvaluations;

    private LatentOde(Builder b) {
        dimension = b.dimension;
        latent = b.latent;
        noise = b.observationNoise;
        samples = b.samples;
        gradients = b.gradients;
        encoderField = new NeuralOde(Mlp.builder(b.encoderHidden).dense(b.fieldWidth).tanh().dense(b.encoderHidden)
                .initialization(Initialization.normal(0.1)).seed(b.seed).build());
        encoderCell = new GruCell(dimension, b.encoderHidden);
        encoderHead = Mlp.builder(b.encoderHidden).dense(2 * latent).initialization(Initialization.glorot())
                .seed(b.seed + 1).build();
        // Glorot, not the small N(0, 0.1^2) of the spiral: the dynamics must oscillate from the start
        // for the gradient to find the frequency (with near-zero dynamics z(t) stays at z_0)
        dynamics = new NeuralOde(Mlp.builder(latent).dense(b.fieldWidth).tanh().dense(latent)
                .initialization(Initialization.glorot()).seed(b.seed + 2).build());
        decoder = Mlp.builder(latent).dense(dimension).initialization(Initialization.glorot()).seed(b.seed + 3).build();
        if (b.dataMean != null) {
            // the decoder starts at the data's mean, x_hat = D z + mean: otherwise the first tens of Adam
            // steps (each moving the bias by about the learning rate) go to finding the level of the data
            Dense out = (Dense) decoder.layers().get(0);
            for (int c = 0; c < dimension; c++) {
                decoder.theta()[out.biasIndex(c)] = b.dataMean[c];
            }
        }
        // the posterior starts narrow, sigma = 0.1 (log sigma^2 = 2 ln 0.1): with sigma = 1 the decoder would
        // first see mostly noise, and Adam, moving log sigma^2 by about its learning rate per step,
        // needs hundreds of steps to narrow it; the KL term widens it again as far as the data allow
        Dense head = (Dense) encoderHead.layers().get(0);
        for (int l = 0; l < latent; l++) {
            encoderHead.theta()[head.biasIndex(latent + l)] = 2 * Math.log(0.1);
        }
        encoderFieldOffset = layout.add(encoderField.theta());
        int cellOffset = layout.reserve(encoderCell.parameterCount());
        headOffset = layout.add(encoderHead.theta());
        dynamicsOffset = layout.add(dynamics.theta());
        decoderOffset = layout.add(decoder.theta());
        encoderCell.initialize(layout.theta(), cellOffset, new Random(b.seed + 4));
        encoder = new OdeRnnRecurrence(encoderField, encoderCell, cellOffset, gradients);
        random = new Random(b.seed + 5);
        klWait = b.klWait;
        klRate = b.klRate;
        horizonSteps = b.horizonSteps;
    }

    /** @return a builder; the gradient method is required */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public double[] parameters() {
        return layout.theta();
    }

    /** @return the latent dynamics {@code g_phi} */
    public NeuralOde dynamics() {
        layout.pull();
        return dynamics;
    }

    /** @return evaluations of the fields in the last forward pass (encoder and dynamics) */
    public int lastForwardEvaluations() {
        return lastForwardEvaluations;
    }

    /** The posterior {@code q(z_0 | x)} of every trajectory of a batch. */
    private record Posterior(OdeRnnRecurrence.Walk walk, Mlp.Trace head, double[] mean, double[] logVariance) {
    }

    private Posterior encode(IrregularBatch batch) {
        if (batch.dimension() != dimension) {
            throw new IllegalArgumentException("batch dimension " + batch.dimension() + " differs from the model's "
                    + dimension);
        }
        if (batch.times().length < 2) {
            throw new IllegalArgumentException("a batch must span at least two times, got " + batch.times().length);
        }
        int times = batch.times().length;
        double[] reversed = new double[times];
        double[][] inputs = new double[times][];
        boolean[][] update = new boolean[times][];
        for (int k = 0; k < times; k++) {
            reversed[k] = batch.times()[times - 1 - k];
            inputs[k] = batch.values()[times - 1 - k];
            update[k] = batch.input()[times - 1 - k];
        }
        int rows = batch.batchSize();
        var walk = encoder.forward(layout.theta(), reversed, inputs, update, rows);
        Mlp.Trace head = encoderHead.newTrace(rows);
        double[] out = encoderHead.forward(walk.last(), rows, head);
        double[] mean = new double[rows * latent];
        double[] logVariance = new double[rows * latent];
        for (int b = 0; b < rows; b++) {
            System.arraycopy(out, b * 2 * latent, mean, b * latent, latent);
            System.arraycopy(out, b * 2 * latent + latent, logVariance, b * latent, latent);
        }
        return new Posterior(walk, head, mean, logVariance);
    }

    /** z_0 for each sample s and trajectory b (row s B + b) from the noise eps (same layout). */
    private double[] sample(Posterior q, double[] eps, int count) {
        int rows = q.mean().length / latent;
        double[] z0 = new double[count * rows * latent];
        for (int s = 0; s < count; s++) {
            for (int q0 = 0; q0 < rows * latent; q0++) {
                int at = s * rows * latent + q0;
                z0[at] = q.mean()[q0] + Math.exp(0.5 * q.logVariance()[q0]) * eps[at];
            }
        }
        return z0;
    }

    /** The decoded values {@code [k][row * d + c]} for the latent states of a solve. */
    private double[][] decode(double[][] states, int rows, Mlp.Trace trace) {
        int times = states.length;
        double[] flat = new double[times * rows * latent];
        for (int k = 0; k < times; k++) {
            System.arraycopy(states[k], 0, flat, k * rows * latent, rows * latent);
        }
        double[] out = decoder.forward(flat, times * rows, trace);
        double[][] x = new double[times][rows * dimension];
        for (int k = 0; k < times; k++) {
            System.arraycopy(out, k * rows * dimension, x[k], 0, rows * dimension);
        }
        return x;
    }

    /** @return the forecast from the posterior mean, {@code z_0 = mu}: {@code [k][b * d + c]} */
    public double[][] predict(IrregularBatch batch) {
        layout.pull();
        Posterior q = encode(batch);
        int rows = batch.batchSize();
        var solution = gradients.solver().solve(dynamics, q.mean(), batch.times());
        lastForwardEvaluations = q.walk().forwardEvaluations + solution.statistics().evaluations();
        return decode(solution.states(), rows, decoder.newTrace(batch.times().length * rows));
    }

    /**
     * Trajectories decoded from {@code count} draws of {@code z_0 ~ q(z_0 | x)}.
     *
     * @return {@code [s][k][b * d + c]}: draw {@code s} at {@code batch.times()[k]}
     */
    public double[][][] posteriorSamples(IrregularBatch batch, int count, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        layout.pull();
        Posterior q = encode(batch);
        int rows = batch.batchSize();
        Random draws = new Random(seed);
        double[] eps = new double[count * rows * latent];
        for (int j = 0; j < eps.length; j++) {
            eps[j] = draws.nextGaussian();
        }
        var solution = gradients.solver().solve(dynamics, sample(q, eps, count), batch.times());
        double[][] x = decode(solution.states(), count * rows, decoder.newTrace(batch.times().length * count * rows));
        double[][][] result = new double[count][x.length][rows * dimension];
        for (int s = 0; s < count; s++) {
            for (int k = 0; k < x.length; k++) {
                System.arraycopy(x[k], s * rows * dimension, result[s][k], 0, rows * dimension);
            }
        }
        return result;
    }

    /** @return the mean squared error of {@link #predict} at the batch's target points */
    public double meanSquaredError(IrregularBatch batch) {
        return batch.meanSquaredError(predict(batch));
    }

    /** @return the posterior means and log-variances {@code [b][l]} and {@code [b][latent + l]} of a batch */
    public double[][] posterior(IrregularBatch batch) {
        layout.pull();
        Posterior q = encode(batch);
        double[][] p = new double[batch.batchSize()][2 * latent];
        for (int b = 0; b < p.length; b++) {
            System.arraycopy(q.mean(), b * latent, p[b], 0, latent);
            System.arraycopy(q.logVariance(), b * latent, p[b], latent, latent);
        }
        return p;
    }

    /**
     * @return the weight {@code beta} of the KL term at the current training step {@code i} (the
     *         number of calls of {@link #lossAndGradient(IrregularBatch)} so far): 1 without annealing,
     *         else {@code 0} for {@code i < wait} and {@code 1 - rate^(i - wait)} after
     */
    public double klWeight() {
        if (klRate == 0) {
            return 1;
        }
        return trainingSteps < klWait ? 0 : 1 - Math.pow(klRate, trainingSteps - klWait);
    }

    /**
     * The batch a training step scores under the growing horizon: with {@code horizonSteps = N} and
     * step {@code i < N}, the batch cut after {@code T_i = t_a + (t_b - t_a)(0.2 + 0.8 i / N)}, where
     * {@code t_a} is the first time the loss counts and {@code t_b} the last time; the whole batch after.
     */
    private IrregularBatch withinHorizon(IrregularBatch batch) {
        if (trainingSteps >= horizonSteps) {
            return batch;
        }
        int first = 0;
        while (first < batch.times().length - 1 && !anyOf(batch.target()[first])) {
            first++;
        }
        double start = batch.times()[first];
        double end = batch.times()[batch.times().length - 1];
        return batch.upTo(start + (end - start) * (0.2 + 0.8 * trainingSteps / horizonSteps));
    }

    private static boolean anyOf(boolean[] flags) {
        for (boolean f : flags) {
            if (f) {
                return true;
            }
        }
        return false;
    }

    /** The negative ELBO and its gradient, {@code eps} drawn from the model's own random numbers. */
    @Override
    public BatchGradient lossAndGradient(IrregularBatch batch) {
        trainingSteps++;
        batch = withinHorizon(batch);
        double[] eps = new double[samples * batch.batchSize() * latent];
        for (int j = 0; j < eps.length; j++) {
            eps[j] = random.nextGaussian();
        }
        return lossAndGradient(batch, eps);
    }

    /**
     * The negative ELBO and its gradient for given noise (a fixed {@code eps} makes the loss a
     * deterministic function of the parameters, as a gradient check needs).
     *
     * @param eps {@code samples * batch * latent} standard normal values, row {@code s B + b}
     */
    public BatchGradient lossAndGradient(IrregularBatch batch, double[] eps) {
        int rows = batch.batchSize();
        if (eps == null || eps.length != samples * rows * latent) {
            throw new IllegalArgumentException("eps must hold samples * batch * latent = " + samples * rows * latent
                    + " values, got " + (eps == null ? "null" : eps.length));
        }
        layout.pull();
        double[] theta = layout.theta();
        Posterior q = encode(batch);
        double[] z0 = sample(q, eps, samples);
        GradientMethod.Pass pass = gradients.forward(dynamics, z0, batch.times());
        int times = batch.times().length;
        int sampleRows = samples * rows;
        Mlp.Trace trace = decoder.newTrace(times * sampleRows);
        double[][] x = decode(pass.predictions(), sampleRows, trace);
        int d = dimension;
        double s2 = noise * noise;
        double logNorm = 0.5 * Math.log(2 * Math.PI * s2);
        double loss = 0;
        double[] dx = new double[times * sampleRows * d];
        for (int k = 0; k < times; k++) {
            for (int s = 0; s < samples; s++) {
                for (int b = 0; b < rows; b++) {
                    if (!batch.target()[k][b]) {
                        continue;
                    }
                    for (int c = 0; c < d; c++) {
                        int at = (s * rows + b) * d + c;
                        double r = x[k][at] - batch.values()[k][b * d + c];
                        loss += (r * r / (2 * s2) + logNorm) / (samples * rows);
                        dx[k * sampleRows * d + at] = r / (s2 * samples * rows);
                    }
                }
            }
        }
        double kl = 0;
        for (int q0 = 0; q0 < rows * latent; q0++) {
            double mu = q.mean()[q0];
            double lv = q.logVariance()[q0];
            kl += 0.5 * (mu * mu + Math.exp(lv) - 1 - lv);
        }
        double beta = klWeight();
        loss += beta * kl / rows;
        double[] gradient = new double[theta.length];
        double[] dDecoder = new double[decoder.parameterCount()];
        double[] dStates = decoder.vjp(trace, dx, dDecoder);
        ParameterLayout.addAt(gradient, decoderOffset, dDecoder);
        double[][] cotangents = new double[times][sampleRows * latent];
        for (int k = 0; k < times; k++) {
            System.arraycopy(dStates, k * sampleRows * latent, cotangents[k], 0, sampleRows * latent);
        }
        GradientMethod.Gradient solve = pass.backward(cotangents);
        ParameterLayout.addAt(gradient, dynamicsOffset, solve.parameters());
        double[] dZ0 = solve.initialState();
        double[] dHead = new double[rows * 2 * latent];
        for (int b = 0; b < rows; b++) {
            for (int l = 0; l < latent; l++) {
                int q0 = b * latent + l;
                double mu = q.mean()[q0];
                double lv = q.logVariance()[q0];
                double sigma = Math.exp(0.5 * lv);
                double dMu = beta * mu / rows;
                double dLv = beta * 0.5 * (Math.exp(lv) - 1) / rows;
                for (int s = 0; s < samples; s++) {
                    int at = s * rows * latent + q0;
                    dMu += dZ0[at];
                    dLv += dZ0[at] * eps[at] * 0.5 * sigma;
                }
                dHead[b * 2 * latent + l] = dMu;
                dHead[b * 2 * latent + latent + l] = dLv;
            }
        }
        double[] dHeadTheta = new double[encoderHead.parameterCount()];
        double[] dEncoded = encoderHead.vjp(q.head(), dHead, dHeadTheta).clone();
        ParameterLayout.addAt(gradient, headOffset, dHeadTheta);
        int[] work = encoder.backward(theta, q.walk(), null, dEncoded, gradient, encoderFieldOffset);
        lastForwardEvaluations = q.walk().forwardEvaluations + pass.forwardEvaluations();
        return new BatchGradient(loss, gradient, lastForwardEvaluations,
                solve.backwardEvaluations() + work[0] + work[1]);
    }

    @Override
    public String toString() {
        return "latent ODE: latent " + latent + ", encoder " + encoderCell + " with field " + encoderField.net()
                + ", dynamics " + dynamics.net() + ", " + layout.theta().length + " parameters";
    }

    /** The latent ODE's sizes and settings; defaults are small enough to train in seconds. */
    public static final class Builder {
        private int dimension = 1;
        private int latent = 4;
        private int encoderHidden = 8;
        private int fieldWidth = 16;
        private double observationNoise = 0.01;
        private int samples = 1;
        private GradientMethod gradients;
        private long seed;
        private int klWait;
        private double klRate;
        private double[] dataMean;
        private int horizonSteps;

        private Builder() {
        }

        /** The length {@code d} of an observed value (default 1). */
        public Builder dimension(int dimension) {
            this.dimension = dimension;
            return this;
        }

        /** The length of {@code z} (default 4). */
        public Builder latent(int latent) {
            this.latent = latent;
            return this;
        }

        /** The length of the encoder's hidden state (default 8). */
        public Builder encoderHidden(int encoderHidden) {
            this.encoderHidden = encoderHidden;
            return this;
        }

        /** The hidden layer of both fields, encoder's and dynamics' (default 16). */
        public Builder fieldWidth(int fieldWidth) {
            this.fieldWidth = fieldWidth;
            return this;
        }

        /** The known standard deviation {@code s} of the observation noise (default 0.01, Rubanova et al.'s). */
        public Builder observationNoise(double observationNoise) {
            this.observationNoise = observationNoise;
            return this;
        }

        /** Draws of {@code z_0} per trajectory in the ELBO (default 1). */
        public Builder samples(int samples) {
            this.samples = samples;
            return this;
        }

        /** How the ODE parts are differentiated; its solver makes the predictions. */
        public Builder gradients(GradientMethod gradients) {
            this.gradients = gradients;
            return this;
        }

        /**
         * Anneals the KL term (Rubanova et al.'s code: wait 10, rate 0.99): its weight is 0 for the
         * first {@code wait} training steps and {@code 1 - rate^(i - wait)} after, so that the model
         * first learns to reconstruct (an autoencoder) and only then is pulled towards the prior.
         */
        public Builder klAnnealing(int wait, double rate) {
            if (wait < 0 || !(rate > 0 && rate < 1)) {
                throw new IllegalArgumentException("wait must be non-negative and rate in (0, 1), got " + wait + ", "
                        + rate);
            }
            this.klWait = wait;
            this.klRate = rate;
            return this;
        }

        /**
         * Grows the scored time window over the first {@code steps} training steps, from the first
         * target time plus a fifth of the window to all of it (default 0: the whole window from the
         * start). A curriculum on the horizon: a latent ODE fitted to long stretches at once from
         * random dynamics settles on the series' mean (wrong frequencies average out), while over a
         * short stretch the frequency is visible and its gradient points the right way.
         */
        public Builder growingHorizon(int steps) {
            if (steps < 0) {
                throw new IllegalArgumentException("steps must be non-negative, got " + steps);
            }
            this.horizonSteps = steps;
            return this;
        }

        /** The decoder's bias starts at this mean of the observed values (length {@code d}; default 0). */
        public Builder dataMean(double... mean) {
            this.dataMean = mean.clone();
            return this;
        }

        /** The seed of the initial parameters and of the model's draws of {@code eps} (default 0). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** @return the model */
        public LatentOde build() {
            if (dimension < 1 || latent < 1 || encoderHidden < 1 || fieldWidth < 1 || samples < 1) {
                throw new IllegalArgumentException("dimension, latent, encoderHidden, fieldWidth and samples must be at"
                        + " least 1, got " + dimension + ", " + latent + ", " + encoderHidden + ", " + fieldWidth + ", "
                        + samples);
            }
            if (!(observationNoise > 0) || Double.isInfinite(observationNoise)) {
                throw new IllegalArgumentException("observationNoise must be finite and positive, got " + observationNoise);
            }
            if (dataMean != null && dataMean.length != dimension) {
                throw new IllegalArgumentException("dataMean must hold dimension = " + dimension + " values, got "
                        + dataMean.length);
            }
            if (gradients == null) {
                throw new IllegalArgumentException("gradients must be set: GradientMethod.backprop(solver) or"
                        + " GradientMethod.adjoint(solver)");
            }
            return new LatentOde(this);
        }
    }
}
