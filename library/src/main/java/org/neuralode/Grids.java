package org.neuralode;

/**
 * Time grids: {@link #linspace} gives {@code t_i = start + i (stop - start) / (num - 1)}, the
 * grids of the seed's examples ({@code np.linspace}, NumPy reference).
 */
public final class Grids {

    private Grids() {
    }

    /**
     * {@code num} evenly spaced values from {@code start} to {@code stop}, both included, like
     * {@code np.linspace}; {@code num = 1} gives {@code {start}}.
     *
     * @throws IllegalArgumentException if {@code num < 1} or an endpoint is not finite
     */
    public static double[] linspace(double start, double stop, int num) {
        if (num < 1) {
            throw new IllegalArgumentException("num must be at least 1, got " + num);
        }
        if (!Double.isFinite(start) || !Double.isFinite(stop)) {
            throw new IllegalArgumentException("start and stop must be finite, got start = " + start
                    + ", stop = " + stop);
        }
        double[] values = new double[num];
        if (num == 1) {
            values[0] = start;
            return values;
        }
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++) {
            values[i] = start + i * step;
        }
        values[num - 1] = stop;
        return values;
    }
}
