package org.neuralode.neuralode;

/**
 * A field {@code f_theta} with its two regularisers riding along as extra state channels (Finlay,
 * Jacobsen, Nurbekyan and Oberman, "How to train your neural ODE: the world of Jacobian and
 * kinetic regularization", ICML 2020, eqs. (4)-(6) and Section 3.2): each state of the augmented
 * batch is {@code z = [h, k, j]} ({@code d + 2} values) and
 * <pre>
 *   dh/dt = f(h),   dk/dt = ||f(h)||^2,   dj/dt = ||(f(h + delta eps) - f(h)) / delta||^2,
 * </pre>
 * so that, solved from {@code k = j = 0} over {@code [t_0, T]},
 * <pre>
 *   k(T) = R_K = int ||f(t, h)||^2 dt              (kinetic energy),
 *   j(T) ~ R_J = int ||df/dh||_F^2 dt               (Frobenius norm of the Jacobian).
 * </pre>
 * The Jacobian channel is Hutchinson's estimator (Hutchinson 1990): for a Gaussian probe
 * {@code eps ~ N(0, I)}, {@code E ||(df/dh) eps||^2 = ||df/dh||_F^2}, the same expectation as
 * the {@code ||eps^T df/dh||^2} of Finlay et al.; the probe is fixed for one solve (one training
 * iteration), one per state of the batch. The directional derivative {@code (df/dh) eps} is taken by a forward
 * difference of step {@code delta}: then the channel and its gradient need only evaluations and
 * vector-Jacobian products of {@code f}, no second derivatives, and the gradient methods
 * differentiate it exactly as computed (it differs from {@code ||(df/dh) eps||^2} by
 * {@code O(delta)}). One evaluation of this field costs one evaluation of {@code f}, two with the
 * Jacobian channel.
 *
 * <p>It is a {@link DifferentiableField}, so backprop through the solver and the adjoint
 * differentiate the regularisers with no machinery of their own. Its reverse mode: with
 * cotangents {@code [v_h, v_k, v_j]} on {@code [f, ||f||^2, ||r||^2]}, {@code r = (f(h + delta eps) - f(h)) / delta},
 * <pre>
 *   cotangent of f(h)             v_h + 2 v_k f - (2 v_j / delta) r,
 *   cotangent of f(h + delta eps) (2 v_j / delta) r,
 * </pre>
 * each turned into {@code dh} and {@code dtheta} by the base field's vector-Jacobian product;
 * nothing depends on {@code k} or {@code j}.
 */
public final class RegularisedField implements DifferentiableField {

    /** The default step of the forward difference along the probe. */
    public static final double DEFAULT_DELTA = 1e-4;

    private final DifferentiableField base;
    private final int d;
    private final double[] probe;
    private final double delta;

    /**
     * @param base  the field {@code f_theta}
     * @param probe the Gaussian probe {@code eps}, {@code B * d} values for a batch of {@code B}
     *              states (kept, not copied); null for no Jacobian channel (it then stays 0 and
     *              costs nothing)
     * @param delta the forward-difference step along the probe, positive
     */
    public RegularisedField(DifferentiableField base, double[] probe, double delta) {
        if (base == null) {
            throw new IllegalArgumentException("base must be a field, e.g. a NeuralOde");
        }
        if (!(delta > 0) || !Double.isFinite(delta)) {
            throw new IllegalArgumentException("delta must be positive and finite, got " + delta);
        }
        if (probe != null && (probe.length == 0 || probe.length % base.dimension() != 0)) {
            throw new IllegalArgumentException("probe must hold B * d values (d = " + base.dimension() + "), got "
                    + probe.length);
        }
        this.base = base;
        this.d = base.dimension();
        this.probe = probe;
        this.delta = delta;
    }

    /** @return the field {@code f_theta} being regularised */
    public DifferentiableField base() {
        return base;
    }

    /** @return {@code d + 2}: the state, then the kinetic and the Jacobian channel */
    @Override
    public int dimension() {
        return d + 2;
    }

    @Override
    public int parameterCount() {
        return base.parameterCount();
    }

