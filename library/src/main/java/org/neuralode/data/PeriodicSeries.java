package org.neuralode.data;

import java.util.Arrays;
import java.util.Random;

/**
 * The toy data set of Rubanova, Chen and Duvenaud ("Latent ODEs for Irregularly-Sampled Time
 * Series", NeurIPS 2019, Section 4.1, "Toy dataset"): one-dimensional periodic trajectories
 * <pre>
 *   x_n(t) = sin(2 pi f_n t) + c_n,   f_n ~ U[0.4, 0.8],   c_n = 1 + N(0, 0.1^2)   (a noisy starting point),
 * </pre>
 * on one grid of {@code T} times: {@code t_0 = 0} and {@code T - 1} times drawn uniformly from
 * {@code [0, maxTime]}, sorted. Every value but the first gets observation noise
 * {@code w u, u ~ U[0, 1)} (the form of their generator, {@code Periodic_1d} with
 * {@code noise_weight = w}; their defaults: 100 times, {@code maxTime = 5}, {@code w = 0.01}).
 * {@link #observe} then keeps a random fraction of each trajectory's points, each trajectory its
 * own, as their {@code --sample-tp} does.
 */
public final class PeriodicSeries {

    private final double[] times;
    private final double[][] truth;
    private final double[][] values;
    private final double[] frequencies;

    private PeriodicSeries(double[] times, double[][] truth, double[][] values, double[] frequencies) {
        this.times = times;
        this.truth = truth;
        this.values = values;
        this.frequencies = frequencies;
    }

    /**
     * @param trajectories how many, at least 1
     * @param points       grid times {@code T}, at least 2
     * @param maxTime      the end of the window, positive
     * @param noise        {@code w}, non-negative
     * @param seed         the seed of every draw
     * @return the data set
     */
    public static PeriodicSeries generate(int trajectories, int points, double maxTime, double noise, long seed) {
        if (trajectories < 1 || points < 2) {
            throw new IllegalArgumentException("trajectories must be at least 1 and points at least 2, got " + trajectories
                    + " and " + points);
        }
        if (!(maxTime > 0) || Double.isInfinite(maxTime) || !(noise >= 0)) {
            throw new IllegalArgumentException("maxTime must be finite and positive and noise non-negative, got "
                    + maxTime + " and " + noise);
        }
        Random random = new Random(seed);
        double[] times = new double[points];
        for (int i = 1; i < points; i++) {
            times[i] = maxTime * random.nextDouble();
        }
        Arrays.sort(times);
        for (int i = 1; i < points; i++) {
            if (!(times[i] > times[i - 1])) {   // a tie (probability ~0): nudge, so the grid stays strictly increasing
                times[i] = Math.nextUp(times[i - 1]);
            }
        }
        double[][] truth = new double[trajectories][points];
        double[][] values = new double[trajectories][points];
        double[] frequencies = new double[trajectories];
        for (int n = 0; n < trajectories; n++) {
            double f = 0.4 + 0.4 * random.nextDouble();
            double c = 1 + 0.1 * random.nextGaussian();
            frequencies[n] = f;
            for (int i = 0; i < points; i++) {
                truth[n][i] = Math.sin(2 * Math.PI * f * times[i]) + c;
                values[n][i] = truth[n][i] + (i == 0 ? 0 : noise * random.nextDouble());
            }
        }
        return new PeriodicSeries(times, truth, values, frequencies);
    }

    /** @return the grid (a copy) */
    public double[] times() {
        return times.clone();
    }

    /** @return the noisy values, {@code values()[n][i]} at {@code times[i]} (copies) */
    public double[][] values() {
        return copy(values);
    }

    /** @return the noiseless values (copies) */
    public double[][] truth() {
        return copy(truth);
    }

    /** @return each trajectory's frequency {@code f_n} (a copy) */
    public double[] frequencies() {
        return frequencies.clone();
    }

    /**
     * @param fraction the share of each trajectory's points observed, in (0, 1]: {@code round(fraction T)}
     *                 points (at least one) drawn without replacement, each trajectory its own
     * @param seed     the seed of the draws
     * @return the noisy values with each trajectory's observed points
     */
    public IrregularSeries observe(double fraction, long seed) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1], got " + fraction);
        }
        Random random = new Random(seed);
        int points = times.length;
        int kept = Math.max(1, (int) Math.round(fraction * points));
        boolean[][] observed = new boolean[values.length][points];
        int[] order = new int[points];
        for (int n = 0; n < values.length; n++) {
            for (int i = 0; i < points; i++) {
                order[i] = i;
            }
            for (int i = 0; i < kept; i++) {
                int j = i + random.nextInt(points - i);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
                observed[n][order[i]] = true;
            }
        }
        return new IrregularSeries(times, values(), observed, 1);
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int n = 0; n < a.length; n++) {
            c[n] = a[n].clone();
        }
        return c;
    }
}
