package org.neuralode.neuralode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuralode.data.Spiral;
import org.neuralode.data.Trajectory;
import org.neuralode.solvers.Solvers;

class TrainerTest {

    private static final Trajectory SPIRAL = Spiral.trajectory();

    @Test
    void trainingTheSpiralReducesTheTestLossByAClearFactor() {
        Trainer trainer = Trainer.builder()
                .model(NeuralOde.spiralDemo(0))
                .data(SPIRAL)
                .gradients(GradientMethod.backprop(Solvers.dormandPrince(1e-7, 1e-9)))
                .optimizer(new RmsProp(1e-3))
                .seed(0)
                .build();
        double before = trainer.testLoss();
        List<Progress> seen = new ArrayList<>();
        trainer.onProgress(100, seen::add);
        trainer.run(300);
        double after = trainer.testLoss();
        assertTrue(after < before / 2, "test loss " + before + " -> " + after);
        assertEquals(3, seen.size());
        Progress last = seen.get(2);
        assertEquals(300, last.iteration());
        assertEquals(after, last.testLoss());
        assertTrue(last.forwardEvaluations() > 10 && last.backwardEvaluations() > 10);
        assertEquals(SPIRAL.size(), last.testPrediction().length);
        assertEquals(300, trainer.history().size());
    }

    @Test
    void aDivergingConfigurationStopsWithAMessageSayingWhatToChange() {
        Trainer trainer = Trainer.builder()
                .model(NeuralOde.spiralDemo(0))
                .data(SPIRAL)
                .gradients(GradientMethod.backprop(Solvers.dormandPrince(1e-7, 1e-9)))
                .optimizer(new Sgd(1e12))
                .maxEvaluations(5000)
                .build();
        TrainingException e = assertThrows(TrainingException.class, () -> trainer.run(50));
        assertTrue(e.getMessage().startsWith("training stopped at iteration "), e.getMessage());
        assertTrue(e.getMessage().contains("lower the learning rate") || e.getMessage().contains("Lower the learning rate"),
                e.getMessage());
        // the model's parameters are left as they were before the failing iteration: finite
        for (double x : trainer.model().theta()) {
            assertTrue(Double.isFinite(x));
        }
    }

    @Test
    void theAdviceFollowsTheSolversReason() {
        // tolerances below rounding: the solver says so, and the trainer does not blame the learning rate
        Trainer tight = Trainer.builder()
                .model(NeuralOde.spiralDemo(0))
                .data(SPIRAL)
                .gradients(GradientMethod.backprop(Solvers.dormandPrince(0, 1e-300)))
                .optimizer(new RmsProp(1e-3))
                .build();
        TrainingException e = assertThrows(TrainingException.class, () -> tight.run(1));
        assertEquals(org.neuralode.solvers.SolverException.Reason.TOLERANCE_TOO_TIGHT,
                ((org.neuralode.solvers.SolverException) e.getCause()).reason());
        assertTrue(e.getMessage().contains("loosen rtol/atol") && !e.getMessage().contains("lower the learning rate"),
                e.getMessage());
        // a recorded-step limit: the step count, not stiffness
        Trainer limited = Trainer.builder()
                .model(NeuralOde.spiralDemo(0))
                .data(SPIRAL)
                .gradients(GradientMethod.backprop(Solvers.rk4(0.001), 10))
                .optimizer(new RmsProp(1e-3))
                .build();
        TrainingException limit = assertThrows(TrainingException.class, () -> limited.run(1));
        assertTrue(limit.getMessage().contains("step count"), limit.getMessage());
    }

    @Test
    void theAdjointTrainsWithTheSameApi() {
        Trainer trainer = Trainer.builder()
                .model(NeuralOde.spiralDemo(1))
                .data(SPIRAL)
                .gradients(GradientMethod.adjoint(Solvers.dormandPrince(1e-7, 1e-9)))
                .optimizer(new Adam(1e-2))
                .seed(1)
                .build();
        double before = trainer.testLoss();
        trainer.run(60);
        assertTrue(trainer.testLoss() < before, "test loss " + before + " -> " + trainer.testLoss());
    }

    @Test
    void missingSettingsAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> Trainer.builder().data(SPIRAL).build());
        assertTrue(e.getMessage().startsWith("model must be set"));
    }
}