    /**
     * @param h0 initial states, {@code B * d} values
     * @return the augmented initial states {@code [h0, 0, 0]} for each state
     */
    public double[] augment(double[] h0) {
        int batch = base.batchSize(h0.length);
        double[] z0 = new double[batch * (d + 2)];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(h0, b * d, z0, b * (d + 2), d);
        }
        return z0;
    }

    @Override
    public Evaluation newEvaluation(int batch, DifferentiableField.Evaluation scratchFrom) {
        if (probe != null && probe.length != batch * d) {
            throw new IllegalArgumentException("the probe holds " + probe.length / d + " states, the batch " + batch);
        }
        return new Evaluation(batch, (Evaluation) scratchFrom);
    }

    @Override
    public double[] evaluate(double[] z, DifferentiableField.Evaluation recorded) {
        Evaluation e = (Evaluation) recorded;
        int batch = e.batch;
        for (int b = 0; b < batch; b++) {
            System.arraycopy(z, b * (d + 2), e.h, b * d, d);
        }
        double[] f = base.evaluate(e.h, e.atH);
        if (probe != null) {
            for (int q = 0; q < batch * d; q++) {
                e.shifted[q] = e.h[q] + delta * probe[q];
            }
            double[] fShifted = base.evaluate(e.shifted, e.atShifted);
            for (int q = 0; q < batch * d; q++) {
                e.r[q] = (fShifted[q] - f[q]) / delta;
            }
        }
        for (int b = 0; b < batch; b++) {
            double kinetic = 0;
            double jacobian = 0;
            for (int i = 0; i < d; i++) {
                double fi = f[b * d + i];
                e.output[b * (d + 2) + i] = fi;
                kinetic += fi * fi;
                if (probe != null) {
                    double ri = e.r[b * d + i];
                    jacobian += ri * ri;
                }
            }
            e.output[b * (d + 2) + d] = kinetic;
            e.output[b * (d + 2) + d + 1] = jacobian;
        }
        return e.output;
    }

    @Override
    public double[] vjp(DifferentiableField.Evaluation recorded, double[] v, double[] dTheta) {
        Evaluation e = (Evaluation) recorded;
        int batch = e.batch;
        for (int b = 0; b < batch; b++) {
            double vk = v[b * (d + 2) + d];
            double vj = v[b * (d + 2) + d + 1];
            for (int i = 0; i < d; i++) {
                int q = b * d + i;
                double c = v[b * (d + 2) + i] + 2 * vk * e.output[b * (d + 2) + i];   // f(h), recorded
                if (probe != null) {
                    double s = 2 * vj / delta * e.r[q];
                    c -= s;
                    e.shiftedCotangent[q] = s;
                }
                e.cotangent[q] = c;
            }
        }
        // the base's product returns an array it may reuse: read each before the next product
        double[] dh = base.vjp(e.atH, e.cotangent, dTheta);
        java.util.Arrays.fill(e.dz, 0.0);
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < d; i++) {
                e.dz[b * (d + 2) + i] = dh[b * d + i];
            }
        }
        if (probe != null) {
            double[] dShifted = base.vjp(e.atShifted, e.shiftedCotangent, dTheta);
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < d; i++) {
                    e.dz[b * (d + 2) + i] += dShifted[b * d + i];   // h + delta eps moves with h
                }
            }
        }
        return e.dz;
    }

    @Override
    public String toString() {
        return "RegularisedField [h, int ||f||^2" + (probe == null ? "" : ", int ||(df/dh) eps||^2") + "] of " + base;
    }

    /** One recorded evaluation: the base field's at {@code h} (and at {@code h + delta eps}), and the outputs. */
    public final class Evaluation implements DifferentiableField.Evaluation {
        private final int batch;
        private final double[] h;
        private final double[] shifted;
        private final double[] r;
        private final double[] output;
        private final double[] cotangent;
        private final double[] shiftedCotangent;
        private final double[] dz;
        private final DifferentiableField.Evaluation atH;
        private final DifferentiableField.Evaluation atShifted;

        private Evaluation(int batch, Evaluation scratchFrom) {
            this.batch = batch;
            int n = batch * d;
            h = new double[n];
            shifted = probe == null ? null : new double[n];
            r = probe == null ? null : new double[n];
            output = new double[batch * (d + 2)];
            boolean share = scratchFrom != null;
            cotangent = share ? scratchFrom.cotangent : new double[n];
            shiftedCotangent = share ? scratchFrom.shiftedCotangent : new double[n];
            dz = share ? scratchFrom.dz : new double[batch * (d + 2)];
            atH = base.newEvaluation(batch, share ? scratchFrom.atH : null);
            atShifted = probe == null ? null : base.newEvaluation(batch, atH);
        }

        @Override
        public int batch() {
            return batch;
        }

        @Override
        public long storedValues() {
            return h.length + output.length + atH.storedValues()
                    + (probe == null ? 0 : shifted.length + r.length + atShifted.storedValues());
        }
    }
}
