package org.neuralode.solvers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.neuralode.Grids;
import tech.tablesaw.api.Table;

class AdaptiveRungeKuttaTest {

    private static double worstError(Solution solution) {
        double worst = 0;
        double[] times = solution.times();
        for (int i = 0; i < times.length; i++) {
            double[] h = solution.state(i);
            worst = Math.max(worst, Math.hypot(h[0] - Math.cos(times[i]), h[1] + Math.sin(times[i])));
        }
        return worst;
    }

    private static void errorScalesWithTolerance(BiFunction<Double, Double, Solver> solverWithTolerances) {
        double previous = Double.POSITIVE_INFINITY;
        for (double tol = 1e-3; tol >= 1e-10; tol /= 100) {
            Solution solution = solverWithTolerances.apply(tol, tol)
                    .solve(Problems.OSCILLATOR, new double[] {1, 0}, Grids.linspace(0, 10, 41));
            double error = worstError(solution);
            assertTrue(error < 100 * tol, "tol " + tol + ": error " + error);
            assertTrue(error < previous / 5, "tol " + tol + ": error " + error + " did not fall from " + previous);
            previous = error;
        }
    }

    @Test
    void dormandPrinceErrorScalesWithTolerance() {
        errorScalesWithTolerance(Solvers::dormandPrince);
    }

    @Test
    void bogackiShampineErrorScalesWithTolerance() {
        errorScalesWithTolerance(Solvers::bogackiShampine);
    }

    @Test
    void dop853ErrorScalesWithTolerance() {
        errorScalesWithTolerance(Solvers::dop853);
    }

    @Test
    void dop853SpendsTwelveEvaluationsPerStep() {
        Solver solver = Solvers.dop853(1e-8, 1e-8);
        Solution endOnly = solver.solve(Problems.OSCILLATOR, new double[] {1, 0}, new double[] {0, 10});
        Solution.Statistics s = endOnly.statistics();
        // f(t0) + one for the starting step size + 11 stages per tried step + f(t_new) per accepted step
        assertEquals(2 + 11 * (s.acceptedSteps() + s.rejectedSteps()) + s.acceptedSteps(), s.evaluations());
        // the three extra stages of its dense output: DenseOutputTest
    }

    @Test
    void piControllerAlsoMeetsTheTolerance() {
        errorScalesWithTolerance((rtol, atol) -> Solvers.dormandPrince(rtol, atol).withController(StepSizeController.pi()));
    }

    @Test
    void dormandPrinceReusesTheLastStage() {
        Solution solution = Solvers.dormandPrince(1e-6, 1e-6).solve(Problems.OSCILLATOR, new double[] {1, 0},
                new double[] {0, 10});
        Solution.Statistics s = solution.statistics();
        // f(t0) + one for the starting step size + 6 new stages per tried step (FSAL)
        assertEquals(2 + 6 * (s.acceptedSteps() + s.rejectedSteps()), s.evaluations());
        assertEquals(s.acceptedSteps() + s.rejectedSteps(), solution.steps().size());
    }

    @Test
    void integratesBackwardWhenTimesDecrease() {
        double[] times = Grids.linspace(10, 0, 21);
        double[] end = {Math.cos(10), -Math.sin(10)};
        Solution solution = Solvers.dormandPrince(1e-9, 1e-9).solve(Problems.OSCILLATOR, end, times);
        assertTrue(worstError(solution) < 1e-7, "error " + worstError(solution));
        assertTrue(solution.steps().stream().allMatch(step -> step.dt() < 0));
    }

    @Test
    void acceptedStepsCoverTheInterval() {
        Solution solution = Solvers.dormandPrince(1e-6, 1e-6).solve(Problems.OSCILLATOR, new double[] {1, 0},
                new double[] {0, 3, 7});
        double covered = solution.steps().stream().filter(Solution.Step::accepted).mapToDouble(Solution.Step::dt).sum();
        assertEquals(7, covered, 1e-12);
    }

    @Test
    void aSingleTimeReturnsTheInitialState() {
        Solution solution = Solvers.dormandPrince().solve(Problems.OSCILLATOR, new double[] {1, 2}, new double[] {5});
        assertEquals(2, solution.last()[1]);
        assertEquals(0, solution.statistics().evaluations());
    }

    @Test
    void defaultSolverIsAccurateToAbout1e8() {
        Solution solution = Solvers.dormandPrince().solve((t, h) -> new double[] {2 * h[0]}, new double[] {1},
                Grids.linspace(0, 10, 101));
        double[] times = solution.times();
        for (int i = 0; i < times.length; i++) {
            double exact = Math.exp(2 * times[i]);
            assertEquals(exact, solution.state(i)[0], 2e-8 * exact);
        }
    }

    @Test
    void solutionBecomesATable() {
        Solution solution = Solvers.dormandPrince().solve(Problems.OSCILLATOR, new double[] {1, 0}, Grids.linspace(0, 1, 5));
        Table table = solution.toTable("x", "v");
        assertEquals(5, table.rowCount());
        assertEquals(Math.cos(1), table.doubleColumn("x").get(4), 1e-8);
        assertEquals(java.util.List.of("t", "h0", "h1"), solution.toTable().columnNames());
    }
}
