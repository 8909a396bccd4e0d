package org.neuralode.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.neuralode.Arguments;

/**
 * A multilayer perceptron {@code y = L_n(... L_2(L_1(x)))}: dense layers and elementwise
 * nonlinearities, with all parameters in one flat vector {@link #theta()} of which each
 * {@link Dense} layer reads a view (offset, shape).
 *
 * <p>Built with {@link #builder(int)}:
 * <pre>{@code
 * Mlp net = Mlp.builder(2).dense(50).tanh().dense(2)
 *         .initialization(Initialization.normal(0.1)).seed(0).build();
 * double[] y = net.apply(new double[] {1, 2});
 * }</pre>
 *
 * <p>Reverse mode runs the layers backwards, each applying its vector-Jacobian product
 * (Goodfellow et al., <i>Deep Learning</i>, Algorithm 6.4): {@link #forward(double[], int, Trace)}
 * records every layer's output in a {@link Trace}, {@link #vjp(Trace, double[], double[])} walks
 * the trace back.
 */
public final class Mlp {

    private final List<Layer> layers;
    private final int inputSize;
    private final int outputSize;
    private final double[] theta;

    private Mlp(List<Layer> layers, int inputSize, double[] theta) {
        this.layers = List.copyOf(layers);
        this.inputSize = inputSize;
        this.outputSize = layers.isEmpty() ? inputSize : layers.get(layers.size() - 1).outputSize();
        this.theta = theta;
    }

    /** @return a builder for a network taking inputs of {@code inputSize} features */
    public static Builder builder(int inputSize) {
        return new Builder(inputSize);
    }

    /** @return the layers, in order */
    public List<Layer> layers() {
        return layers;
    }

    /** @return the number of input features */
    public int inputSize() {
        return inputSize;
    }

    /** @return the number of output features */
    public int outputSize() {
        return outputSize;
    }

    /** @return the number of parameters, {@code theta().length} */
    public int parameterCount() {
        return theta.length;
    }

    /**
     * @return the parameter vector itself (not a copy): optimisers update it in place, and so
     *         may a student who wants to look or poke
     */
    public double[] theta() {
        return theta;
    }

    /** @return a new network with the same layers and a copy of the parameters */
    public Mlp copy() {
        return new Mlp(layers, inputSize, theta.clone());
    }

    /** @return {@code y = net(x)} for one input */
    public double[] apply(double[] x) {
        requireLength("x", x, inputSize);
        Trace trace = newTrace(1);
        forward(x, 1, trace);
        return trace.output().clone();
    }

    /** @return {@code net(x[b])} for each member {@code x[b]} of a batch */
    public double[][] apply(double[][] x) {
        int batch = Arguments.notNull("x", x).length;
        Trace trace = newTrace(batch);
        double[] flat = new double[batch * inputSize];
        for (int r = 0; r < batch; r++) {
            requireLength("x[" + r + "]", x[r], inputSize);
            System.arraycopy(x[r], 0, flat, r * inputSize, inputSize);
        }
        forward(flat, batch, trace);
        double[][] y = new double[batch][];
        for (int r = 0; r < batch; r++) {
            y[r] = Arrays.copyOfRange(trace.output(), r * outputSize, (r + 1) * outputSize);
        }
        return y;
    }

    /** @return a trace with room for a batch of {@code batch} inputs */
    public Trace newTrace(int batch) {
        return new Trace(batch, null);
    }

    /**
     * @param batch       the batch size
     * @param scratchFrom a trace of the same batch size whose reverse-mode scratch space this one
     *                    shares: many recorded evaluations (the stages of a solve) then cost only
     *                    their recorded values, since their vector-Jacobian products run one at a time
     * @return a trace with room for a batch of {@code batch} inputs
     */
    public Trace newTrace(int batch, Trace scratchFrom) {
        if (scratchFrom != null && scratchFrom.batch != batch) {
            throw new IllegalArgumentException("scratchFrom must have batch " + batch + ", got " + scratchFrom.batch);
        }
        return new Trace(batch, scratchFrom);
    }

