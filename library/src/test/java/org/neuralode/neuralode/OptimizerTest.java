package org.neuralode.neuralode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OptimizerTest {

    @Test
    void sgdWithMomentumFollowsTheHeavyBallRule() {
        double[] theta = {1.0, -2.0};
        Sgd sgd = new Sgd(0.1, 0.9);
        sgd.step(theta, new double[] {0.5, 1.0});   // v = g
        assertArrayEquals(new double[] {1.0 - 0.05, -2.0 - 0.1}, theta, 1e-15);
        sgd.step(theta, new double[] {0.5, -1.0});  // v = 0.9 v + g = {0.95, -0.1}
        assertArrayEquals(new double[] {0.95 - 0.095, -2.1 + 0.01}, theta, 1e-15);
    }

    @Test
    void rmsPropDividesByTheRootMeanSquare() {
        double[] theta = {1.0};
        RmsProp rms = new RmsProp(0.01);
        rms.step(theta, new double[] {2.0});
        // v = 0.01 * 4 = 0.04, step = 0.01 * 2 / (0.2 + 1e-8)
        assertEquals(1.0 - 0.01 * 2 / (0.2 + 1e-8), theta[0], 1e-15);
        rms.step(theta, new double[] {-1.0});
        double v = 0.99 * 0.04 + 0.01 * 1.0;
        assertEquals(1.0 - 0.01 * 2 / (0.2 + 1e-8) + 0.01 / (Math.sqrt(v) + 1e-8), theta[0], 1e-15);
    }

    @Test
    void adamCorrectsItsBias() {
        double[] theta = {0.0, 0.0};
        Adam adam = new Adam(0.1);
        adam.step(theta, new double[] {3.0, -0.001});
        // first step: m_hat = g, v_hat = g^2, so each parameter moves by lr * sign(g) (up to eps)
        assertEquals(-0.1 * 3 / (3 + 1e-8), theta[0], 1e-15);
        assertEquals(0.1 * 0.001 / (0.001 + 1e-8), theta[1], 1e-15);
        adam.step(theta, new double[] {1.0, 0.0});
        double m = (0.9 * 0.3 + 0.1 * 1.0) / (1 - 0.81);
        double v = (0.999 * 0.009 + 0.001 * 1.0) / (1 - 0.999 * 0.999);
        assertEquals(-0.1 * 3 / (3 + 1e-8) - 0.1 * m / (Math.sqrt(v) + 1e-8), theta[0], 1e-14);
    }

    @Test
    void adamDecaysItsLearningRateToTheFloor() {
        double[] theta = {0.0};
        Adam adam = new Adam(0.1).decaying(0.5, 0.03);
        assertEquals(0.1, adam.learningRate(), 0);
        adam.step(theta, new double[] {2.0});   // the first step moves by lr (up to eps): lr_1 = 0.1
        assertEquals(-0.1 * 2 / (2 + 1e-8), theta[0], 1e-15);
        assertEquals(0.05, adam.learningRate(), 1e-15);   // lr_2 = 0.1 * 0.5
        adam.step(theta, new double[] {2.0});   // constant gradient: m_hat / sqrt(v_hat) = 1
        assertEquals(-0.1 * 2 / (2 + 1e-8) - 0.05 * 2 / (2 + 1e-8), theta[0], 1e-14);
        assertEquals(0.03, adam.learningRate(), 0);   // 0.025 is below the floor
        adam.reset();
        assertEquals(0.1, adam.learningRate(), 0);
        var e = assertThrows(IllegalArgumentException.class, () -> new Adam(0.1).decaying(1.5, 0.01));
        assertEquals("rate must be in (0, 1], got 1.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Adam(0.1).decaying(0.9, 0.2));
        assertTrue(e.getMessage().startsWith("lowest must be positive and at most the learning rate 0.1"), e.getMessage());
    }

    @Test
    void clippingRescalesLargeGradientsOnly() {
        double[] theta = {0.0, 0.0};
        Optimizer clipped = new Sgd(1.0).withGradientClipping(1.0);
        clipped.step(theta, new double[] {3.0, 4.0});     // norm 5 -> rescaled to norm 1
        assertArrayEquals(new double[] {-0.6, -0.8}, theta, 1e-15);
        clipped.step(theta, new double[] {0.3, 0.4});     // norm 0.5: untouched
        assertArrayEquals(new double[] {-0.9, -1.2}, theta, 1e-15);
    }

    @Test
    void badSettingsAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> new RmsProp(-1));
        assertEquals("learningRate must be finite and positive, got -1.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Sgd(0.1, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new Adam(0.1).withGradientClipping(0));
    }
}
