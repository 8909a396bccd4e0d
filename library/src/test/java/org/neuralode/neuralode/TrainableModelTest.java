package org.neuralode.neuralode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.neuralode.solvers.Solvers;

/** The trainer drives any {@link TrainableModel} through its one loop. */
class TrainableModelTest {

    /** L = mean over the batch of (theta - x)^2: its minimiser is the mean of the batches. */
    private static final class MeanFit implements TrainableModel<double[]> {
        final double[] theta = {0};

        @Override
        public double[] parameters() {
            return theta;
        }

        @Override
        public BatchGradient lossAndGradient(double[] batch) {
            double loss = 0;
            double g = 0;
            for (double x : batch) {
                loss += (theta[0] - x) * (theta[0] - x) / batch.length;
                g += 2 * (theta[0] - x) / batch.length;
            }
            return new BatchGradient(loss, new double[] {g}, 0, 0);
        }
    }

    @Test
    void trainsAnyModelAndReportsItsTestLoss() {
        MeanFit model = new MeanFit();
        Trainer trainer = Trainer.builder(model, random -> new double[] {3 + random.nextGaussian() * 0.1, 3})
                .optimizer(new Adam(0.05)).test(() -> Math.abs(model.theta[0] - 3)).seed(1).build();
        List<Progress> seen = new ArrayList<>();
        trainer.onProgress(100, seen::add);
        trainer.run(400);
        assertEquals(3, model.theta[0], 0.05);
        assertEquals(4, seen.size());
        assertTrue(seen.get(3).testLoss() < 0.05);
        assertNull(seen.get(3).model());
        assertNull(seen.get(3).testPrediction());
        assertEquals(400, trainer.history().size());
    }

    @Test
    void aNonFiniteLossStopsWithTheIteration() {
        TrainableModel<Object> broken = new TrainableModel<>() {
            final double[] theta = {0};

            @Override
            public double[] parameters() {
                return theta;
            }

            @Override
            public BatchGradient lossAndGradient(Object batch) {
                return new BatchGradient(theta[0] > 0.5 ? Double.NaN : 1, new double[] {-1}, 0, 0);
            }
        };
        Trainer trainer = Trainer.builder(broken, random -> new Object()).optimizer(new Sgd(0.2, 0)).build();
        TrainingException e = assertThrows(TrainingException.class, () -> trainer.run(10));
        assertEquals(4, e.iteration());
    }

    @Test
    void aModelWithItsOwnBatchesRefusesSpiralSettings() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                Trainer.builder(new MeanFit(), random -> new double[] {1}).optimizer(new Adam(0.1))
                        .gradients(GradientMethod.backprop(Solvers.rk4(0.1))).build());
        assertTrue(e.getMessage().contains("gradients"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Trainer.builder(new MeanFit(), null));
        assertThrows(IllegalArgumentException.class, () -> Trainer.builder(new MeanFit(), r -> new double[] {1}).build());
    }
}
