package org.neuralode.neuralode;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuralode.neuralode.GradientCheckTest.relativeError;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.neuralode.data.Segments;
import org.neuralode.data.Spiral;
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
        // (on the untrained spiral model it saves nothing: h and a limit the steps; see the README's spiral figures)
        NeuralOde model = NeuralOde.spiralDemo(0);
        Segments batch = Spiral.trajectory().sampleSegments(new Random(1), 20, 10);
        Solver dopri = Solvers.dormandPrince(1e-7, 1e-9);
        var full = GradientMethod.adjoint(dopri).lossAndGradient(model, batch, Loss.L1);
        var semi = GradientMethod.adjointWithSeminorm(dopri, dopri).lossAndGradient(model, batch, Loss.L1);
        var reference = GradientMethod.backprop(Solvers.dop853(1e-12, 1e-12)).lossAndGradient(model, batch, Loss.L1);
        assertTrue(semi.backwardEvaluations() <= full.backwardEvaluations(),
                semi.backwardEvaluations() + " vs " + full.backwardEvaluations());
        assertTrue(relativeError(semi.gradient(), reference.gradient()) < 1e-4,
                "seminorm gradient error " + relativeError(semi.gradient(), reference.gradient()));
    }

    @Test
    void aSeminormNeedsAnAdaptiveBackwardSolver() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradientMethod.adjointWithSeminorm(Solvers.rk4(0.1), Solvers.rk4(0.1)));
        assertTrue(e.getMessage().contains("dormandPrince"), e.getMessage());
    }
}
