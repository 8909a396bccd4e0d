package org.neuralode.neuralode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.neuralode.nn.Mlp;
import org.neuralode.data.Segments;
import org.neuralode.solvers.ExplicitSolver;
import org.neuralode.solvers.Solver;
import org.neuralode.solvers.Solvers;

class GradientCheckTest {

    /** dh/dt = net(h^3), net 2-8-2 tanh, three segments of five times on [0, 0.6]. */
    private static NeuralOde model() {
        Mlp net = Mlp.builder(2).dense(8).tanh().dense(2).initialization(org.neuralode.nn.Initialization.normal(0.5))
                .seed(4).build();
        return new NeuralOde(net, FeatureMap.CUBE);
    }

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

    /** The loss of the library solver's own solution, for finite differences. */
    private static double loss(NeuralOde model, Solver solver, Segments batch, Loss loss) {
        return loss.value(solver.solve(model, batch.h0(), batch.times()).states(), batch.targets());
    }

    private static double[] finiteDifferences(NeuralOde model, Solver solver, Segments batch, Loss loss) {
        double[] theta = model.theta();
        double[] gradient = new double[theta.length];
        double eps = 1e-6;
        for (int j = 0; j < theta.length; j++) {
            double saved = theta[j];
            theta[j] = saved + eps;
            double plus = loss(model, solver, batch, loss);
            theta[j] = saved - eps;
            double minus = loss(model, solver, batch, loss);
            theta[j] = saved;
            gradient[j] = (plus - minus) / (2 * eps);
        }
        return gradient;
    }

    /** max_j |actual_j - expected_j| / max_j |expected_j|; shared by the gradient tests of this package. */
    static double relativeError(double[] actual, double[] expected) {
        double difference = 0;
        double scale = 0;
        for (int j = 0; j < expected.length; j++) {
            difference = Math.max(difference, Math.abs(actual[j] - expected[j]));
            scale = Math.max(scale, Math.abs(expected[j]));
        }
        return difference / scale;
    }

    @Test
    void backpropThroughRk4MatchesFiniteDifferences() {
        NeuralOde model = model();
        Segments batch = batch();
        ExplicitSolver rk4 = Solvers.rk4(0.05);
        var result = GradientMethod.backprop(rk4).lossAndGradient(model, batch, Loss.MSE);
        // the recorded solve computes exactly what the library's solver computes
        var library = rk4.solve(model, batch.h0(), batch.times());
        for (int i = 0; i < batch.times().length; i++) {
            assertArrayEquals(library.state(i), result.predictions()[i], 1e-13);
        }
        double[] fd = finiteDifferences(model, rk4, batch, Loss.MSE);
        double error = relativeError(result.gradient(), fd);
        assertTrue(error < 1e-6, "relative error " + error);
        assertEquals(result.forwardEvaluations(), library.statistics().evaluations());
    }

    @Test
    void backpropThroughEulerGivesTheInitialStateGradientToo() {
        NeuralOde model = model();
        Segments batch = batch();
        ExplicitSolver euler = Solvers.euler(0.05);
        var result = GradientMethod.backprop(euler).lossAndGradient(model, batch, Loss.L1);
        double eps = 1e-7;
        for (int q = 0; q < batch.h0().length; q++) {
            double[] plus = batch.h0().clone();
            double[] minus = batch.h0().clone();
            plus[q] += eps;
            minus[q] -= eps;
            // the targets stay fixed; only the starting point moves
            double lp = Loss.L1.value(euler.solve(model, plus, batch.times()).states(), batch.targets());
            double lm = Loss.L1.value(euler.solve(model, minus, batch.times()).states(), batch.targets());
            assertEquals((lp - lm) / (2 * eps), result.initialStateGradient()[q], 1e-6, "dL/dh0[" + q + "]");
        }
    }

    @Test
    void adjointMatchesFiniteDifferencesToTheSolverTolerance() {
        NeuralOde model = model();
        Segments batch = batch();
        var adjoint = GradientMethod.adjoint(Solvers.dormandPrince(1e-10, 1e-10)).lossAndGradient(model, batch, Loss.MSE);
        double[] fd = finiteDifferences(model, Solvers.rk4(0.005), batch, Loss.MSE);
        double error = relativeError(adjoint.gradient(), fd);
        assertTrue(error < 1e-6, "relative error " + error);
        assertTrue(adjoint.backwardEvaluations() > 0);
    }

