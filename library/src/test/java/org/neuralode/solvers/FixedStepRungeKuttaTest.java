package org.neuralode.solvers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;
import org.neuralode.Grids;

class FixedStepRungeKuttaTest {

    private static final double[] DTS = {0.1, 0.05, 0.025, 0.0125};

    /** Measured order: the slope of log(error at t = 2) against log(dt). */
    private static double measuredOrder(DoubleFunction<Solver> solverWithStep) {
        double[] errors = new double[DTS.length];
        for (int i = 0; i < DTS.length; i++) {
            Solution solution = solverWithStep.apply(DTS[i])
                    .solve(Problems.COSINE_GROWTH, new double[] {1}, new double[] {0, 2});
            errors[i] = Math.abs(solution.last()[0] - Problems.cosineGrowth(2));
        }
        return Problems.slope(DTS, errors);
    }

    @Test
    void eulerConvergesWithOrderOne() {
        assertEquals(1, measuredOrder(Solvers::euler), 0.15);
    }

    @Test
    void midpointConvergesWithOrderTwo() {
        assertEquals(2, measuredOrder(Solvers::midpoint), 0.15);
    }

    @Test
    void heunConvergesWithOrderTwo() {
        assertEquals(2, measuredOrder(Solvers::heun), 0.15);
    }

    @Test
    void rk4ConvergesWithOrderFour() {
        assertEquals(4, measuredOrder(Solvers::rk4), 0.15);
    }

    @Test
    void implicitEulerConvergesWithOrderOne() {
        assertEquals(1, measuredOrder(Solvers::implicitEuler), 0.15);
        assertEquals(1, Solvers.implicitEuler(0.1).order(), "the declared order");
    }

    @Test
    void trapezoidConvergesWithOrderTwo() {
        assertEquals(2, measuredOrder(Solvers::trapezoid), 0.15);
        assertEquals(2, Solvers.trapezoid(0.1).order(), "the declared order");
    }

    @Test
    void oneEulerStepIsTheResidualUpdate() {
        VectorField f = (t, h) -> new double[] {h[0] * h[1], t - h[0]};
        double[] h = {2, 3};
        double[] next = Solvers.euler(1).step(f, 0.5, h, 0.1);
        assertArrayEquals(new double[] {2 + 0.1 * 6, 3 + 0.1 * (0.5 - 2)}, next, 1e-15);
    }

    @Test
    void outputTimesAreHitExactlyWithEqualSubsteps() {
        Solution solution = Solvers.rk4(0.03).solve(Problems.COSINE_GROWTH, new double[] {1}, new double[] {0, 0.1, 1});
        // 0.1 / 0.03 -> 4 steps of 0.025; 0.9 / 0.03 -> 30 steps of 0.03
        assertEquals(34, solution.statistics().acceptedSteps());
        assertEquals(4 * 34, solution.statistics().evaluations());
        assertEquals(0.025, solution.steps().get(0).dt(), 1e-15);
        assertEquals(Problems.cosineGrowth(0.1), solution.state(1)[0], 1e-8);
    }

    @Test
    void integratesBackwardWhenTimesDecrease() {
        double[] times = Grids.linspace(2, 0, 11);
        Solution solution = Solvers.rk4(0.01).solve(Problems.COSINE_GROWTH, new double[] {Problems.cosineGrowth(2)}, times);
        for (int i = 0; i < times.length; i++) {
            assertEquals(Problems.cosineGrowth(times[i]), solution.state(i)[0], 1e-9);
        }
        assertTrue(solution.steps().get(0).dt() < 0);
    }

    @Test
    void aLambdaReturningItsInputIsSafe() {
        Solution solution = Solvers.rk4(0.01).solve((t, h) -> h, new double[] {1}, new double[] {0, 1});
        assertEquals(Math.E, solution.last()[0], 1e-9);
    }
}
