package org.neuralode.neuralode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.neuralode.data.Segments;
import org.neuralode.nn.Initialization;
import org.neuralode.nn.Mlp;
import org.neuralode.solvers.Solution;
import org.neuralode.solvers.AdaptiveRungeKutta;
import org.neuralode.solvers.ExplicitSolver;
import org.neuralode.solvers.Solver;
import org.neuralode.solvers.Solvers;

/** Kinetic-energy and Jacobian regularisation: the channels' values, and the gradient of the regularised loss. */
class RegularisationTest {

    /** dh/dt = net(h^3), net 2-8-2 tanh, as in GradientCheckTest. */
    private static NeuralOde model() {
        Mlp net = Mlp.builder(2).dense(8).tanh().dense(2).initialization(Initialization.normal(0.5)).seed(4).build();
        return new NeuralOde(net, FeatureMap.CUBE);
    }

    /** Three segments of five times on [0, 0.6]. */
    private static Segments batch() {
        Random random = new Random(9);
        int n = 6;
        double[] times = {0, 0.15, 0.3, 0.45, 0.6};
        double[] h0 = new double[n];
        for (int q = 0; q < n; q++) {
            h0[q] = random.nextGaussian();
        }
        double[][] targets = new double[times.length][n];
        targets[0] = h0.clone();
        for (int i = 1; i < times.length; i++) {
            for (int q = 0; q < n; q++) {
                targets[i][q] = random.nextGaussian();
            }
        }
        return new Segments(times, h0, targets, 2);
    }

    private static double[] probe(int n, long seed) {
        Random random = new Random(seed);
        double[] probe = new double[n];
        for (int q = 0; q < n; q++) {
            probe[q] = random.nextGaussian();
        }
        return probe;
    }

    /**
     * Central differences of the regularised loss, the probe held fixed. An adaptive solve's steps
     * jump with theta, so the adjoint is checked against differences of a fine fixed-step solve.
     */
    private static double[] finiteDifferences(NeuralOde ode, RegularisedFit fit, Segments batch, double[] probe) {
        double[] theta = ode.theta();
        double[] gradient = new double[theta.length];
        double eps = 1e-6;
        for (int j = 0; j < theta.length; j++) {
            double saved = theta[j];
            theta[j] = saved + eps;
            double plus = fit.lossAndGradient(batch, probe).loss();
            theta[j] = saved - eps;
            double minus = fit.lossAndGradient(batch, probe).loss();
            theta[j] = saved;
            gradient[j] = (plus - minus) / (2 * eps);
        }
        return gradient;
    }

    @Test
    void backpropThroughRk4DifferentiatesTheRegularisedLoss() {
        NeuralOde ode = model();
        Segments batch = batch();
        double[] probe = probe(6, 3);
        RegularisedFit fit = new RegularisedFit(ode, GradientMethod.backprop(Solvers.rk4(0.05)), Loss.MSE, 1.0, 0.5, 0);
        var result = fit.lossAndGradient(batch, probe);
        // the regularisers are a sizeable part of the loss and of its gradient, so a mistake in their derivative shows
        assertTrue(fit.lastKineticEnergy() > 0.05 * result.loss(), "kinetic term " + fit.lastKineticEnergy());
        assertTrue(0.5 * fit.lastJacobianNorm() > 0.05 * result.loss(), "Jacobian term " + fit.lastJacobianNorm());
        double error = GradientCheckTest.relativeError(result.gradient(), finiteDifferences(ode, fit, batch, probe));
        assertTrue(error < 1e-6, "relative error " + error);
    }

    @Test
    void adjointDifferentiatesTheRegularisedLoss() {
        NeuralOde ode = model();
        Segments batch = batch();
        double[] probe = probe(6, 3);
        Solver tight = Solvers.dormandPrince(1e-10, 1e-12);
        RegularisedFit fit = new RegularisedFit(ode, GradientMethod.adjoint(tight), Loss.MSE, 1.0, 0.5, 0);
        var result = fit.lossAndGradient(batch, probe);
        RegularisedFit fine = new RegularisedFit(ode, GradientMethod.backprop(Solvers.rk4(0.005)), Loss.MSE, 1.0, 0.5, 0);
        double error = GradientCheckTest.relativeError(result.gradient(), finiteDifferences(ode, fine, batch, probe));
        assertTrue(error < 1e-6, "relative error " + error);
    }

    @Test
    void seminormAdjointDifferentiatesTheRegularisedLoss() {
        NeuralOde ode = model();
        Segments batch = batch();
        double[] probe = probe(6, 3);
        AdaptiveRungeKutta tight = Solvers.dormandPrince(1e-10, 1e-12);
        RegularisedFit fit = new RegularisedFit(ode, GradientMethod.adjointWithSeminorm(tight, tight), Loss.MSE,
                1.0, 0.5, 0);
        var result = fit.lossAndGradient(batch, probe);
        RegularisedFit fine = new RegularisedFit(ode, GradientMethod.backprop(Solvers.rk4(0.005)), Loss.MSE, 1.0, 0.5, 0);
        double error = GradientCheckTest.relativeError(result.gradient(), finiteDifferences(ode, fine, batch, probe));
        assertTrue(error < 1e-6, "relative error " + error);
    }

