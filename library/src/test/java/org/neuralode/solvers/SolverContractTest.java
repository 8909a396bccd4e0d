package org.neuralode.solvers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.apache.commons.math3.ode.nonstiff.DormandPrince54Integrator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuralode.Grids;

/** What every solver promises, checked on every solver (as torchdiffeq loops over all its methods). */
class SolverContractTest {

    static Stream<Arguments> everySolver() {
        AdaptiveRungeKutta bs = Solvers.bogackiShampine(1e-8, 1e-8);
        AdaptiveRungeKutta dp = Solvers.dormandPrince(1e-8, 1e-8);
        AdaptiveRungeKutta dop = Solvers.dop853(1e-8, 1e-8);
        return Stream.of(
                fixedStep(Solvers.euler(1e-4)), fixedStep(Solvers.midpoint(1e-3)), fixedStep(Solvers.heun(1e-3)),
                fixedStep(Solvers.rk4(1e-2)),
                tolerance(bs), tolerance(bs.withController(StepSizeController.pi())), tolerance(dp),
                tolerance(dp.withController(StepSizeController.pi())), tolerance(dop),
                tolerance(dop.withController(StepSizeController.pi())),
                fixedStep(Solvers.implicitEuler(1e-4)), fixedStep(Solvers.trapezoid(1e-3)),
                tolerance(Solvers.radau5(1e-8, 1e-8)),
                tolerance(Solvers.commonsMath(new DormandPrince54Integrator(1e-10, 1, 1e-8, 1e-8))));
    }

    /**
     * A method of order p with fixed step dt: its global error on the oscillator over [0, 2] is
     * about dt^p (HNW I, Theorem II.3.6), so 10 dt^p is its accuracy, and no better than the
     * tolerance-controlled solvers'.
     */
    private static Arguments fixedStep(FixedStepRungeKutta solver) {
        return withAccuracy(solver, Math.max(10 * Math.pow(solver.dt(), solver.tableau().order()), TOLERANCE_ACCURACY));
    }

    private static Arguments fixedStep(ThetaMethod solver) {
        return withAccuracy(solver, Math.max(10 * Math.pow(solver.dt(), solver.order()), TOLERANCE_ACCURACY));
    }

    /** The solvers above controlled at rtol = atol = 1e-8: a global error well within 1e-5 over [0, 2]. */
    private static final double TOLERANCE_ACCURACY = 1e-5;

    private static Arguments tolerance(Solver solver) {
        return withAccuracy(solver, TOLERANCE_ACCURACY);
    }

