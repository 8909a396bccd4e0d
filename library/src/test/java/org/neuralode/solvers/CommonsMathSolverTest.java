package org.neuralode.solvers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.ode.nonstiff.ClassicalRungeKuttaIntegrator;
import org.apache.commons.math3.ode.nonstiff.DormandPrince54Integrator;
import org.apache.commons.math3.ode.nonstiff.GraggBulirschStoerIntegrator;
import org.apache.commons.math3.ode.sampling.StepHandler;
import org.apache.commons.math3.ode.sampling.StepInterpolator;
import org.junit.jupiter.api.Test;
import org.neuralode.Grids;

class CommonsMathSolverTest {

    /** Lotka-Volterra predator-prey, no closed form: the two independent solvers must agree. */
    private static final VectorField LOTKA_VOLTERRA =
            (t, h) -> new double[] {1.5 * h[0] - h[0] * h[1], -3 * h[1] + h[0] * h[1]};

    @Test
    void ourDormandPrinceAgreesWithCommonsMathsBulirschStoer() {
        double[] times = Grids.linspace(0, 10, 51);
        Solution ours = Solvers.dormandPrince(1e-11, 1e-11).solve(LOTKA_VOLTERRA, new double[] {10, 5}, times);
        Solution theirs = Solvers.commonsMath(new GraggBulirschStoerIntegrator(1e-12, 10, 1e-12, 1e-12))
                .solve(LOTKA_VOLTERRA, new double[] {10, 5}, times);
        for (int i = 0; i < times.length; i++) {
            for (int k = 0; k < 2; k++) {
                double expected = theirs.state(i)[k];
                assertEquals(expected, ours.state(i)[k], 1e-8 * Math.max(1, Math.abs(expected)), "t = " + times[i]);
            }
        }
        assertTrue(theirs.statistics().evaluations() > 0);
        assertEquals(theirs.statistics().acceptedSteps(), theirs.steps().size());
    }

    @Test
    void adapterIntegratesBackward() {
        double[] times = Grids.linspace(3, 0, 7);
        Solution solution = Solvers.commonsMath(new DormandPrince54Integrator(1e-12, 10, 1e-10, 1e-10))
                .solve(Problems.OSCILLATOR, new double[] {Math.cos(3), -Math.sin(3)}, times);
        for (int i = 0; i < times.length; i++) {
            assertEquals(Math.cos(times[i]), solution.state(i)[0], 1e-8);
        }
    }

    @Test
    void adapterKeepsTheIntegratorsOwnStepHandlers() {
        ClassicalRungeKuttaIntegrator integrator = new ClassicalRungeKuttaIntegrator(0.1);
        int[] calls = {0};
        integrator.addStepHandler(new StepHandler() {
            @Override
            public void init(double t0, double[] y0, double t) {
            }

            @Override
            public void handleStep(StepInterpolator interpolator, boolean isLast) {
                calls[0]++;
            }
        });
        Solution solution = Solvers.commonsMath(integrator).solve(Problems.OSCILLATOR, new double[] {1, 0},
                new double[] {0, 0.55, 1});
        assertEquals(10, calls[0]);
        assertEquals(1, integrator.getStepHandlers().size());
        assertEquals(Math.cos(0.55), solution.state(1)[0], 1e-5);
    }

    @Test
    void commonsMathFailuresBecomeSolverExceptions() {
        SolverException e = assertThrows(SolverException.class, () -> Solvers
                .commonsMath(new DormandPrince54Integrator(1e-6, 10, 1e-10, 1e-10))
                .solve((t, h) -> new double[] {h[0] * h[0]}, new double[] {1}, new double[] {0, 2}));
        assertTrue(e.getMessage().contains("Commons Math"), e.getMessage());
    }
}
