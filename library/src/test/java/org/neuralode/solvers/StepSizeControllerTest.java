package org.neuralode.solvers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StepSizeControllerTest {

    private final StepSizeController controller = StepSizeController.STANDARD;

    @Test
    void factorIsSafetyTimesErrorToTheMinusOneOverOrder() {
        assertEquals(0.9 * Math.pow(0.5, -0.2), controller.afterAcceptance(0.5, 1e-4, 5, false), 1e-15);
        assertEquals(0.9 * Math.pow(4, -0.2), controller.afterRejection(4, 5), 1e-15);
    }

    @Test
    void factorsAreClamped() {
        assertEquals(10, controller.afterAcceptance(0, 1e-4, 5, false));
        assertEquals(10, controller.afterAcceptance(1e-12, 1e-4, 5, false));
        assertEquals(0.2, controller.afterRejection(1e9, 5));
        assertEquals(0.2, controller.afterRejection(Double.POSITIVE_INFINITY, 5));
    }

    @Test
    void noGrowthRightAfterARejection() {
        assertTrue(controller.afterAcceptance(1e-3, 1e-4, 5, true) <= 1);
    }

    @Test
    void piControllerRemembersThePreviousError() {
        StepSizeController pi = StepSizeController.pi();
        assertTrue(pi.afterAcceptance(0.5, 1, 5, false) > pi.afterAcceptance(0.5, 0.01, 5, false));
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new StepSizeController(1.5, 0.2, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> new StepSizeController(0.9, 0.2, 0.5, 0));
    }
}
