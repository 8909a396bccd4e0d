package org.neuralode.solvers;

import java.util.AbstractList;
import java.util.Arrays;

/**
 * Compact, read-only lists of {@link Solution.Step}s: a solve keeps its steps in primitive
 * arrays (17 bytes a step instead of an object each), or, for a fixed-step method, not at all,
 * since they follow from the output times and the step counts.
 */
final class StepLists {

    private StepLists() {
    }

    /** The steps an adaptive solve tried, in primitive arrays grown as needed. */
    static final class Recorded extends AbstractList<Solution.Step> {
        private double[] t = new double[64];
        private double[] dt = new double[64];
        private boolean[] accepted = new boolean[64];
        private int size;

        void add(double start, double size, boolean kept) {
            if (this.size == t.length) {
                int capacity = 2 * t.length;
                t = Arrays.copyOf(t, capacity);
                dt = Arrays.copyOf(dt, capacity);
                accepted = Arrays.copyOf(accepted, capacity);
            }
            t[this.size] = start;
            dt[this.size] = size;
            accepted[this.size++] = kept;
        }

        @Override
        public Solution.Step get(int index) {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException("step " + index + " of " + size);
            }
            return new Solution.Step(t[index], dt[index], accepted[index]);
        }

        @Override
        public int size() {
            return size;
        }
    }

    /**
     * The steps of a fixed-step solve, computed on demand: interval {@code i} of the output times
     * is crossed in {@code counts[i]} equal steps.
     */
    static final class Uniform extends AbstractList<Solution.Step> {
        private final double[] times;
        private final long[] firstStep;
        private final int size;

        /** @param counts the number of steps in each interval, as {@link FixedSteps#counts} gives them */
        Uniform(double[] times, int[] counts) {
            this.times = times.clone();
            this.firstStep = new long[counts.length + 1];
            for (int i = 0; i < counts.length; i++) {
                firstStep[i + 1] = firstStep[i] + counts[i];
            }
            this.size = (int) firstStep[counts.length];
        }

        @Override
        public Solution.Step get(int index) {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException("step " + index + " of " + size);
            }
            int search = Arrays.binarySearch(firstStep, index);
            int interval = search >= 0 ? search : -search - 2;
            while (firstStep[interval + 1] == firstStep[interval]) {
                interval++;
            }
            int count = (int) (firstStep[interval + 1] - firstStep[interval]);
            double step = (times[interval + 1] - times[interval]) / count;
            return new Solution.Step(times[interval] + (index - firstStep[interval]) * step, step, true);
        }

        @Override
        public int size() {
            return size;
        }
    }
}
