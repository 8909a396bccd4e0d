package org.neuralode.data;

/**
 * A batch of trajectories observed at times of their own, laid on the union of their times with
 * masks (Rubanova, Chen and Duvenaud, NeurIPS 2019, Section 3 and their code's batching): at the
 * union time {@code times[k]} trajectory {@code b} has the value {@code values[k][b * d .. b * d + d - 1]}
 * if it was sampled there; {@code input[k][b]} says whether the model may read it, and
 * {@code target[k][b]} whether the loss (or the test error) counts it. A time where neither mask
 * is set for any trajectory is left out of the union, except the window's start {@code times[0]}, where
 * the models start their state.
 *
 * @param times     the union of the trajectories' times, strictly increasing
 * @param values    {@code values[k]}: the batch's values at {@code times[k]}, one row of {@code d} per trajectory
 *                  (a value at an unsampled time is never read)
 * @param input     {@code input[k][b]}: the model reads trajectory {@code b}'s value at {@code times[k]}
 * @param target    {@code target[k][b]}: the loss counts trajectory {@code b}'s value at {@code times[k]}
 * @param dimension {@code d}, the length of one value
 */
public record IrregularBatch(double[] times, double[][] values, boolean[][] input, boolean[][] target, int dimension) {

    /** Checks the shapes and that the times increase. */
    public IrregularBatch {
        if (times == null || times.length < 1 || values == null || input == null || target == null) {
            throw new IllegalArgumentException("times, values, input and target must be set, with at least one time");
        }
        if (values.length != times.length || input.length != times.length || target.length != times.length) {
            throw new IllegalArgumentException("values, input and target must have one row per time (" + times.length
                    + "), got " + values.length + ", " + input.length + " and " + target.length);
        }
        int batch = input[0].length;
        for (int k = 0; k < times.length; k++) {
            if (k > 0 && !(times[k] > times[k - 1])) {
                throw new IllegalArgumentException("times must increase strictly, but times[" + k + "] = " + times[k]
                        + " follows " + times[k - 1]);
            }
            if (values[k].length != batch * dimension || input[k].length != batch || target[k].length != batch) {
                throw new IllegalArgumentException("row " + k + " must hold " + batch + " trajectories of dimension "
                        + dimension);
            }
        }
    }

    /** @return the number of trajectories */
    public int batchSize() {
        return input[0].length;
    }

    /**
     * @param horizon the last time to keep
     * @return this batch cut after {@code horizon}: the times up to it (at least the first two), with
     *         their values and masks (rows shared); a training schedule that grows the horizon lets a
     *         model fit short stretches before long ones
     */
    public IrregularBatch upTo(double horizon) {
        int n = 0;
        while (n < times.length && times[n] <= horizon) {
            n++;
        }
        n = Math.max(n, Math.min(2, times.length));
        if (n == times.length) {
            return this;
        }
        return new IrregularBatch(java.util.Arrays.copyOf(times, n), java.util.Arrays.copyOf(values, n),
                java.util.Arrays.copyOf(input, n), java.util.Arrays.copyOf(target, n), dimension);
    }

    /** @return how many values the target mask counts */
    public int targetCount() {
        int count = 0;
        for (boolean[] row : target) {
            for (boolean t : row) {
                count += t ? dimension : 0;
            }
        }
        return count;
    }

    /**
     * The gradient of {@link #meanSquaredError} with respect to the predictions: {@code 2 (p - x) / n}
     * at each value the target mask counts ({@code n} of them), 0 elsewhere.
     *
     * @param predictions {@code predictions[k]}: the batch's predicted values at {@code times[k]}
     * @return the gradient, time after time ({@code k * batchSize() * dimension + b * dimension + c})
     */
    public double[] meanSquaredErrorGradient(double[][] predictions) {
        int count = targetCount();
        int rows = batchSize();
        int d = dimension;
        double[] gradient = new double[times.length * rows * d];
        for (int k = 0; k < times.length; k++) {
            for (int b = 0; b < rows; b++) {
                if (target[k][b]) {
                    for (int c = 0; c < d; c++) {
                        int at = b * d + c;
                        gradient[k * rows * d + at] = 2 * (predictions[k][at] - values[k][at]) / count;
                    }
                }
            }
        }
        return gradient;
    }

    /**
     * @param predictions {@code predictions[k]}: the batch's predicted values at {@code times[k]}
     * @return the mean squared error over the values the target mask counts
     */
    public double meanSquaredError(double[][] predictions) {
        if (predictions.length != times.length) {
            throw new IllegalArgumentException("predictions must have one row per time (" + times.length + "), got "
                    + predictions.length);
        }
        double sum = 0;
        int count = 0;
        int d = dimension;
        for (int k = 0; k < times.length; k++) {
            for (int b = 0; b < batchSize(); b++) {
                if (target[k][b]) {
                    for (int c = 0; c < d; c++) {
                        double r = predictions[k][b * d + c] - values[k][b * d + c];
                        sum += r * r;
                        count++;
                    }
                }
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("the target mask counts no value: the mean of nothing is not 0");
        }
        return sum / count;
    }
}
