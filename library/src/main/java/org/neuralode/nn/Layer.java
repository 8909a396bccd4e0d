package org.neuralode.nn;

/**
 * One layer {@code y = layer(x; theta)} of a network, evaluated on a batch of inputs at once.
 *
 * <p>Batches are held feature by feature, one array per feature: feature {@code j} of batch
 * member {@code b} is {@code x[j][b]} (the transpose of the callers' layout, one state after
 * another), so that the innermost loops run over the batch, contiguous, and the JIT vectorises
 * them. Each feature is a separate array, not a stretch of one flat array, because HotSpot's C2 (JDK 17) vectorises
 * {@code y[r] = b + w0 x0[r] + w1 x1[r]} but, in our measurements, not
 * {@code y[yo + r] = b + w0 x[r] + w1 x[batch + r]}, whose arrays are indexed with different
 * offsets; the flat form ran at half the speed on the spiral's shapes (bench/NOTES.md).
 * {@link Mlp} transposes at its boundary; its callers keep one state after another. A layer reads its parameters from a
 * view of the network's single flat parameter vector {@code theta}; it owns no numbers itself.
 *
 * <p>Reverse mode is the vector-Jacobian product ({@link #vjp}): given {@code dL/dy} it returns
 * {@code dL/dx = (dy/dx)^T dL/dy} and <em>adds</em> {@code (dy/dtheta)^T dL/dy} into the
 * gradient, so gradients of a layer used many times (as in an ODE solve) accumulate (Baydin et
 * al., "Automatic Differentiation in Machine Learning: a Survey", JMLR 18, 2018, Section 3.2).
 */
public interface Layer {

    /** @return the number of input features */
    int inputSize();

    /** @return the number of output features */
    int outputSize();

    /** @return how many entries of {@code theta} this layer reads */
    int parameterCount();

    /**
     * Computes {@code y = layer(x; theta)} for a batch.
     *
     * @param theta the network's parameter vector
     * @param x     {@code inputSize()} feature arrays of {@code batch} inputs
     * @param y     receives {@code outputSize()} feature arrays of {@code batch} outputs
     * @param batch the batch size (the length of each feature array used)
     */
    void forward(double[] theta, double[][] x, double[][] y, int batch);

    /**
     * The vector-Jacobian product at a recorded forward evaluation.
     *
     * @param theta  the parameter vector used in the forward pass
     * @param x      the recorded input
     * @param y      the recorded output
     * @param dy     {@code dL/dy}
     * @param dx     receives {@code dL/dx} (overwritten)
     * @param dTheta {@code dL/dtheta}, added to (same layout as {@code theta})
     * @param batch  the batch size (the length of each feature array used)
     */
    void vjp(double[] theta, double[][] x, double[][] y, double[][] dy, double[][] dx, double[] dTheta, int batch);
}
