package org.neuralode.neuralode;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import org.neuralode.data.Segments;
import org.neuralode.data.Trajectory;
import org.neuralode.solvers.Solution;
import org.neuralode.solvers.Solver;
import org.neuralode.solvers.SolverException;

/**
 * The one training loop of the library: each iteration draws a mini-batch, asks the model for
 * the loss and {@code dL/dtheta} ({@link TrainableModel}), checks them, and lets the
 * {@link Optimizer} update {@code theta}. The loop of torchdiffeq's {@code examples/ode_demo.py}
 * is its first use: a {@link NeuralOde} fitted to segments of one trajectory.
 *
 * <pre>{@code
 * var trainer = Trainer.builder()
 *         .model(NeuralOde.spiralDemo(0))
 *         .data(Spiral.trajectory())
 *         .gradients(GradientMethod.backprop(Solvers.dormandPrince(1e-7, 1e-9)))
 *         .optimizer(new RmsProp(1e-3))
 *         .build();
 * trainer.onProgress(20, p -> System.out.println(p));
 * trainer.run(2000);
 * }</pre>
 *
 * <p>Every {@code k} iterations a listener receives a {@link Progress}: the test loss of the
 * whole trajectory (predicted from its first state by the forward solver), the work done and
 * the prediction itself for plotting. {@link #run(int)} may be called again to train further.
 * A loss or gradient that is not finite, a solver that gives up, or a forward solve needing
 * more than {@code maxEvaluations} evaluations stops training with a {@link TrainingException}
 * whose message says what to change.
 *
 * <p>Any other model trains through the same loop, given how to draw its batches:
 * <pre>{@code
 * var trainer = Trainer.builder(latentOde, random -> data.sampleBatch(random, 32))
 *         .optimizer(new Adam(1e-2))
 *         .test(() -> latentOde.meanSquaredError(validation))
 *         .build();
 * }</pre>
 * Its listeners then see the test loss the {@code test} supplier gives (NaN without one), and no
 * test prediction or {@code NeuralOde} ({@link Progress#testPrediction()} and
 * {@link Progress#model()} are null).
 */
public final class Trainer {

    /** One iteration's figures. */
    public record Iteration(int iteration, double loss, int forwardEvaluations, int backwardEvaluations,
                            double seconds) {
    }

    private record Listener(int every, Consumer<Progress> action) {
    }

    /** The spiral's neural ODE, or null for a model given by {@link #builder(TrainableModel, Function)}. */
    private final NeuralOde model;
    private final Trajectory data;
    private final double[] parameters;
    private final Function<Random, TrainableModel.BatchGradient> iterate;
    private final DoubleSupplier testLossOfModel;
    private final Optimizer optimizer;
    private final Loss loss;
    private final Solver testSolver;
    private final int maxEvaluations;
    private final Random random;
    private final List<Listener> listeners = new ArrayList<>();
    private final List<Iteration> history = new ArrayList<>();
    private final List<double[]> testLosses = new ArrayList<>();
    private int iteration;
    private double bestTestLoss = Double.POSITIVE_INFINITY;
    private double seconds;
    private int testedAt = -1;
    private double lastTestLoss;
    private double[][] lastTestPrediction;

    private Trainer(Builder b) {
        this.model = b.model;
        this.data = b.data;
        this.optimizer = b.optimizer;
        this.loss = b.loss;
        if (b.trainable != null) {
            this.parameters = b.trainable.parameters();
            this.iterate = b.iterate;
            this.testLossOfModel = b.testLoss;
            this.testSolver = null;
        } else {
            TrainableModel<Segments> fit = b.kineticWeight > 0 || b.jacobianWeight > 0
                    ? new RegularisedFit(b.model, b.gradients, b.loss, b.kineticWeight, b.jacobianWeight, b.seed)
                    : new SegmentFit(b.model, b.gradients, b.loss);
            Trajectory segmentsFrom = b.data;
            int batchSize = b.batchSize;
            int batchTime = b.batchTime;
            this.parameters = fit.parameters();
            this.iterate = random -> fit.lossAndGradient(segmentsFrom.sampleSegments(random, batchSize, batchTime));
            this.testLossOfModel = null;
            this.testSolver = b.testSolver != null ? b.testSolver : b.gradients.solver();
        }
        this.maxEvaluations = b.maxEvaluations;
        this.random = new Random(b.seed);
    }

