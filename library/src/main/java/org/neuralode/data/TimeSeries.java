package org.neuralode.data;

import java.util.Arrays;
import org.neuralode.Arguments;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * A univariate series {@code x(t_i)} sampled at evenly spaced times, and the supervised windows
 * cut from it for forecasting: {@code history} past values to predict the {@code horizon} values
 * that follow (after an optional {@code gap}). Checked when built: times finite and strictly
 * increasing, values finite, a violation named with its index and value.
 *
 * @param times  the sample times, finite and strictly increasing
 * @param values the samples, finite
 */
public record TimeSeries(double[] times, double[] values) {

    public TimeSeries {
        Arguments.strictlyIncreasing("times", times);
        Arguments.finite("values", values);
        if (times.length != values.length) {
            throw new IllegalArgumentException("times and values must have equal lengths, got " + times.length
                    + " times and " + values.length + " values");
        }
    }

    /** @return the number of samples */
    public int size() {
        return values.length;
    }

    /**
     * All windows, in time order: window {@code w} has inputs {@code values[w .. w+history-1]}
     * and targets {@code values[w+history+gap .. w+history+gap+horizon-1]}.
     *
     * @param history the number of past values fed to the forecaster, at least 1
     * @param horizon the number of values to predict, at least 1
     * @param gap     values skipped between the last input and the first target, at least 0
     */
    public Windows windows(int history, int horizon, int gap) {
        if (history < 1 || horizon < 1 || gap < 0) {
            throw new IllegalArgumentException("history and horizon must be at least 1 and gap at least 0, got history = "
                    + history + ", horizon = " + horizon + ", gap = " + gap);
        }
        long count = (long) size() - history - gap - horizon + 1;   // long: huge arguments must not wrap around
        if (count < 1) {
            throw new IllegalArgumentException("the series of " + size() + " samples is too short for history "
                    + history + " + gap " + gap + " + horizon " + horizon);
        }
        double[][] inputs = new double[(int) count][];
        double[][] targets = new double[(int) count][];
        double[] targetTimes = new double[(int) count];
        for (int w = 0; w < count; w++) {
            inputs[w] = Arrays.copyOfRange(values, w, w + history);
            int first = w + history + gap;
            targets[w] = Arrays.copyOfRange(values, first, first + horizon);
            targetTimes[w] = times[first];
        }
        return new Windows(inputs, targets, targetTimes, gap);
    }

    /** @return {@code windows(history, horizon, 0)} */
    public Windows windows(int history, int horizon) {
        return windows(history, horizon, 0);
    }

    /** @return a table with columns {@code t} and {@code name} */
    public Table toTable(String name) {
        return Table.create(name).addColumns(DoubleColumn.create("t", times), DoubleColumn.create(name, values));
    }

    /**
     * Supervised windows: {@code inputs[w]} (the history) and {@code targets[w]} (the horizon),
     * with {@code targetTimes[w]} the time of the first target. Checked when built: at least one
     * window, every history and every horizon of the same non-zero length, all values finite.
     *
     * @param inputs      the histories
     * @param targets     the values to predict
     * @param targetTimes the time of each window's first target, strictly increasing
     * @param gap         the values skipped between history and horizon, at least 0
     */
    public record Windows(double[][] inputs, double[][] targets, double[] targetTimes, int gap) {

        public Windows {
            Arguments.finiteMatrix("inputs", inputs);
            Arguments.finiteMatrix("targets", targets);
            Arguments.strictlyIncreasing("targetTimes", targetTimes);
            if (targets.length != inputs.length || targetTimes.length != inputs.length) {
                throw new IllegalArgumentException("inputs, targets and targetTimes must hold one entry per window,"
                        + " got " + inputs.length + ", " + targets.length + " and " + targetTimes.length);
            }
            if (inputs[0].length == 0 || targets[0].length == 0) {
                throw new IllegalArgumentException("every window needs a history and a horizon of at least one value,"
                        + " got history " + inputs[0].length + " and horizon " + targets[0].length);
            }
            Arguments.atLeast("gap", gap, 0);
        }

        /** @return the number of windows */
        public int size() {
            return inputs.length;
        }

