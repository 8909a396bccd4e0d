package org.neuralode;

/**
 * Time grids: {@link #linspace} gives {@code t_i = start + i (stop - start) / (num - 1)}, the
 * grids of the book's examples ({@code np.linspace}, NumPy reference).
 */
public final class Grids {

    private Grids() {
    }

    /**
     * {@code num} evenly spaced values from {@code start} to {@code stop}, both included, like
     * {@code np.linspace}; {@code num = 1} gives {@code {start}}. Endpoints so far apart that
     * {@code stop - start} overflows (such as {@code -1e308} and {@code 1e308}) still give finite,
     * evenly spaced values.
     *
     * @throws IllegalArgumentException if {@code num < 1} or an endpoint is not finite
     */
    public static double[] linspace(double start, double stop, int num) {
        Arguments.atLeast("num", num, 1);
        Arguments.finite("start", start);
        Arguments.finite("stop", stop);
        double[] values = new double[num];
        if (num == 1) {
            values[0] = start;
            return values;
        }
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++) {
            values[i] = Double.isFinite(step)
                    ? start + i * step
                    // the difference overflows: weigh the endpoints instead, each term bounded by them
                    : start * (1 - (double) i / (num - 1)) + stop * ((double) i / (num - 1));
        }
        values[num - 1] = stop;
        return values;
    }
}
