package org.neuralode.nn;

/**
 * The tuned loops behind {@link Dense}: the same sums as its plain loops, each in the same order,
 * so the results are bit for bit the same ({@code DenseKernelTest} checks it), arranged for speed.
 * The loop over the batch is innermost and contiguous, so that HotSpot's C2 vectorises it, and
 * several inputs or outputs are handled per pass over an array. Java evaluates {@code a + b + c}
 * left to right and never fuses a multiply and an add unless asked ({@code Math.fma}), which is
 * what keeps an unrolled sum equal to the plain one.
 */
final class DenseKernel {

    private DenseKernel() {
    }

    /**
     * {@code y = W x + b} for every column of the batch. The loop over the batch is innermost and
     * runs over one input feature and one output feature, each its own array, so the JIT vectorises it;
     * four (or two) inputs are added per pass over {@code y}, written as one left-to-right sum, so
     * that each {@code y[o]} is still {@code b + w_0 x_0 + w_1 x_1 + ...} in that order.
     */
    static void forward(double[] theta, int offset, int in, int out, double[][] x, double[][] y, int batch) {
        int biasStart = offset + out * in;
        for (int o = 0; o < out; o++) {
            double[] yo = y[o];
            int w = offset + o * in;
            double bias = theta[biasStart + o];
            // the first pass writes y = b + (the first terms), so that y is not filled first
            int i = Math.min(in, 4) & ~1;   // 4, 2 or 0 inputs in the first pass
            if (i == 4) {
                double w0 = theta[w];
                double w1 = theta[w + 1];
                double w2 = theta[w + 2];
                double w3 = theta[w + 3];
                double[] x0 = x[0];
                double[] x1 = x[1];
                double[] x2 = x[2];
                double[] x3 = x[3];
                for (int r = 0; r < batch; r++) {
                    yo[r] = bias + w0 * x0[r] + w1 * x1[r] + w2 * x2[r] + w3 * x3[r];
                }
            } else if (i == 2) {
                double w0 = theta[w];
                double w1 = theta[w + 1];
                double[] x0 = x[0];
                double[] x1 = x[1];
                for (int r = 0; r < batch; r++) {
                    yo[r] = bias + w0 * x0[r] + w1 * x1[r];
                }
            } else {
                java.util.Arrays.fill(yo, 0, batch, bias);
            }
            for (; i + 4 <= in; i += 4) {
                double w0 = theta[w + i];
                double w1 = theta[w + i + 1];
                double w2 = theta[w + i + 2];
                double w3 = theta[w + i + 3];
                double[] x0 = x[i];
                double[] x1 = x[i + 1];
                double[] x2 = x[i + 2];
                double[] x3 = x[i + 3];
                for (int r = 0; r < batch; r++) {
                    yo[r] = yo[r] + w0 * x0[r] + w1 * x1[r] + w2 * x2[r] + w3 * x3[r];
                }
            }
            for (; i + 2 <= in; i += 2) {
                double w0 = theta[w + i];
                double w1 = theta[w + i + 1];
                double[] x0 = x[i];
                double[] x1 = x[i + 1];
                for (int r = 0; r < batch; r++) {
                    yo[r] = yo[r] + w0 * x0[r] + w1 * x1[r];
                }
            }
            for (; i < in; i++) {
                double wi = theta[w + i];
                double[] xi = x[i];
                for (int r = 0; r < batch; r++) {
                    yo[r] += wi * xi[r];
                }
            }
        }
    }

    /**
     * {@code dL/dx = W^T dL/dy} feature by feature (the sums over {@code o} in increasing order,
     * several terms per pass), then {@code dL/dW[o][i] += sum_r dL/dy[o][r] x[i][r]} and
     * {@code dL/db[o] += sum_r dL/dy[o][r]}, each sum in the order of the batch, with up to eight
     * of them side by side so that the additions of one do not wait on another's.
     */
    static void vjp(double[] theta, int offset, int in, int out, double[][] x, double[][] dy, double[][] dx,
                    double[] dTheta, int batch) {
        for (int i = 0; i < in; i++) {
            java.util.Arrays.fill(dx[i], 0, batch, 0.0);
        }
        int o = 0;
        for (; o + 4 <= out; o += 4) {
            double[] d0 = dy[o];
            double[] d1 = dy[o + 1];
            double[] d2 = dy[o + 2];
            double[] d3 = dy[o + 3];
            for (int i = 0; i < in; i++) {
                double w0 = theta[offset + o * in + i];
                double w1 = theta[offset + (o + 1) * in + i];
                double w2 = theta[offset + (o + 2) * in + i];
                double w3 = theta[offset + (o + 3) * in + i];
                double[] dxi = dx[i];
                for (int r = 0; r < batch; r++) {
                    dxi[r] = dxi[r] + w0 * d0[r] + w1 * d1[r] + w2 * d2[r] + w3 * d3[r];
                }
            }
        }
        for (; o + 2 <= out; o += 2) {
            double[] d0 = dy[o];
            double[] d1 = dy[o + 1];
            for (int i = 0; i < in; i++) {
                double w0 = theta[offset + o * in + i];
                double w1 = theta[offset + (o + 1) * in + i];
                double[] dxi = dx[i];
                for (int r = 0; r < batch; r++) {
                    dxi[r] = dxi[r] + w0 * d0[r] + w1 * d1[r];
                }
            }
        }
        for (; o < out; o++) {
            double[] d0 = dy[o];
            for (int i = 0; i < in; i++) {
                double w0 = theta[offset + o * in + i];
                double[] dxi = dx[i];
                for (int r = 0; r < batch; r++) {
                    dxi[r] += w0 * d0[r];
                }
            }
        }
        accumulateBiasGradient(offset, in, out, dy, dTheta, batch);
        accumulateWeightGradient(offset, in, out, x, dy, dTheta, batch);
    }

