package org.neuralode.neuralode;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.neuralode.Arguments;

/**
 * Forecasts without a model of the dynamics, the baselines a forecaster must beat: a polynomial
 * through the last observations, or fitted to many of them by least squares, evaluated beyond them.
 *
 * <p>On an evenly spaced series with step {@code dt}, {@link #polynomial} of degree 0, 1 and 2 are
 * the naive forecast {@code x_n}, linear extrapolation {@code x_n + k nabla x_n} and quadratic
 * extrapolation {@code x_n + k nabla x_n + k(k+1)/2 nabla^2 x_n} at {@code t_n + k dt}
 * ({@code nabla} the backward difference; Newton's backward-difference formula, Hairer, Nørsett
 * and Wanner, <i>Solving ODEs I</i>, Section III.1). Given the observation times, the same formulas
 * hold for uneven times and missing observations.
 */
public final class Extrapolation {

    private Extrapolation() {
    }

    /**
     * The polynomial of degree {@code degree} through the last {@code degree + 1} observations,
     * evaluated at {@code at} (Lagrange's form).
     *
     * @param t      observation times, strictly increasing
     * @param x      observed values, same length
     * @param degree 0 (naive), 1 (linear), 2 (quadratic), ...; at most {@code t.length - 1}
     * @param at     where to evaluate, usually after {@code t[t.length - 1]}
     */
    public static double polynomial(double[] t, double[] x, int degree, double at) {
        check(t, x, degree, degree + 1);
        int n = t.length;
        double sum = 0;
        for (int i = n - degree - 1; i < n; i++) {
            double basis = 1;
            for (int j = n - degree - 1; j < n; j++) {
                if (j != i) {
                    basis *= (at - t[j]) / (t[i] - t[j]);
                }
            }
            sum += basis * x[i];
        }
        return sum;
    }

    /**
     * The least-squares polynomial {@code p(s) = c_0 + c_1 (s - at) + ... + c_d (s - at)^d} of all
     * the observations: {@code c_0 = p(at)}, {@code c_1 = p'(at)}, so a fit over a noisy history
     * estimates both the value and the velocity at {@code at} (a Savitzky-Golay filter for even
     * times; Savitzky and Golay, Analytical Chemistry 36, 1964).
     *
     * @param t      observation times, strictly increasing
     * @param x      observed values, same length, at least {@code degree + 1}
     * @param degree the polynomial's degree, at least 0
     * @param at     the expansion point
     * @return {@code c_0, ..., c_d}
     */
    public static double[] leastSquares(double[] t, double[] x, int degree, double at) {
        check(t, x, degree, degree + 1);
        double scale = Math.max(Math.abs(t[0] - at), Math.abs(t[t.length - 1] - at));
        scale = scale > 0 ? scale : 1;
        double[][] design = new double[t.length][degree + 1];
        for (int i = 0; i < t.length; i++) {
            double s = (t[i] - at) / scale;   // scaled, so that the columns are of similar size
            double power = 1;
            for (int j = 0; j <= degree; j++) {
                design[i][j] = power;
                power *= s;
            }
        }
        RealVector c = new QRDecomposition(new Array2DRowRealMatrix(design, false)).getSolver()
                .solve(new ArrayRealVector(x, false));
        double[] coefficients = new double[degree + 1];
        double factor = 1;
        for (int j = 0; j <= degree; j++) {
            coefficients[j] = c.getEntry(j) / factor;
            factor *= scale;
        }
        return coefficients;
    }

    private static void check(double[] t, double[] x, int degree, int needed) {
        if (degree < 0) {
            throw new IllegalArgumentException("degree must be at least 0, got " + degree);
        }
        if (t == null || x == null || t.length != x.length) {
            throw new IllegalArgumentException("t and x must be non-null and of equal length, got "
                    + (t == null ? "null" : t.length) + " and " + (x == null ? "null" : x.length));
        }
        if (t.length < needed) {
            throw new IllegalArgumentException("degree " + degree + " needs at least " + needed
                    + " observations, got " + t.length);
        }
        Arguments.strictlyIncreasing("t", t);
    }
}
