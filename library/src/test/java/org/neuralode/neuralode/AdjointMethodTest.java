package org.neuralode.neuralode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuralode.neuralode.GradientCheckTest.relativeError;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.neuralode.data.Segments;
import org.neuralode.data.Spiral;
import org.neuralode.solvers.Solution;
import org.neuralode.solvers.AdaptiveRungeKutta;
import org.neuralode.solvers.Solver;
import org.neuralode.solvers.Solvers;

class AdjointMethodTest {

    @Test
    void theBackwardSolveCanUseItsOwnSolver() {
        NeuralOde model = NeuralOde.spiralDemo(0);
        Segments batch = Spiral.trajectory().sampleSegments(new Random(1), 20, 10);
        Solver forward = Solvers.dormandPrince(1e-7, 1e-9);
        var same = GradientMethod.adjoint(forward).lossAndGradient(model, batch, Loss.L1);
        var tighter = GradientMethod.adjoint(forward, Solvers.dop853(1e-10, 1e-12)).lossAndGradient(model, batch, Loss.L1);
        var fixed = GradientMethod.adjoint(forward, Solvers.rk4(0.01)).lossAndGradient(model, batch, Loss.L1);
        assertTrue(same.forwardEvaluations() == tighter.forwardEvaluations());
        assertTrue(relativeError(tighter.gradient(), same.gradient()) < 1e-5);
        assertTrue(relativeError(fixed.gradient(), tighter.gradient()) < 1e-5);
    }

    @Test
    void theSeminormNeverCostsMoreAndKeepsTheGradient() {
        // (on the untrained spiral model it saves nothing: h and a limit the steps; see the spiral figures in bench/NOTES.md)
        NeuralOde model = NeuralOde.spiralDemo(0);
        Segments batch = Spiral.trajectory().sampleSegments(new Random(1), 20, 10);
        AdaptiveRungeKutta dopri = Solvers.dormandPrince(1e-7, 1e-9);
        var full = GradientMethod.adjoint(dopri).lossAndGradient(model, batch, Loss.L1);
        var semi = GradientMethod.adjointWithSeminorm(dopri, dopri).lossAndGradient(model, batch, Loss.L1);
        var reference = GradientMethod.backprop(Solvers.dop853(1e-12, 1e-12)).lossAndGradient(model, batch, Loss.L1);
        assertTrue(semi.backwardEvaluations() <= full.backwardEvaluations(),
                semi.backwardEvaluations() + " vs " + full.backwardEvaluations());
        assertTrue(relativeError(semi.gradient(), reference.gradient()) < 1e-4,
                "seminorm gradient error " + relativeError(semi.gradient(), reference.gradient()));
    }

    /**
     * The backward solve starts with the step size the forward solve reached, so it spends no
     * evaluation on Hairer's starting-step guess: with Dormand-Prince (first same as last) a solve
     * that chooses its own first step makes 2 + 6k evaluations, one that is handed it 1 + 6k.
     */
    @Test
    void theBackwardSolveStartsWithTheForwardStepSize() {
        NeuralOde model = NeuralOde.spiralDemo(0);
        Segments batch = Spiral.trajectory().sampleSegments(new Random(1), 20, 10);
        Segments oneInterval = new Segments(new double[] {batch.times()[0], batch.times()[9]}, batch.h0(),
                new double[][] {batch.targets()[0], batch.targets()[9]}, batch.dimension());
        Solver dopri = Solvers.dormandPrince(1e-7, 1e-9);
        var adjoint = GradientMethod.adjoint(dopri).lossAndGradient(model, oneInterval, Loss.L1);
        assertTrue(adjoint.forwardEvaluations() % 6 == 2, "forward " + adjoint.forwardEvaluations());
        assertTrue(adjoint.backwardEvaluations() % 6 == 1, "backward " + adjoint.backwardEvaluations());
        var reference = GradientMethod.backprop(Solvers.dop853(1e-12, 1e-12)).lossAndGradient(model, oneInterval, Loss.L1);
        assertTrue(relativeError(adjoint.gradient(), reference.gradient()) < 1e-5,
                "gradient error " + relativeError(adjoint.gradient(), reference.gradient()));
    }

    @Test
    void theFinalStepSizeSkipsTheCutLastStepAndRejections() {
        List<Solution.Step> steps = List.of(new Solution.Step(0, 0.1, true), new Solution.Step(0.1, 0.3, false),
                new Solution.Step(0.1, 0.2, true), new Solution.Step(0.3, 0.05, true));
        Solution solution = new Solution(new double[] {0, 0.35}, new double[][] {{0}, {0}}, steps,
                new Solution.Statistics(20, 3, 1));
        assertEquals(0.2, AdjointMethod.finalStepSize(solution));
        Solution none = new Solution(new double[] {0, 1}, new double[][] {{0}, {0}}, List.of(),
                new Solution.Statistics(0, 0, 0));
        assertEquals(0.0, AdjointMethod.finalStepSize(none));
    }

    /** The seminorm replaces the error norm of an adaptive Runge-Kutta solver: the type says so, and the compiler refuses any other. */
    @Test
    void aSeminormNeedsAnAdaptiveBackwardSolver() throws NoSuchMethodException {
        assertEquals(AdaptiveRungeKutta.class, GradientMethod.class
                .getMethod("adjointWithSeminorm", Solver.class, AdaptiveRungeKutta.class).getParameterTypes()[1]);
        for (java.lang.reflect.Method m : GradientMethod.class.getMethods()) {
            if (m.getName().equals("adjointWithSeminorm")) {
                assertEquals(AdaptiveRungeKutta.class, m.getParameterTypes()[1], "no overload takes any Solver");
            }
        }
    }

    /** Only a solver that chooses its step sizes takes the carried step; the others keep theirs. */
    @Test
    void theCarriedStepIsASolversOwnCapability() {
        Solver rk4 = Solvers.rk4(0.1);
        Solver radau = Solvers.radau5(1e-6, 1e-8);
        AdaptiveRungeKutta dopri = Solvers.dormandPrince(1e-6, 1e-8);
        assertTrue(rk4.startingWith(0.5) == rk4 && radau.startingWith(0.5) == radau);
        Solution started = dopri.startingWith(0.25).solve((t, h) -> new double[] {-h[0]}, new double[] {1},
                new double[] {0, 1});
        assertEquals(0.25, started.steps().get(0).dt(), 0);
        assertThrows(IllegalArgumentException.class, () -> dopri.startingWith(Double.NaN));
    }
}
