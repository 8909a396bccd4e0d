package org.neuralode.solvers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neuralode.equations.Hires;
import org.neuralode.equations.Robertson;
import org.neuralode.equations.VanDerPol;

/** Radau IIA of order 5 (RADAU5): its order, the standard stiff problems, and the work it saves. */
class Radau5Test {

    /**
     * Van der Pol with mu = 1000 from (2, 0) at t = 3000: no closed form; this is Radau5 at
     * rtol = atol = 1e-12 with the exact Jacobian, which agrees with the run at 1e-13 to 2e-11.
     */
    static final double[] VAN_DER_POL_3000 = {-1.510606936760428, 0.001178380000694034};

    /**
     * The global error of an adaptive method of order p falls like N^-p in the number N of steps
     * (the step sizes follow the tolerance, the error their p-th power): the slope pins the order 5.
     */
    @Test
    void globalErrorFallsAsTheFifthPowerOfTheStepCount() {
        double[] tolerances = {1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10};
        double[] stepCounts = new double[tolerances.length];
        double[] errors = new double[tolerances.length];
        for (int i = 0; i < tolerances.length; i++) {
            Solution solution = Solvers.radau5(tolerances[i], tolerances[i])
                    .solve(Problems.OSCILLATOR, new double[] {1, 0}, new double[] {0, 20});
            stepCounts[i] = solution.statistics().acceptedSteps();
            errors[i] = Math.hypot(solution.last()[0] - Math.cos(20), solution.last()[1] + Math.sin(20));
        }
        double order = -Convergence.order(stepCounts, errors);
        assertEquals(5, order, 0.4, "measured order " + order);
    }

    @Test
    void robertsonMatchesTheReferenceSolutionAtOneHundredBillion() {
        double[] reference = Robertson.reference();
        for (Radau5 solver : new Radau5[] {Solvers.radau5(1e-8, 1e-14),
                Solvers.radau5(1e-8, 1e-14).withJacobian(Robertson.jacobian())}) {
            Solution solution = solver.solve(Robertson.vectorField(), Robertson.start(),
                    new double[] {0, Robertson.END});
            for (int k = 0; k < 3; k++) {
                assertEquals(reference[k], solution.last()[k], 1e-6 * Math.abs(reference[k]), solver + ", y" + (k + 1));
            }
            assertTrue(solution.statistics().acceptedSteps() < 3000, solver + ": " + solution.statistics());
        }
    }

    @Test
    void vanDerPolWithMuOneThousandMatchesATightRun() {
        Solution solution = Solvers.radau5(1e-8, 1e-8).solve(VanDerPol.vectorField(1000), new double[] {2, 0},
                new double[] {0, 3000});
        assertEquals(VAN_DER_POL_3000[0], solution.last()[0], 1e-7);
        assertEquals(VAN_DER_POL_3000[1], solution.last()[1], 1e-9);
        // an explicit method would need hundreds of thousands of steps (its step is bounded by 2.8/mu on the slow branches)
        assertTrue(solution.statistics().acceptedSteps() < 5000, solution.statistics().toString());
    }

    @Test
    void hiresMatchesTheReferenceSolution() {
        double[] reference = Hires.reference();
        Solution solution = Solvers.radau5(1e-9, 1e-9).solve(Hires.vectorField(), Hires.start(),
                new double[] {0, Hires.END});
        for (int k = 0; k < reference.length; k++) {
            assertEquals(reference[k], solution.last()[k], 1e-6 * Math.abs(reference[k]), "y" + (k + 1));
        }
    }

