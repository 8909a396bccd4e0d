package org.neuralode.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExerciseTest {

    @Test
    void aStubAnswerIsNotAttempted() {
        assertEquals(Exercise.Outcome.NOT_ATTEMPTED, Exercise.check("E1", null, false, "h").outcome());
        assertEquals(Exercise.Outcome.NOT_ATTEMPTED, Exercise.close("E1", (Double) null, 1, 0, 0, "h").outcome());
        assertEquals(Exercise.Outcome.NOT_ATTEMPTED, Exercise.close("E1", Double.NaN, 1, 0, 0, "h").outcome());
    }

    @Test
    void aRightAnswerPassesAndAWrongOneGivesTheHint() {
        assertTrue(Exercise.close("E2", 1.0 + 1e-9, 1.0, 1e-6, 0, "h").right());
        Exercise.Verdict wrong = Exercise.close("E2", 1.1, 1.0, 1e-6, 0, "look at the step size");
        assertFalse(wrong.right());
        assertTrue(wrong.toString().startsWith(Exercise.NOT_YET_MARK + " E2: not yet. look at the step size"));
    }

    @Test
    void vectorsAreComparedComponentByComponent() {
        assertTrue(Exercise.close("E3", new double[] {1, 2}, new double[] {1, 2}, 0, 1e-12, "h").right());
        assertFalse(Exercise.close("E3", new double[] {1, 3}, new double[] {1, 2}, 0, 1e-12, "h").right());
        assertFalse(Exercise.close("E3", new double[] {1}, new double[] {1, 2}, 0, 1e-12, "h").right());
    }

    @Test
    void aPropertyIsTestedOnlyOnAnAnswerAndItsExceptionsMeanNotYet() {
        assertEquals(Exercise.Outcome.NOT_ATTEMPTED,
                Exercise.check("E4", (double[]) null, a -> a[0] > 0, "h").outcome());
        assertTrue(Exercise.check("E4", new double[] {1}, a -> a[0] > 0, "h").right());
        assertEquals(Exercise.Outcome.NOT_YET, Exercise.check("E4", new double[] {-1}, a -> a[0] > 0, "h").outcome());
        Exercise.Verdict thrown = Exercise.check("E4", new double[0], a -> a[0] > 0, "one number, please");
        assertEquals(Exercise.Outcome.NOT_YET, thrown.outcome());
        assertTrue(thrown.toString().endsWith("one number, please"), thrown.toString());
    }
}
