package org.neuralode.neuralode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.neuralode.data.Metrics;
import org.neuralode.data.Pendulum;
import org.neuralode.data.TimeSeries;

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
}