    /** @return a builder for a neural ODE fitted to one trajectory; model, data, gradients and optimizer are required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder for any model; the optimizer is required, the test loss optional.
     *
     * @param model   the model (its gradient method was given to it when it was built)
     * @param batches draws one mini-batch from the trainer's random numbers (seeded by {@link Builder#seed})
     * @param <B>     the type of a batch
     * @return the builder
     */
    public static <B> Builder builder(TrainableModel<B> model, Function<Random, ? extends B> batches) {
        if (model == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        if (batches == null) {
            throw new IllegalArgumentException("batches must not be null: a function from a Random to a mini-batch");
        }
        Builder b = new Builder();
        b.trainable = model;
        b.iterate = random -> model.lossAndGradient(batches.apply(random));
        return b;
    }

    /**
     * Registers a listener called after every {@code every}-th iteration.
     *
     * @return this trainer
     */
    public Trainer onProgress(int every, Consumer<Progress> listener) {
        if (every < 1) {
            throw new IllegalArgumentException("every must be at least 1, got " + every);
        }
        if (listener == null) {
            throw new IllegalArgumentException("listener must not be null");
        }
        listeners.add(new Listener(every, listener));
        return this;
    }

    /**
     * Trains for {@code iterations} more iterations.
     *
     * @return the figures of every iteration so far
     * @throws TrainingException if training cannot go on
     */
    public List<Iteration> run(int iterations) {
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must be non-negative, got " + iterations);
        }
        for (int done = 0; done < iterations; done++) {
            step();
        }
        return history();
    }

    /** Runs one iteration. */
    public Iteration step() {
        long start = System.nanoTime();
        int current = iteration + 1;
        TrainableModel.BatchGradient result;
        try {
            result = iterate.apply(random);
        } catch (SolverException e) {
            throw new TrainingException(current, "the solver gave up (" + e.getMessage() + "). " + advice(e), e);
        }
        if (!Double.isFinite(result.loss())) {
            throw new TrainingException(current, "the loss is " + result.loss() + ": the parameters have diverged."
                    + " Lower the learning rate (now " + optimizer.learningRate() + "), or clip the gradients"
                    + " (optimizer.withGradientClipping(1.0))", null);
        }
        for (double g : result.gradient()) {
            if (!Double.isFinite(g)) {
                throw new TrainingException(current, "the gradient is not finite (" + g + "): lower the learning"
                        + " rate (now " + optimizer.learningRate() + "), clip the gradients"
                        + " (optimizer.withGradientClipping(1.0)), or tighten the solver tolerances", null);
            }
        }
        if (result.forwardEvaluations() > maxEvaluations) {
            throw new TrainingException(current, "the forward solve needed " + result.forwardEvaluations()
                    + " evaluations of f (limit " + maxEvaluations + "): the step count is exploding because the"
                    + " learned field became stiff. Lower the learning rate (now " + optimizer.learningRate()
                    + "), loosen rtol/atol, or raise the limit with maxEvaluations(...)", null);
        }
        optimizer.step(parameters, result.gradient());
        iteration = current;
        double elapsed = (System.nanoTime() - start) * 1e-9;
        seconds += elapsed;
        Iteration record = new Iteration(current, result.loss(), result.forwardEvaluations(),
                result.backwardEvaluations(), elapsed);
        history.add(record);
        for (Listener listener : listeners) {
            if (current % listener.every == 0) {
                test();
                listener.action.accept(new Progress(current, result.loss(), lastTestLoss, bestTestLoss,
                        result.forwardEvaluations(), result.backwardEvaluations(), seconds,
                        data == null ? null : data.times(), lastTestPrediction, model));
            }
        }
        return record;
    }

    /** What to change when the solver gives up, by the reason it gave. */
    private String advice(SolverException e) {
        String lowerRate = "lower the learning rate (now " + optimizer.learningRate() + ") or clip the gradients"
                + " (optimizer.withGradientClipping(1.0))";
        return switch (e.reason()) {
            case STEP_SIZE_UNDERFLOW, STALLED, BLOW_UP, NON_FINITE -> "The learned vector field has become too stiff"
                    + " or explosive for the solver: " + lowerRate;
            case TOO_MANY_STEPS -> "The step count is exploding: loosen the tolerances rtol/atol, raise the step"
                    + " limit named above, or " + lowerRate;
            case TOLERANCE_TOO_TIGHT -> "The tolerances ask for more than double precision gives: loosen rtol/atol"
                    + " (the learning rate is not the problem)";
            case NEWTON_FAILED, INTEGRATOR_FAILED -> "Use a smaller step size or another solver, or " + lowerRate;
        };
    }

