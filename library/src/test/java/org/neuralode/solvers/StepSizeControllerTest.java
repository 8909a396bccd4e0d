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

    @Test
    void aRunRemembersThePreviousErrorFlooredAtHairersValue() {
        StepSizeController pi = StepSizeController.pi();
        StepSizeController.Run run = pi.start(5);
        // no previous step: Hairer's facold = 1e-4
        assertEquals(pi.afterAcceptance(0.5, 1e-4, 5, false), run.accepted(0.5));
        assertEquals(pi.afterAcceptance(0.3, 0.5, 5, false), run.accepted(0.3));
        assertEquals(pi.afterAcceptance(0.3, 1e-4, 5, false), pi.start(5).accepted(0.3), "a fresh run for each solve");
        run.accepted(1e-9);
        assertEquals(pi.afterAcceptance(0.3, 1e-4, 5, false), run.accepted(0.3), "a tiny previous error counts as 1e-4");
    }

    @Test
    void aRunDoesNotGrowTheStepRightAfterARejection() {
        StepSizeController.Run run = controller.start(5);
        assertEquals(controller.afterRejection(3, 5), run.rejected(3));
        assertEquals(1, run.accepted(1e-3));
        assertEquals(controller.afterAcceptance(1e-3, 1e-3, 5, false), run.accepted(1e-3), "growth again one step later");
        assertThrows(IllegalArgumentException.class, () -> controller.start(0));
    }

    /** The solver keeps no state of its own: the same solver on many threads at once gives every solve's bits. */
    @Test
    void oneSolverServesConcurrentSolves() throws Exception {
        AdaptiveRungeKutta solver = Solvers.dormandPrince(1e-8, 1e-10).withController(StepSizeController.pi());
        double[] times = org.neuralode.Grids.linspace(0, 5, 21);
        Solution alone = solver.solve(Problems.ARENSTORF, Problems.ARENSTORF_START, times);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<Solution>> runs = new java.util.ArrayList<>();
            for (int k = 0; k < 8; k++) {
                runs.add(pool.submit(() -> solver.solve(Problems.ARENSTORF, Problems.ARENSTORF_START, times)));
            }
            for (java.util.concurrent.Future<Solution> run : runs) {
                Solution s = run.get();
                assertEquals(alone.statistics(), s.statistics());
                org.junit.jupiter.api.Assertions.assertArrayEquals(alone.last(), s.last(), 0);
            }
        } finally {
            pool.shutdown();
        }
    }
}
