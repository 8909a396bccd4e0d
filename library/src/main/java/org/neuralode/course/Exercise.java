package org.neuralode.course;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A notebook exercise's check: the student writes code into a marked cell, the next cell calls
 * one of these methods with the student's result, and the check prints one line that says
 * whether it is right, without revealing the answer.
 *
 * <p>A check never throws on a wrong or missing answer, so "Run All" on a student notebook goes
 * on past an unsolved exercise. It returns a {@link Verdict} instead, whose {@link
 * Verdict#toString()} is the printed line; the course's tests run the solution notebooks and
 * look for {@link #RIGHT_MARK} on every check. An answer is "not attempted" when it is
 * {@code null} (the stubs in the student notebooks return {@code null}) or, for numbers, NaN.
 */
public final class Exercise {

    /** Starts the line of a check that passed. */
    public static final String RIGHT_MARK = "✓";
    /** Starts the line of a check that did not pass. */
    public static final String NOT_YET_MARK = "✗";
    /** Starts the line of a check whose answer is still the stub's. */
    public static final String NOT_ATTEMPTED_MARK = "…";

    private Exercise() {
    }

    /** What a check found. */
    public enum Outcome {
        RIGHT, NOT_YET, NOT_ATTEMPTED
    }

    /** A check's outcome and the line it printed. */
    public record Verdict(String exercise, Outcome outcome, String message) {
        /** Whether the answer passed. */
        public boolean right() {
            return outcome == Outcome.RIGHT;
        }

        @Override
        public String toString() {
            String mark = switch (outcome) {
                case RIGHT -> RIGHT_MARK;
                case NOT_YET -> NOT_YET_MARK;
                case NOT_ATTEMPTED -> NOT_ATTEMPTED_MARK;
            };
            return mark + " " + exercise + ": " + message;
        }
    }

    /**
     * Checks a condition the student's answer must meet.
     *
     * @param exercise the exercise's name as the notebook gives it, e.g. "Exercise 2"
     * @param answer   the student's answer; {@code null} means not attempted
     * @param passed   whether the answer is right
     * @param hint     what to look at when it is not (a nudge, never the answer)
     */
    public static Verdict check(String exercise, Object answer, boolean passed, String hint) {
        Objects.requireNonNull(exercise, "exercise");
        if (answer == null) {
            return report(exercise, Outcome.NOT_ATTEMPTED,
                    "not attempted yet: write your code in the cell above, run it, then run this cell.");
        }
        return report(exercise, passed ? Outcome.RIGHT : Outcome.NOT_YET,
                passed ? "right." : "not yet. " + hint);
    }

    /**
     * Checks a property the student's answer must have, e.g. that a solution rejected some steps.
     * The property is tested only when there is an answer, and an exception it throws (say, an
     * array of the wrong length) counts as "not yet", never as an error of the check cell.
     *
     * @param exercise the exercise's name as the notebook gives it
     * @param answer   the student's answer; {@code null} means not attempted
     * @param property what a right answer satisfies
     * @param hint     what to look at when it does not (a nudge, never the answer)
     */
    public static <T> Verdict check(String exercise, T answer, Predicate<? super T> property, String hint) {
        Objects.requireNonNull(property, "property");
        if (answer == null) {
            return check(exercise, null, false, hint);
        }
        boolean passed;
        try {
            passed = property.test(answer);
        } catch (RuntimeException e) {
            return report(exercise, Outcome.NOT_YET, "not yet: checking your answer failed with "
                    + e.getClass().getSimpleName() + " (" + e.getMessage() + "). " + hint);
        }
        return check(exercise, answer, passed, hint);
    }

    /**
     * Checks a number against the expected value within a relative and absolute tolerance:
     * |answer − expected| ≤ atol + rtol·|expected|.
     */
    public static Verdict close(String exercise, Double answer, double expected, double rtol, double atol,
                                String hint) {
        if (answer == null || answer.isNaN()) {
            return check(exercise, null, false, hint);
        }
        return check(exercise, answer, isClose(answer, expected, rtol, atol), hint);
    }

    /** Checks a vector component by component, as {@link #close(String, Double, double, double, double, String)}. */
    public static Verdict close(String exercise, double[] answer, double[] expected, double rtol, double atol,
                                String hint) {
        if (answer == null) {
            return check(exercise, null, false, hint);
        }
        if (answer.length != expected.length) {
            return report(exercise, Outcome.NOT_YET, "not yet: expected " + expected.length
                    + " numbers, got " + answer.length + ". " + hint);
        }
        boolean passed = true;
        for (int i = 0; i < answer.length; i++) {
            passed &= isClose(answer[i], expected[i], rtol, atol);
        }
        if (Arrays.stream(answer).allMatch(Double::isNaN)) {
            return check(exercise, null, false, hint);
        }
        return check(exercise, answer, passed, hint);
    }

    private static boolean isClose(double answer, double expected, double rtol, double atol) {
        return Math.abs(answer - expected) <= atol + rtol * Math.abs(expected);
    }

    private static Verdict report(String exercise, Outcome outcome, String message) {
        Verdict verdict = new Verdict(exercise, outcome, message);
        System.out.println(verdict);
        return verdict;
    }
}
