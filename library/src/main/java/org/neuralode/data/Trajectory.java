package org.neuralode.data;

import java.util.Arrays;
import java.util.Random;
import org.neuralode.Arguments;
import org.neuralode.solvers.Solution;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * A sampled trajectory: the states {@code states[i]} (each of dimension {@code d}) at the
 * times {@code times[i]}; the training data of a neural ODE.
 *
 * <p>Checked when built, so that bad data is not mistaken later for a bad learning rate: the
 * times finite and strictly monotonic (no repeated or shuffled time), every state finite and
 * of the same dimension; a violation names the index and the value. The arrays are not copied:
 * {@link #copy()} gives a trajectory that later writes into these arrays cannot change.
 *
 * @param times  the sample times, finite and strictly monotonic (increasing, or decreasing for
 *               data sampled backwards in time)
 * @param states {@code states[i]} is the state at {@code times[i]}, finite
 */
public record Trajectory(double[] times, double[][] states) {

    public Trajectory {
        Arguments.strictlyMonotonic("times", times);
        Arguments.finiteMatrix("states", states);
        if (times.length != states.length) {
            throw new IllegalArgumentException("times and states must have equal lengths, one state per time, got "
                    + times.length + " times and " + states.length + " states");
        }
        if (states[0].length == 0) {
            throw new IllegalArgumentException("every state must have at least one component, got states[0] of length 0");
        }
    }

    /** @return a deep copy, checked again: later writes into this trajectory's arrays do not reach it */
    public Trajectory copy() {
        double[][] rows = new double[states.length][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = states[i].clone();
        }
        return new Trajectory(times.clone(), rows);
    }

    /**
     * @return the trajectory of one of the book's equations on its own time grid, solved by the
     *         library's default Dormand-Prince solver (a scalar state: dimension 1)
     */
    public static Trajectory of(org.neuralode.equations.DiffEqn equation) {
        return of(equation.solution(org.neuralode.solvers.Solvers.dormandPrince()));
    }

    /** @return the samples of a solution */
    public static Trajectory of(Solution solution) {
        return new Trajectory(solution.times(), solution.states());
    }

    /** @return the number of samples */
    public int size() {
        return times.length;
    }

    /** @return the state dimension */
    public int dimension() {
        return states[0].length;
    }

    /** @return the initial state {@code states[0]} */
    public double[] initialState() {
        return states[0].clone();
    }

    /** @return component {@code k} of every state */
    public double[] component(int k) {
        return Solution.component(states, k);
    }

    /**
     * A mini-batch of segments as torchdiffeq's {@code get_batch()}: {@code batchSize} distinct
     * start indices {@code s} drawn uniformly from {@code 0 .. size - batchTime - 1}, each segment
     * being the samples {@code s, s+1, ..., s+batchTime-1}, all observed at the times
     * {@code times[0 .. batchTime-1]} (the field is autonomous, so a segment may start at 0).
     *
     * @param random    the source of the start indices
     * @param batchSize the number of segments {@code B}
     * @param batchTime the number of samples per segment, at least 2
     */
    public Segments sampleSegments(Random random, int batchSize, int batchTime) {
        int starts = size() - batchTime;
        if (batchTime < 2 || batchTime > size()) {
            throw new IllegalArgumentException("batchTime must be in [2, " + size() + "], got " + batchTime);
        }
        if (batchSize < 1 || batchSize > starts) {
            throw new IllegalArgumentException("batchSize must be in [1, " + starts + "], got " + batchSize);
        }
        // a partial Fisher-Yates shuffle: distinct starts, like np.random.choice(..., replace=False)
        int[] pool = new int[starts];
        for (int i = 0; i < starts; i++) {
            pool[i] = i;
        }
        int d = dimension();
        int[] chosen = new int[batchSize];
        for (int b = 0; b < batchSize; b++) {
            int j = b + random.nextInt(starts - b);
            int swap = pool[b];
            pool[b] = pool[j];
            pool[j] = swap;
            chosen[b] = pool[b];
        }
        double[][] targets = new double[batchTime][batchSize * d];
        for (int i = 0; i < batchTime; i++) {
            for (int b = 0; b < batchSize; b++) {
                System.arraycopy(states[chosen[b] + i], 0, targets[i], b * d, d);
            }
        }
        return new Segments(Arrays.copyOf(times, batchTime), targets[0].clone(), targets, d);
    }

    /** @return the whole trajectory as one segment starting at {@code states[0]} */
    public Segments asSegments() {
        return new Segments(times.clone(), states[0].clone(), states, dimension());
    }

    /** @return a table with a column {@code t} and one column {@code h0, h1, ...} per component */
    public Table toTable(String name) {
        Table table = Table.create(name).addColumns(DoubleColumn.create("t", times));
        for (int k = 0; k < dimension(); k++) {
            table.addColumns(DoubleColumn.create("h" + k, component(k)));
        }
        return table;
    }
}
