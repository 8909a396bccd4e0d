package org.neuralode.solvers;

/**
 * The measured order of convergence of a method: if its error behaves like
 * {@code error = C dt^p}, then {@code log(error) = log(C) + p log(dt)} and the order {@code p} is
 * the slope of that line, fitted by least squares over several step sizes (Hairer, Norsett and
 * Wanner, <i>Solving ODEs I</i>, Section II.1, "order of a method", and their error plots).
 */
public final class Convergence {

    private Convergence() {
    }

    /**
     * @param dt    the step sizes (or, in general, any positive resolution such as 1/N)
     * @param error the errors made with them, all positive
     * @return the least-squares slope of {@code log(error)} against {@code log(dt)}
     * @throws IllegalArgumentException if the lengths differ, fewer than two points are given,
     *                                  or a value is not positive and finite
     */
    public static double order(double[] dt, double[] error) {
        if (dt == null || error == null || dt.length != error.length) {
            throw new IllegalArgumentException("dt and error must have the same length, got "
                    + (dt == null ? "null" : dt.length) + " and " + (error == null ? "null" : error.length));
        }
        int n = dt.length;
        if (n < 2) {
            throw new IllegalArgumentException("need at least two (dt, error) points, got " + n);
        }
        for (int i = 0; i < n; i++) {
            if (!(dt[i] > 0) || !Double.isFinite(dt[i]) || !(error[i] > 0) || !Double.isFinite(error[i])) {
                throw new IllegalArgumentException("dt and error must be positive and finite, got dt[" + i + "] = "
                        + dt[i] + ", error[" + i + "] = " + error[i]);
            }
        }
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < n; i++) {
            meanX += Math.log(dt[i]) / n;
            meanY += Math.log(error[i]) / n;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            double dx = Math.log(dt[i]) - meanX;
            sxy += dx * (Math.log(error[i]) - meanY);
            sxx += dx * dx;
        }
        if (sxx == 0) {
            throw new IllegalArgumentException("dt must hold at least two different step sizes");
        }
        return sxy / sxx;
    }
}
