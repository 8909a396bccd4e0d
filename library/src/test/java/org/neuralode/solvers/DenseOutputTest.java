package org.neuralode.solvers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuralode.Grids;

/**
 * Dense output (HNW I, Section II.6): output times are interpolated inside the steps, not stepped
 * to, and the interpolant has the order each method's {@link DenseOutput} states.
 */
class DenseOutputTest {

    private static double worstError(Solution solution) {
        double worst = 0;
        double[] times = solution.times();
        for (int i = 0; i < times.length; i++) {
            double[] h = solution.state(i);
            worst = Math.max(worst, Math.hypot(h[0] - Math.cos(times[i]), h[1] + Math.sin(times[i])));
        }
        return worst;
    }

    @Test
    void outputTimesAreInterpolatedNotSteppedTo() {
        Solver solver = Solvers.dormandPrince(1e-8, 1e-8);
        Solution coarse = solver.solve(Problems.OSCILLATOR, new double[] {1, 0}, new double[] {0, 10});
        Solution fine = solver.solve(Problems.OSCILLATOR, new double[] {1, 0}, Grids.linspace(0, 10, 1001));
        assertEquals(coarse.statistics(), fine.statistics(), "1001 output times must not add steps");
        assertEquals(coarse.last()[0], fine.last()[0], 0.0);
        // the fourth-order continuous extension keeps the interpolated values near the tolerance
        assertTrue(worstError(fine) < 1e-6, "interpolation error " + worstError(fine));
    }

    @Test
    void bogackiShampineHermiteInterpolationIsAccurate() {
        Solution fine = Solvers.bogackiShampine(1e-7, 1e-7).solve(Problems.OSCILLATOR, new double[] {1, 0},
                Grids.linspace(0, 10, 1001));
        assertTrue(worstError(fine) < 1e-5, "interpolation error " + worstError(fine));
    }

    @Test
    void dop853SpendsThreeMoreEvaluationsOnlyInStepsWithAnOutputTime() {
        Solver solver = Solvers.dop853(1e-8, 1e-8);
        Solution endOnly = solver.solve(Problems.OSCILLATOR, new double[] {1, 0}, new double[] {0, 10});
        Solution dense = solver.solve(Problems.OSCILLATOR, new double[] {1, 0}, Grids.linspace(0, 10, 1001));
        assertEquals(endOnly.statistics().evaluations() + 3 * endOnly.statistics().acceptedSteps(),
                dense.statistics().evaluations());
        // the seventh-order interpolant is as accurate as the steps
        assertTrue(worstError(dense) < 1e-7, "interpolation error " + worstError(dense));
    }

    /**
     * Each method with the order of its interpolant (Hermite cubic 3, Shampine's 4, DOP853's 7)
     * and step sizes whose errors stay well above rounding.
     */
    static Stream<Arguments> interpolants() {
        return Stream.of(
                Arguments.of(ButcherTableau.BOGACKI_SHAMPINE, 3, new double[] {0.1, 0.05, 0.025, 0.0125}),
                Arguments.of(ButcherTableau.DORMAND_PRINCE, 4, new double[] {0.4, 0.2, 0.1, 0.05}),
                Arguments.of(ButcherTableau.DOP853, 7, new double[] {0.5, 0.4, 0.3, 0.2}));
    }

    /**
     * One step of size dt from t = 1, interpolated a third of the way: an interpolant of order q has a
     * local error of order dt^(q+1) or better (the step's own error, dt^(p+1), is smaller).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("interpolants")
    void theInterpolantHasItsOrder(ButcherTableau tableau, int order, double[] dts) {
        double[] errors = new double[dts.length];
        for (int i = 0; i < dts.length; i++) {
            // tolerances loose enough that the first step, the whole interval, is accepted
            AdaptiveRungeKutta oneStep = new AdaptiveRungeKutta(tableau, 0.5, 1e3).withFirstStep(dts[i]);
            Solution solution = oneStep.solve(Problems.COSINE_GROWTH, new double[] {Problems.cosineGrowth(1)},
                    new double[] {1, 1 + dts[i] / 3, 1 + dts[i]});
            assertEquals(1, solution.statistics().acceptedSteps(), tableau.name());
            errors[i] = Math.abs(solution.state(1)[0] - Problems.cosineGrowth(1 + dts[i] / 3));
            assertTrue(errors[i] > 1e-13, tableau.name() + ": dt " + dts[i] + " reaches rounding, " + errors[i]);
        }
        double measured = Convergence.order(dts, errors);
        // at least that order (DOP853's measures 8.6 here: the seventh-order bound is not sharp on this problem)
        assertTrue(measured > order + 1 - 0.3, tableau.name() + ": local order of the interpolant " + measured
                + ", errors " + java.util.Arrays.toString(errors));
    }
}
