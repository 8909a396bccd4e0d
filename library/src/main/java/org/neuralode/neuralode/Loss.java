package org.neuralode.neuralode;

/**
 * The mismatch between predicted and observed states, averaged over every time, row and
 * component (PyTorch's {@code reduction='mean'}):
 * <ul>
 *   <li>{@link #L1}: {@code L = mean |y_hat - y|}, torchdiffeq's demo loss;
 *       {@code dL/dy_hat = sign(y_hat - y) / N} (0 where they are equal, as PyTorch);</li>
 *   <li>{@link #MSE}: {@code L = mean (y_hat - y)^2}, {@code dL/dy_hat = 2 (y_hat - y) / N}.</li>
 * </ul>
 */
public enum Loss {
    L1, MSE;

    /**
     * @param predictions {@code predictions[i]} at observation time {@code i}
     * @param targets     the observations, same shape
     * @return the mean loss
     */
    public double value(double[][] predictions, double[][] targets) {
        double sum = 0;
        long count = 0;
        for (int i = 0; i < predictions.length; i++) {
            double[] p = predictions[i];
            double[] y = targets[i];
            if (p.length != y.length) {
                throw new IllegalArgumentException("predictions[" + i + "] and targets[" + i + "] differ in length: "
                        + p.length + " vs " + y.length);
            }
            for (int j = 0; j < p.length; j++) {
                double r = p[j] - y[j];
                sum += this == L1 ? Math.abs(r) : r * r;
            }
            count += p.length;
        }
        return sum / count;
    }

    /**
     * Writes {@code dL/dpredictions[i]} into {@code gradient} for one observation time.
     *
     * @param prediction the prediction at that time
     * @param target     the observation
     * @param count      the total number of entries {@code N} the mean runs over
     * @param gradient   receives the derivative
     */
    public void gradient(double[] prediction, double[] target, long count, double[] gradient) {
        for (int j = 0; j < prediction.length; j++) {
            double r = prediction[j] - target[j];
            gradient[j] = this == L1 ? Math.signum(r) / count : 2 * r / count;
        }
    }
}