    /** The stiff lesson: a decay rate of 1e6 bounds an explicit step by 3e-6, not Radau's. */
    @Test
    void aStiffProblemTakesFewStepsWhereAnExplicitPairNeedsThousands() {
        VectorField stiff = (t, h) -> new double[] {-1e6 * (h[0] - Math.cos(t))};
        double[] times = {0, 0.05};
        Solution implicit = Solvers.radau5(1e-6, 1e-6).solve(stiff, new double[] {0}, times);
        Solution explicit = Solvers.dormandPrince(1e-6, 1e-6).solve(stiff, new double[] {0}, times);
        assertEquals(explicit.last()[0], implicit.last()[0], 1e-5);
        assertEquals(Math.cos(0.05), implicit.last()[0], 1e-5);
        assertTrue(implicit.statistics().acceptedSteps() < 60, implicit.statistics().toString());
        assertTrue(explicit.statistics().evaluations() > 100 * implicit.statistics().evaluations(),
                explicit.statistics() + " vs " + implicit.statistics());
    }

    /** Jacobians are reused across steps and LU decompositions while the step size holds. */
    @Test
    void jacobiansAndDecompositionsAreReused() {
        Solution.Statistics st = Solvers.radau5(1e-6, 1e-6).solve(Hires.vectorField(), Hires.start(),
                new double[] {0, Hires.END}).statistics();
        int tried = st.acceptedSteps() + st.rejectedSteps();
        assertTrue(st.jacobians() >= 1 && st.jacobians() < tried / 2, st.toString());
        assertTrue(st.decompositions() >= 1 && st.decompositions() < tried, st.toString());
        // finite differences: 8 evaluations per Jacobian; an exact Jacobian saves exactly those
        Solution.Statistics exact = Solvers.radau5(1e-6, 1e-6).withJacobian(Hires.jacobian())
                .solve(Hires.vectorField(), Hires.start(), new double[] {0, Hires.END}).statistics();
        assertTrue(exact.evaluations() < st.evaluations() - 8, exact + " vs " + st);
    }

    @Test
    void interiorOutputsComeFromTheCollocationPolynomial() {
        double[] times = org.neuralode.Grids.linspace(0, 10, 101);
        Solution solution = Solvers.radau5(1e-9, 1e-9).solve(Problems.COSINE_GROWTH, new double[] {1}, times);
        double worst = 0;
        for (int i = 0; i < times.length; i++) {
            worst = Math.max(worst, Math.abs(solution.state(i)[0] - Problems.cosineGrowth(times[i])));
        }
        assertTrue(worst < 1e-6, "worst interpolation error " + worst);
        Solution endOnly = Solvers.radau5(1e-9, 1e-9).solve(Problems.COSINE_GROWTH, new double[] {1}, new double[] {0, 10});
        assertEquals(endOnly.steps(), solution.steps(), "the outputs are interpolated, not stepped to");
    }

    @Test
    void failuresCarryTheirReasons() {
        SolverException pole = assertThrows(SolverException.class, () -> Solvers.radau5(1e-6, 1e-6)
                .solve((t, h) -> new double[] {h[0] * h[0]}, new double[] {1}, new double[] {0, 2}));
        assertEquals(SolverException.Reason.STEP_SIZE_UNDERFLOW, pole.reason(), pole.getMessage());
        assertEquals(1, pole.t(), 1e-6);
        SolverException tooMany = assertThrows(SolverException.class, () -> Solvers.radau5(1e-6, 1e-6)
                .withMaxSteps(10).solve(VanDerPol.vectorField(1000), new double[] {2, 0}, new double[] {0, 3000}));
        assertEquals(SolverException.Reason.TOO_MANY_STEPS, tooMany.reason());
        SolverException nonFinite = assertThrows(SolverException.class, () -> Solvers.radau5(1e-6, 1e-6)
                .solve((t, h) -> new double[] {1 / h[0]}, new double[] {0}, new double[] {0, 1}));
        assertEquals(SolverException.Reason.NON_FINITE, nonFinite.reason());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> Solvers.radau5(1e-6, 1e-6)
                .withJacobian((t, h) -> new double[1][1]).solve(Problems.OSCILLATOR, new double[] {1, 0},
                        new double[] {0, 1}));
        assertTrue(shape.getMessage().contains("Jacobian"), shape.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Solvers.radau5(-1, 1e-6));
        assertThrows(IllegalArgumentException.class, () -> Solvers.radau5(1e-6, 1e-6).withMaxSteps(0));
    }
}
