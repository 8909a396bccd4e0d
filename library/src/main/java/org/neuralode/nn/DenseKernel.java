package org.neuralode.nn;

/**
 * The tuned loops behind {@link Dense}: the same sums as its plain loops, each in the same order,
 * so the results are bit for bit the same ({@code DenseKernelTest} checks it), arranged for speed.
 * The innermost loop runs over whole arrays with one index and stores into one of them, so that
 * HotSpot's C2 vectorises it: {@code c[j] = c[j] + a0 b0[j] + a1 b1[j] + a2 b2[j] + a3 b3[j]},
 * four terms of each sum per pass over {@code c}. Java evaluates {@code a + b + c} left to right
 * and never fuses a multiply and an add unless asked ({@code Math.fma}), which is what keeps such
 * a pass equal to four steps of the plain sum.
 *
 * <p>Why one store per loop: C2 (JDK 17) does not vectorise a loop that stores into two arrays
 * it cannot prove distinct (two rows of outputs updated side by side ran at half the speed,
 * bench/NOTES.md), nor one with eight terms per pass; so the register blocking of a classic
 * matrix kernel (several outputs accumulated at once) is not available here without the Vector
 * API, and the kernel keeps one output per pass.
 *
 * <p>The weight gradient {@code dL/dW[o][i] += sum_r dL/dy[o][r] x[i][r]} sums over the batch,
 * the index the arrays are contiguous in; summed directly it is a reduction, which C2 does not
 * vectorise for doubles (the order of the additions must stay). So {@code x} is transposed first,
 * one array per batch member, into scratch space kept per thread (a {@link ThreadLocal}, grown to
 * the largest {@code batch x in} seen), and each row of {@code dL/dW} is accumulated in an array
 * of its own by the same four-term pass, the batch members in order, then written back.
 */
final class DenseKernel {

    /**
     * Inputs per tile of the weight gradient: the tile of {@code x} transposed that each row of
     * {@code dL/dW} reads ({@code batch x 128} values) stays in the core's cache for the next row.
     */
    static final int TILE = 128;

    /**
     * The smallest input size and batch for which the weight gradient is computed on {@code x}
     * transposed: below, each vectorised pass would be a few values long.
     */
    static final int TRANSPOSE_FROM = 32;

    /** Per thread: {@code x} transposed, and a row of {@code dL/dW} being accumulated. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private DenseKernel() {
    }

    /**
     * {@code y = W x + b} for every column of the batch: each {@code y[o]} starts as {@code b[o]}
     * and receives {@code w_0 x_0, w_1 x_1, ...} in that order, four outputs and four inputs at a time.
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
     * {@code dL/dx = W^T dL/dy} (each {@code dx[i]} the sum over {@code o} in increasing order,
     * from zero), then {@code dL/db[o] += sum_r dL/dy[o][r]} and
     * {@code dL/dW[o][i] += sum_r dL/dy[o][r] x[i][r]}, each sum in the order of the batch.
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

    /**
     * {@code c[j] += sum_k a[a0 + k step] b[k][j]} for {@code j} in {@code [j0, j1)}, over
     * {@code k < terms} in increasing order, four terms per pass over {@code c}.
     */
    private static void addOne(double[] a, int a0, int step, double[] c, double[][] b, int terms, int j0, int j1) {
        int k = 0;
        for (; k + 4 <= terms; k += 4) {
            double w0 = a[a0 + k * step];
            double w1 = a[a0 + (k + 1) * step];
            double w2 = a[a0 + (k + 2) * step];
            double w3 = a[a0 + (k + 3) * step];
            double[] b0 = b[k];
            double[] b1 = b[k + 1];
            double[] b2 = b[k + 2];
            double[] b3 = b[k + 3];
            for (int j = j0; j < j1; j++) {
                c[j] = c[j] + w0 * b0[j] + w1 * b1[j] + w2 * b2[j] + w3 * b3[j];
            }
        }
        for (; k < terms; k++) {
            double w0 = a[a0 + k * step];
            double[] b0 = b[k];
            for (int j = j0; j < j1; j++) {
                c[j] += w0 * b0[j];
            }
        }
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
     * {@code dL/dW[o][i] += sum_r dL/dy[o][r] x[i][r]}, the batch in order: for each {@code o},
     * {@link #addOne} with the coefficients {@code dL/dy[o][r]}, the arrays {@code x} transposed ({@code xT[r][i] = x[i][r]}), and the row
     * {@code dL/dW[o]} copied out of {@code dTheta} and back.
     */
    private static void accumulateWeightGradient(int offset, int in, int out, double[][] x, double[][] dy,
                                                 double[] dTheta, int batch) {
        if (in < TRANSPOSE_FROM || batch < TRANSPOSE_FROM) {
            accumulateWeightGradientInPlace(offset, in, out, x, dy, dTheta, batch);
            return;
        }
        Scratch scratch = SCRATCH.get();
        double[][] xT = scratch.transposed(x, in, batch);
        double[] row = scratch.row(in);
        for (int i0 = 0; i0 < in; i0 += TILE) {
            int i1 = Math.min(in, i0 + TILE);
            int n = i1 - i0;
            for (int o = 0; o < out; o++) {
                int w = offset + o * in;
                System.arraycopy(dTheta, w + i0, row, i0, n);
                addOne(dy[o], 0, 1, row, xT, batch, i0, i1);
                System.arraycopy(row, i0, dTheta, w + i0, n);
            }
        }
    }

    /**
     * {@code dL/dW[o][i] += sum_r dL/dy[o][r] x[i][r]} on the arrays as they are, for small
     * layers, where transposing costs more than it saves: blocks of four outputs by two inputs
     * (eight sums side by side, not vectorised but independent), then what is left with four.
     */
    private static void accumulateWeightGradientInPlace(int offset, int in, int out, double[][] x, double[][] dy,
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

    /** Scratch space of one thread, grown as needed and reused. */
    private static final class Scratch {
        private double[][] transposed = new double[0][0];
        private double[] row = new double[0];

        /** @return {@code t} with {@code t[r][i] = x[i][r]} for {@code r < batch}, {@code i < in} */
        double[][] transposed(double[][] x, int in, int batch) {
            if (transposed.length < batch || transposed[0].length < in) {
                transposed = new double[Math.max(batch, transposed.length)][Math.max(in, transposed.length == 0 ? 0
                        : transposed[0].length)];
            }
            double[][] t = transposed;
            for (int i = 0; i < in; i++) {
                double[] xi = x[i];
                for (int r = 0; r < batch; r++) {
                    t[r][i] = xi[r];
                }
            }
            return t;
        }

        /** @return an array of at least {@code in} values */
        double[] row(int in) {
            if (row.length < in) {
                row = new double[in];
            }
            return row;
        }
    }
}
