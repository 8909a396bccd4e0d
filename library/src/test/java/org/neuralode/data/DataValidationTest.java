package org.neuralode.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad data is refused where it enters, by index and value (issue 16, items 11 and 14). */
class DataValidationTest {

    private static String message(Executable executable) {
        return assertThrows(IllegalArgumentException.class, executable).getMessage();
    }

    private static double[][] states(int n) {
        double[][] states = new double[n][];
        for (int i = 0; i < n; i++) {
            states[i] = new double[] {Math.cos(i * 0.1), Math.sin(i * 0.1)};
        }
        return states;
    }

    private static double[] times(int n) {
        double[] times = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = i * 0.1;
        }
        return times;
    }

    @Test
    void aTrajectoryNamesTheFirstNonFiniteState() {
        double[][] states = states(50);
        states[17][1] = Double.NaN;
        assertEquals("states must be finite, but states[17][1] = NaN", message(() -> new Trajectory(times(50), states)));
        states[17][1] = 0;
        states[3][0] = Double.NEGATIVE_INFINITY;
        assertEquals("states must be finite, but states[3][0] = -Infinity",
                message(() -> new Trajectory(times(50), states)));
    }

    @Test
    void aTrajectoryRefusesShuffledRepeatedAndNaNTimes() {
        double[] shuffled = times(50);
        shuffled[10] = 3.0;
        assertTrue(message(() -> new Trajectory(shuffled, states(50)))
                .contains("times[10] = 3.0 and times[11] = 1.1 (out of order)"));
        double[] repeated = times(50);
        repeated[21] = repeated[20];
        assertTrue(message(() -> new Trajectory(repeated, states(50))).contains("(a repeated time)"));
        double[] nan = times(50);
        nan[49] = Double.NaN;
        assertEquals("times must be finite, but times[49] = NaN", message(() -> new Trajectory(nan, states(50))));
        // a trajectory sampled backwards in time is allowed
        double[] backwards = times(50);
        for (int i = 0; i < 50; i++) {
            backwards[i] = -backwards[i];
        }
        assertEquals(50, new Trajectory(backwards, states(50)).size());
    }

    @Test
    void aTrajectoryNamesRaggedOrMissingStates() {
        double[][] ragged = states(5);
        ragged[2] = new double[] {1};
        assertTrue(message(() -> new Trajectory(times(5), ragged)).contains("states[2] has length 1"));
        assertTrue(message(() -> new Trajectory(times(4), states(5))).contains("4 times and 5 states"));
        assertTrue(message(() -> new Trajectory(times(1), new double[][] {{}})).contains("at least one component"));
    }

    @Test
    void aCopyIsCheckedAgainAndIndependent() {
        Trajectory trajectory = new Trajectory(times(5), states(5));
        Trajectory copy = trajectory.copy();
        trajectory.states()[4][0] = 99;
        assertEquals(Math.cos(0.4), copy.states()[4][0]);
        trajectory.states()[2][1] = Double.NaN;
        assertEquals("states must be finite, but states[2][1] = NaN", message(trajectory::copy));
    }

    @Test
    void aTimeSeriesNamesBadTimesAndValues() {
        double[] values = {1, 2, Double.POSITIVE_INFINITY, 4};
        assertEquals("values must be finite, but values[2] = Infinity",
                message(() -> new TimeSeries(new double[] {0, 1, 2, 3}, values)));
        assertTrue(message(() -> new TimeSeries(new double[] {0, 1, 1, 3}, new double[] {1, 2, 3, 4}))
                .contains("times[1] = 1.0 and times[2] = 1.0 (a repeated time)"));
        assertTrue(message(() -> new TimeSeries(new double[] {0, 1, 2}, new double[] {1, 2, 3, 4}))
                .contains("3 times and 4 values"));
    }

    @Test
    void windowsOfHugeSizesDoNotWrapAround() {
        TimeSeries series = new TimeSeries(times(10), new double[10]);
        // 10 - MAX - MAX - 1 + 1 wrapped around to a positive count
        assertTrue(message(() -> series.windows(Integer.MAX_VALUE, 1, Integer.MAX_VALUE)).contains("too short"));
    }

    /** 9 samples, history 2, horizon 1: 7 windows, and 2 windows dropped after each part. */
    private static TimeSeries.Windows sevenWindows() {
        return new TimeSeries(times(9), new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8}).windows(2, 1);
    }

    @Test
    void aSplitThatLeavesAPartEmptySaysSo() {
        TimeSeries.Windows windows = sevenWindows();
        assertEquals(7, windows.size());
        // was: validation null and the test part clamped onto training targets
        String validation = message(() -> windows.split(0.5, 0.3));
        assertTrue(validation.startsWith("7 windows are too few to split with trainFraction = 0.5 and"
                + " validationFraction = 0.3: the validation part would be empty"), validation);
        assertTrue(message(() -> windows.split(0.8, 0)).contains("the test part would be empty"));
        // was: "need 0 <= from < to <= 7, got from = 0, to = 0"
        assertEquals("trainFraction = 0.001 of 7 windows is less than one window; use trainFraction >= "
                + (0.5 / 7), message(() -> windows.split(0.001, 0)));
        assertEquals("trainFraction must be in (0, 1), got trainFraction = NaN",
                message(() -> windows.split(Double.NaN, 0.1)));
        assertEquals("validationFraction must be in [0, 1), got validationFraction = -0.1",
                message(() -> windows.split(0.5, -0.1)));
    }

    @Test
    void everySplitThatSucceedsKeepsItsPartsApart() {
        TimeSeries.Windows windows = sevenWindows();
        int succeeded = 0;
        for (int tenths = 1; tenths < 10; tenths++) {
            for (int validationTenths = 0; tenths + validationTenths < 10; validationTenths++) {
                TimeSeries.Split split;
                try {
                    split = windows.split(tenths / 10.0, validationTenths / 10.0);
                } catch (IllegalArgumentException tooFew) {
                    continue;
                }
                succeeded++;
                assertTrue(split.train().size() >= 1 && split.test().size() >= 1);
                if (validationTenths == 0) {
                    assertNull(split.validation());
                    assertApart(split.train(), split.test());
                } else {
                    assertTrue(split.validation().size() >= 1);
                    assertApart(split.train(), split.validation());
                    assertApart(split.validation(), split.test());
                }
            }
        }
        assertTrue(succeeded >= 3, "only " + succeeded + " splits of 7 windows succeeded");
    }

    /** The value index is the time here: no input of {@code later} is a target of {@code earlier}. */
    private static void assertApart(TimeSeries.Windows earlier, TimeSeries.Windows later) {
        double lastTarget = earlier.targetTimes()[earlier.size() - 1] / 0.1 + earlier.horizon() - 1;
        double firstInput = later.targetTimes()[0] / 0.1 - later.history() - later.gap();
        assertTrue(Math.round(firstInput) > Math.round(lastTarget), "input " + firstInput + " <= target " + lastTarget);
    }

    @Test
    void metricsOfEmptyWindowsAreRefusedNotNaN() {
        assertTrue(message(() -> Metrics.mae(new double[3][0], new double[3][0])).contains("hold no values"));
        assertTrue(message(() -> Metrics.smape(new double[0][], new double[0][])).contains("hold no values"));
        assertEquals("forecast[1] must not be null", message(() -> Metrics.mse(new double[][] {{1}, null}, new double[2][1])));
    }

    @Test
    void hugePendulumSeriesAreRefusedBeforeTheyOverflow() {
        Pendulum pendulum = Pendulum.ofLength(100);
        // 100000 * 100000 wrapped around to 1410065408 samples
        String tooLong = message(() -> pendulum.series(100000, 100000, 1, 0.001));
        assertTrue(tooLong.startsWith("the series of periods * samplesPerPeriod = 100000 * 100000 samples needs"
                + " an array of 10000000000 entries"), tooLong);
        assertEquals("beta must be finite and non-negative, got beta = Infinity",
                message(() -> pendulum.series(1, 10, 1, Double.POSITIVE_INFINITY)));
        assertEquals("samplesPerPeriod must be at least 1, got samplesPerPeriod = 0",
                message(() -> pendulum.series(1, 0, 1, 0)));
    }

    @Test
    void aSpiralNamesItsOwnArguments() {
        // was: "times must be strictly monotonic ... (a repeated time)" from the grid it built
        assertEquals("endTime must be finite and positive, got endTime = 0.0", message(() -> Spiral.trajectory(10, 0)));
        assertEquals("points must be at least 1, got points = 0", message(() -> Spiral.trajectory(0, 25)));
    }
}
