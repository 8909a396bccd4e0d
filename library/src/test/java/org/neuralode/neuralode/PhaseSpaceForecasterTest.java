package org.neuralode.neuralode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuralode.data.Metrics;
import org.neuralode.data.Pendulum;
import org.neuralode.data.TimeSeries;
import org.neuralode.data.Trajectory;
import org.neuralode.nn.Initialization;
import org.neuralode.nn.Mlp;
import org.neuralode.solvers.ExplicitSolver;
import org.neuralode.solvers.Solver;
import org.neuralode.solvers.Solvers;

class PhaseSpaceForecasterTest {

    private static final ExplicitSolver SOLVER = Solvers.dormandPrince(1e-6, 1e-8);

    private static NeuralOde smallModel() {
        return new NeuralOde(Mlp.builder(2).dense(8).tanh().dense(2).initialization(Initialization.glorot()).seed(0).build());
    }

    @Test
    void stateIsPositionAndSecondOrderVelocity() {
        double dt = 0.01;
        double t = 1.0;
        double[] history = {Math.cos(t - 2 * dt), Math.cos(t - dt), Math.cos(t)};
        double[] h = PhaseSpaceForecaster.state(history, dt);
        assertEquals(Math.cos(t), h[0], 0);
        // the backward difference errs by -(dt^2 / 3) x''' = -(dt^2 / 3) sin(t)
        assertEquals(-Math.sin(t), h[1], 1e-4 * 0.5);
        assertEquals(-Math.sin(t) - dt * dt / 3 * Math.sin(t), h[1], 1e-6);
    }

    @Test
    void zeroFieldForecastsTheLastObservation() {
        TimeSeries series = Pendulum.ofLength(100).series(2, 100, 1.0, 0.001);
        TimeSeries.Windows windows = series.windows(10, 3);
        NeuralOde model = smallModel();
        Arrays.fill(model.theta(), 0);
        double dt = series.times()[1] - series.times()[0];
        double[][] forecast = new PhaseSpaceForecaster(model, SOLVER, dt).forecast(windows);
        double[][] naive = windows.naiveForecast();
        for (int w = 0; w < windows.size(); w++) {
            assertArrayEquals(naive[w], forecast[w], 0);
        }
    }

    @Test
    void phaseTrajectoryCoversTheHistoriesOfAllWindows() {
        TimeSeries series = Pendulum.ofLength(100).series(1, 200, 1.0, 0.0);
        TimeSeries.Windows windows = series.windows(20, 1);
        double dt = series.times()[1];
        Trajectory trajectory = new PhaseSpaceForecaster(smallModel(), SOLVER, dt).phaseTrajectory(windows);
        int values = 20 + windows.size() - 1;
        assertEquals(values - 2, trajectory.size());
        double[] last = trajectory.states()[trajectory.size() - 1];
        assertEquals(series.values()[values - 1], last[0], 0);
        assertEquals(dt, trajectory.times()[1], 1e-15);
    }

    @Test
    void fitReducesTheValidationErrorAndKeepsTheBestParameters() {
        TimeSeries series = Pendulum.ofLength(100).series(3, 100, 1.0, 0.001);
        TimeSeries.Split split = series.windows(10, 3).split(0.6, 0.2);
        double dt = series.times()[1];
        NeuralOde model = smallModel();
        PhaseSpaceForecaster forecaster = new PhaseSpaceForecaster(model, SOLVER, dt);
        double before = Metrics.mae(forecaster.forecast(split.validation()), split.validation().targets());
        Trainer trainer = Trainer.builder().model(model).data(forecaster.phaseTrajectory(split.train()))
                .gradients(GradientMethod.backprop(SOLVER)).optimizer(new Adam(1e-2)).loss(Loss.MSE)
                .batchSize(10).batchTime(20).seed(0).build();
        List<PhaseSpaceForecaster.Check> checks = forecaster.fit(trainer, split.validation(), 150, 25, null);
        double after = Metrics.mae(forecaster.forecast(split.validation()), split.validation().targets());
        double best = checks.stream().mapToDouble(PhaseSpaceForecaster.Check::validationMae).min().orElseThrow();
        assertTrue(after < 0.2 * before, "validation MAE " + before + " -> " + after);
        assertEquals(Math.min(best, before), after, 1e-12);
        assertEquals(6, checks.size());
    }

    @Test
    void rejectsAModelOfTheWrongDimension() {
        NeuralOde threeD = new NeuralOde(Mlp.builder(3).dense(4).tanh().dense(3).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PhaseSpaceForecaster(threeD, SOLVER, 0.1));
        assertTrue(e.getMessage().contains("dimension 2"), e.getMessage());
    }
}
