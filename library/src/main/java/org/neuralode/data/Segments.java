package org.neuralode.data;

/**
 * A mini-batch of trajectory segments that share one time grid: {@code B} initial states
 * {@code h0} (row {@code b} = {@code h0[b*d .. b*d+d-1]}) at {@code times[0]}, and the observed
 * states {@code targets[i]} ({@code B * d} values, same layout) at {@code times[i]}; by
 * construction {@code targets[0]} is {@code h0}. torchdiffeq's demo draws 20 segments of 10
 * consecutive points, all re-based to start at {@code t = 0}.
 *
 * @param times      the shared observation times, strictly monotonic
 * @param h0         the initial states, {@code B * d} values
 * @param targets    the observations, {@code times.length} rows of {@code B * d} values
 * @param dimension  the state dimension {@code d}
 */
public record Segments(double[] times, double[] h0, double[][] targets, int dimension) {

    public Segments {
        if (times == null || times.length < 2) {
            throw new IllegalArgumentException("times must hold at least two times");
        }
        if (dimension < 1 || h0 == null || h0.length == 0 || h0.length % dimension != 0) {
            throw new IllegalArgumentException("h0 must hold a whole number of states of dimension " + dimension);
        }
        if (targets == null || targets.length != times.length) {
            throw new IllegalArgumentException("targets must have one row per time (" + times.length + ")");
        }
        for (int i = 0; i < targets.length; i++) {
            if (targets[i].length != h0.length) {
                throw new IllegalArgumentException("targets[" + i + "] must have length " + h0.length
                        + ", got " + targets[i].length);
            }
        }
    }

    /** @return the number of segments {@code B} */
    public int batchSize() {
        return h0.length / dimension;
    }
}
