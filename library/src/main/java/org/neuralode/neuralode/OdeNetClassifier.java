package org.neuralode.neuralode;

import java.util.Random;
import org.neuralode.nn.Activation;
import org.neuralode.solvers.Solution;

/**
 * A binary classifier whose features are the flow of a neural ODE, the ODE-Net of Chen et al.
 * (NeurIPS 2018, Section 3) and the Augmented Neural ODE of Dupont, Doucet and Teh (NeurIPS 2019):
 * <pre>
 *   h(0) = (x, 0, ..., 0)          the input, with p zeros appended (p = 0: no augmentation)
 *   dh/dt = f_theta(h),  0 &lt;= t &lt;= T
 *   z = w . h(T) + b                one logit, a linear readout
 *   P(class 1 | x) = sigma(z) = 1 / (1 + e^{-z})
 * </pre>
 * trained on the mean binary cross-entropy {@code L = (1/n) sum_i [log(1 + e^{z_i}) - y_i z_i]}.
 * {@code theta} (the field's parameters) and the readout {@code (w, b)} are updated by Adam through
 * the library's {@link Trainer} (the model is a {@link TrainableModel}).
 *
 * <p>The gradient: {@code dL/dz_i = (sigma(z_i) - y_i) / n}, so {@code dL/dw = sum_i dL/dz_i h_i(T)},
 * {@code dL/db = sum_i dL/dz_i}, and the cotangent {@code dL/dh_i(T) = dL/dz_i w} goes back
 * through the solve by the {@link GradientMethod} given (backprop through the solver or the
 * adjoint). With a fixed-step Euler solver of step {@code dt} the model is a weight-shared
 * ResNet, {@code h_{k+1} = h_k + dt f_theta(h_k)}.
 */
public final class OdeNetClassifier implements TrainableModel<OdeNetClassifier.Batch> {

    /**
     * A batch of labelled points.
     *
     * @param x      the inputs
     * @param labels their classes, 0 or 1
     */
    public record Batch(double[][] x, int[] labels) {
    }

    private final NeuralOde field;
    private final int inputDimension;
    private final double endTime;
    private final GradientMethod gradients;
    private final double[] readout;
    private final Optimizer optimizer;
    /** {@code theta} and the readout laid end to end, for the optimiser (see {@link #parameters()}). */
    private final double[] parameters;
    private double lastAccuracy;

    /**
     * One training step's outcome.
     *
     * @param loss                the mean cross-entropy before the update
     * @param accuracy            the fraction classified right before the update
     * @param forwardEvaluations  calls of {@code f} in the forward solve
     * @param backwardEvaluations vector-Jacobian products in the backward pass
     */
    public record Step(double loss, double accuracy, int forwardEvaluations, int backwardEvaluations) {
    }

    /**
     * The loss of a batch and its gradients.
     *
     * @param loss                the mean cross-entropy
     * @param accuracy            the fraction classified right
     * @param parameters          {@code dL/dtheta}
     * @param readout             {@code dL/d(w_1, ..., w_D, b)}
     * @param forwardEvaluations  calls of {@code f} in the forward solve
     * @param backwardEvaluations vector-Jacobian products in the backward pass
     */
    public record LossGradient(double loss, double accuracy, double[] parameters, double[] readout, int forwardEvaluations,
                               int backwardEvaluations) {
    }