    /** {@code dL/db[o] += sum_r dL/dy[o][r]}, four outputs at a time. */
    private static void accumulateBiasGradient(int offset, int in, int out, double[][] dy, double[] dTheta, int batch) {
        int b = offset + out * in;
        int o = 0;
        for (; o + 4 <= out; o += 4) {
            double[] d0 = dy[o];
            double[] d1 = dy[o + 1];
            double[] d2 = dy[o + 2];
            double[] d3 = dy[o + 3];
            double g0 = dTheta[b + o];
            double g1 = dTheta[b + o + 1];
            double g2 = dTheta[b + o + 2];
            double g3 = dTheta[b + o + 3];
            for (int r = 0; r < batch; r++) {
                g0 += d0[r];
                g1 += d1[r];
                g2 += d2[r];
                g3 += d3[r];
            }
            dTheta[b + o] = g0;
            dTheta[b + o + 1] = g1;
            dTheta[b + o + 2] = g2;
            dTheta[b + o + 3] = g3;
        }
        for (; o < out; o++) {
            double[] d0 = dy[o];
            double g0 = dTheta[b + o];
            for (int r = 0; r < batch; r++) {
                g0 += d0[r];
            }
            dTheta[b + o] = g0;
        }
    }

    /**
     * {@code dL/dW[o][i] += sum_r dL/dy[o][r] x[i][r]}: blocks of four outputs by two inputs
     * (eight sums side by side), then what is left with four sums side by side.
     */
    private static void accumulateWeightGradient(int offset, int in, int out, double[][] x, double[][] dy,
                                                 double[] dTheta, int batch) {
        int o = 0;
        for (; o + 4 <= out; o += 4) {
            double[] d0 = dy[o];
            double[] d1 = dy[o + 1];
            double[] d2 = dy[o + 2];
            double[] d3 = dy[o + 3];
            int w0 = offset + o * in;
            int w1 = w0 + in;
            int w2 = w1 + in;
            int w3 = w2 + in;
            int i = 0;
            for (; i + 2 <= in; i += 2) {
                double[] x0 = x[i];
                double[] x1 = x[i + 1];
                double a0 = dTheta[w0 + i];
                double a1 = dTheta[w1 + i];
                double a2 = dTheta[w2 + i];
                double a3 = dTheta[w3 + i];
                double b0 = dTheta[w0 + i + 1];
                double b1 = dTheta[w1 + i + 1];
                double b2 = dTheta[w2 + i + 1];
                double b3 = dTheta[w3 + i + 1];
                for (int r = 0; r < batch; r++) {
                    double u = x0[r];
                    double v = x1[r];
                    double g0 = d0[r];
                    double g1 = d1[r];
                    double g2 = d2[r];
                    double g3 = d3[r];
                    a0 += g0 * u;
                    a1 += g1 * u;
                    a2 += g2 * u;
                    a3 += g3 * u;
                    b0 += g0 * v;
                    b1 += g1 * v;
                    b2 += g2 * v;
                    b3 += g3 * v;
                }
                dTheta[w0 + i] = a0;
                dTheta[w1 + i] = a1;
                dTheta[w2 + i] = a2;
                dTheta[w3 + i] = a3;
                dTheta[w0 + i + 1] = b0;
                dTheta[w1 + i + 1] = b1;
                dTheta[w2 + i + 1] = b2;
                dTheta[w3 + i + 1] = b3;
            }
            if (i < in) {
                double[] x0 = x[i];
                double a0 = dTheta[w0 + i];
                double a1 = dTheta[w1 + i];
                double a2 = dTheta[w2 + i];
                double a3 = dTheta[w3 + i];
                for (int r = 0; r < batch; r++) {
                    double u = x0[r];
                    a0 += d0[r] * u;
                    a1 += d1[r] * u;
                    a2 += d2[r] * u;
                    a3 += d3[r] * u;
                }
                dTheta[w0 + i] = a0;
                dTheta[w1 + i] = a1;
                dTheta[w2 + i] = a2;
                dTheta[w3 + i] = a3;
            }
        }
        for (; o < out; o++) {
            double[] d0 = dy[o];
            int w0 = offset + o * in;
            int i = 0;
            for (; i + 4 <= in; i += 4) {
                double[] x0 = x[i];
                double[] x1 = x[i + 1];
                double[] x2 = x[i + 2];
                double[] x3 = x[i + 3];
                double a0 = dTheta[w0 + i];
                double a1 = dTheta[w0 + i + 1];
                double a2 = dTheta[w0 + i + 2];
                double a3 = dTheta[w0 + i + 3];
                for (int r = 0; r < batch; r++) {
                    double g = d0[r];
                    a0 += g * x0[r];
                    a1 += g * x1[r];
                    a2 += g * x2[r];
                    a3 += g * x3[r];
                }
                dTheta[w0 + i] = a0;
                dTheta[w0 + i + 1] = a1;
                dTheta[w0 + i + 2] = a2;
                dTheta[w0 + i + 3] = a3;
            }
            for (; i < in; i++) {
                double[] x0 = x[i];
                double a0 = dTheta[w0 + i];
                for (int r = 0; r < batch; r++) {
                    a0 += d0[r] * x0[r];
                }
                dTheta[w0 + i] = a0;
            }
        }
    }
}
