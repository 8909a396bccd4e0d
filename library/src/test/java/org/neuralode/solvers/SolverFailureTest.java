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
    void explicitEulerOverflowIsReported() {
        assertMessage(SolverException.class, () -> Solvers.euler(0.1)
                .solve((t, h) -> new double[] {h[0] * h[0]}, new double[] {1}, new double[] {0, 3}), "not finite");
    }

    @Test
    void tooManyStepsIsReported() {
        assertMessage(SolverException.class, () -> Solvers.dormandPrince(1e-10, 1e-10).withMaxSteps(20)
                .solve(Problems.OSCILLATOR, new double[] {1, 0}, new double[] {0, 100}), "too many steps", "20");
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
