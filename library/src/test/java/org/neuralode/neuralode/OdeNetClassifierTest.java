package org.neuralode.neuralode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.neuralode.data.TwoClasses;
import org.neuralode.nn.Initialization;
import org.neuralode.nn.Mlp;
import org.neuralode.solvers.Solvers;

class OdeNetClassifierTest {

    private static OdeNetClassifier classifier(int augmented, GradientMethod gradients) {
        Mlp net = Mlp.builder(2 + augmented).dense(8).tanh().dense(2 + augmented)
                .initialization(Initialization.glorot()).seed(3).build();
        return new OdeNetClassifier(new NeuralOde(net), 2, 1.0, gradients, 1e-2, 5);
    }

    @Test
    void gradientMatchesFiniteDifferencesOfTheLoss() {
        // RK4 with a fixed step: backprop is then the exact gradient of the computed loss
        OdeNetClassifier c = classifier(1, GradientMethod.backprop(Solvers.rk4(0.25)));
        TwoClasses data = TwoClasses.concentricCircles(12, 2);
        OdeNetClassifier.LossGradient g = c.lossAndGradient(data.points(), data.labels());
        double eps = 1e-6;
        double[][] params = {c.field().theta(), c.readout()};
        double[][] analytic = {g.parameters(), g.readout()};
        for (int p = 0; p < 2; p++) {
            for (int j = 0; j < params[p].length; j++) {
                double saved = params[p][j];
                params[p][j] = saved + eps;
                double plus = c.lossAndGradient(data.points(), data.labels()).loss();
                params[p][j] = saved - eps;
                double minus = c.lossAndGradient(data.points(), data.labels()).loss();
                params[p][j] = saved;
                assertEquals((plus - minus) / (2 * eps), analytic[p][j], 1e-8, "parameter " + j + " of " + (p == 0 ? "theta" : "readout"));
            }
        }
    }

    @Test
    void theFlowStartsAtTheInputWithZerosAppended() {
        OdeNetClassifier c = classifier(2, GradientMethod.backprop(Solvers.dormandPrince(1e-6, 1e-8)));
        assertEquals(2, c.augmentedDimensions());
        double[][] x = {{0.3, -0.7}, {1.2, 0.4}};
        assertArrayEquals(new double[] {0.3, -0.7, 0, 0, 1.2, 0.4, 0, 0}, c.initialStates(x));
        double[][][] flow = c.flow(x, new double[] {0, 0.5, 1});
        assertArrayEquals(new double[] {1.2, 0.4, 0, 0}, flow[1][0]);
        double[] end = Solvers.dormandPrince(1e-6, 1e-8).solve(c.field(), new double[] {1.2, 0.4, 0, 0}, new double[] {0, 1}).last();
        assertArrayEquals(end, flow[1][2], 1e-6);
    }

    @Test
    void aOneStepResNetLearnsTheConcentricCircles() {
        OdeNetClassifier c = classifier(0, GradientMethod.backprop(Solvers.euler(1.0)));
        TwoClasses data = TwoClasses.concentricCircles(100, 0);
        double first = c.step(data.points(), data.labels()).loss();
        for (int i = 0; i < 300; i++) {
            c.step(data.points(), data.labels());
        }
        double last = c.lossAndGradient(data.points(), data.labels()).loss();
        assertTrue(last < 0.2 * first, "loss " + first + " -> " + last);
        assertTrue(c.accuracy(data.points(), data.labels()) >= 0.95);
        double[] p = c.probability(new double[][] {{0, 0}, {1.25, 0}});
        assertTrue(p[0] < 0.5 && p[1] > 0.5, Arrays.toString(p));
    }

    @Test
    void wrongArgumentsNameTheArgumentAndTheValue() {
        Mlp net = Mlp.builder(2).dense(4).tanh().dense(2).seed(1).build();
        GradientMethod g = GradientMethod.backprop(Solvers.rk4(0.5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OdeNetClassifier(new NeuralOde(net), 3, 1.0, g, 1e-2, 0));
        assertTrue(e.getMessage().contains("inputDimension") && e.getMessage().contains("3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new OdeNetClassifier(new NeuralOde(net), 2, -1, g, 1e-2, 0));
        assertTrue(e.getMessage().contains("endTime") && e.getMessage().contains("-1"), e.getMessage());
        OdeNetClassifier c = new OdeNetClassifier(new NeuralOde(net), 2, 1.0, g, 1e-2, 0);
        e = assertThrows(IllegalArgumentException.class, () -> c.step(new double[][] {{0, 0}}, new int[] {0, 1}));
        assertTrue(e.getMessage().contains("labels"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> c.initialStates(new double[][] {{0, 0, 0}}));
        assertTrue(e.getMessage().contains("x[0]"), e.getMessage());
    }

    @Test
    void aSolverThatGivesUpStopsTheStepWithATrainingException() {
        OdeNetClassifier c = classifier(0, GradientMethod.backprop(Solvers.rk4(0.01), 5));
        TwoClasses moons = TwoClasses.twoMoons(20, 0.1, 0);
        TrainingException e = assertThrows(TrainingException.class, () -> c.step(moons.points(), moons.labels()));
        assertTrue(e.getMessage().contains("solver gave up"), e.getMessage());
    }

    @Test
    void aReadoutEditedBetweenStepsIsTheOneTrained() {
        TwoClasses moons = TwoClasses.twoMoons(20, 0.1, 0);
        OdeNetClassifier c = classifier(0, GradientMethod.backprop(Solvers.rk4(0.25)));
        c.step(moons.points(), moons.labels());
        Arrays.fill(c.readout(), 0.0);
        double before = c.lossAndGradient(moons.points(), moons.labels()).loss();
        OdeNetClassifier.Step step = c.step(moons.points(), moons.labels());
        assertEquals(before, step.loss(), 0.0, "the step's loss is that of the edited readout");
        assertEquals(Math.log(2), before, 1e-12, "a zero readout gives every point probability 1/2");
    }
}
