package org.neuralode.nn;

import java.util.Random;

/**
 * A gated recurrent unit (Cho et al., "Learning Phrase Representations using RNN Encoder-Decoder
 * for Statistical Machine Translation", EMNLP 2014, eqs. (5)-(8)), applied to a batch: from the
 * hidden state {@code h} and the input {@code x},
 * <pre>
 *   z  = sigma(W_z x + U_z h + b_z)              update gate
 *   r  = sigma(W_r x + U_r h + b_r)              reset gate
 *   n  = tanh(W_n x + U_n (r * h) + b_n)         candidate state
 *   h' = z * h + (1 - z) * n                     (* elementwise)
 * </pre>
 * A row whose {@code update} flag is false keeps its state, {@code h' = h}: the masked update of
 * Rubanova, Chen and Duvenaud (NeurIPS 2019, Section 3), where a batch shares one time grid and
 * each trajectory is observed on part of it.
 *
 * <p>The cell owns no numbers: it reads its {@link #parameterCount()} parameters from a flat
 * vector at an offset, laid out gate by gate ({@code z, r, n}), each as {@code W} (row-major,
 * {@code hidden x input}), {@code U} ({@code hidden x hidden}), {@code b}. Batches are row-major,
 * one state per row ({@code h[b * hidden + j]}).
 *
 * <p>Reverse mode ({@link #vjp}), with {@code g = dL/dh'}:
 * <pre>
 *   dz = g (h - n),  dn = g (1 - z),  dh = g z
 *   da_n = dn (1 - n^2):  dW_n += da_n x^T,  dU_n += da_n (r h)^T,  d(r h) = U_n^T da_n,  dr = d(r h) h,  dh += d(r h) r
 *   da_r = dr r (1 - r),  da_z = dz z (1 - z):  dW += da x^T,  dU += da h^T,  dh += U^T da,  dx += W^T da.
 * </pre>
 */
public final class GruCell {

    private final int inputSize;
    private final int hiddenSize;

    /**
     * @param inputSize  the length of an input row, at least 1
     * @param hiddenSize the length of a hidden state, at least 1
     */
    public GruCell(int inputSize, int hiddenSize) {
        if (inputSize < 1 || hiddenSize < 1) {
            throw new IllegalArgumentException("inputSize and hiddenSize must be at least 1, got " + inputSize + " and "
                    + hiddenSize);
        }
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
    }

    /** @return the length of an input row */
    public int inputSize() {
        return inputSize;
    }

    /** @return the length of a hidden state */
    public int hiddenSize() {
        return hiddenSize;
    }

    /** @return {@code 3 hidden (input + hidden + 1)}, the parameters of the three gates */
    public int parameterCount() {
        return 3 * gateSize();
    }

    private int gateSize() {
        return hiddenSize * (inputSize + hiddenSize + 1);
    }

    /**
     * Draws the weights uniformly from {@code [-1/sqrt(hidden), 1/sqrt(hidden)]} (PyTorch's
     * {@code nn.GRUCell}); the biases too.
     */
    public void initialize(double[] theta, int offset, Random random) {
        double bound = 1 / Math.sqrt(hiddenSize);
        for (int p = 0; p < parameterCount(); p++) {
            theta[offset + p] = bound * (2 * random.nextDouble() - 1);
        }
    }

    /** @return storage for one batched step of {@code batch} rows */
    public Trace newTrace(int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        return new Trace(batch);
    }

    /**
     * One step {@code h' = GRU(h, x)} on a batch, recording what reverse mode needs.
     *
     * @param theta  the parameter vector
     * @param offset where the cell's parameters start in it
     * @param h      {@code batch * hidden} states (copied)
     * @param x      {@code batch * input} inputs (copied)
     * @param update which rows take the step (null: all); the others keep their state
     * @param trace  storage made for the same batch size
     * @return {@code h'}, an array owned by the trace
     */
    public double[] forward(double[] theta, int offset, double[] h, double[] x, boolean[] update, Trace trace) {
        int batch = trace.batch;
        int d = inputSize;
        int m = hiddenSize;
        if (h.length != batch * m || x.length != batch * d || (update != null && update.length != batch)) {
            throw new IllegalArgumentException("h, x and update must hold " + batch + " rows of " + m + ", " + d
                    + " and 1, got lengths " + h.length + ", " + x.length + " and " + (update == null ? "null" : update.length));
        }
        System.arraycopy(h, 0, trace.h, 0, h.length);
        System.arraycopy(x, 0, trace.x, 0, x.length);
        for (int b = 0; b < batch; b++) {
            trace.update[b] = update == null || update[b];
        }
        int zBase = offset;
        int rBase = offset + gateSize();
        int nBase = offset + 2 * gateSize();
        for (int b = 0; b < batch; b++) {
            int row = b * m;
            if (!trace.update[b]) {
                System.arraycopy(h, row, trace.output, row, m);
                continue;
            }
            for (int j = 0; j < m; j++) {
                trace.z[row + j] = sigmoid(affine(theta, zBase, j, x, b * d, h, row));
                trace.r[row + j] = sigmoid(affine(theta, rBase, j, x, b * d, h, row));
            }
            for (int j = 0; j < m; j++) {
                trace.rh[row + j] = trace.r[row + j] * h[row + j];
            }
            for (int j = 0; j < m; j++) {
                trace.n[row + j] = Math.tanh(affine(theta, nBase, j, x, b * d, trace.rh, row));
                double z = trace.z[row + j];
                trace.output[row + j] = z * h[row + j] + (1 - z) * trace.n[row + j];
            }
        }
        return trace.output;
    }

