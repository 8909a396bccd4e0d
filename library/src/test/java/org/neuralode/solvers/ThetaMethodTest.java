package org.neuralode.solvers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neuralode.Grids;

/** The stiffness lesson: implicit methods stay stable where explicit Euler explodes. */
class ThetaMethodTest {

    /** {@code h' = -1000 (h - cos t) - sin t}, exact {@code h = cos t} for {@code h(0) = 1}; stiffness 1000. */
    private static final VectorField STIFF = (t, h) -> new double[] {-1000 * (h[0] - Math.cos(t)) - Math.sin(t)};

    @Test
    void explicitEulerExplodesWhereImplicitEulerIsStable() {
        double[] times = Grids.linspace(0, 1, 11);
        // dt = 0.01 gives the explicit amplification factor |1 - 1000 dt| = 9 per step
        double explicitEnd;
        try {
            explicitEnd = Solvers.euler(0.01).solve(STIFF, new double[] {1.001}, times).last()[0];
        } catch (SolverException e) {
            explicitEnd = Double.POSITIVE_INFINITY;
        }
        assertTrue(Math.abs(explicitEnd) > 1e10, "explicit Euler should explode, got " + explicitEnd);

        Solution implicit = Solvers.implicitEuler(0.01).solve(STIFF, new double[] {1.001}, times);
        for (int i = 1; i < times.length; i++) {
            assertEquals(Math.cos(times[i]), implicit.state(i)[0], 1e-3, "t = " + times[i]);
        }
    }

    @Test
    void trapezoidIsStableAndAccurateOnTheStiffProblem() {
        double[] times = Grids.linspace(0, 1, 11);
        Solution solution = Solvers.trapezoid(0.01).solve(STIFF, new double[] {1}, times);
        for (int i = 0; i < times.length; i++) {
            assertEquals(Math.cos(times[i]), solution.state(i)[0], 1e-4);
        }
    }

    @Test
    void suppliedJacobianGivesTheSameAnswerWithFewerEvaluations() {
        // a stiff linear system: fast mode -1000, slow mode -1
        VectorField f = (t, h) -> new double[] {-1000 * h[0] + 999 * h[1], -h[1]};
        Jacobian jacobian = (t, h) -> new double[][] {{-1000, 999}, {0, -1}};
        double[] times = {0, 2};
        Solution differences = Solvers.implicitEuler(0.05).solve(f, new double[] {2, 1}, times);
        Solution exact = Solvers.implicitEuler(0.05).withJacobian(jacobian).solve(f, new double[] {2, 1}, times);
        assertEquals(exact.last()[0], differences.last()[0], 1e-6);
        assertEquals(exact.last()[1], differences.last()[1], 1e-6);
        assertTrue(exact.statistics().evaluations() < differences.statistics().evaluations());
        // implicit Euler on h1' = -h1: (1 + dt)^-40
        assertEquals(Math.pow(1.05, -40), exact.last()[1], 1e-9);
    }

    @Test
    void integratesBackward() {
        Solution solution = Solvers.trapezoid(0.001).solve(Problems.OSCILLATOR,
                new double[] {Math.cos(1), -Math.sin(1)}, new double[] {1, 0});
        assertEquals(1, solution.last()[0], 1e-6);
    }
}
