package org.neuralode.data;

import org.neuralode.Arguments;

/**
 * Forecast errors averaged over every window and horizon step, as the book reports them
 * (torchmetrics' definitions):
 * <pre>
 *   MAE   = mean |y_hat - y|,   MSE = mean (y_hat - y)^2,
 *   sMAPE = mean 2 |y_hat - y| / (|y| + |y_hat|)     (a fraction in [0, 2], not a percentage)
 * </pre>
 * and the mean absolute scaled error of Hyndman and Koehler (Int. J. Forecasting 22, 2006,
 * Section 3.4), the MAE divided by the in-sample MAE of the one-step naive forecast,
 * <pre>
 *   MASE  = mean |y_hat - y| / scale,   scale = mean_{i=2..n} |x_i - x_{i-1}| over the training series
 * </pre>
 * MASE below 1 beats the naive one-step forecast of the training data. It is defined wherever the
 * training series is not constant; sMAPE is not scale-free near zero: a target with |y| close to 0
 * adds a term close to its maximum 2 whatever the error (Hyndman and Koehler discuss both).
 */
public final class Metrics {

    private Metrics() {
    }

    /** @return the mean absolute error */
    public static double mae(double[][] forecast, double[][] actual) {
        return mean(forecast, actual, (f, y) -> Math.abs(f - y));
    }

    /** @return the mean squared error */
    public static double mse(double[][] forecast, double[][] actual) {
        return mean(forecast, actual, (f, y) -> (f - y) * (f - y));
    }

    /** @return the symmetric mean absolute percentage error (0 where both are 0) */
    public static double smape(double[][] forecast, double[][] actual) {
        return mean(forecast, actual, (f, y) -> {
            double denominator = Math.abs(y) + Math.abs(f);
            return denominator == 0 ? 0 : 2 * Math.abs(f - y) / denominator;
        });
    }

    /**
     * The mean absolute scaled error (Hyndman and Koehler 2006): {@link #mae} divided by
     * {@code naiveScale}, the in-sample MAE of the one-step naive forecast
     * ({@link #naiveScale(double[])}).
     *
     * @throws IllegalArgumentException if naiveScale is not positive and finite, or as {@link #mae}
     */
    public static double mase(double[][] forecast, double[][] actual, double naiveScale) {
        if (!(naiveScale > 0) || Double.isInfinite(naiveScale)) {
            throw new IllegalArgumentException("naiveScale must be positive and finite (the naive forecast's "
                    + "in-sample MAE of a non-constant series), got " + naiveScale);
        }
        return mae(forecast, actual) / naiveScale;
    }

    /**
     * The scale of {@link #mase}: {@code mean_{i=2..n} |x_i - x_{i-1}|}, the MAE of the one-step
     * naive forecast over a training series.
     *
     * @throws IllegalArgumentException if the series has fewer than 2 values
     */
    public static double naiveScale(double[] trainingSeries) {
        Arguments.notNull("trainingSeries", trainingSeries);
        if (trainingSeries.length < 2) {
            throw new IllegalArgumentException("trainingSeries must hold at least 2 values, got " + trainingSeries.length);
        }
        double sum = 0;
        for (int i = 1; i < trainingSeries.length; i++) {
            sum += Math.abs(trainingSeries[i] - trainingSeries[i - 1]);
        }
        return sum / (trainingSeries.length - 1);
    }

    /**
     * The mean of {@code error(forecast[w][k], actual[w][k])} over every window and step.
     *
     * @throws IllegalArgumentException if the shapes differ or there is nothing to average (no
     *                                  window, or windows of length 0: the mean of nothing is not 0)
     */
    private static double mean(double[][] forecast, double[][] actual, java.util.function.DoubleBinaryOperator error) {
        Arguments.notNull("forecast", forecast);
        Arguments.notNull("actual", actual);
        if (forecast.length != actual.length) {
            throw new IllegalArgumentException("forecast and actual must have the same number of windows, got "
                    + forecast.length + " and " + actual.length);
        }
        double sum = 0;
        long count = 0;
        for (int w = 0; w < forecast.length; w++) {
            Arguments.notNull("forecast[" + w + "]", forecast[w]);
            Arguments.notNull("actual[" + w + "]", actual[w]);
            if (forecast[w].length != actual[w].length) {
                throw new IllegalArgumentException("forecast[" + w + "] and actual[" + w + "] differ in length: "
                        + forecast[w].length + " vs " + actual[w].length);
            }
            for (int k = 0; k < forecast[w].length; k++) {
                sum += error.applyAsDouble(forecast[w][k], actual[w][k]);
                count++;
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("forecast and actual hold no values to average ("
                    + forecast.length + " windows, all of length 0)");
        }
        return sum / count;
    }
}