    /**
     * @param field          the vector field, of dimension {@code inputDimension + p}
     * @param inputDimension the dimension of the inputs x (2 for points of the plane)
     * @param endTime        T, positive
     * @param gradients      how {@code dL/dtheta} is computed; its solver also makes predictions
     * @param learningRate   Adam's learning rate for {@code theta} and the readout
     * @param seed           the seed of the readout's initial weights, N(0, 0.1^2)
     */
    public OdeNetClassifier(NeuralOde field, int inputDimension, double endTime, GradientMethod gradients,
                            double learningRate, long seed) {
        if (field == null || gradients == null) {
            throw new IllegalArgumentException("field and gradients must not be null");
        }
        if (inputDimension < 1 || inputDimension > field.dimension()) {
            throw new IllegalArgumentException("inputDimension must be in [1, " + field.dimension()
                    + "] (the field's dimension), got " + inputDimension);
        }
        if (!(endTime > 0) || Double.isInfinite(endTime)) {
            throw new IllegalArgumentException("endTime must be finite and positive, got " + endTime);
        }
        this.field = field;
        this.inputDimension = inputDimension;
        this.endTime = endTime;
        this.gradients = gradients;
        // one Adam over theta and the readout laid end to end: Adam acts entry by entry, so this is
        // the same update as one Adam for each
        this.optimizer = new Adam(learningRate);
        Random random = new Random(seed);
        readout = new double[field.dimension() + 1];
        parameters = new double[field.parameterCount() + readout.length];
        for (int k = 0; k < field.dimension(); k++) {
            readout[k] = 0.1 * random.nextGaussian();
        }
        gather();
    }

    /** @return the vector field {@code f_theta} */
    public NeuralOde field() {
        return field;
    }

    /** @return the dimension of the inputs x */
    public int inputDimension() {
        return inputDimension;
    }

    /** @return p, the number of zero components appended to each input */
    public int augmentedDimensions() {
        return field.dimension() - inputDimension;
    }

    /** @return T */
    public double endTime() {
        return endTime;
    }

    /** @return the readout {@code (w_1, ..., w_D, b)} (the array itself) */
    public double[] readout() {
        return readout;
    }

