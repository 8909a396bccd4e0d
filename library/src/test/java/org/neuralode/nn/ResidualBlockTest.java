package org.neuralode.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResidualBlockTest {

    /** f(h) = w h + b, a one-unit linear layer; the flow of dh/dt = w h + b is known in closed form. */
    private static Mlp linear(double w, double b) {
        Mlp f = Mlp.builder(1).dense(1).build();
        f.theta()[0] = w;
        f.theta()[1] = b;
        return f;
    }

    @Test
    void aResNetBlockIsOneEulerStepWithStepOne() {
        Mlp f = linear(-0.5, 2);
        double[] next = ResidualBlock.of(f).apply(new double[] {3});
        assertEquals(3 + (-0.5 * 3 + 2), next[0], 1e-15);
    }

    @Test
    void stackedBlocksConvergeToTheOdeFlowAtFirstOrder() {
        double w = -0.8;
        double b = 0.3;
        double h0 = 2;
        double end = 2.0;
        double exact = (h0 + b / w) * Math.exp(w * end) - b / w;
        ResidualBlock block = ResidualBlock.of(linear(w, b));
        double previous = Double.NaN;
        for (int depth : new int[] {10, 20, 40, 80}) {
            var stack = block.stack(depth, end / depth);
            double error = Math.abs(stack.apply(new double[] {h0})[0] - exact);
            if (!Double.isNaN(previous)) {
                // Euler is first order: doubling N halves the error
                assertEquals(2.0, previous / error, 0.1, "error ratio at N = " + depth);
            }
            previous = error;
        }
        assertTrue(previous < 2e-2, "error at N = 80: " + previous);
    }

    @Test
    void backpropagationThroughTheStackMatchesFiniteDifferences() {
        Mlp f = Mlp.builder(2).dense(4).tanh().dense(2).initialization(Initialization.glorot()).seed(2).build();
        var stack = ResidualBlock.of(f).stack(5, 0.3);
        double[] h0 = {0.4, -1.1};
        double[] w = {1.5, -0.7};   // L = w . h_N
        double[] dTheta = new double[f.parameterCount()];
        double[] dh0 = stack.vjp(h0, w, dTheta);
        double eps = 1e-6;
        for (int p = 0; p < f.parameterCount(); p++) {
            double saved = f.theta()[p];
            f.theta()[p] = saved + eps;
            double plus = dot(w, stack.apply(h0));
            f.theta()[p] = saved - eps;
            double minus = dot(w, stack.apply(h0));
            f.theta()[p] = saved;
            assertEquals((plus - minus) / (2 * eps), dTheta[p], 1e-8, "dL/dtheta[" + p + "]");
        }
        for (int j = 0; j < 2; j++) {
            double[] hp = h0.clone();
            hp[j] += eps;
            double[] hm = h0.clone();
            hm[j] -= eps;
            assertEquals((dot(w, stack.apply(hp)) - dot(w, stack.apply(hm))) / (2 * eps), dh0[j], 1e-8);
        }
        assertEquals(6, stack.trajectory(h0).length);
        assertEquals(1.5, stack.endTime(), 1e-15);
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1];
    }
}
