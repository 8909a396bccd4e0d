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
    void gruDGradientMatchesFiniteDifferences() {
        for (IrregularSeries.Task task : IrregularSeries.Task.values()) {
            GruD model = new GruD(1, 5, 8, 2);
            double[] theta = model.parameters();
            int decay = new org.neuralode.nn.GruCell(1, 5).parameterCount();
            for (int j = 0; j < 5; j++) {   // offsets c of both signs: some components decay only after a while
                theta[decay + 5 + j] = j % 2 == 0 ? -0.3 : 0.2;
            }
            IrregularBatch b = batch(task);
            var g = model.lossAndGradient(b);
            check(theta, g.gradient(), th -> model.meanSquaredError(b), 1e-7);
            double scale = java.util.Arrays.stream(g.gradient()).map(Math::abs).max().orElse(0);
            for (int p = decay; p < decay + 10; p++) {   // every rate and offset, not only every third
                double saved = theta[p];
                theta[p] = saved + 1e-6;
                double plus = model.meanSquaredError(b);
                theta[p] = saved - 1e-6;
                double minus = model.meanSquaredError(b);
                theta[p] = saved;
                assertEquals((plus - minus) / 2e-6, g.gradient()[p], 1e-7 * scale, "decay parameter " + (p - decay));
            }
            assertTrue(java.util.Arrays.stream(g.gradient(), decay, decay + 10).anyMatch(v -> Math.abs(v) > 1e-3 * scale),
                    "the decay parameters must matter");
        }
    }

    @Test
    void annealedKlKeepsTheGradientExact() {
        LatentOde model = LatentOde.builder().latent(3).encoderHidden(4).fieldWidth(6).samples(2).observationNoise(0.3)
                .klAnnealing(1, 0.5).gradients(method(false)).seed(5).build();
        IrregularBatch b = batch(IrregularSeries.Task.INTERPOLATION);
        assertEquals(1, LatentOde.builder().gradients(method(false)).build().klWeight(), 0);
        assertEquals(0, model.klWeight(), 0);           // step 0 < wait
        model.lossAndGradient(b);
        assertEquals(0, model.klWeight(), 0);           // step 1: 1 - 0.5^0
        model.lossAndGradient(b);
        assertEquals(0.5, model.klWeight(), 1e-15);     // step 2: 1 - 0.5^1
        double[] eps = new double[2 * b.batchSize() * 3];
        Random r = new Random(9);
        for (int j = 0; j < eps.length; j++) {
            eps[j] = r.nextGaussian();
        }
        var g = model.lossAndGradient(b, eps);
        check(model.parameters(), g.gradient(), th -> model.lossAndGradient(b, eps).loss(), 1e-7);
    }

    @Test
    void theGrowingHorizonScoresTheCutBatch() {
        IrregularBatch b = batch(IrregularSeries.Task.EXTRAPOLATION);
        LatentOde growing = LatentOde.builder().latent(3).encoderHidden(4).fieldWidth(6).growingHorizon(10)
                .gradients(method(false)).seed(5).build();
        LatentOde whole = LatentOde.builder().latent(3).encoderHidden(4).fieldWidth(6)
                .gradients(method(false)).seed(5).build();
        int first = 0;
        while (!anyTarget(b, first)) {
            first++;
        }
        double start = b.times()[first];
        double end = b.times()[b.times().length - 1];
        IrregularBatch cut = b.upTo(start + (end - start) * (0.2 + 0.8 / 10));
        assertTrue(cut.times().length < b.times().length, "the first step must score a shorter window");
        // same seed, so the same eps: equal losses only if the first step scores exactly the cut batch
        assertEquals(whole.lossAndGradient(cut).loss(), growing.lossAndGradient(b).loss(), 0);
        LatentOde after = LatentOde.builder().latent(3).encoderHidden(4).fieldWidth(6).growingHorizon(1)
                .gradients(method(false)).seed(5).build();
        LatentOde reference = LatentOde.builder().latent(3).encoderHidden(4).fieldWidth(6)
                .gradients(method(false)).seed(5).build();
        assertEquals(reference.lossAndGradient(b).loss(), after.lossAndGradient(b).loss(), 0);
    }

    private static boolean anyTarget(IrregularBatch b, int k) {
        for (boolean t : b.target()[k]) {
            if (t) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theDataMeanShiftsTheDecoderOnly() {
        IrregularBatch b = batch(IrregularSeries.Task.INTERPOLATION);
        double[][] plain = LatentOde.builder().latent(3).encoderHidden(4).fieldWidth(6).gradients(method(false)).seed(5)
                .build().predict(b);
        double[][] shifted = LatentOde.builder().latent(3).encoderHidden(4).fieldWidth(6).dataMean(1.25)
                .gradients(method(false)).seed(5).build().predict(b);
        for (int k = 0; k < plain.length; k++) {
            for (int j = 0; j < plain[k].length; j++) {
                assertEquals(plain[k][j] + 1.25, shifted[k][j], 1e-12);
            }
        }
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LatentOde.builder().dataMean(1, 2).gradients(method(false)).build());
        assertEquals("dataMean must hold dimension = 1 values, got 2", e.getMessage());
    }

    @Test
    void upToKeepsTheTimesBeforeTheHorizon() {
        IrregularBatch b = batch(IrregularSeries.Task.INTERPOLATION);
        double[] t = b.times();
        IrregularBatch cut = b.upTo(t[3]);
        assertEquals(4, cut.times().length);
        assertEquals(t[3], cut.times()[3], 0);
        assertEquals(b.target()[2], cut.target()[2]);
        assertEquals(2, b.upTo(-1).times().length);      // never fewer than two times
        assertTrue(b.upTo(t[t.length - 1]) == b);        // nothing to cut
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
