package org.neuralode.neuralode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.neuralode.data.Metrics;
import org.neuralode.data.Pendulum;
import org.neuralode.data.TimeSeries;
import org.neuralode.solvers.Solvers;

class OdeForecasterTest {

    @Test
    void aSmallForecasterBeatsTheNaiveBaselineOnThePendulum() {
        TimeSeries.Split split = Pendulum.bookSeries().windows(20, 3).split(0.6, 0.2);
        OdeForecaster forecaster = OdeForecaster.builder().history(20).horizon(3).latent(4).hidden(16)
                .optimizer(() -> new Adam(1e-2)).seed(0).build();
        double first = forecaster.step(split.train().inputs(), split.train().targets());
        double last = forecaster.train(split.train(), 200, 32, new Random(0), 0, null);
        assertTrue(last < first / 10, "batch loss " + first + " -> " + last);
        TimeSeries.Windows test = split.test();
        double[][] forecast = forecaster.predict(test.inputs());
        assertEquals(test.size(), forecast.length);
        double ode = Metrics.mae(forecast, test.targets());
        double naive = Metrics.mae(test.naiveForecast(), test.targets());
        assertTrue(ode < naive, "neural ODE MAE " + ode + " vs naive " + naive);
    }

    @Test
    void theChainedGradientMatchesCentralDifferences() {
        TimeSeries.Split split = Pendulum.bookSeries().windows(8, 2).split(0.6, 0.2);
        for (GradientMethod method : new GradientMethod[] {GradientMethod.backprop(Solvers.rk4(0.25)),
                GradientMethod.adjoint(Solvers.rk4(0.05))}) {
            OdeForecaster model = OdeForecaster.builder().history(8).horizon(2).latent(3).hidden(5)
                    .gradients(method).seed(1).build();
            double[][] inputs = java.util.Arrays.copyOf(split.train().inputs(), 6);
            double[][] targets = java.util.Arrays.copyOf(split.train().targets(), 6);
            OdeForecaster.Batch batch = new OdeForecaster.Batch(inputs, targets);
            double[] gradient = model.lossAndGradient(batch).gradient();
            double[] theta = model.parameters();
            double scale = java.util.Arrays.stream(gradient).map(Math::abs).max().orElseThrow();
            assertTrue(scale > 0);
            for (int p = 0; p < theta.length; p++) {
                double saved = theta[p];
                theta[p] = saved + 1e-6;
                double plus = model.lossAndGradient(batch).loss();
                theta[p] = saved - 1e-6;
                double minus = model.lossAndGradient(batch).loss();
                theta[p] = saved;
                assertEquals((plus - minus) / 2e-6, gradient[p], 1e-6 * scale, method + ", parameter " + p);
            }
        }
    }

    @Test
    void aDivergingStepStopsWithATrainingException() {
        TimeSeries.Split split = Pendulum.bookSeries().windows(8, 2).split(0.6, 0.2);
        OdeForecaster model = OdeForecaster.builder().history(8).horizon(2).latent(3).hidden(5).seed(1).build();
        double[][] targets = split.train().targets().clone();
        targets[0] = new double[] {Double.NaN, 0};
        TrainingException e = assertThrows(TrainingException.class,
                () -> model.step(split.train().inputs(), targets));
        assertEquals(1, e.iteration());
    }
}
