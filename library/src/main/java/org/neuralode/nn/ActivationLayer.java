package org.neuralode.nn;

/**
 * An elementwise nonlinearity {@code y_j = sigma(x_j)} as a layer without parameters;
 * reverse mode is {@code dL/dx_j = sigma'(x_j) dL/dy_j}.
 */
public final class ActivationLayer implements Layer {

    private final Activation activation;
    private final int size;

    /**
     * @param activation the nonlinearity
     * @param size       the number of features (input = output)
     */
    public ActivationLayer(Activation activation, int size) {
        if (activation == null) {
            throw new IllegalArgumentException("activation must be one of " + java.util.Arrays.toString(Activation.values()));
        }
        if (size < 1) {
            throw new IllegalArgumentException("size must be at least 1, got " + size);
        }
        this.activation = activation;
        this.size = size;
    }

    /** @return the nonlinearity */
    public Activation activation() {
        return activation;
    }

    @Override
    public int inputSize() {
        return size;
    }

    @Override
    public int outputSize() {
        return size;
    }

    @Override
    public int parameterCount() {
        return 0;
    }

    @Override
    public void forward(double[] theta, double[][] x, double[][] y, int batch) {
        for (int j = 0; j < size; j++) {
            double[] xj = x[j];
            double[] yj = y[j];
            switch (activation) {
                case TANH -> tanh(xj, yj, batch);
                default -> {
                    for (int r = 0; r < batch; r++) {
                        yj[r] = activation.value(xj[r]);
                    }
                }
            }
        }
    }

    /**
     * {@code tanh z} to within two units in the last place of {@link Math#tanh}, several times
     * faster (it dominates the cost of a small network): for {@code |z| < 0.625} the rational
     * approximation {@code z + z^3 P(z^2) / Q(z^2)} of the Cephes library (S. L. Moshier,
     * <i>Methods and Programs for Mathematical Functions</i>, 1989; {@code tanh.c}), where
     * {@code (1 - e^{-2|z|}) / (1 + e^{-2|z|})} would lose digits to cancellation; beyond, that
     * quotient with the sign of {@code z}, for which the JIT compiles {@link Math#exp} to an
     * intrinsic (while {@link Math#tanh} is not one).
     */
    static double tanh(double z) {
        return Math.abs(z) < 0.625 ? tanhNearZero(z) : tanhAwayFromZero(z);
    }

    /** Cephes' rational approximation, for {@code |z| < 0.625}. */
    private static double tanhNearZero(double z) {
        double s = z * z;
        double p = (-9.64399179425052238628E-1 * s - 9.92877231001918586564E1) * s - 1.61468768441708447952E3;
        double q = ((s + 1.12811678491632931402E2) * s + 2.23548839060100448583E3) * s + 4.84406305325125486048E3;
        return z + z * s * (p / q);
    }

    /** {@code sign(z) (1 - e^{-2|z|}) / (1 + e^{-2|z|})}, for {@code |z| >= 0.625} (and NaN). */
    private static double tanhAwayFromZero(double z) {
        double e = Math.exp(-2 * Math.abs(z));
        double t = (1 - e) / (1 + e);
        return z < 0 ? -t : t;
    }

    /**
     * {@code y_j = tanh(x_j)} for {@code j < n}, the same numbers as {@link #tanh(double)} in two
     * passes: the rational approximation for every element, a loop without branches or calls
     * that the JIT vectorises, then the exponential form for the few elements with
     * {@code |x_j| >= 0.625} (about 1-4% of a trained spiral model's pre-activations; a branch
     * per element that goes the same way almost always). On such values one pass with the branch
     * inside took 1.4 times as long (2.6 against 1.85 microseconds per 1000 elements). Elements
     * far from zero may give NaN or infinity in the first pass; the second overwrites them.
     */
    static void tanh(double[] x, double[] y, int n) {
        for (int j = 0; j < n; j++) {
            y[j] = tanhNearZero(x[j]);
        }
        for (int j = 0; j < n; j++) {
            double z = x[j];
            if (!(Math.abs(z) < 0.625)) {
                y[j] = tanhAwayFromZero(z);
            }
        }
    }

    @Override
    public void vjp(double[] theta, double[][] x, double[][] y, double[][] dy, double[][] dx, double[] dTheta, int batch) {
        for (int j = 0; j < size; j++) {
            double[] xj = x[j];
            double[] yj = y[j];
            double[] dyj = dy[j];
            double[] dxj = dx[j];
            if (activation == Activation.TANH) {
                // the same arithmetic as Activation.TANH.derivative, without a call per element
                for (int r = 0; r < batch; r++) {
                    dxj[r] = (1 - yj[r] * yj[r]) * dyj[r];
                }
            } else {
                for (int r = 0; r < batch; r++) {
                    dxj[r] = activation.derivative(xj[r], yj[r]) * dyj[r];
                }
            }
        }
    }

    @Override
    public String toString() {
        return activation.name().toLowerCase(java.util.Locale.ROOT);
    }
}
