package org.neuralode.data;

import org.neuralode.Arguments;

/**
 * Forecast errors averaged over every window and horizon step, as the book reports them
 * (torchmetrics' definitions):
 * <pre>
 *   MAE   = mean |y_hat - y|,   MSE = mean (y_hat - y)^2,
 *   sMAPE = mean 2 |y_hat - y| / (|y| + |y_hat|)     (a fraction in [0, 2], not a percentage)
 * </pre>
 * (Hyndman and Koehler, Int. J. Forecasting 22, 2006, for sMAPE's form and its pitfalls.)
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
