package org.neuralode.solvers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.neuralode.Grids;

/** What an observer is told: each stage as the number of the call of f behind it, in the order of the calls. */
class StepObserverTest {

    /** Every explicit solver, adaptive ones with both controllers, at settings that reject some steps. */
    private static List<ExplicitSolver> solvers() {
        List<ExplicitSolver> all = new ArrayList<>(List.of(Solvers.euler(0.05), Solvers.rk4(0.05), Solvers.heun(0.05)));
        for (AdaptiveRungeKutta a : List.of(Solvers.bogackiShampine(1e-6, 1e-9), Solvers.dormandPrince(1e-6, 1e-9),
                Solvers.dop853(1e-6, 1e-9))) {
            all.add(a);
            all.add(a.withController(StepSizeController.pi()));
        }
        return all;
    }

    @Test
    void eachStageNamesTheCallOfFThatMadeIt() {
        for (ExplicitSolver solver : solvers()) {
            List<Double> callTimes = new ArrayList<>();
            VectorField arenstorf = (t, h) -> {
                callTimes.add(t);
                return Problems.ARENSTORF.at(t, h);
            };
            List<StepObserver.Attempt> attempts = new ArrayList<>();
            double[] times = Grids.linspace(0, 17.0652165601579625588917206249, 7);   // one period: rejections near the Moon
            Solution solution = solver.solve(arenstorf, Problems.ARENSTORF_START, times, attempts::add);
            assertEquals(solution.statistics().evaluations(), callTimes.size(), solver + ": every call is counted");
            Set<Integer> rejectedOwn = new HashSet<>();
            Set<Integer> listed = new HashSet<>();
            int rejections = 0;
            for (StepObserver.Attempt step : attempts) {
                int[] numbers = step.evaluations();
                double[][] coupling = step.coupling();
                for (int i = 0; i < numbers.length; i++) {
                    assertTrue(numbers[i] >= 0 && numbers[i] < callTimes.size(), solver + ": number " + numbers[i]);
                    // the call's time is the stage's node: t + c_i dt, the sum of its coupling row for the method's
                    // stages and f(t + dt, h_new), whose row is b; the dense output's extra stages have nodes of their own
                    if (i <= step.weights().length) {
                        double node = 0;
                        for (double a : coupling[i]) {
                            node += a;
                        }
                        assertEquals(step.t() + node * step.dt(), callTimes.get(numbers[i]), 1e-12 * (1 + Math.abs(step.t())),
                                solver + ": stage " + i + " of the step at " + step.t());
                    }
                    if (i > 0 || !step.accepted()) {
                        assertFalse(rejectedOwn.contains(numbers[i]), solver + ": a rejected step's evaluation reused");
                    }
                }
                if (!step.accepted()) {
                    rejections++;
                    for (int i = 1; i < numbers.length; i++) {
                        assertFalse(listed.contains(numbers[i]), solver + ": a rejected step's own stage was listed before");
                        rejectedOwn.add(numbers[i]);
                    }
                } else {
                    for (int number : numbers) {
                        listed.add(number);
                    }
                }
            }
            if (solver instanceof AdaptiveRungeKutta) {
                assertTrue(rejections > 0, solver + ": the test needs rejected steps");
                assertEquals(solution.statistics().rejectedSteps(), rejections);
            }
        }
    }
}