    @Test
    void theRegularisersChangeTheGradient() {
        // the finite-difference checks would pass if the regulariser's cotangents were dropped
        // only if they also vanished from the loss: compare with the unregularised gradient
        NeuralOde ode = model();
        Segments batch = batch();
        ExplicitSolver rk4 = Solvers.rk4(0.05);
        double[] plain = GradientMethod.backprop(rk4).lossAndGradient(ode, batch, Loss.MSE).gradient();
        double[] unweighted = new RegularisedFit(ode, GradientMethod.backprop(rk4), Loss.MSE, 0, 0, 0)
                .lossAndGradient(batch, probe(6, 3)).gradient();
        double[] weighted = new RegularisedFit(ode, GradientMethod.backprop(rk4), Loss.MSE, 1.0, 0.5, 0)
                .lossAndGradient(batch, probe(6, 3)).gradient();
        assertTrue(GradientCheckTest.relativeError(unweighted, plain) < 1e-12, "zero weights change nothing");
        assertTrue(GradientCheckTest.relativeError(weighted, plain) > 0.05, "the weights change the gradient");
    }

    @Test
    void theChannelsIntegrateTheKineticEnergyAndTheJacobianNormOfALinearField() {
        // f(h) = W h + b: (f(h + delta eps) - f(h)) / delta = W eps, so j(T) = T ||W eps||^2 exactly,
        // and k(T) = int ||f(h(t))||^2 dt, checked by Simpson's rule on a tight solution
        Mlp net = Mlp.builder(2).dense(2).initialization(Initialization.normal(0.7)).seed(2).build();
        NeuralOde ode = new NeuralOde(net);
        double[] h0 = {1.0, -0.5};
        double[] eps = {0.8, -1.3};
        double span = 2.0;
        RegularisedField field = new RegularisedField(ode, eps, RegularisedField.DEFAULT_DELTA);
        Solver tight = Solvers.dormandPrince(1e-11, 1e-13);
        double[] end = tight.solve(field, field.augment(h0), new double[] {0, span}).last();

        double[] wEps = ode.at(0, eps);
        double[] zero = ode.at(0, new double[2]);
        double expectedJacobian = span * (Math.pow(wEps[0] - zero[0], 2) + Math.pow(wEps[1] - zero[1], 2));
        assertEquals(expectedJacobian, end[3], 1e-8 * expectedJacobian);

        int intervals = 2000;
        double[] times = new double[intervals + 1];
        for (int i = 0; i <= intervals; i++) {
            times[i] = span * i / intervals;
        }
        Solution solution = tight.solve(ode, h0, times);
        double simpson = 0;
        for (int i = 0; i <= intervals; i++) {
            double[] f = ode.at(0, solution.state(i));
            double weight = i == 0 || i == intervals ? 1 : (i % 2 == 1 ? 4 : 2);
            simpson += weight * (f[0] * f[0] + f[1] * f[1]);
        }
        simpson *= span / intervals / 3;
        assertEquals(simpson, end[2], 1e-8 * simpson);
        assertEquals(solution.last()[0], end[0], 1e-9);
        assertEquals(solution.last()[1], end[1], 1e-9);
    }

    @Test
    void trainerTrainsWithTheRegularisersAndRefusesNegativeWeights() {
        var trainer = Trainer.builder().model(NeuralOde.spiralDemo(0)).data(org.neuralode.data.Spiral.trajectory())
                .gradients(GradientMethod.backprop(Solvers.dormandPrince(1e-5, 1e-7))).optimizer(new RmsProp(1e-3))
                .kineticEnergy(0.1).jacobianNorm(0.1).build();
        var history = trainer.run(3);
        assertEquals(3, history.size());
        assertTrue(Double.isFinite(trainer.testLoss()));
        var error = assertThrows(IllegalArgumentException.class, () -> Trainer.builder().model(NeuralOde.spiralDemo(0))
                .data(org.neuralode.data.Spiral.trajectory()).gradients(GradientMethod.adjoint(Solvers.rk4(0.1)))
                .optimizer(new RmsProp(1e-3)).kineticEnergy(-1).build());
        assertTrue(error.getMessage().contains("kineticEnergy"), error.getMessage());
        var probeError = assertThrows(IllegalArgumentException.class,
                () -> new RegularisedField(model(), new double[3], 1e-4));
        assertTrue(probeError.getMessage().contains("probe"), probeError.getMessage());
    }
}
