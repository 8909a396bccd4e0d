package org.neuralode.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Rubanova's periodic set and the batches on the union of the trajectories' times. */
class IrregularSeriesTest {

    private final PeriodicSeries data = PeriodicSeries.generate(20, 40, 5, 0.01, 0);

    @Test
    void trajectoriesFollowTheirFormulaWithSmallNonNegativeNoise() {
        double[] t = data.times();
        assertEquals(0, t[0]);
        for (int i = 1; i < t.length; i++) {
            assertTrue(t[i] > t[i - 1] && t[i] <= 5);
        }
        double[][] truth = data.truth();
        double[][] values = data.values();
        for (int n = 0; n < 20; n++) {
            double f = data.frequencies()[n];
            assertTrue(f >= 0.4 && f < 0.8);
            double c = truth[n][0];   // sin(0) = 0: the starting point is the offset
            for (int i = 0; i < t.length; i++) {
                assertEquals(Math.sin(2 * Math.PI * f * t[i]) + c, truth[n][i], 1e-12);
                double noise = values[n][i] - truth[n][i];
                assertTrue(noise >= 0 && noise < 0.01 + 1e-15, "noise " + noise);
            }
            assertEquals(truth[n][0], values[n][0]);
        }
    }

    @Test
    void eachTrajectoryObservesItsOwnFraction() {
        IrregularSeries s = data.observe(0.3, 1);
        for (boolean[] row : s.observed()) {
            int count = 0;
            for (boolean o : row) {
                count += o ? 1 : 0;
            }
            assertEquals(12, count);
        }
        assertFalse(Arrays.equals(s.observed()[0], s.observed()[1]), "two trajectories with the same times");
        assertThrows(IllegalArgumentException.class, () -> data.observe(0, 1));
    }

    @Test
    void batchesKeepTheMasksOfTheirTask() {
        IrregularSeries s = data.observe(0.3, 1);
        double split = s.splitTime();
        IrregularBatch interpolationTest = s.all(IrregularSeries.Task.INTERPOLATION, false);
        IrregularBatch extrapolation = s.sample(new Random(0), 5, IrregularSeries.Task.EXTRAPOLATION);
        IrregularBatch extrapolationTest = s.all(IrregularSeries.Task.EXTRAPOLATION, false);
        assertEquals(0, extrapolation.times()[0], "the window's start stays in the union");
        for (int k = 0; k < interpolationTest.times().length; k++) {
            for (int b = 0; b < 20; b++) {
                assertNotEquals(interpolationTest.input()[k][b], interpolationTest.target()[k][b]);
                if (extrapolationTest.times()[k] >= split) {
                    assertTrue(extrapolationTest.target()[k][b]);
                    assertFalse(extrapolationTest.input()[k][b]);
                } else {
                    assertFalse(extrapolationTest.target()[k][b]);
                }
            }
        }
        for (int k = 0; k < extrapolation.times().length; k++) {
            for (int b = 0; b < 5; b++) {
                assertFalse(extrapolation.input()[k][b] && extrapolation.times()[k] >= split);
                assertFalse(extrapolation.target()[k][b] && extrapolation.times()[k] < split);
            }
        }
        assertEquals(20 * 28, interpolationTest.targetCount());
    }
}
