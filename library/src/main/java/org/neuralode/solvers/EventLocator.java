package org.neuralode.solvers;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the {@link Event}s of one solve, step by step: after each accepted step from {@code t}
 * to {@code tNew} the solver calls {@link #afterStep}; every event function whose values at the
 * two ends show a crossing is solved for its zero on the step's dense output by the Illinois
 * variant of regula falsi (Dowell and Jarratt, <i>BIT</i> 11, 1971), which keeps the zero bracketed
 * and converges superlinearly; it stops when the bracket is a few units in the last place of t wide.
 * The earliest terminal zero ends the solve; non-terminal zeros up to it are recorded.
 */
final class EventLocator {

    /** The continuous extension of the step just accepted. */
    @FunctionalInterface
    interface DenseOutput {
        /** Writes the state at {@code time}, inside the step, into {@code out}. */
        void at(double time, double[] out);
    }

    private static final int MAX_ITERATIONS = 200;

    private final List<Event> events;
    private final double[] values;
    private final List<Solution.EventOccurrence> occurrences = new ArrayList<>();
    private final int n;
    private boolean firstStep = true;

    /** Evaluates every event function at the start of the solve. */
    EventLocator(List<Event> events, double t0, double[] h0) {
        if (events == null) {
            throw new IllegalArgumentException("events must not be null (List.of() for none)");
        }
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) == null) {
                throw new IllegalArgumentException("events[" + i + "] is null");
            }
        }
        this.events = List.copyOf(events);
        this.n = h0.length;
        this.values = new double[events.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = evaluate(i, t0, h0);
        }
    }

    /**
     * Locates the events in the accepted step from {@code t} to {@code tNew}.
     *
     * @return the time of the earliest terminal event in the step, or NaN if the solve goes on
     */
    double afterStep(double t, double tNew, double[] hNew, DenseOutput dense) {
        double direction = Math.signum(tNew - t);
        double stop = Double.NaN;
        List<Solution.EventOccurrence> found = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            double before = values[i];
            double after = evaluate(i, tNew, hNew);
            values[i] = after;
            // a zero at the start of a later step ended the step before, where it was counted
            if ((before == 0 && !firstStep) || !events.get(i).crossedBetween(before, after)) {
                continue;
            }
            double[] state = new double[n];
            double time = zero(i, t, before, tNew, after, dense, state);
            found.add(new Solution.EventOccurrence(i, time, state));
            if (events.get(i).isTerminal() && (Double.isNaN(stop) || direction * (time - stop) < 0)) {
                stop = time;
            }
        }
        firstStep = false;
        found.sort((a, b) -> Double.compare(direction * a.t(), direction * b.t()));
        for (Solution.EventOccurrence occurrence : found) {
            if (!Double.isNaN(stop) && direction * (occurrence.t() - stop) > 0) {
                break;
            }
            occurrences.add(occurrence);
        }
        return stop;
    }

    /** @return the events found so far, in order */
    List<Solution.EventOccurrence> occurrences() {
        return occurrences;
    }

    /** The zero of event {@code i} in {@code [a, b]}, where it changes sign; its state is written to {@code state}. */
    private double zero(int i, double a, double ga, double b, double gb, DenseOutput dense, double[] state) {
        if (ga == 0) {
            dense.at(a, state);
            return a;
        }
        if (gb == 0) {
            dense.at(b, state);
            return b;
        }
        int sideKept = 0;
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            if (Math.abs(b - a) <= 4 * Math.ulp(Math.max(Math.abs(a), Math.abs(b)))) {
                break;
            }
            double c = b - gb * (b - a) / (gb - ga);
            if (!(direction(a, b) * (c - a) > 0 && direction(a, b) * (b - c) > 0)) {
                c = 0.5 * (a + b);   // the secant left the bracket (rounding): bisect
            }
            dense.at(c, state);
            double gc = evaluate(i, c, state);
            if (gc == 0) {
                return c;
            }
            if ((gc > 0) == (gb > 0)) {
                b = c;
                gb = gc;
                if (sideKept == -1) {
                    ga *= 0.5;   // Illinois: the same end kept twice, halve its value
                }
                sideKept = -1;
            } else {
                a = c;
                ga = gc;
                if (sideKept == 1) {
                    gb *= 0.5;
                }
                sideKept = 1;
            }
        }
        // the end on the event's far side: the state has crossed (or reached) the surface there
        dense.at(b, state);
        return b;
    }

    private static double direction(double a, double b) {
        return Math.signum(b - a);
    }

    private double evaluate(int i, double t, double[] h) {
        double g = events.get(i).function().at(t, h.clone());
        if (!Double.isFinite(g)) {
            throw new SolverException(SolverException.Reason.NON_FINITE, t, 0, "event function " + i
                    + " is not finite: g = " + g + " at h = " + Checks.show(h));
        }
        return g;
    }
}