    /**
     * @return the loss of the whole trajectory predicted from its first state, or for a model given
     *         by {@link #builder(TrainableModel, Function)} what its test supplier gives (NaN without
     *         one); cached per iteration
     */
    public double testLoss() {
        test();
        return lastTestLoss;
    }

    private void test() {
        if (testedAt == iteration) {
            return;
        }
        if (model == null) {
            double value;
            try {
                value = testLossOfModel == null ? Double.NaN : testLossOfModel.getAsDouble();
            } catch (SolverException e) {
                throw new TrainingException(iteration, "the test failed (" + e.getMessage() + "). " + advice(e), e);
            }
            if (testLossOfModel != null && !Double.isFinite(value)) {
                throw new TrainingException(iteration, "the test loss is " + value + ": lower the learning"
                        + " rate (now " + optimizer.learningRate() + ")", null);
            }
            lastTestLoss = value;
            if (testLossOfModel != null) {
                bestTestLoss = Math.min(bestTestLoss, value);
                testLosses.add(new double[] {iteration, value});
            }
            testedAt = iteration;
            return;
        }
        Solution solution;
        try {
            solution = testSolver.solve(model, data.initialState(), data.times());
        } catch (SolverException e) {
            throw new TrainingException(iteration, "the test solve failed (" + e.getMessage() + "). " + advice(e), e);
        }
        lastTestPrediction = solution.states();
        lastTestLoss = loss.value(lastTestPrediction, data.states());
        if (!Double.isFinite(lastTestLoss)) {
            throw new TrainingException(iteration, "the test loss is " + lastTestLoss + ": lower the learning"
                    + " rate (now " + optimizer.learningRate() + ")", null);
        }
        bestTestLoss = Math.min(bestTestLoss, lastTestLoss);
        testedAt = iteration;
        testLosses.add(new double[] {iteration, lastTestLoss});
    }

    /** @return the neural ODE being trained, or null for a model given by {@link #builder(TrainableModel, Function)} */
    public NeuralOde model() {
        return model;
    }

    /** @return the iterations done so far */
    public int iteration() {
        return iteration;
    }

    /** @return the figures of every iteration so far */
    public List<Iteration> history() {
        return List.copyOf(history);
    }

    /** @return {@code {iteration, test loss}} pairs for every test so far */
    public List<double[]> testLosses() {
        return List.copyOf(testLosses);
    }

    /** @return the smallest test loss seen so far (infinite before the first test) */
    public double bestTestLoss() {
        return bestTestLoss;
    }

    /** @return seconds spent in iterations (tests excluded) */
    public double trainingSeconds() {
        return seconds;
    }

    /** Collects the trainer's settings; torchdiffeq's demo values are the defaults. */
    public static final class Builder {
        private NeuralOde model;
        private Trajectory data;
        private GradientMethod gradients;
        private Optimizer optimizer;
        private Loss loss = Loss.L1;
        private int batchSize = 20;
        private int batchTime = 10;
        private long seed = 0;
        private Solver testSolver;
        private int maxEvaluations = 20_000;
        private double kineticWeight;
        private double jacobianWeight;
        private TrainableModel<?> trainable;
        private Function<Random, TrainableModel.BatchGradient> iterate;
        private DoubleSupplier testLoss;

        private Builder() {
        }

        /** The model to train (its theta is updated in place). */
        public Builder model(NeuralOde model) {
            this.model = model;
            return this;
        }

        /**
         * The trajectory segments are drawn from, and the test loss is measured on: finite, with
         * strictly monotonic and evenly spaced times. {@link #build()} checks it and trains on a copy.
         */
        public Builder data(Trajectory data) {
            this.data = data;
            return this;
        }

        /** How gradients are computed: {@link GradientMethod#backprop} or {@link GradientMethod#adjoint}. */
        public Builder gradients(GradientMethod gradients) {
            this.gradients = gradients;
            return this;
        }

        /** The update rule, e.g. {@code new RmsProp(1e-3)}. */
        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        /** The loss (default {@link Loss#L1}). */
        public Builder loss(Loss loss) {
            this.loss = loss;
            return this;
        }

        /** Segments per mini-batch (default 20). */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Samples per segment (default 10). */
        public Builder batchTime(int batchTime) {
            this.batchTime = batchTime;
            return this;
        }

        /** The seed of the mini-batch draws (default 0). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The solver of the test predictions (default: the gradient method's solver). */
        public Builder testSolver(Solver testSolver) {
            this.testSolver = testSolver;
            return this;
        }