    /** {@code W_j . x_b + U_j . v_b + b_j} for the gate whose parameters start at {@code base}. */
    private double affine(double[] theta, int base, int j, double[] x, int xRow, double[] v, int vRow) {
        int d = inputSize;
        int m = hiddenSize;
        int w = base + j * d;
        int u = base + m * d + j * m;
        double s = theta[base + m * d + m * m + j];
        for (int i = 0; i < d; i++) {
            s += theta[w + i] * x[xRow + i];
        }
        for (int i = 0; i < m; i++) {
            s += theta[u + i] * v[vRow + i];
        }
        return s;
    }

    /**
     * The vector-Jacobian product at a recorded step.
     *
     * @param theta  the parameter vector of the forward step
     * @param offset where the cell's parameters start
     * @param trace  the recorded step
     * @param dOut   {@code dL/dh'} ({@code batch * hidden})
     * @param dh     receives {@code dL/dh} (overwritten)
     * @param dx     receives {@code dL/dx} (overwritten)
     * @param dTheta {@code dL/dtheta}, added to at the cell's offset
     */
    public void vjp(double[] theta, int offset, Trace trace, double[] dOut, double[] dh, double[] dx, double[] dTheta) {
        int batch = trace.batch;
        int d = inputSize;
        int m = hiddenSize;
        java.util.Arrays.fill(dx, 0, batch * d, 0.0);
        int[] bases = {offset, offset + gateSize(), offset + 2 * gateSize()};
        double[] da = trace.scratch;   // da_z, da_r, da_n of one row, 3 m values
        double[] dRh = trace.scratch2;
        for (int b = 0; b < batch; b++) {
            int row = b * m;
            if (!trace.update[b]) {
                System.arraycopy(dOut, row, dh, row, m);
                continue;
            }
            for (int j = 0; j < m; j++) {
                double g = dOut[row + j];
                double z = trace.z[row + j];
                double n = trace.n[row + j];
                dh[row + j] = g * z;
                da[j] = g * (trace.h[row + j] - n) * z * (1 - z);
                da[2 * m + j] = g * (1 - z) * (1 - n * n);
            }
            // the candidate: its U multiplies r * h
            java.util.Arrays.fill(dRh, 0, m, 0.0);
            accumulate(theta, bases[2], da, 2 * m, trace.x, b * d, trace.rh, row, dRh, dx, b * d, dTheta);
            for (int j = 0; j < m; j++) {
                double r = trace.r[row + j];
                da[m + j] = dRh[j] * trace.h[row + j] * r * (1 - r);
                dh[row + j] += dRh[j] * r;
            }
            // the gates: their U multiplies h
            java.util.Arrays.fill(dRh, 0, m, 0.0);
            accumulate(theta, bases[0], da, 0, trace.x, b * d, trace.h, row, dRh, dx, b * d, dTheta);
            accumulate(theta, bases[1], da, m, trace.x, b * d, trace.h, row, dRh, dx, b * d, dTheta);
            for (int j = 0; j < m; j++) {
                dh[row + j] += dRh[j];
            }
        }
    }

    /**
     * For one gate's pre-activation cotangent {@code da} (at {@code da[from ..]}): adds
     * {@code da x^T, da v^T, da} to its parameters' gradient, {@code W^T da} to {@code dx} and
     * {@code U^T da} to {@code dv}.
     */
    private void accumulate(double[] theta, int base, double[] da, int from, double[] x, int xRow, double[] v,
                            int vRow, double[] dv, double[] dx, int dxRow, double[] dTheta) {
        int d = inputSize;
        int m = hiddenSize;
        for (int j = 0; j < m; j++) {
            double a = da[from + j];
            if (a == 0) {
                continue;
            }
            int w = base + j * d;
            int u = base + m * d + j * m;
            dTheta[base + m * d + m * m + j] += a;
            for (int i = 0; i < d; i++) {
                dTheta[w + i] += a * x[xRow + i];
                dx[dxRow + i] += a * theta[w + i];
            }
            for (int i = 0; i < m; i++) {
                dTheta[u + i] += a * v[vRow + i];
                dv[i] += a * theta[u + i];
            }
        }
    }

    private static double sigmoid(double a) {
        return a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a));
    }

    @Override
    public String toString() {
        return "GruCell(" + inputSize + " -> " + hiddenSize + ")";
    }

    /** One recorded batched step. */
    public final class Trace {
        private final int batch;
        private final double[] h;
        private final double[] x;
        private final boolean[] update;
        private final double[] z;
        private final double[] r;
        private final double[] rh;
        private final double[] n;
        private final double[] output;
        private final double[] scratch;
        private final double[] scratch2;

        private Trace(int batch) {
            this.batch = batch;
            int states = batch * hiddenSize;
            h = new double[states];
            x = new double[batch * inputSize];
            update = new boolean[batch];
            z = new double[states];
            r = new double[states];
            rh = new double[states];
            n = new double[states];
            output = new double[states];
            scratch = new double[3 * hiddenSize];
            scratch2 = new double[hiddenSize];
        }

        /** @return the number of rows */
        public int batch() {
            return batch;
        }

        /** @return the recorded output {@code h'} */
        public double[] output() {
            return output;
        }
    }
}
