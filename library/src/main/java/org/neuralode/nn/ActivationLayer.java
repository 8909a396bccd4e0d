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
     * @param size       the row length (input = output)
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
    public void forward(double[] theta, double[] x, double[] y, int batch) {
        int n = batch * size;
        switch (activation) {
            case TANH -> {
                for (int j = 0; j < n; j++) {
                    y[j] = tanh(x[j]);
                }
            }
            default -> {
                for (int j = 0; j < n; j++) {
                    y[j] = activation.value(x[j]);
                }
            }
        }
    }

    /**
     * {@code tanh z = (1 - e^{-2|z|}) / (1 + e^{-2|z|})} with the sign of {@code z}: the JIT
     * compiles {@link Math#exp} to a fast intrinsic, while {@link Math#tanh} is several times
     * slower and dominates the cost of a small network. Near 0, where {@code 1 - e^{-2|z|}}
     * would lose digits, {@link Math#tanh} is used. Accurate to a few units in the last place.
     */
    static double tanh(double z) {
        double magnitude = Math.abs(z);
        if (magnitude < 0.02) {
            return Math.tanh(z);
        }
        double e = Math.exp(-2 * magnitude);
        double t = (1 - e) / (1 + e);
        return z < 0 ? -t : t;
    }

    @Override
    public void vjp(double[] theta, double[] x, double[] y, double[] dy, double[] dx, double[] dTheta, int batch) {
        int n = batch * size;
        for (int j = 0; j < n; j++) {
            dx[j] = activation.derivative(x[j], y[j]) * dy[j];
        }
    }

    @Override
    public String toString() {
        return activation.name().toLowerCase(java.util.Locale.ROOT);
    }
}