    /** @return the inputs with p zeros appended, laid end to end: the batched h(0) */
    public double[] initialStates(double[][] x) {
        int d = field.dimension();
        double[] h0 = new double[x.length * d];
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != inputDimension) {
                throw new IllegalArgumentException("x[" + i + "] must have " + inputDimension + " components, got "
                        + x[i].length);
            }
            System.arraycopy(x[i], 0, h0, i * d, inputDimension);
        }
        return h0;
    }

    /**
     * The flow of the inputs: {@code result[i][j]} = h_i(times[j]) (all D components), one batched
     * solve with the gradient method's solver.
     *
     * @param times from 0 to T, strictly increasing
     */
    public double[][][] flow(double[][] x, double[] times) {
        Solution solution = gradients.solver().solve(field, initialStates(x), times);
        int d = field.dimension();
        double[][][] result = new double[x.length][times.length][d];
        for (int j = 0; j < times.length; j++) {
            double[] state = solution.state(j);
            for (int i = 0; i < x.length; i++) {
                System.arraycopy(state, i * d, result[i][j], 0, d);
            }
        }
        return result;
    }

    /** @return the evaluations of {@code f} in one batched forward solve of the inputs to T */
    public int forwardEvaluations(double[][] x) {
        return gradients.solver().solve(field, initialStates(x), new double[] {0, endTime}).statistics().evaluations();
    }

    /** @return the logits {@code z_i = w . h_i(T) + b} */
    public double[] logits(double[][] x) {
        double[] hT = gradients.solver().solve(field, initialStates(x), new double[] {0, endTime}).last();
        return logits(hT, x.length);
    }

    /** @return {@code P(class 1 | x_i) = sigma(z_i)} */
    public double[] probability(double[][] x) {
        double[] z = logits(x);
        for (int i = 0; i < z.length; i++) {
            z[i] = sigmoid(z[i]);
        }
        return z;
    }

    /** @return the fraction of inputs whose predicted class (1 where z &gt; 0) equals the label */
    public double accuracy(double[][] x, int[] labels) {
        double[] z = logits(x);
        return accuracy(z, labels);
    }

    /**
     * The mean cross-entropy of a batch and its gradients, without changing the parameters.
     *
     * @param x      the inputs
     * @param labels their classes, 0 or 1
     * @return the loss, the accuracy, {@code dL/dtheta}, {@code dL/d(w, b)} and the work done
     */
    public LossGradient lossAndGradient(double[][] x, int[] labels) {
        if (labels == null || labels.length != x.length) {
            throw new IllegalArgumentException("labels must have one entry per input (" + x.length + "), got "
                    + (labels == null ? "null" : labels.length));
        }
        int n = x.length;
        int d = field.dimension();
        GradientMethod.Pass pass = gradients.forward(field, initialStates(x), new double[] {0, endTime});
        double[] hT = pass.predictions()[1];
        double[] z = logits(hT, n);
        double loss = 0;
        double[] cotangent = new double[n * d];
        double[] dReadout = new double[d + 1];
        for (int i = 0; i < n; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException("labels[" + i + "] must be 0 or 1, got " + labels[i]);
            }
            // log(1 + e^z) - y z, the softplus staying finite for large |z|
            loss += Activation.SOFTPLUS.value(z[i]) - labels[i] * z[i];
            double dz = (sigmoid(z[i]) - labels[i]) / n;
            for (int k = 0; k < d; k++) {
                cotangent[i * d + k] = dz * readout[k];
                dReadout[k] += dz * hT[i * d + k];
            }
            dReadout[d] += dz;
        }
        GradientMethod.Gradient gradient = pass.backward(new double[][] {new double[n * d], cotangent});
        return new LossGradient(loss / n, accuracy(z, labels), gradient.parameters(), dReadout, pass.forwardEvaluations(),
                gradient.backwardEvaluations());
    }

    /**
     * {@code theta} and the readout laid end to end, as the {@link Trainer} updates them. The
     * field's {@code theta} and {@link #readout()} stay the model's own arrays, which a notebook may
     * read and edit between steps: {@link #step} copies them in here before the step and back after
     * it, and {@link #lossAndGradient(Batch)} copies this vector into them before it reads them (a
     * {@link Trainer} built on this model by hand therefore trains this vector, and an edit of the
     * model's own arrays made meanwhile is overwritten).
     */
    @Override
    public double[] parameters() {
        return parameters;
    }

    /** The mean cross-entropy of a batch and its gradient with respect to {@link #parameters()}. */
    @Override
    public BatchGradient lossAndGradient(Batch batch) {
        scatter();
        LossGradient g = lossAndGradient(batch.x(), batch.labels());
        lastAccuracy = g.accuracy();
        double[] gradient = new double[parameters.length];
        System.arraycopy(g.parameters(), 0, gradient, 0, g.parameters().length);
        System.arraycopy(g.readout(), 0, gradient, g.parameters().length, g.readout().length);
        return new BatchGradient(g.loss(), gradient, g.forwardEvaluations(), g.backwardEvaluations());
    }

    /**
     * One full-batch gradient step on {@code theta} and the readout, by the library's {@link Trainer}.
     *
     * @param x      the inputs
     * @param labels their classes, 0 or 1
     * @return the loss and accuracy before the step, and the work done
     * @throws TrainingException if the loss or gradient is not finite or the solver gives up
     */
    public Step step(double[][] x, int[] labels) {
        Batch batch = new Batch(x, labels);
        gather();
        Trainer.Iteration done = Trainer.builder(this, random -> batch).optimizer(optimizer).build().step();
        scatter();
        return new Step(done.loss(), lastAccuracy, done.forwardEvaluations(), done.backwardEvaluations());
    }

    /** The model's own arrays into {@link #parameters()}. */
    private void gather() {
        double[] theta = field.theta();
        System.arraycopy(theta, 0, parameters, 0, theta.length);
        System.arraycopy(readout, 0, parameters, theta.length, readout.length);
    }

    /** {@link #parameters()} into the model's own arrays. */
    private void scatter() {
        double[] theta = field.theta();
        System.arraycopy(parameters, 0, theta, 0, theta.length);
        System.arraycopy(parameters, theta.length, readout, 0, readout.length);
    }

    private double[] logits(double[] hT, int n) {
        int d = field.dimension();
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double s = readout[d];
            for (int k = 0; k < d; k++) {
                s += readout[k] * hT[i * d + k];
            }
            z[i] = s;
        }
        return z;
    }

    private static double accuracy(double[] z, int[] labels) {
        int right = 0;
        for (int i = 0; i < z.length; i++) {
            right += (z[i] > 0 ? 1 : 0) == labels[i] ? 1 : 0;
        }
        return (double) right / z.length;
    }

    private static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }
}