    private static Arguments withAccuracy(Solver solver, double accuracy) {
        return Arguments.of(solver, solver.toString(), accuracy);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("everySolver")
    void badGridsAndStatesAreRejectedNamingTheArgument(Solver solver, String name) {
        VectorField f = Problems.OSCILLATOR;
        double[] h0 = {1, 0};
        assertThrows(IllegalArgumentException.class, () -> solver.solve(f, h0, new double[0]), name);
        assertThrows(IllegalArgumentException.class, () -> solver.solve(f, h0, null), name);
        for (double[] times : new double[][] {{0, 1, 1}, {0, 2, 1}, {0, Double.NaN}, {0, Double.POSITIVE_INFINITY}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> solver.solve(f, h0, times));
            assertTrue(e.getMessage().contains("times"), name + ": " + e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> solver.solve(f, new double[] {1, Double.NaN}, new double[] {0, 1}));
        assertTrue(e.getMessage().contains("h0"), name + ": " + e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> solver.solve((t, h) -> new double[3], h0,
                new double[] {0, 1}), name + ": a field of the wrong length");
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("everySolver")
    void oneTimeReturnsTheInitialStateWithoutWork(Solver solver, String name) {
        double[] h0 = {1, 0};
        Solution solution = solver.solve(Problems.OSCILLATOR, h0, new double[] {0.5});
        assertArrayEquals(h0, solution.state(0), 0, name);
        assertTrue(solution.state(0) != h0, name + ": a copy");
        assertEquals(0, solution.statistics().evaluations(), name);
        assertEquals(0, solution.steps().size(), name);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("everySolver")
    void forwardAndBackwardIntegrationAreAccurate(Solver solver, String name, double accuracy) {
        double[] forward = Grids.linspace(0, 2, 5);
        double[] backward = Grids.linspace(2, 0, 5);
        Solution there = solver.solve(Problems.OSCILLATOR, new double[] {1, 0}, forward);
        Solution back = solver.solve(Problems.OSCILLATOR, there.last(), backward);
        for (int i = 0; i < forward.length; i++) {
            assertEquals(Math.cos(forward[i]), there.state(i)[0], accuracy, name + " at t = " + forward[i]);
            assertEquals(-Math.sin(forward[i]), there.state(i)[1], accuracy, name + " at t = " + forward[i]);
        }
        assertEquals(1, back.last()[0], 2 * accuracy, name + ": back at t = 0");
        assertEquals(0, back.last()[1], 2 * accuracy, name + ": back at t = 0");
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("everySolver")
    void statisticsAreConsistentWithTheSteps(Solver solver, String name) {
        double[] times = Grids.linspace(0, 2, 7);
        Solution solution = solver.solve(Problems.OSCILLATOR, new double[] {1, 0}, times);
        Solution.Statistics statistics = solution.statistics();
        long accepted = solution.steps().stream().filter(Solution.Step::accepted).count();
        assertEquals(statistics.acceptedSteps(), accepted, name);
        assertEquals(statistics.rejectedSteps(), solution.steps().size() - accepted, name);
        double covered = solution.steps().stream().filter(Solution.Step::accepted).mapToDouble(Solution.Step::dt).sum();
        assertEquals(2, covered, 1e-9, name + ": the accepted steps cover the span");
        assertTrue(statistics.evaluations() >= accepted, name);
    }

    /**
     * A first-same-as-last pair pays s - 1 evaluations a tried step, plus f(t0, h0) and the
     * starting-step probe; DOP853 pays 11 a tried step and one more per accepted step, plus three
     * in steps containing an interior output time (none here: the outputs are the end points).
     */
    @ParameterizedTest(name = "{1}")
    @MethodSource("everySolver")
    void evaluationCountsFollowTheMethod(Solver solver, String name) {
        Solution solution = solver.solve(Problems.OSCILLATOR, new double[] {1, 0}, new double[] {0, 2});
        Solution.Statistics st = solution.statistics();
        int tried = st.acceptedSteps() + st.rejectedSteps();
        if (solver instanceof AdaptiveRungeKutta adaptive) {
            ButcherTableau tableau = adaptive.tableau();
            int s = tableau.stages();
            int expected = tableau.firstSameAsLast() ? 2 + (s - 1) * tried : 2 + (s - 1) * tried + st.acceptedSteps();
            assertEquals(expected, st.evaluations(), name);
        } else if (solver instanceof FixedStepRungeKutta fixed) {
            assertEquals(fixed.tableau().stages() * st.acceptedSteps(), st.evaluations(), name);
            assertEquals(0, st.rejectedSteps(), name);
        }
    }

    /** A field that scribbles on its argument must not change the answer (issue 16, item 10). */
    @ParameterizedTest(name = "{1}")
    @MethodSource("everySolver")
    void aFieldWritingIntoItsInputCannotCorruptTheSolve(Solver solver, String name) {
        VectorField polite = (t, h) -> new double[] {h[1], -h[0]};
        VectorField scribbler = (t, h) -> {
            double[] dh = {h[1], -h[0]};
            h[0] = -h[0] * 7;
            h[1] = 1e6;
            return dh;
        };
        double[] times = Grids.linspace(0, 1, 4);
        double[][] expected = solver.solve(polite, new double[] {1, 0}, times).states();
        double[][] actual = solver.solve(scribbler, new double[] {1, 0}, times).states();
        for (int i = 0; i < times.length; i++) {
            assertArrayEquals(expected[i], actual[i], 0, name + " at t = " + times[i]);
        }
    }

    /** A field that returns its own argument (the identity, h' = h) must not alias the solver's state. */
    @ParameterizedTest(name = "{1}")
    @MethodSource("everySolver")
    void aFieldReturningItsInputIsSafe(Solver solver, String name) {
        Solution solution = solver.solve((t, h) -> h, new double[] {1}, new double[] {0, 1});
        assertEquals(Math.E, solution.last()[0], 2e-3 * Math.E, name);
    }
}
