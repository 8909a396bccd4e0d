package org.neuralode.solvers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.neuralode.Grids;

/** Failures are loud: every one throws, and the message says what and where. */
class SolverFailureTest {

    private static final VectorField DECAY = (t, h) -> new double[] {-h[0]};

    private static void assertMessage(Class<? extends Throwable> type, Executable call, String... fragments) {
        Throwable e = assertThrows(type, call);
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "'" + fragment + "' missing from: " + e.getMessage());
        }
    }

    @Test
    void reciprocalRunsIntoItsPoleNear11_25() {
        VectorField reciprocal = (t, h) -> new double[] {1 / (-5 - 10 * h[0])};
        SolverException e = assertThrows(SolverException.class,
                () -> Solvers.dormandPrince().solve(reciprocal, new double[] {1}, Grids.linspace(0, 12, 121)));
        assertEquals(11.25, e.t(), 1e-3);
        assertEquals(SolverException.Reason.STEP_SIZE_UNDERFLOW, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("t = 11.25"), e.getMessage());
        assertTrue(e.getMessage().contains("singularity"), e.getMessage());
        assertTrue(e.getMessage().contains("blew up"), e.getMessage());
    }

    @Test
    void atLooseTolerancesTheReciprocalChattersAtItsPoleAndStopsEarlyAsStalling() {
        // past the pole the field points back at it from both sides: accepted steps of 1e-8 that never
        // underflow; the solver must say so long before its 100000-step limit
        VectorField reciprocal = (t, h) -> new double[] {1 / (-5 - 10 * h[0])};
        SolverException e = assertThrows(SolverException.class,
                () -> Solvers.dormandPrince(1e-6, 1e-9).solve(reciprocal, new double[] {1}, new double[] {0, 12}));
        assertEquals(11.25, e.t(), 1e-3);
        assertEquals(SolverException.Reason.STALLED, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("stalling") && e.getMessage().contains("singularity"), e.getMessage());
    }

    @Test
    void finiteTimeBlowUpIsReported() {
        // h' = h^2, h(0) = 1 has h = 1/(1 - t), infinite at t = 1
        SolverException e = assertThrows(SolverException.class, () -> Solvers.dormandPrince(1e-6, 1e-6)
                .solve((t, h) -> new double[] {h[0] * h[0]}, new double[] {1}, new double[] {0, 2}));
        assertEquals(1, e.t(), 1e-3);
        assertTrue(e.getMessage().contains("singularity"), e.getMessage());
    }

    @Test
    void nonFiniteDerivativeStopsTheSolve() {
        VectorField pole = (t, h) -> new double[] {t < 0.5 ? 1 : Double.NaN};
        SolverException e = assertThrows(SolverException.class,
                () -> Solvers.dormandPrince().solve(pole, new double[] {0}, new double[] {0, 1}));
        assertTrue(e.t() <= 0.5 + 1e-9, e.getMessage());
    }

    @Test
    void explicitEulerRunningIntoABlowUpIsReported() {
        SolverException e = assertThrows(SolverException.class, () -> Solvers.euler(0.1)
                .solve((t, h) -> new double[] {h[0] * h[0]}, new double[] {1}, new double[] {0, 3}));
        assertEquals(SolverException.Reason.BLOW_UP, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("singularity"), e.getMessage());
    }

    @Test
    void explicitEulerOverflowIsReported() {
        SolverException e = assertThrows(SolverException.class, () -> Solvers.euler(0.1)
                .solve((t, h) -> new double[] {t > 0.5 ? Double.NaN : 1}, new double[] {1}, new double[] {0, 1}));
        assertEquals(SolverException.Reason.NON_FINITE, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("not finite"), e.getMessage());
    }

    @Test
    void rk4SteppingAcrossThePoleOfTheReciprocalIsReportedNotReturned() {
        // the seed's Reciprocal reaches its pole y = -0.5 at t = 11.25; rk4(0.1) used to step across and return 11.18
        VectorField reciprocal = (t, h) -> new double[] {1 / (-5 - 10 * h[0])};
        SolverException e = assertThrows(SolverException.class,
                () -> Solvers.rk4(0.1).solve(reciprocal, new double[] {1}, Grids.linspace(0, 12, 121)));
        assertEquals(SolverException.Reason.BLOW_UP, e.reason(), e.getMessage());
        assertEquals(11.25, e.t(), 0.2, e.getMessage());
    }

    @Test
    void fixedStepsTooSmallAreRefusedUpFrontWithTheCount() {
        long start = System.nanoTime();
        SolverException e = assertThrows(SolverException.class,
                () -> Solvers.euler(1e-8).solve(DECAY, new double[] {1}, new double[] {0, 10}));
        assertEquals(SolverException.Reason.TOO_MANY_STEPS, e.reason());
        assertTrue(e.getMessage().contains("1.000e+09 steps") && e.getMessage().contains("withMaxSteps"), e.getMessage());
        SolverException implicit = assertThrows(SolverException.class,
                () -> Solvers.implicitEuler(Double.MIN_VALUE).solve(DECAY, new double[] {1}, new double[] {0, 1}));
        assertEquals(SolverException.Reason.TOO_MANY_STEPS, implicit.reason(), implicit.getMessage());
        assertEquals(20, Solvers.euler(0.5).withMaxSteps(20).solve(DECAY, new double[] {1}, new double[] {0, 10})
                .statistics().acceptedSteps());
        assertThrows(SolverException.class, () -> Solvers.euler(0.5).withMaxSteps(19)
                .solve(DECAY, new double[] {1}, new double[] {0, 10}));
    }

    @Test
    void tolerancesBelowRoundingAreBlamedNotASingularity() {
        SolverException e = assertThrows(SolverException.class,
                () -> Solvers.dormandPrince(0, 1e-300).solve(DECAY, new double[] {1}, new double[] {0, 1}));
        assertEquals(SolverException.Reason.TOLERANCE_TOO_TIGHT, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("atol") && !e.getMessage().contains("singularity"), e.getMessage());
    }

    @Test
    void aTimeSpanTooLongIsBlamedNotASingularity() {
        SolverException e = assertThrows(SolverException.class,
                () -> Solvers.dormandPrince(1e-6, 1e-9).solve(Problems.OSCILLATOR, new double[] {1, 0}, new double[] {0, 1e300}));
        assertEquals(SolverException.Reason.TOO_MANY_STEPS, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("time span") && !e.getMessage().contains("singularity"), e.getMessage());
    }

    @Test
    void anInconsistentTableauIsRefusedNamingTheRow() {
        assertMessage(IllegalArgumentException.class, () -> new ButcherTableau("bad", 2, new double[] {0, 0.5},
                new double[][] {{}, {0.4}}, new double[] {0, 1}, null), "a[1]", "c[1]");
        assertMessage(IllegalArgumentException.class, () -> new ButcherTableau("bad", 2, new double[] {0, 1},
                new double[][] {{}, {1}}, new double[] {0.5, 0.6}, null), "b", "sum to 1");
        assertMessage(IllegalArgumentException.class, () -> new ButcherTableau("bad", 2, new double[] {0, 1},
                new double[][] {{}, {1}}, new double[] {0.5, 0.5}, new double[] {0.1, 0}), "e", "sum to 0");
        assertMessage(IllegalArgumentException.class, () -> new ButcherTableau("bad", 2, new double[] {0, 1},
                new double[][] {{}, {1, 0}}, new double[] {0.5, 0.5}, null), "a[1]", "1 entries");
        ButcherTableau heun = new ButcherTableau("Heun again", 2, new double[] {0, 1}, new double[][] {{}, {1}},
                new double[] {0.5, 0.5}, null);
        assertTrue(!heun.firstSameAsLast() && ButcherTableau.DORMAND_PRINCE.firstSameAsLast()
                && ButcherTableau.BOGACKI_SHAMPINE.firstSameAsLast() && !ButcherTableau.DOP853.firstSameAsLast());
    }

    @Test
    void aJacobianOfTheWrongShapeIsRefused() {
        assertMessage(IllegalArgumentException.class, () -> Solvers.implicitEuler(0.1)
                .withJacobian((t, h) -> new double[][] {{-1, 0}})
                .solve(DECAY, new double[] {1}, new double[] {0, 1}), "Jacobian", "1-by-1");
    }

    @Test
    void newtonFailureCarriesItsReason() {
        // J = 10 makes I - dt J singular at dt = 0.1
        SolverException e = assertThrows(SolverException.class, () -> Solvers.implicitEuler(0.1)
                .withJacobian((t, h) -> new double[][] {{10}})
                .solve((t, h) -> new double[] {10 * h[0]}, new double[] {1}, new double[] {0, 1}));
        assertEquals(SolverException.Reason.NEWTON_FAILED, e.reason(), e.getMessage());
    }

    @Test
    void tooManyStepsIsReported() {
        assertMessage(SolverException.class, () -> Solvers.dormandPrince(1e-10, 1e-10).withMaxSteps(20)
                .solve(Problems.OSCILLATOR, new double[] {1, 0}, new double[] {0, 100}), "too many steps", "20");
        SolverException e = assertThrows(SolverException.class, () -> Solvers.dormandPrince(1e-10, 1e-10)
                .withMaxSteps(20).solve(Problems.OSCILLATOR, new double[] {1, 0}, new double[] {0, 100}));
        assertEquals(SolverException.Reason.TOO_MANY_STEPS, e.reason());
    }

    @Test
    void badGridsAreRejected() {
        Solver solver = Solvers.dormandPrince();
        double[] h0 = {1};
        assertMessage(IllegalArgumentException.class, () -> solver.solve(DECAY, h0, new double[0]), "times", "empty");
        assertMessage(IllegalArgumentException.class, () -> solver.solve(DECAY, h0, new double[] {0, 1, 1}),
                "strictly monotonic", "times[2]");
        assertMessage(IllegalArgumentException.class, () -> solver.solve(DECAY, h0, new double[] {0, 2, 1}),
                "strictly monotonic");
        assertMessage(IllegalArgumentException.class, () -> solver.solve(DECAY, h0, new double[] {0, Double.NaN}),
                "finite", "times[1]");
        assertMessage(IllegalArgumentException.class, () -> Solvers.rk4(0.1).solve(DECAY, h0, new double[] {1, 0, 0.5}),
                "strictly monotonic");
        assertMessage(IllegalArgumentException.class, () -> solver.solve(DECAY, new double[] {Double.NaN}, new double[] {0, 1}),
                "h0");
    }

    @Test
    void badTolerancesAndStepSizesAreRejected() {
        assertMessage(IllegalArgumentException.class, () -> Solvers.dormandPrince(-1e-6, 1e-6), "rtol");
        assertMessage(IllegalArgumentException.class, () -> Solvers.dormandPrince(1e-6, Double.NaN), "atol");
        assertMessage(IllegalArgumentException.class, () -> Solvers.dormandPrince(0, 0), "rtol", "atol");
        assertMessage(IllegalArgumentException.class, () -> Solvers.euler(0), "dt");
        assertMessage(IllegalArgumentException.class, () -> Solvers.rk4(-0.1), "dt");
        assertMessage(IllegalArgumentException.class, () -> Solvers.implicitEuler(Double.NaN), "dt");
        assertMessage(IllegalArgumentException.class, () -> Solvers.dormandPrince().withMaxSteps(0), "maxSteps");
        assertMessage(IllegalArgumentException.class,
                () -> new AdaptiveRungeKutta(ButcherTableau.RK4, 1e-6, 1e-6), "embedded");
    }

    @Test
    void aVectorFieldOfTheWrongLengthIsRejected() {
        assertMessage(IllegalArgumentException.class, () -> Solvers.dormandPrince()
                .solve((t, h) -> new double[] {1, 2}, new double[] {0}, new double[] {0, 1}), "length");
    }
}
