package org.neuralode.solvers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.neuralode.Grids;

/** The caller's error norm: RMS by default, a seminorm that ignores components, any other; with every method's error measure. */
class ErrorNormTest {

    @Test
    void rmsIsTheRootMeanSquare() {
        assertEquals(Math.sqrt((9 + 16) / 2.0), ErrorNorm.RMS.of(new double[] {3, -4}), 1e-15);
        assertEquals(Double.POSITIVE_INFINITY, ErrorNorm.RMS.of(new double[] {Double.POSITIVE_INFINITY, 0}));
    }

    @Test
    void aSeminormIgnoresItsComponents() {
        ErrorNorm semi = ErrorNorm.ignoring(1, 3);
        assertEquals(Math.sqrt((9 + 16) / 2.0), semi.of(new double[] {3, 1e9, Double.NaN, -4}), 1e-15);
        assertEquals(3, ErrorNorm.ignoring(1, 2).of(new double[] {3, 1e9}), 1e-15);
    }

    @Test
    void aSeminormRefusesRangesThatDoNotFitNamingThem() {
        assertThrows(IllegalArgumentException.class, () -> ErrorNorm.ignoring(2, 2));
        assertThrows(IllegalArgumentException.class, () -> ErrorNorm.ignoring(-1, 2));
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> ErrorNorm.ignoring(1, 5).of(new double[3]));
        assertTrue(tooLong.getMessage().contains("1 .. 4"), tooLong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ErrorNorm.ignoring(0, 3).of(new double[3]));
    }

    /**
     * The state [h, g] with g' = 1000 h: g never feeds back, and the seminorm that ignores it
     * takes exactly the steps of a solve of h alone, for a plain pair and for DOP853, whose
     * blend of two estimates uses the same norm (so does Hairer's starting step); the RMS norm
     * takes more steps, for g's error.
     */
    @Test
    void aSeminormSolveStepsAsIfTheIgnoredComponentsWereNotThere() {
        VectorField alone = Problems.OSCILLATOR;
        VectorField withIntegral = (t, h) -> new double[] {h[1], -h[0], 1000 * h[0]};
        double[] times = Grids.linspace(0, 10, 11);
        for (AdaptiveRungeKutta solver : List.of(Solvers.dormandPrince(1e-6, 1e-9), Solvers.dop853(1e-6, 1e-9),
                Solvers.bogackiShampine(1e-6, 1e-9).withController(StepSizeController.pi()))) {
            Solution reference = solver.solve(alone, new double[] {1, 0}, times);
            Solution semi = solver.withErrorNorm(ErrorNorm.ignoring(2, 3)).solve(withIntegral, new double[] {1, 0, 0}, times);
            Solution full = solver.solve(withIntegral, new double[] {1, 0, 0}, times);
            assertEquals(reference.statistics(), semi.statistics(), solver.toString());
            for (int i = 0; i < times.length; i++) {
                assertArrayEquals(reference.state(i), java.util.Arrays.copyOf(semi.state(i), 2), 0, solver + " at " + i);
            }
            assertTrue(full.statistics().evaluations() > semi.statistics().evaluations(), solver + ": " + full.statistics());
        }
    }

    @Test
    void theSolverMeasuresInTheCallersNorm() {
        AtomicInteger calls = new AtomicInteger();
        ErrorNorm max = x -> {
            calls.incrementAndGet();
            double largest = 0;
            for (double xi : x) {
                largest = Math.max(largest, Math.abs(xi));
            }
            return largest;
        };
        AdaptiveRungeKutta dp = Solvers.dormandPrince(1e-6, 1e-9);
        Solution withMax = dp.withErrorNorm(max).solve(Problems.OSCILLATOR, new double[] {1, 0}, new double[] {0, 10});
        Solution.Statistics s = withMax.statistics();
        assertEquals(3 + s.acceptedSteps() + s.rejectedSteps(), calls.get(),
                "Hairer's starting step measures three sizes in it, then one norm per tried step");
        // the max norm is at least the RMS one: never fewer steps
        assertTrue(s.evaluations() >= dp.solve(Problems.OSCILLATOR, new double[] {1, 0}, new double[] {0, 10})
                .statistics().evaluations());
        assertEquals(max, dp.withErrorNorm(max).errorNorm());
        assertEquals(ErrorNorm.RMS, dp.errorNorm());
        assertNotEquals(dp.toString(), dp.withErrorNorm(ErrorNorm.ignoring(0, 1)).toString());
        assertThrows(IllegalArgumentException.class, () -> dp.withErrorNorm(null));
    }

    @Test
    void aNonFiniteNormRejectsTheStep() {
        AtomicInteger calls = new AtomicInteger();
        // NaN in the starting step's first size, then in the first tried step
        ErrorNorm nanOnce = x -> calls.getAndIncrement() % 3 == 0 && calls.get() <= 4 ? Double.NaN : ErrorNorm.RMS.of(x);
        Solution s = Solvers.dormandPrince(1e-6, 1e-9).withErrorNorm(nanOnce)
                .solve(Problems.OSCILLATOR, new double[] {1, 0}, new double[] {0, 1});
        assertEquals(1, s.steps().stream().filter(step -> !step.accepted()).limit(1).count());
        assertTrue(!s.steps().get(0).accepted(), "the first step, whose norm was NaN, is rejected");
    }
}
