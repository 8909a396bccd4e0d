package org.neuralode.neuralode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neuralode.data.Pendulum;
import org.neuralode.data.TimeSeries;
import org.neuralode.solvers.Solvers;

/**
 * The forecaster's gradient chains three vector-Jacobian products (decoder, the ODE's backward
 * pass, encoder); every parameter's entry is checked against central differences of the loss
 * {@code mean((D h(1) - y)^2)} recomputed through {@link OdeForecaster#predict}.
 */
class OdeForecasterGradientTest {

    private static double loss(OdeForecaster forecaster, double[][] inputs, double[][] targets) {
        double[][] forecast = forecaster.predict(inputs);
        double sum = 0;
        int count = 0;
        for (int r = 0; r < forecast.length; r++) {
            for (int j = 0; j < forecast[r].length; j++) {
                double residual = forecast[r][j] - targets[r][j];
                sum += residual * residual;
                count++;
            }
        }
        return sum / count;
    }

    @ParameterizedTest(name = "adjoint {0}")
    @ValueSource(booleans = {false, true})
    void everyParametersGradientMatchesCentralDifferences(boolean adjoint) {
        TimeSeries.Windows windows = Pendulum.bookSeries().windows(6, 2);
        double[][] inputs = Arrays.copyOfRange(windows.inputs(), 0, 5);
        double[][] targets = Arrays.copyOfRange(windows.targets(), 0, 5);
        // fixed steps: the loss is a smooth function of theta (no step-size decisions to flip)
        OdeForecaster forecaster = OdeForecaster.builder().history(6).horizon(2).latent(3).hidden(5)
                .solver(Solvers.rk4(0.125)).adjoint(adjoint).seed(3).build();
        TrainableModel.BatchGradient computed = forecaster.lossAndGradient(new OdeForecaster.Batch(inputs, targets));
        assertEquals(loss(forecaster, inputs, targets), computed.loss(), 1e-15 * computed.loss(), "the loss");
        double[] theta = forecaster.parameters();
        double[] gradient = computed.gradient();
        assertEquals(theta.length, gradient.length);
        double largest = 0;
        int nonzero = 0;
        for (double g : gradient) {
            largest = Math.max(largest, Math.abs(g));
            nonzero += g != 0 ? 1 : 0;
        }
        assertTrue(largest > 1e-6 && nonzero > theta.length / 2, "a gradient that could be wrong");
        for (int k = 0; k < theta.length; k++) {
            double kept = theta[k];
            double eps = 1e-6 * Math.max(1, Math.abs(kept));
            theta[k] = kept + eps;
            double up = loss(forecaster, inputs, targets);
            theta[k] = kept - eps;
            double down = loss(forecaster, inputs, targets);
            theta[k] = kept;
            double central = (up - down) / (2 * eps);
            // backprop through fixed RK4 steps is exact; the adjoint solves backwards with the same steps
            double tolerance = (adjoint ? 1e-4 : 1e-7) * largest;
            assertEquals(central, gradient[k], tolerance, "parameter " + k + " of " + theta.length);
        }
    }
}