        /** @return the history length */
        public int history() {
            return inputs[0].length;
        }

        /** @return the horizon */
        public int horizon() {
            return targets[0].length;
        }

        /** @return windows {@code from} (inclusive) to {@code to} (exclusive) */
        public Windows range(int from, int to) {
            if (from < 0 || to > size() || from >= to) {
                throw new IllegalArgumentException("need 0 <= from < to <= " + size() + ", got from = " + from + ", to = " + to);
            }
            return new Windows(Arrays.copyOfRange(inputs, from, to), Arrays.copyOfRange(targets, from, to),
                    Arrays.copyOfRange(targetTimes, from, to), gap);
        }

        /**
         * Splits in time order (no shuffling, so no future value leaks into training): the first
         * {@code trainFraction} of the windows, then {@code validationFraction}, then the rest
         * for testing. The {@code history + gap + horizon - 1} windows after each part are dropped,
         * so that no target of one part is an input of the next.
         *
         * @param trainFraction      the share of the windows for training, in (0, 1)
         * @param validationFraction the share for validation, in [0, 1); 0 for no validation part
         * @return the three parts, each holding at least one window (validation {@code null} if
         *         {@code validationFraction} is 0)
         * @throws IllegalArgumentException for fractions out of range, or too few windows to give
         *                                  every part at least one window
         */
        public Split split(double trainFraction, double validationFraction) {
            if (!(trainFraction > 0 && trainFraction < 1)) {
                throw new IllegalArgumentException("trainFraction must be in (0, 1), got trainFraction = " + trainFraction);
            }
            if (!(validationFraction >= 0 && validationFraction < 1)) {
                throw new IllegalArgumentException("validationFraction must be in [0, 1), got validationFraction = "
                        + validationFraction);
            }
            if (!(trainFraction + validationFraction < 1)) {
                throw new IllegalArgumentException("trainFraction + validationFraction must be below 1 to leave windows"
                        + " for testing, got " + trainFraction + " + " + validationFraction);
            }
            int n = size();
            int dropped = history() + gap + horizon() - 1;
            int trainEnd = (int) Math.round(n * trainFraction);
            if (trainEnd < 1) {
                throw new IllegalArgumentException("trainFraction = " + trainFraction + " of " + n
                        + " windows is less than one window; use trainFraction >= " + (0.5 / n));
            }
            int testStart = trainEnd + dropped;
            Windows validation = null;
            if (validationFraction > 0) {
                int validationEnd = (int) Math.round(n * (trainFraction + validationFraction));
                if (validationEnd <= testStart) {
                    throw tooFewWindows("validation", trainFraction, validationFraction, dropped);
                }
                validation = range(testStart, validationEnd);
                testStart = validationEnd + dropped;
            }
            if (testStart >= n) {
                throw tooFewWindows("test", trainFraction, validationFraction, dropped);
            }
            return new Split(range(0, trainEnd), validation, range(testStart, n));
        }

        private IllegalArgumentException tooFewWindows(String part, double trainFraction, double validationFraction,
                                                       int dropped) {
            return new IllegalArgumentException(size() + " windows are too few to split with trainFraction = "
                    + trainFraction + " and validationFraction = " + validationFraction + ": the " + part
                    + " part would be empty once the " + dropped + " windows after each part are dropped (history "
                    + history() + " + gap " + gap + " + horizon " + horizon() + " - 1, so that no target of one part"
                    + " is an input of the next). Use a longer series, a shorter history or horizon, or other fractions");
        }

        /** @return the naive forecast: the last observed value repeated over the horizon */
        public double[][] naiveForecast() {
            double[][] forecast = new double[size()][horizon()];
            for (int w = 0; w < size(); w++) {
                Arrays.fill(forecast[w], inputs[w][history() - 1]);
            }
            return forecast;
        }
    }

    /**
     * A chronological train / validation / test split.
     *
     * @param train      the earliest windows
     * @param validation the windows after them, or {@code null} if {@code validationFraction} was 0
     * @param test       the latest windows
     */
    public record Split(Windows train, Windows validation, Windows test) {
    }
}