    @Test
    void backpropThroughDormandPrinceAgreesWithTheAdjoint() {
        NeuralOde model = model();
        Segments batch = batch();
        ExplicitSolver dopri = Solvers.dormandPrince(1e-8, 1e-8);
        var backprop = GradientMethod.backprop(dopri).lossAndGradient(model, batch, Loss.MSE);
        var adjoint = GradientMethod.adjoint(dopri).lossAndGradient(model, batch, Loss.MSE);
        double error = relativeError(backprop.gradient(), adjoint.gradient());
        assertTrue(error < 1e-5, "relative difference " + error);
        assertTrue(relativeError(backprop.initialStateGradient(), adjoint.initialStateGradient()) < 1e-5);
        assertEquals(backprop.loss(), adjoint.loss(), 1e-7 * backprop.loss());
    }

    @Test
    void backpropThroughDormandPrinceReplaysTheLibrarySolve() {
        // same starting step, error norm and dense output: the predictions are the solver's, forward and backward
        NeuralOde model = model();
        Segments batch = batch();
        ExplicitSolver dopri = Solvers.dormandPrince(1e-6, 1e-6);
        double[] forward = org.neuralode.Grids.linspace(0, 1.5, 31);
        double[] backward = org.neuralode.Grids.linspace(0.6, -0.9, 31);
        for (double[] times : new double[][] {forward, backward}) {
            double[][] expected = dopri.solve(model, batch.h0(), times).states();
            double[][] actual = GradientMethod.backprop(dopri).forward(model, batch.h0(), times).predictions();
            for (int i = 0; i < times.length; i++) {
                assertArrayEquals(expected[i], actual[i], 1e-12, "h(" + times[i] + ")");
            }
        }
    }

    @Test
    void backpropThroughDenseOutputMatchesTheClosedForm() {
        // dh/dt = w h + b has h(t) = (h0 + b/w) e^(wt) - b/w; 41 observations on [0, 2], far more than steps
        double w = -0.7;
        double b = 0.4;
        double h0 = 1.3;
        Mlp net = Mlp.builder(1).dense(1).build();
        net.theta()[0] = w;
        net.theta()[1] = b;
        NeuralOde model = new NeuralOde(net);
        double[] times = org.neuralode.Grids.linspace(0, 2, 41);
        double[][] targets = new double[times.length][1];
        for (int i = 0; i < times.length; i++) {
            targets[i][0] = Math.sin(times[i]);
        }
        Segments batch = new Segments(times, new double[] {h0}, targets, 1);
        var result = GradientMethod.backprop(Solvers.dormandPrince(1e-9, 1e-9)).lossAndGradient(model, batch, Loss.MSE);
        assertTrue(result.forwardEvaluations() < 6 * 40, "outputs are interpolated, not stepped to: "
                + result.forwardEvaluations() + " evaluations");
        double dLdw = 0;
        double dLdb = 0;
        for (int i = 0; i < times.length; i++) {
            double e = Math.exp(w * times[i]);
            double h = (h0 + b / w) * e - b / w;
            assertEquals(h, result.predictions()[i][0], 1e-8, "h(" + times[i] + ")");
            double residual = 2 * (h - targets[i][0]) / times.length;
            dLdb += residual * (e - 1) / w;
            dLdw += residual * ((h0 + b / w) * times[i] * e - (e - 1) * b / (w * w));
        }
        assertEquals(dLdw, result.gradient()[0], 1e-7 * Math.abs(dLdw));
        assertEquals(dLdb, result.gradient()[1], 1e-7 * Math.abs(dLdb));
    }

    @Test
    void backpropMemoryGrowsWithTheStepCountAndTheAdjointsDoesNot() {
        NeuralOde model = model();
        Segments batch = batch();
        var loose = Solvers.dormandPrince(1e-5, 1e-5);
        var tight = Solvers.dormandPrince(1e-10, 1e-10);
        var backpropLoose = GradientMethod.backprop(loose).lossAndGradient(model, batch, Loss.MSE);
        var backpropTight = GradientMethod.backprop(tight).lossAndGradient(model, batch, Loss.MSE);
        var adjointLoose = GradientMethod.adjoint(loose).lossAndGradient(model, batch, Loss.MSE);
        var adjointTight = GradientMethod.adjoint(tight).lossAndGradient(model, batch, Loss.MSE);
        assertTrue(backpropTight.forwardEvaluations() > 2 * backpropLoose.forwardEvaluations());
        assertTrue(backpropTight.storedValues() > 2 * backpropLoose.storedValues());
        assertEquals(adjointLoose.storedValues(), adjointTight.storedValues());
        assertTrue(adjointTight.storedValues() < backpropTight.storedValues());
    }
}
