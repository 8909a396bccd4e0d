package org.neuralode.nn;

import org.neuralode.Arguments;

/**
 * The affine (fully connected) layer {@code y = W x + b}, with {@code W} an
 * {@code out x in} matrix, as {@code torch.nn.Linear}.
 *
 * <p>Its parameters are a view of the network's {@code theta}: {@code W} row-major from
 * {@link #offset()}, then {@code b}. Reverse mode (Goodfellow et al., <i>Deep Learning</i>,
 * Section 6.5.4, Algorithm 6.4) for one member of the batch:
 * <pre>
 *   dL/dx = W^T dL/dy,   dL/dW += dL/dy x^T,   dL/db += dL/dy.
 * </pre>
 */
public final class Dense implements Layer {

    private final int in;
    private final int out;
    private final int offset;

    /**
     * @param in     input size, at least 1
     * @param out    output size, at least 1
     * @param offset where this layer's parameters start in {@code theta}
     */
    public Dense(int in, int out, int offset) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("in and out must be at least 1, got in = " + in + ", out = " + out);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be non-negative, got " + offset);
        }
        // counted in long: in = 65536, out = 65537 would wrap around an int
        Arguments.arrayLength("theta, with Dense(in = " + in + ", out = " + out + ") at offset " + offset
                + " (offset + out * in + out parameters),", (long) offset + (long) out * in + out, 1);
        this.in = in;
        this.out = out;
        this.offset = offset;
    }

    @Override
    public int inputSize() {
        return in;
    }

    @Override
    public int outputSize() {
        return out;
    }

    @Override
    public int parameterCount() {
        return out * in + out;
    }

    /** @return the index of {@code W[0][0]} in {@code theta} */
    public int offset() {
        return offset;
    }

    /** @return the index of {@code W[o][i]} in {@code theta} */
    public int weightIndex(int o, int i) {
        return offset + o * in + i;
    }

    /** @return the index of {@code b[o]} in {@code theta} */
    public int biasIndex(int o) {
        return offset + out * in + o;
    }

    /**
     * {@code y = W x + b} for every member {@code r} of the batch:
     * <pre>
     *   y[o][r] = b[o] + W[o][0] x[0][r] + W[o][1] x[1][r] + ... + W[o][in-1] x[in-1][r],
     * </pre>
     * summed left to right. The loops below are the definition; what runs is the tuned kernel
     * ({@link DenseKernel#forward}), the same sums in the same order, unrolled so that the JIT
     * vectorises them, and tested bit for bit against these loops.
     */
    @Override
    public void forward(double[] theta, double[][] x, double[][] y, int batch) {
        DenseKernel.forward(theta, offset, in, out, x, y, batch);
    }

    /** {@link #forward} as plain loops: what the kernel computes, bit for bit. */
    void plainForward(double[] theta, double[][] x, double[][] y, int batch) {
        for (int o = 0; o < out; o++) {
            for (int r = 0; r < batch; r++) {
                double sum = theta[biasIndex(o)];
                for (int i = 0; i < in; i++) {
                    sum += theta[weightIndex(o, i)] * x[i][r];
                }
                y[o][r] = sum;
            }
        }
    }

    /**
     * Reverse mode: writes {@code dL/dx = W^T dL/dy} into {@code dx} and adds the parameter
     * gradients into {@code dTheta}:
     * <pre>
     *   dx[i][r]  = W[0][i] dy[0][r] + W[1][i] dy[1][r] + ... + W[out-1][i] dy[out-1][r],
     *   dW[o][i] += dy[o][0] x[i][0] + dy[o][1] x[i][1] + ...   (over the batch, in order),
     *   db[o]    += dy[o][0] + dy[o][1] + ...
     * </pre>
     * As for {@link #forward}, the tuned kernel ({@link DenseKernel#vjp}) computes these sums in
     * this order; {@link #plainVjp} is the plain version it is tested against.
     */
    @Override
    public void vjp(double[] theta, double[][] x, double[][] y, double[][] dy, double[][] dx, double[] dTheta, int batch) {
        DenseKernel.vjp(theta, offset, in, out, x, dy, dx, dTheta, batch);
    }

    /** {@link #vjp} as plain loops: what the kernel computes, bit for bit. */
    void plainVjp(double[] theta, double[][] x, double[][] dy, double[][] dx, double[] dTheta, int batch) {
        for (int i = 0; i < in; i++) {
            for (int r = 0; r < batch; r++) {
                double sum = 0;
                for (int o = 0; o < out; o++) {
                    sum += theta[weightIndex(o, i)] * dy[o][r];
                }
                dx[i][r] = sum;
            }
        }
        for (int o = 0; o < out; o++) {
            for (int r = 0; r < batch; r++) {
                dTheta[biasIndex(o)] += dy[o][r];
            }
            for (int i = 0; i < in; i++) {
                for (int r = 0; r < batch; r++) {
                    dTheta[weightIndex(o, i)] += dy[o][r] * x[i][r];
                }
            }
        }
    }

    @Override
    public String toString() {
        return "Dense(" + in + " -> " + out + ")";
    }
}
