package org.neuralode.neuralode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neuralode.data.Pendulum;
import org.neuralode.data.TimeSeries;
import org.neuralode.solvers.Solvers;

/**
 * The forecaster's gradient chains three vector-Jacobian products (decoder, the ODE's backward
 * pass, encoder); each block is checked against central differences of the loss
 * {@code mean((D h(1) - y)^2)} recomputed through {@link OdeForecaster#predict}.
 */
class OdeForecasterGradientTest {

    /** An optimiser that keeps the parameters it was given and the gradient, and changes nothing. */
    private static final class Recorder implements Optimizer {
        double[] theta;
        double[] gradient;

        @Override
        public void step(double[] theta, double[] gradient) {
            this.theta = theta;
            this.gradient = gradient.clone();
        }

        @Override
        public double learningRate() {
            return 0;
        }

        @Override
        public void reset() {
        }
    }

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
    void everyBlocksGradientMatchesCentralDifferences(boolean adjoint) {
        TimeSeries.Windows windows = Pendulum.bookSeries().windows(6, 2);
        double[][] inputs = java.util.Arrays.copyOfRange(windows.inputs(), 0, 5);
        double[][] targets = java.util.Arrays.copyOfRange(windows.targets(), 0, 5);
        List<Recorder> recorders = new ArrayList<>();
        // fixed steps: the loss is a smooth function of theta (no step-size decisions to flip)
        OdeForecaster forecaster = OdeForecaster.builder().history(6).horizon(2).latent(3).hidden(5)
                .solver(Solvers.rk4(0.125)).adjoint(adjoint).seed(3)
                .optimizer(() -> {
                    Recorder recorder = new Recorder();
                    recorders.add(recorder);
                    return recorder;
                }).build();
        double stepLoss = forecaster.step(inputs, targets);
        assertEquals(loss(forecaster, inputs, targets), stepLoss, 1e-15 * Math.abs(stepLoss), "step's loss");
        assertEquals(3, recorders.size(), "encoder, ODE and decoder");
        String[] blocks = {"encoder", "ODE", "decoder"};
        for (int b = 0; b < 3; b++) {
            double[] theta = recorders.get(b).theta;
            double[] gradient = recorders.get(b).gradient;
            double largest = 0;
            for (double g : gradient) {
                largest = Math.max(largest, Math.abs(g));
            }
            assertTrue(largest > 1e-6, blocks[b] + ": a gradient that could be wrong");
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
                assertEquals(central, gradient[k], tolerance, blocks[b] + " parameter " + k);
            }
        }
    }
}
