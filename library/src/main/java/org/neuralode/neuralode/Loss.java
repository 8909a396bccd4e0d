package org.neuralode.neuralode;

import org.neuralode.Arguments;

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
     * @throws IllegalArgumentException if the shapes differ or there is nothing to average (no
     *                                  row, or rows of length 0: the mean of nothing is not 0)
     */
    public double value(double[][] predictions, double[][] targets) {
        Arguments.notNull("predictions", predictions);
        Arguments.notNull("targets", targets);
        if (predictions.length != targets.length) {
            throw new IllegalArgumentException("predictions and targets must have the same number of rows, got "
                    + predictions.length + " and " + targets.length);
        }
        double sum = 0;
        long count = 0;
        for (int i = 0; i < predictions.length; i++) {
            double[] p = Arguments.notNull("predictions[" + i + "]", predictions[i]);
            double[] y = Arguments.notNull("targets[" + i + "]", targets[i]);
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
        if (count == 0) {
            throw new IllegalArgumentException("predictions and targets hold no values to average ("
                    + predictions.length + " rows, all of length 0)");
        }
        return sum / count;
    }

    /**
     * Writes {@code dL/dpredictions[i]} into {@code gradient} for one observation time.
     *
     * @param prediction the prediction at that time
     * @param target     the observation, of the prediction's length
     * @param count      the total number of entries {@code N} the mean runs over, at least 1
     * @param gradient   receives the derivative, of the prediction's length
     */
    public void gradient(double[] prediction, double[] target, long count, double[] gradient) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1 (the number of entries averaged), got count = "
                    + count);
        }
        if (target.length != prediction.length || gradient.length != prediction.length) {
            throw new IllegalArgumentException("prediction, target and gradient must have equal lengths, got "
                    + prediction.length + ", " + target.length + " and " + gradient.length);
        }
        for (int j = 0; j < prediction.length; j++) {
            double r = prediction[j] - target[j];
            gradient[j] = this == L1 ? Math.signum(r) / count : 2 * r / count;
        }
    }
}