        /**
         * The test loss reported to listeners, for a model given by
         * {@link Trainer#builder(TrainableModel, Function)} (e.g. its error on a validation set).
         */
        public Builder test(DoubleSupplier testLoss) {
            this.testLoss = testLoss;
            return this;
        }

        /**
         * Adds {@code lambda_K int ||f||^2 dt} to the loss, the kinetic-energy regulariser of Finlay
         * et al. 2020 (see {@link RegularisedFit}); default 0. The forward evaluations counted are
         * then those of the augmented field.
         */
        public Builder kineticEnergy(double weight) {
            this.kineticWeight = weight;
            return this;
        }

        /**
         * Adds {@code lambda_J int ||df/dh||_F^2 dt} to the loss, the Jacobian regulariser of Finlay
         * et al. 2020 by Hutchinson's estimator (see {@link RegularisedFit}); default 0. Each
         * evaluation of the augmented field then evaluates {@code f} twice.
         */
        public Builder jacobianNorm(double weight) {
            this.jacobianWeight = weight;
            return this;
        }

        /** The most evaluations one forward solve may take before training stops (default 20000). */
        public Builder maxEvaluations(int maxEvaluations) {
            this.maxEvaluations = maxEvaluations;
            return this;
        }

        /** @return the trainer */
        public Trainer build() {
            if (trainable != null) {
                require(model == null && data == null && gradients == null && testSolver == null
                        && kineticWeight == 0 && jacobianWeight == 0,
                        "a model given by Trainer.builder(model, batches) draws its own batches and was given its"
                        + " gradient method when it was built: do not set model, data, gradients, testSolver, kineticEnergy or"
                        + " jacobianNorm");
                require(optimizer != null, "optimizer must be set: new RmsProp(1e-3), new Adam(1e-3) or new Sgd(lr, momentum)");
                require(maxEvaluations >= 1, "maxEvaluations must be at least 1, got " + maxEvaluations);
                return new Trainer(this);
            }
            require(testLoss == null, "test(...) is for a model given by Trainer.builder(model, batches); the"
                    + " neural ODE's test loss is that of the whole trajectory");
            require(model != null, "model must be set, e.g. .model(NeuralOde.spiralDemo(0))");
            require(data != null, "data must be set, e.g. .data(Spiral.trajectory())");
            // check the data again (its arrays may have been edited since it was built), and train
            // on a copy, so that bad data is reported here, by index and value, not later as divergence
            data = data.copy();
            requireEvenlySpaced(data.times());
            require(gradients != null, "gradients must be set: GradientMethod.backprop(solver) or GradientMethod.adjoint(solver)");
            require(optimizer != null, "optimizer must be set: new RmsProp(1e-3), new Adam(1e-3) or new Sgd(lr, momentum)");
            require(loss != null, "loss must be Loss.L1 or Loss.MSE");
            require(data.dimension() == model.dimension(), "data dimension " + data.dimension()
                    + " must equal the model's dimension " + model.dimension());
            require(batchTime >= 2 && batchTime <= data.size(), "batchTime must be in [2, " + data.size() + "], got " + batchTime);
            require(batchSize >= 1 && batchSize <= data.size() - batchTime, "batchSize must be in [1, "
                    + (data.size() - batchTime) + "], got " + batchSize);
            require(maxEvaluations >= 1, "maxEvaluations must be at least 1, got " + maxEvaluations);
            require(kineticWeight >= 0 && Double.isFinite(kineticWeight), "kineticEnergy weight must be finite and"
                    + " at least 0, got " + kineticWeight);
            require(jacobianWeight >= 0 && Double.isFinite(jacobianWeight), "jacobianNorm weight must be finite and"
                    + " at least 0, got " + jacobianWeight);
            return new Trainer(this);
        }

        /**
         * Every mini-batch segment is observed at {@code times[0 .. batchTime-1]}, whatever sample
         * it starts at (torchdiffeq's {@code get_batch}), which is right only on an evenly spaced grid.
         */
        private static void requireEvenlySpaced(double[] times) {
            double first = times.length > 1 ? times[1] - times[0] : 0;
            for (int i = 2; i < times.length; i++) {
                double step = times[i] - times[i - 1];
                if (Math.abs(step - first) > 1e-6 * Math.abs(first)) {
                    throw new IllegalArgumentException("the data's times must be evenly spaced, since every"
                            + " mini-batch segment is observed at times[0 .. batchTime-1], but times[1] - times[0] = "
                            + first + " and times[" + i + "] - times[" + (i - 1) + "] = " + step);
                }
            }
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
