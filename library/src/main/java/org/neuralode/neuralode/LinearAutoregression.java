package org.neuralode.neuralode;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;

/**
 * A linear autoregressive forecaster fitted by least squares: the value {@code k} steps ahead as
 * an affine function of the last {@code p} values,
 * <pre>
 *   x_{n+k} ~ c_0 + c_1 x_n + c_2 x_{n-1} + ... + c_p x_{n-p+1},
 * </pre>
 * one model per horizon {@code k} (the "direct" strategy; Box and Jenkins, <i>Time Series
 * Analysis</i>, AR(p) models). A sampled solution of a linear ODE of order {@code d} obeys such a
 * recursion exactly with {@code p = d}, so on a damped pendulum this is a strong baseline.
 */
public final class LinearAutoregression {

    private final double[] coefficients;

    private LinearAutoregression(double[] coefficients) {
        this.coefficients = coefficients;
    }

    /**
     * Fits {@code c_0, ..., c_p} by least squares (QR decomposition).
     *
     * @param histories the training histories, each at least {@code order} values long (the last
     *                  {@code order} are used)
     * @param targets   the value to forecast after each history
     * @param order     p, at least 1; at most {@code histories.length - 1}
     */
    public static LinearAutoregression fit(double[][] histories, double[] targets, int order) {
        if (order < 1) {
            throw new IllegalArgumentException("order must be at least 1, got " + order);
        }
        if (histories == null || targets == null || histories.length != targets.length) {
            throw new IllegalArgumentException("histories and targets must be non-null and of equal length");
        }
        if (histories.length < order + 1) {
            throw new IllegalArgumentException("order " + order + " needs at least " + (order + 1)
                    + " training histories, got " + histories.length);
        }
        double[][] design = new double[histories.length][];
        for (int w = 0; w < histories.length; w++) {
            design[w] = row(histories[w], order, "histories[" + w + "]");
        }
        double[] c = new QRDecomposition(new Array2DRowRealMatrix(design, false)).getSolver()
                .solve(new ArrayRealVector(targets, false)).toArray();
        return new LinearAutoregression(c);
    }

    /** @return p */
    public int order() {
        return coefficients.length - 1;
    }

    /** @return {@code c_0} (the intercept), {@code c_1} (of {@code x_n}), ..., {@code c_p} */
    public double[] coefficients() {
        return coefficients.clone();
    }

    /** @return the forecast after {@code history} (its last p values are used) */
    public double predict(double[] history) {
        double[] r = row(history, order(), "history");
        double sum = 0;
        for (int j = 0; j < r.length; j++) {
            sum += coefficients[j] * r[j];
        }
        return sum;
    }

    private static double[] row(double[] history, int order, String name) {
        if (history == null || history.length < order) {
            throw new IllegalArgumentException(name + " must hold at least " + order + " values, got "
                    + (history == null ? "null" : history.length));
        }
        double[] r = new double[order + 1];
        r[0] = 1;
        for (int j = 0; j < order; j++) {
            r[j + 1] = history[history.length - 1 - j];
        }
        return r;
    }
}