    /**
     * Evaluates the network on a batch, recording every layer's output for reverse mode.
     *
     * @param x     {@code batch} inputs one after another, {@code batch * inputSize()} values (copied into the trace)
     * @param batch the batch size
     * @param trace where to record; must have been made for the same batch size
     * @return the outputs one after another, {@code trace.output()}
     */
    public double[] forward(double[] x, int batch, Trace trace) {
        trace.requireBatch(batch);
        toFeatures(x, batch, inputSize, trace.values[0]);
        for (int l = 0; l < layers.size(); l++) {
            layers.get(l).forward(theta, trace.values[l], trace.values[l + 1], batch);
        }
        fromFeatures(trace.values[layers.size()], outputSize, batch, trace.output);
        return trace.output;
    }

    /**
     * Reverse mode through a recorded evaluation.
     *
     * @param trace  a trace filled by {@link #forward(double[], int, Trace)} with the current theta
     * @param dy     {@code dL/dy}, {@code batch * outputSize()} values
     * @param dTheta {@code dL/dtheta}, added to
     * @return {@code dL/dx}, an array owned by the trace (overwritten by the next vjp on it)
     */
    public double[] vjp(Trace trace, double[] dy, double[] dTheta) {
        int batch = trace.batch;
        double[][] upstream = trace.gradients[layers.size()];
        toFeatures(dy, batch, outputSize, upstream);
        for (int l = layers.size() - 1; l >= 0; l--) {
            double[][] dx = trace.gradients[l];
            layers.get(l).vjp(theta, trace.values[l], trace.values[l + 1], upstream, dx, dTheta, batch);
            upstream = dx;
        }
        fromFeatures(upstream, inputSize, batch, trace.inputGradient);
        return trace.inputGradient;
    }

    /**
     * Writes the batch {@code a}, one input after another (the caller's layout), into one array
     * per feature (the layers' layout, see {@link Layer}): {@code byFeature[c][b] = a[b * features + c]}.
     */
    private static void toFeatures(double[] a, int batch, int features, double[][] byFeature) {
        for (int c = 0; c < features; c++) {
            double[] feature = byFeature[c];
            for (int b = 0; b < batch; b++) {
                feature[b] = a[b * features + c];
            }
        }
    }

    /** The inverse of {@link #toFeatures}: {@code a[b * features + c] = byFeature[c][b]}. */
    private static void fromFeatures(double[][] byFeature, int features, int batch, double[] a) {
        for (int c = 0; c < features; c++) {
            double[] feature = byFeature[c];
            for (int b = 0; b < batch; b++) {
                a[b * features + c] = feature[b];
            }
        }
    }

    @Override
    public String toString() {
        return "Mlp" + layers + " with " + theta.length + " parameters";
    }

    private static void requireLength(String name, double[] x, int length) {
        if (x == null || x.length != length) {
            throw new IllegalArgumentException(name + " must have length " + length + ", got "
                    + (x == null ? "null" : x.length));
        }
    }

    /**
     * The recorded values of one batched forward pass: {@code values[0]} is the input,
     * {@code values[l + 1]} the output of layer {@code l}, each one array per feature (the layers'
     * layout, see {@link Layer}), and the output once more one state after another (the caller's);
     * plus scratch space for reverse mode. Preallocated once and reused, so a training loop makes
     * no garbage per evaluation.
     */
    public final class Trace {
        private final int batch;
        private final double[][][] values;
        private final double[] output;
        /** {@code gradients[l]}: dL/d(input of layer l); {@code gradients[layers]}: dL/d(output). */
        private final double[][][] gradients;
        private final double[] inputGradient;

