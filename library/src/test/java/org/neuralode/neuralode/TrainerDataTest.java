package org.neuralode.neuralode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neuralode.data.Spiral;
import org.neuralode.data.Trajectory;
import org.neuralode.solvers.Solvers;

/**
 * Bad training data is reported when the trainer is built, by index and value; it used to
 * surface later as "lower the learning rate" (issue 16, item 11).
 */
class TrainerDataTest {

    private static Trainer.Builder builder(Trajectory data) {
        return Trainer.builder()
                .model(NeuralOde.spiralDemo(0))
                .data(data)
                .gradients(GradientMethod.backprop(Solvers.dormandPrince(1e-7, 1e-9)))
                .optimizer(new RmsProp(1e-3));
    }

    @Test
    void aNaNWrittenIntoTheDataAfterItWasBuiltIsNamedAtBuild() {
        Trajectory spiral = Spiral.trajectory(200, 5);
        spiral.states()[123][0] = Double.NaN;
        var e = assertThrows(IllegalArgumentException.class, () -> builder(spiral).build());
        assertEquals("states must be finite, but states[123][0] = NaN", e.getMessage());
    }

    @Test
    void shuffledOrRepeatedTimesAreNamedAtBuild() {
        Trajectory spiral = Spiral.trajectory(200, 5);
        spiral.times()[50] = spiral.times()[49];
        var repeated = assertThrows(IllegalArgumentException.class, () -> builder(spiral).build());
        assertTrue(repeated.getMessage().contains("times[50] = " + spiral.times()[49] + " (a repeated time)"),
                repeated.getMessage());
        spiral.times()[50] = 7.0;
        var shuffled = assertThrows(IllegalArgumentException.class, () -> builder(spiral).build());
        assertTrue(shuffled.getMessage().contains("times[50] = 7.0") && shuffled.getMessage().contains("out of order"),
                shuffled.getMessage());
    }

    @Test
    void unevenlySpacedTimesAreRefusedSinceSegmentsShareTheFirstTimes() {
        Trajectory spiral = Spiral.trajectory(200, 5);
        double[] times = spiral.times().clone();
        for (int i = 100; i < times.length; i++) {
            times[i] += 0.01;
        }
        var e = assertThrows(IllegalArgumentException.class,
                () -> builder(new Trajectory(times, spiral.states())).build());
        assertTrue(e.getMessage().startsWith("the data's times must be evenly spaced"), e.getMessage());
        assertTrue(e.getMessage().contains("times[100] - times[99]"), e.getMessage());
    }

    @Test
    void theTrainerTrainsOnACopyTheCallerCannotChange() {
        Trajectory spiral = Spiral.trajectory(200, 5);
        Trainer trainer = builder(spiral).batchSize(5).build();
        double before = trainer.testLoss();
        spiral.states()[10][0] = Double.NaN;
        trainer.run(1);
        assertTrue(Double.isFinite(before) && Double.isFinite(trainer.testLoss()));
    }
}
