package org.neuralode.nn;

import org.neuralode.Arguments;

/**
 * The affine (fully connected) layer {@code y = W x + b}, with {@code W} an
 * {@code out x in} matrix, as {@code torch.nn.Linear}.
 *
 * <p>Its parameters are a view of the network's {@code theta}: {@code W} row-major from
 * {@link #offset()}, then {@code b}. Reverse mode (Goodfellow et al., <i>Deep Learning</i>,
 * Section 6.5.4, Algorithm 6.4) for one row:
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

    @Override
    public void forward(double[] theta, double[] x, double[] y, int batch) {
        int biasStart = offset + out * in;
        for (int r = 0; r < batch; r++) {
            int xRow = r * in;
            int yRow = r * out;
            for (int o = 0; o < out; o++) {
                int w = offset + o * in;
                double sum = theta[biasStart + o];
                for (int i = 0; i < in; i++) {
                    sum += theta[w + i] * x[xRow + i];
                }
                y[yRow + o] = sum;
            }
        }
    }

    @Override
    public void vjp(double[] theta, double[] x, double[] y, double[] dy, double[] dx, double[] dTheta, int batch) {
        int biasStart = offset + out * in;
        java.util.Arrays.fill(dx, 0, batch * in, 0.0);
        for (int r = 0; r < batch; r++) {
            int xRow = r * in;
            int yRow = r * out;
            for (int o = 0; o < out; o++) {
                double g = dy[yRow + o];
                if (g == 0) {
                    continue;
                }
                int w = offset + o * in;
                dTheta[biasStart + o] += g;
                for (int i = 0; i < in; i++) {
                    dx[xRow + i] += theta[w + i] * g;
                    dTheta[w + i] += g * x[xRow + i];
                }
            }
        }
    }

    @Override
    public String toString() {
        return "Dense(" + in + " -> " + out + ")";
    }
}