        private Trace(int batch, Trace scratchFrom) {
            if (batch < 1) {
                throw new IllegalArgumentException("batch must be at least 1, got " + batch);
            }
            int widest = inputSize;
            for (Layer layer : layers) {
                widest = Math.max(widest, Math.max(layer.inputSize(), layer.outputSize()));
            }
            Arguments.arrayLength("a trace of batch * width = " + batch + " * " + widest + " values per layer",
                    (long) batch * widest, 2 * layers.size() + 1);
            this.batch = batch;
            values = new double[layers.size() + 1][][];
            values[0] = new double[inputSize][batch];
            for (int l = 0; l < layers.size(); l++) {
                values[l + 1] = new double[layers.get(l).outputSize()][batch];
            }
            output = new double[batch * outputSize];
            if (scratchFrom != null) {
                gradients = scratchFrom.gradients;
                inputGradient = scratchFrom.inputGradient;
                return;
            }
            gradients = new double[layers.size() + 1][][];
            for (int l = 0; l < layers.size(); l++) {
                gradients[l] = new double[layers.get(l).inputSize()][batch];
            }
            gradients[layers.size()] = new double[outputSize][batch];
            inputGradient = new double[batch * inputSize];
        }

        /** @return the batch size this trace holds */
        public int batch() {
            return batch;
        }

        /** @return the recorded inputs (a copy, one after another) */
        public double[] input() {
            double[] inputs = new double[batch * inputSize];
            fromFeatures(values[0], inputSize, batch, inputs);
            return inputs;
        }

        /** @return how many numbers this trace records (its scratch space for reverse mode excluded) */
        public long storedValues() {
            long count = output.length;
            for (double[][] v : values) {
                count += (long) v.length * batch;
            }
            return count;
        }

        /** @return the recorded outputs, one after another */
        public double[] output() {
            return output;
        }

        private void requireBatch(int b) {
            if (b != batch) {
                throw new IllegalArgumentException("batch must be " + batch + " for this trace, got " + b);
            }
        }
    }

    /** Assembles layers, assigning each dense layer its view of theta, and initialises theta. */
    public static final class Builder {
        private final int inputSize;
        private final List<Layer> layers = new ArrayList<>();
        private int width;
        private int parameterCount;
        private Initialization initialization = Initialization.normal(0.1);
        private long seed = 0;

        private Builder(int inputSize) {
            if (inputSize < 1) {
                throw new IllegalArgumentException("inputSize must be at least 1, got " + inputSize);
            }
            this.inputSize = inputSize;
            this.width = inputSize;
        }

        /** Appends an affine layer with {@code outputSize} outputs. */
        public Builder dense(int outputSize) {
            Dense dense = new Dense(width, outputSize, parameterCount);
            layers.add(dense);
            parameterCount += dense.parameterCount();
            width = outputSize;
            return this;
        }

        /** Appends an elementwise nonlinearity. */
        public Builder activation(Activation activation) {
            layers.add(new ActivationLayer(activation, width));
            return this;
        }

        /** Appends {@code tanh}. */
        public Builder tanh() {
            return activation(Activation.TANH);
        }

        /** Appends {@code relu}. */
        public Builder relu() {
            return activation(Activation.RELU);
        }

        /** Appends {@code softplus}. */
        public Builder softplus() {
            return activation(Activation.SOFTPLUS);
        }

        /** Sets how weights start (default {@code normal(0.1)}); biases start at zero. */
        public Builder initialization(Initialization initialization) {
            if (initialization == null) {
                throw new IllegalArgumentException("initialization must be Initialization.normal(std) or Initialization.glorot()");
            }
            this.initialization = initialization;
            return this;
        }

        /** Sets the seed of the random number generator that draws the initial weights (default 0). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** @return the network with freshly initialised parameters */
        public Mlp build() {
            double[] theta = new double[parameterCount];
            Random random = new Random(seed);
            for (Layer layer : layers) {
                if (layer instanceof Dense dense) {
                    for (int o = 0; o < dense.outputSize(); o++) {
                        for (int i = 0; i < dense.inputSize(); i++) {
                            theta[dense.weightIndex(o, i)] =
                                    initialization.weight(dense.inputSize(), dense.outputSize(), random);
                        }
                    }
                }
            }
            return new Mlp(layers, inputSize, theta);
        }
    }
}
