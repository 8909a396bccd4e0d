package org.neuralode.solvers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** A solution owns its numbers: nothing a caller does with what it gave or got changes it. */
class SolutionTest {

    static Stream<Arguments> solutions() {
        double[] times = {0, 0.5, 1};
        return Stream.of(
                Arguments.of("Dormand-Prince", Solvers.dormandPrince(1e-8, 1e-8).solve(Problems.OSCILLATOR, new double[] {1, 0}, times)),
                Arguments.of("RK4", Solvers.rk4(0.1).solve(Problems.OSCILLATOR, new double[] {1, 0}, times)),
                Arguments.of("trapezoid", Solvers.trapezoid(0.1).solve(Problems.OSCILLATOR, new double[] {1, 0}, times)),
                Arguments.of("constructed", new Solution(times, new double[][] {{1, 0}, {2, 0}, {3, 0}},
                        List.of(new Solution.Step(0, 1, true)), new Solution.Statistics(1, 1, 0))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("solutions")
    void editingWhatASolutionReturnedChangesNothing(String name, Solution solution) {
        double[] lastBefore = solution.last();
        double[] firstBefore = solution.state(0);
        double[] timesBefore = solution.times();
        solution.last()[0] = 99;
        solution.state(0)[1] = 99;
        solution.states()[1][0] = 99;
        solution.states()[2] = new double[] {7, 7};
        solution.times()[0] = 99;
        solution.component(0)[2] = 99;
        assertArrayEquals(lastBefore, solution.last(), 0, name);
        assertArrayEquals(firstBefore, solution.state(0), 0, name);
        assertArrayEquals(timesBefore, solution.times(), 0, name);
        assertEquals(lastBefore[0], solution.states()[2][0], 0, name);
        assertEquals(lastBefore[0], solution.component(0)[2], 0, name);
        assertThrows(UnsupportedOperationException.class, () -> solution.steps().clear(), name);
    }

    @Test
    void theConstructorCopiesWhatItIsGiven() {
        double[] times = {0, 1};
        double[][] states = {{1}, {2}};
        List<Solution.Step> steps = new ArrayList<>(List.of(new Solution.Step(0, 1, true)));
        Solution solution = new Solution(times, states, steps, new Solution.Statistics(1, 1, 0));
        times[1] = 5;
        states[1][0] = 5;
        states[0] = new double[] {5};
        steps.add(new Solution.Step(1, 1, false));
        assertArrayEquals(new double[] {0, 1}, solution.times(), 0);
        assertArrayEquals(new double[] {2}, solution.last(), 0);
        assertArrayEquals(new double[] {1}, solution.state(0), 0);
        assertEquals(1, solution.steps().size());
    }

    @Test
    void aSolverKeepsNoHoldOnTheCallersTimes() {
        double[] times = {0, 0.5, 1};
        Solution solution = Solvers.rk4(0.1).solve(Problems.OSCILLATOR, new double[] {1, 0}, times);
        times[2] = 7;
        assertEquals(1, solution.times()[2], 0);
    }
}
