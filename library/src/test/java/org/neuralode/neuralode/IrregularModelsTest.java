package org.neuralode.neuralode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.neuralode.data.IrregularBatch;
import org.neuralode.data.IrregularSeries;
import org.neuralode.data.PeriodicSeries;
import org.neuralode.solvers.Solvers;

/**
 * Gradient checks of the irregular-time models (ODE-RNN, RNN-Δt, latent ODE) against central
 * differences, with backprop through the solver and with the adjoint, on both tasks.
 */
class IrregularModelsTest {

    private static final IrregularSeries SERIES = PeriodicSeries.generate(6, 12, 5, 0.01, 3).observe(0.5, 4);

    private static IrregularBatch batch(IrregularSeries.Task task) {
        return SERIES.sample(new Random(1), 4, task);
    }

    /**
     * Compares the gradient with central differences at every 3rd parameter, relative to the
     * largest gradient entry, so that an entry of the wrong sign or size fails.
     */
    private static void check(double[] theta, double[] gradient, ToDoubleFunction<double[]> loss, double tolerance) {
        double scale = 0;
        for (double g : gradient) {
            scale = Math.max(scale, Math.abs(g));
        }
        assertTrue(scale > 0, "the gradient is zero");
        double step = 1e-6;
        for (int p = 0; p < theta.length; p += 3) {
            double saved = theta[p];
            theta[p] = saved + step;
            double plus = loss.applyAsDouble(theta);
            theta[p] = saved - step;
            double minus = loss.applyAsDouble(theta);
            theta[p] = saved;
            double fd = (plus - minus) / (2 * step);
            assertEquals(fd, gradient[p], tolerance * scale, "parameter " + p + " of " + theta.length);
        }
    }

    private static GradientMethod method(boolean adjoint) {
        return adjoint ? GradientMethod.adjoint(Solvers.rk4(0.05)) : GradientMethod.backprop(Solvers.rk4(0.05));
    }

    @Test
    void odeRnnGradientMatchesFiniteDifferences() {
        for (boolean adjoint : new boolean[] {false, true}) {
            for (IrregularSeries.Task task : IrregularSeries.Task.values()) {
                OdeRnn model = new OdeRnn(1, 5, 8, method(adjoint), 2);
                IrregularBatch b = batch(task);
                var g = model.lossAndGradient(b);
                assertTrue(g.forwardEvaluations() > 0 && g.backwardEvaluations() > 0);
                check(model.parameters(), g.gradient(), th -> model.meanSquaredError(b), adjoint ? 1e-5 : 1e-7);
            }
        }
    }

    @Test
    void rnnDeltaTGradientMatchesFiniteDifferences() {
        for (IrregularSeries.Task task : IrregularSeries.Task.values()) {
            RnnDeltaT model = new RnnDeltaT(1, 5, 8, 2);
            IrregularBatch b = batch(task);
            var g = model.lossAndGradient(b);
            check(model.parameters(), g.gradient(), th -> model.meanSquaredError(b), 1e-7);
        }
    }

    @Test
    void latentOdeGradientMatchesFiniteDifferences() {
        for (boolean adjoint : new boolean[] {false, true}) {
            for (IrregularSeries.Task task : IrregularSeries.Task.values()) {
                LatentOde model = LatentOde.builder().latent(3).encoderHidden(4).fieldWidth(6).samples(2)
                        .observationNoise(0.3).gradients(method(adjoint)).seed(5).build();
                IrregularBatch b = batch(task);
                double[] eps = new double[2 * b.batchSize() * 3];
                Random r = new Random(9);
                for (int j = 0; j < eps.length; j++) {
                    eps[j] = r.nextGaussian();
                }
                var g = model.lossAndGradient(b, eps);
                check(model.parameters(), g.gradient(), th -> model.lossAndGradient(b, eps).loss(), adjoint ? 1e-5 : 1e-7);
            }
        }
    }

    @Test
    void theOdeRnnLearnsThePeriodicSeries() {
        IrregularSeries data = PeriodicSeries.generate(40, 30, 5, 0.01, 1).observe(0.5, 2);
        OdeRnn model = new OdeRnn(1, 8, 16, GradientMethod.backprop(Solvers.rk4(0.1)), 0);
        IrregularBatch all = data.all(IrregularSeries.Task.INTERPOLATION, false);
        double before = model.meanSquaredError(all);
        Trainer trainer = Trainer.builder(model, random -> data.sample(random, 16, IrregularSeries.Task.INTERPOLATION))
                .optimizer(new Adam(1e-2)).build();
        trainer.run(60);
        double after = model.meanSquaredError(all);
        assertTrue(after < 0.5 * before, "test MSE " + before + " -> " + after);
    }
}
