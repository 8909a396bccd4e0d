package org.neuralode.solvers;

import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * The result of a solve: the state {@code h(t_i)} at each requested time {@code t_i}, the steps
 * the solver took to get there and counters of the work done (like Commons Math's evaluation
 * counters).
 *
 * <p>One ownership rule: a solution owns its numbers. The public constructor copies what it is
 * given, and every accessor returns a copy ({@link #times()}, {@link #states()},
 * {@link #state(int)}, {@link #last()}, {@link #component(int)}, the states of
 * {@link #events()}) or a read-only list ({@link #steps()}), so editing what a solution returned never changes the solution, nor what a
 * gradient pass built on the same solve reads later.
 */
public final class Solution {

    /** One step the solver tried, from {@code t} to {@code t + dt}, accepted or rejected. */
    public record Step(double t, double dt, boolean accepted) { }

    /**
     * Work counters.
     *
     * @param evaluations    calls of the vector field (for an implicit method with a
     *                       finite-difference Jacobian, its n calls per Jacobian included)
     * @param acceptedSteps  steps kept
     * @param rejectedSteps  steps thrown away because their error estimate was too large (or, for
     *                       an implicit method, because Newton's iteration failed)
     * @param jacobians      Jacobians computed (an implicit method; 0 for the explicit ones)
     * @param decompositions LU decompositions of Newton's matrices (an implicit method)
     */
    public record Statistics(int evaluations, int acceptedSteps, int rejectedSteps, int jacobians,
                             int decompositions) {

        /** The counters of a method without Jacobians or decompositions (the explicit ones). */
        public Statistics(int evaluations, int acceptedSteps, int rejectedSteps) {
            this(evaluations, acceptedSteps, rejectedSteps, 0, 0);
        }

        @Override
        public String toString() {
            return evaluations + " evaluations, " + acceptedSteps + " accepted steps, "
                    + rejectedSteps + " rejected steps"
                    + (jacobians == 0 && decompositions == 0 ? ""
                            : ", " + jacobians + " Jacobians, " + decompositions + " LU decompositions");
        }
    }

    /**
     * An event located by an {@link EventSolver}.
     *
     * @param event the index of the event in the list given to the solve
     * @param t     the time of the zero of its event function
     * @param h     the state there, from the dense output
     */
    public record EventOccurrence(int event, double t, double[] h) { }

    private final double[] times;
    private final double[][] states;
    private final List<Step> steps;
    private final Statistics statistics;
    private final List<EventOccurrence> events;

    /**
     * @param times      the requested times (copied)
     * @param states     {@code states[i]} is the state at {@code times[i]} (copied)
     * @param steps      every step tried, in order (copied)
     * @param statistics the work counters
     */
    public Solution(double[] times, double[][] states, List<Step> steps, Statistics statistics) {
        this(statistics, times.clone(), deepCopy(states), List.copyOf(steps), List.of());
    }

    /**
     * For the solvers of this package, which made {@code states} and a compact read-only
     * {@code steps} list for this solution alone and keep no reference to them: those are taken
     * without a copy (a fixed-step solve's step list can be millions of steps long).
     */
    static Solution taking(double[] times, double[][] states, List<Step> steps, Statistics statistics) {
        return new Solution(statistics, times.clone(), states, steps, List.of());
    }

    /** As {@link #taking(double[], double[][], List, Statistics)}, with the events in the order they occurred. */
    static Solution taking(double[] times, double[][] states, List<Step> steps, Statistics statistics,
                           List<EventOccurrence> events) {
        return new Solution(statistics, times.clone(), states, steps, events);
    }

    private Solution(Statistics statistics, double[] times, double[][] states, List<Step> steps,
                     List<EventOccurrence> events) {
        if (times.length != states.length) {
            throw new IllegalArgumentException("times and states differ in length: "
                    + times.length + " vs " + states.length);
        }
        this.times = times;
        this.states = states;
        this.steps = java.util.Collections.unmodifiableList(steps);
        this.statistics = statistics;
        this.events = List.copyOf(events);
    }

    private static double[][] deepCopy(double[][] states) {
        double[][] copy = new double[states.length][];
        for (int i = 0; i < states.length; i++) {
            copy[i] = states[i].clone();
        }
        return copy;
    }

    /** @return the requested times (a copy) */
    public double[] times() {
        return times.clone();
    }

    /** @return {@code states()[i]} is the state at {@code times()[i]} (a copy) */
    public double[][] states() {
        return deepCopy(states);
    }

    /** @return the state at {@code times()[i]} (a copy) */
    public double[] state(int i) {
        return states[i].clone();
    }

    /** @return the state at the last requested time (a copy) */
    public double[] last() {
        return states[states.length - 1].clone();
    }

    /** @return component {@code k} of the state at every requested time, e.g. {@code component(0)} of a scalar ODE */
    public double[] component(int k) {
        return component(states, k);
    }

    /**
     * Component {@code k} of every state: the one column-extraction helper of the library.
     *
     * @param states one state per row, each with more than {@code k} components
     * @param k      the component, in {@code [0, states[0].length)}
     * @return {@code states[i][k]} for every {@code i}
     * @throws IllegalArgumentException naming the first state too short for {@code k}
     */
    public static double[] component(double[][] states, int k) {
        if (states == null || states.length == 0) {
            throw new IllegalArgumentException("states must hold at least one state, got "
                    + (states == null ? "null" : "none"));
        }
        if (k < 0 || k >= states[0].length) {
            throw new IllegalArgumentException("k must be in [0, " + states[0].length + "), got " + k);
        }
        double[] values = new double[states.length];
        for (int i = 0; i < states.length; i++) {
            if (states[i] == null || states[i].length <= k) {
                throw new IllegalArgumentException("states[" + i + "] has "
                        + (states[i] == null ? "no" : String.valueOf(states[i].length))
                        + " components, need at least " + (k + 1));
            }
            values[i] = states[i][k];
        }
        return values;
    }

    /** @return every step tried, accepted and rejected, in order (read-only) */
    public List<Step> steps() {
        return steps;
    }

    /**
     * @return the events an {@link EventSolver} located, in the order they occurred (empty for a
     *         solve without events); after a terminal one, the solve stopped at its time
     */
    public List<EventOccurrence> events() {
        return events.stream().map(e -> new EventOccurrence(e.event(), e.t(), e.h().clone())).toList();
    }

    /** @return the work counters */
    public Statistics statistics() {
        return statistics;
    }

    /** @return a table with columns {@code t, h0, h1, ...}, one row per requested time */
    public Table toTable() {
        int n = states[0].length;
        String[] names = new String[n];
        for (int k = 0; k < n; k++) {
            names[k] = "h" + k;
        }
        return toTable(names);
    }

    /**
     * @param names a name per state component, e.g. {@code "x", "y"}
     * @return a table with columns {@code t} and the named components, one row per requested time
     */
    public Table toTable(String... names) {
        int n = states[0].length;
        if (names == null || names.length != n) {
            throw new IllegalArgumentException("names must give one name per state component (" + n + "), got "
                    + (names == null ? "null" : names.length));
        }
        Table table = Table.create("solution", DoubleColumn.create("t", times));
        for (int k = 0; k < n; k++) {
            table.addColumns(DoubleColumn.create(names[k], component(k)));
        }
        return table;
    }

    @Override
    public String toString() {
        return "Solution on [" + times[0] + ", " + times[times.length - 1] + "] at " + times.length
                + " times; " + statistics;
    }
}
