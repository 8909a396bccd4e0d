package org.neuralode.data;

import java.util.Arrays;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * A univariate series {@code x(t_i)} sampled at evenly spaced times, and the supervised windows
 * cut from it for forecasting: {@code history} past values to predict the {@code horizon} values
 * that follow (after an optional {@code gap}).
 *
 * @param times  the sample times
 * @param values the samples
 */
public record TimeSeries(double[] times, double[] values) {

    public TimeSeries {
        if (times == null || values == null || times.length != values.length || times.length == 0) {
            throw new IllegalArgumentException("times and values must be non-empty and of equal length");
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
        int count = size() - history - gap - horizon + 1;
        if (count < 1) {
            throw new IllegalArgumentException("the series of " + size() + " samples is too short for history "
                    + history + " + gap " + gap + " + horizon " + horizon);
        }
        double[][] inputs = new double[count][];
        double[][] targets = new double[count][];
        double[] targetTimes = new double[count];
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
     * with {@code targetTimes[w]} the time of the first target.
     *
     * @param inputs      the histories
     * @param targets     the values to predict
     * @param targetTimes the time of each window's first target
     * @param gap         the values skipped between history and horizon
     */
    public record Windows(double[][] inputs, double[][] targets, double[] targetTimes, int gap) {

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
         * {@code trainFraction} of the windows, then {@code validationFraction}, then the rest.
         * Windows straddling a boundary are dropped so that no target of one part is an input
         * of the next.
         */
        public Split split(double trainFraction, double validationFraction) {
            if (!(trainFraction > 0 && validationFraction >= 0 && trainFraction + validationFraction < 1)) {
                throw new IllegalArgumentException("need trainFraction > 0, validationFraction >= 0 and their sum"
                        + " below 1, got " + trainFraction + " and " + validationFraction);
            }
            int n = size();
            int overlap = history() + gap + horizon() - 1;
            int trainEnd = (int) Math.round(n * trainFraction);
            int validationEnd = (int) Math.round(n * (trainFraction + validationFraction));
            int validationStart = Math.min(trainEnd + overlap, validationEnd);
            int testStart = Math.min(validationEnd + overlap, n - 1);
            Windows validation = validationEnd > validationStart ? range(validationStart, validationEnd) : null;
            return new Split(range(0, trainEnd), validation, range(testStart, n));
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
     * @param validation the windows after them, or {@code null} if the fraction was 0
     * @param test       the latest windows
     */
    public record Split(Windows train, Windows validation, Windows test) {
    }
}
