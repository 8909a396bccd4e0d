package org.neuralode.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Trajectories sampled on one time grid of which each trajectory observes its own random subset:
 * the irregularly sampled data of Rubanova, Chen and Duvenaud (NeurIPS 2019, Section 4.1), where
 * a model sees a fraction of each trajectory's points and is scored on the others.
 *
 * <p>Two tasks, the two columns of their Table 2:
 * <ul>
 *   <li>{@link Task#INTERPOLATION}: the model reads the observed points of the whole window; it is
 *       trained on the observed points and tested on the <em>unobserved</em> ones;</li>
 *   <li>{@link Task#EXTRAPOLATION}: the model reads the observed points of the first half of the
 *       window (times before {@link #splitTime()}); it is trained on the observed points of the
 *       second half and tested on <em>all</em> points of the second half.</li>
 * </ul>
 */
public final class IrregularSeries {

    /** What the model reads and what it is scored on. */
    public enum Task { INTERPOLATION, EXTRAPOLATION }

    private final double[] times;
    private final double[][] values;
    private final boolean[][] observed;
    private final int dimension;

    /**
     * @param times    the grid, strictly increasing
     * @param values   {@code values[n][i * d + c]}: trajectory {@code n}'s component {@code c} at {@code times[i]}
     * @param observed {@code observed[n][i]}: whether trajectory {@code n} was observed at {@code times[i]}
     * @param dimension {@code d}
     */
    public IrregularSeries(double[] times, double[][] values, boolean[][] observed, int dimension) {
        if (times == null || values == null || observed == null || values.length != observed.length || values.length == 0) {
            throw new IllegalArgumentException("times, values and observed must be set, with one row of values and of"
                    + " observed per trajectory");
        }
        for (int n = 0; n < values.length; n++) {
            if (values[n].length != times.length * dimension || observed[n].length != times.length) {
                throw new IllegalArgumentException("trajectory " + n + " must have " + times.length + " values of dimension "
                        + dimension + " and as many observed flags");
            }
        }
        this.times = times.clone();
        this.values = values;
        this.observed = observed;
        this.dimension = dimension;
    }

    /** @return the number of trajectories */
    public int size() {
        return values.length;
    }

    /** @return the grid (a copy) */
    public double[] times() {
        return times.clone();
    }

    /** @return {@code values[n]}: trajectory {@code n} on the grid (the array itself) */
    public double[][] values() {
        return values;
    }

    /** @return {@code observed[n][i]} (the arrays themselves) */
    public boolean[][] observed() {
        return observed;
    }

    /** @return {@code d} */
    public int dimension() {
        return dimension;
    }

    /** @return the mean of each component over all observed points, {@code [c]} (a model's starting level) */
    public double[] observedMean() {
        double[] mean = new double[dimension];
        int count = 0;
        for (int n = 0; n < values.length; n++) {
            for (int i = 0; i < times.length; i++) {
                if (observed[n][i]) {
                    count++;
                    for (int c = 0; c < dimension; c++) {
                        mean[c] += values[n][i * dimension + c];
                    }
                }
            }
        }
        for (int c = 0; c < dimension; c++) {
            mean[c] /= count;
        }
        return mean;
    }

    /** @return the time halfway along the window; extrapolation reads the points before it */
    public double splitTime() {
        return (times[0] + times[times.length - 1]) / 2;
    }

    /** @return the trajectories {@code from .. to - 1} as a series of their own (arrays shared) */
    public IrregularSeries subset(int from, int to) {
        if (from < 0 || to > size() || from >= to) {
            throw new IllegalArgumentException("need 0 <= from < to <= " + size() + ", got " + from + " and " + to);
        }
        return new IrregularSeries(times, java.util.Arrays.copyOfRange(values, from, to),
                java.util.Arrays.copyOfRange(observed, from, to), dimension);
    }

    /** @return a training batch of {@code size} trajectories drawn without replacement */
    public IrregularBatch sample(Random random, int size, Task task) {
        if (size < 1 || size > size()) {
            throw new IllegalArgumentException("size must be in [1, " + size() + "], got " + size);
        }
        int[] rows = new int[size()];
        for (int n = 0; n < rows.length; n++) {
            rows[n] = n;
        }
        for (int n = 0; n < size; n++) {   // a partial Fisher-Yates shuffle
            int j = n + random.nextInt(rows.length - n);
            int swap = rows[n];
            rows[n] = rows[j];
            rows[j] = swap;
        }
        return batch(java.util.Arrays.copyOf(rows, size), task, true);
    }

    /** @return every trajectory as one batch, scored as training ({@code training}) or as testing */
    public IrregularBatch all(Task task, boolean training) {
        int[] rows = new int[size()];
        for (int n = 0; n < rows.length; n++) {
            rows[n] = n;
        }
        return batch(rows, task, training);
    }

    /**
     * @param rows     the trajectories
     * @param task     interpolation or extrapolation
     * @param training whether the target mask is the training one (observed points) or the test one
     * @return the batch on the union of the times involved
     */
    public IrregularBatch batch(int[] rows, Task task, boolean training) {
        double split = splitTime();
        List<Integer> kept = new ArrayList<>();
        int batch = rows.length;
        boolean[][] input = new boolean[times.length][batch];
        boolean[][] target = new boolean[times.length][batch];
        for (int i = 0; i < times.length; i++) {
            boolean any = false;
            for (int b = 0; b < batch; b++) {
                boolean seen = observed[rows[b]][i];
                boolean first = times[i] < split;
                if (task == Task.INTERPOLATION) {
                    input[i][b] = seen;
                    target[i][b] = training ? seen : !seen;
                } else {
                    input[i][b] = seen && first;
                    target[i][b] = !first && (seen || !training);
                }
                any |= input[i][b] || target[i][b];
            }
            if (any || i == 0) {   // the window's start stays: the models start their state there
                kept.add(i);
            }
        }
        int d = dimension;
        double[] t = new double[kept.size()];
        double[][] v = new double[kept.size()][batch * d];
        boolean[][] in = new boolean[kept.size()][];
        boolean[][] out = new boolean[kept.size()][];
        for (int k = 0; k < kept.size(); k++) {
            int i = kept.get(k);
            t[k] = times[i];
            in[k] = input[i];
            out[k] = target[i];
            for (int b = 0; b < batch; b++) {
                System.arraycopy(values[rows[b]], i * d, v[k], b * d, d);
            }
        }
        return new IrregularBatch(t, v, in, out, d);
    }
}
