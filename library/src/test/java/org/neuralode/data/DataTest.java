package org.neuralode.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DataTest {

    @Test
    void theSpiralIsTorchdiffeqsDemo() {
        // (y^3) A for the row vector y = [1, 2]: [1, 8] A = [-0.1 - 16, 2 - 0.8]
        assertArrayEquals(new double[] {-16.1, 1.2}, Spiral.vectorField().at(0, new double[] {1, 2}), 1e-14);
        Trajectory spiral = Spiral.trajectory();
        assertEquals(1000, spiral.size());
        assertEquals(25.0, spiral.times()[999]);
        assertArrayEquals(new double[] {2, 0}, spiral.states()[0]);
        // an independent solve (classic RK4 with a small fixed step) agrees to the demo's tolerance
        double[] reference = org.neuralode.solvers.Solvers.rk4(1e-3)
                .solve(Spiral.vectorField(), Spiral.Y0, new double[] {0, 12.5, 25}).last();
        assertArrayEquals(reference, spiral.states()[999], 1e-5);
        double[] end = spiral.states()[999];
        assertTrue(Math.hypot(end[0], end[1]) < 1.5, "the spiral winds inwards");
    }

    @Test
    void segmentsAreDistinctWindowsOfTheTrajectory() {
        Trajectory spiral = Spiral.trajectory();
        Segments batch = spiral.sampleSegments(new Random(3), 20, 10);
        assertEquals(20, batch.batchSize());
        assertArrayEquals(java.util.Arrays.copyOf(spiral.times(), 10), batch.times());
        Set<Integer> starts = new HashSet<>();
        for (int b = 0; b < 20; b++) {
            double[] first = {batch.h0()[2 * b], batch.h0()[2 * b + 1]};
            int start = -1;
            for (int i = 0; i < spiral.size() - 10; i++) {
                if (java.util.Arrays.equals(spiral.states()[i], first)) {
                    start = i;
                }
            }
            assertTrue(start >= 0, "segment " + b + " does not start on the trajectory");
            assertTrue(starts.add(start), "start " + start + " drawn twice");
            for (int i = 0; i < 10; i++) {
                assertEquals(spiral.states()[start + i][1], batch.targets()[i][2 * b + 1]);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> spiral.sampleSegments(new Random(0), 991, 10));
    }

    @Test
    void thePendulumSeriesFollowsTheBooksFormula() {
        Pendulum pendulum = Pendulum.ofLength(100);
        assertEquals(2 * Math.PI * Math.sqrt(100 / 9.81), pendulum.period(), 1e-12);
        TimeSeries series = Pendulum.bookSeries();
        assertEquals(4000, series.size());
        assertEquals(1.0, series.values()[0]);
        // one period later the cosine is back at 1 and the amplitude has decayed by e^(-beta p)
        assertEquals(Math.exp(-0.001 * pendulum.period()), series.values()[400], 1e-12);
        assertEquals(-Math.exp(-0.001 * pendulum.period() / 2), series.values()[200], 1e-12);
    }

    @Test
    void windowsAndChronologicalSplitsDoNotLeak() {
        TimeSeries series = Pendulum.bookSeries();
        TimeSeries.Windows windows = series.windows(100, 3);
        assertEquals(4000 - 100 - 3 + 1, windows.size());
        assertEquals(series.values()[100], windows.targets()[0][0]);
        assertEquals(series.values()[102], windows.targets()[0][2]);
        assertEquals(series.values()[99], windows.naiveForecast()[0][2]);
        TimeSeries.Split split = windows.split(0.6, 0.2);
        double lastTrainTarget = split.train().targetTimes()[split.train().size() - 1] + 2 * (series.times()[1]);
        double firstValidationInput = split.validation().targetTimes()[0] - 100 * series.times()[1];
        assertTrue(firstValidationInput > lastTrainTarget, "validation inputs overlap training targets");
        assertTrue(split.test().targetTimes()[0] - 100 * series.times()[1]
                > split.validation().targetTimes()[split.validation().size() - 1]);
        TimeSeries.Windows gapped = series.windows(100, 1, 3);
        assertEquals(series.values()[103], gapped.targets()[0][0]);
    }

    @Test
    void metricsHaveTheirDefinitions() {
        double[][] forecast = {{1, 2}, {0, -1}};
        double[][] actual = {{1, 4}, {0, 1}};
        assertEquals((0 + 2 + 0 + 2) / 4.0, Metrics.mae(forecast, actual), 1e-15);
        assertEquals((0 + 4 + 0 + 4) / 4.0, Metrics.mse(forecast, actual), 1e-15);
        assertEquals((0 + 2 * 2 / 6.0 + 0 + 2 * 2 / 2.0) / 4.0, Metrics.smape(forecast, actual), 1e-15);
        double scale = Metrics.naiveScale(new double[] {0, 1, -1, -1});   // (1 + 2 + 0) / 3
        assertEquals(1.0, scale, 1e-15);
        assertEquals(Metrics.mae(forecast, actual) / 0.5, Metrics.mase(forecast, actual, 0.5), 1e-15);
    }

    @Test
    void maseRefusesAScaleThatIsNotPositive() {
        double[][] one = {{1}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Metrics.mase(one, one, 0));
        assertTrue(e.getMessage().contains("naiveScale"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Metrics.naiveScale(new double[] {1}));
    }
}
