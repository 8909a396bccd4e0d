package org.neuralode.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MlpTest {

    @Test
    void parametersAreViewsOfOneFlatVector() {
        Mlp net = Mlp.builder(2).dense(3).tanh().dense(1).build();
        assertEquals(3 * 2 + 3 + 1 * 3 + 1, net.parameterCount());
        Dense first = (Dense) net.layers().get(0);
        Dense last = (Dense) net.layers().get(2);
        assertEquals(0, first.offset());
        assertEquals(9, last.offset());
        assertEquals(6, first.biasIndex(0));
        // zero biases at initialisation, as torchdiffeq's demo
        for (int o = 0; o < 3; o++) {
            assertEquals(0.0, net.theta()[first.biasIndex(o)]);
        }
        // setting the view changes the function: y = W2 tanh(W1 x + b1) + b2
        java.util.Arrays.fill(net.theta(), 0.0);
        net.theta()[first.weightIndex(1, 0)] = 2.0;   // hidden unit 1 = tanh(2 x0)
        net.theta()[last.weightIndex(0, 1)] = 3.0;
        net.theta()[last.biasIndex(0)] = 0.5;
        double[] y = net.apply(new double[] {0.3, -7});
        assertEquals(3 * Math.tanh(0.6) + 0.5, y[0], 1e-15);
    }

    @Test
    void seededInitialisationIsReproducibleWithTheRequestedScale() {
        Mlp a = Mlp.builder(20).dense(200).tanh().dense(20).seed(7).build();
        Mlp b = Mlp.builder(20).dense(200).tanh().dense(20).seed(7).build();
        assertArrayEquals(a.theta(), b.theta());
        double sumSquares = 0;
        int weights = 0;
        for (var layer : a.layers()) {
            if (layer instanceof Dense d) {
                for (int o = 0; o < d.outputSize(); o++) {
                    for (int i = 0; i < d.inputSize(); i++) {
                        double w = a.theta()[d.weightIndex(o, i)];
                        sumSquares += w * w;
                        weights++;
                    }
                }
            }
        }
        assertEquals(0.1, Math.sqrt(sumSquares / weights), 0.003);

        Mlp g = Mlp.builder(20).dense(200).tanh().dense(20).initialization(Initialization.glorot()).build();
        double bound = Math.sqrt(6.0 / 220);
        double max = 0;
        for (double w : g.theta()) {
            max = Math.max(max, Math.abs(w));
        }
        assertTrue(max <= bound && max > 0.95 * bound, "Glorot weights lie in [-a, a], a = " + bound + ", max " + max);
    }

    @Test
    void batchedEvaluationMatchesRowByRow() {
        Mlp net = Mlp.builder(3).dense(8).softplus().dense(4).relu().dense(2).seed(3).build();
        double[][] x = {{1, 2, 3}, {-1, 0.5, 0}, {0.1, 0.2, -0.3}};
        double[][] batched = net.apply(x);
        for (int r = 0; r < x.length; r++) {
            assertArrayEquals(net.apply(x[r]), batched[r], 0.0);
        }
    }

    @Test
    void vjpMatchesCentralFiniteDifferences() {
        for (Activation activation : Activation.values()) {
            Mlp net = Mlp.builder(3).dense(6).activation(activation).dense(2).initialization(Initialization.glorot())
                    .seed(11).build();
            checkVjp(net, activation.name());
        }
        checkVjp(Mlp.builder(2).dense(5).tanh().dense(5).softplus().dense(3).seed(5).build(), "deep");
    }

    private static void checkVjp(Mlp net, String label) {
        int batch = 4;
        Random random = new Random(1);
        double[] x = new double[batch * net.inputSize()];
        double[] w = new double[batch * net.outputSize()];
        for (int j = 0; j < x.length; j++) {
            x[j] = random.nextGaussian();
        }
        for (int j = 0; j < w.length; j++) {
            w[j] = random.nextGaussian();
        }
        // L = w . net(x); dL/dx and dL/dtheta by reverse mode
        Mlp.Trace trace = net.newTrace(batch);
        net.forward(x, batch, trace);
        double[] dTheta = new double[net.parameterCount()];
        double[] dx = net.vjp(trace, w, dTheta).clone();

        double eps = 1e-6;
        for (int j = 0; j < x.length; j++) {
            double saved = x[j];
            x[j] = saved + eps;
            double plus = dot(w, net.forward(x, batch, trace));
            x[j] = saved - eps;
            double minus = dot(w, net.forward(x, batch, trace));
            x[j] = saved;
            assertEquals((plus - minus) / (2 * eps), dx[j], 1e-7 * (1 + Math.abs(dx[j])), label + " dL/dx[" + j + "]");
        }
        double[] theta = net.theta();
        for (int p = 0; p < theta.length; p++) {
            double saved = theta[p];
            theta[p] = saved + eps;
            double plus = dot(w, net.forward(x, batch, trace));
            theta[p] = saved - eps;
            double minus = dot(w, net.forward(x, batch, trace));
            theta[p] = saved;
            assertEquals((plus - minus) / (2 * eps), dTheta[p], 1e-7 * (1 + Math.abs(dTheta[p])), label + " dL/dtheta[" + p + "]");
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }

    @Test
    void activationsHaveTheirTextbookValues() {
        assertEquals(Math.log(2), Activation.SOFTPLUS.value(0), 1e-15);
        assertEquals(800.0, Activation.SOFTPLUS.value(800), 1e-12);   // no overflow
        assertEquals(0.5, Activation.SOFTPLUS.derivative(0, Math.log(2)), 1e-15);
        assertEquals(0.0, Activation.RELU.value(-3));
        assertEquals(Math.tanh(0.7), Activation.TANH.value(0.7), 1e-16);
    }

    @Test
    void theFastTanhAgreesWithTheLibraryTanh() {
        for (double z = -30; z <= 30; z += 0.001) {
            assertEquals(Math.tanh(z), ActivationLayer.tanh(z), 2e-15 * Math.abs(Math.tanh(z)) + 1e-17,
                    "tanh(" + z + ")");
        }
        assertEquals(1.0, ActivationLayer.tanh(800));
        assertEquals(-1.0, ActivationLayer.tanh(-800));
    }

    @Test
    void theFastTanhIsWithinTwoUlpsOfTheLibraryTanh() {
        Random random = new Random(3);
        for (int k = 0; k < 200_000; k++) {
            // |z| from 1e-8 to 30, on both sides of the switch at 0.625
            double z = (random.nextBoolean() ? 1 : -1) * Math.pow(10, -8 + 9.5 * random.nextDouble());
            double expected = Math.tanh(z);
            assertEquals(expected, ActivationLayer.tanh(z), 2 * Math.ulp(expected), "tanh(" + z + ")");
        }
        assertEquals(0.0, ActivationLayer.tanh(0.0));
    }

    /**
     * The layer computes tanh in two passes (the rational form everywhere, then the exponential
     * form where {@code |z| >= 0.625}); every element must be the one-at-a-time value to the last
     * bit, including zeros of both signs, subnormals, infinities, NaN and values whose first pass
     * overflows.
     */
    @Test
    void theTwoPassTanhOfALayerIsTheScalarTanhBitForBit() {
        Random random = new Random(7);
        double[] special = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, 0.625, -0.625,
                Math.nextDown(0.625), Math.nextUp(-0.625), 1e200, -1e200, Double.MAX_VALUE,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
        int n = 5000 + special.length;
        double[] z = new double[n];
        for (int j = 0; j < 5000; j++) {
            z[j] = (random.nextBoolean() ? 1 : -1) * Math.pow(10, -10 + 12 * random.nextDouble());
        }
        System.arraycopy(special, 0, z, 5000, special.length);
        double[] y = new double[n];
        new ActivationLayer(Activation.TANH, 1).forward(new double[0], new double[][] {z}, new double[][] {y}, n);
        for (int j = 0; j < n; j++) {
            assertEquals(Double.doubleToRawLongBits(ActivationLayer.tanh(z[j])), Double.doubleToRawLongBits(y[j]),
                    "tanh(" + z[j] + ")");
        }
        assertTrue(Double.isNaN(y[n - 1]));
    }

    /**
     * The batched kernels (one feature per row, unrolled by four) against the textbook loops, one
     * state at a time, on shapes that are not multiples of four and batches of 1 to 33: equal to
     * rounding (the sums run in the same order; only tanh differs from {@link Math#tanh}, by at
     * most two ulps).
     */
    @Test
    void batchedKernelsMatchTheTextbookLoopsOneStateAtATime() {
        int[][] shapes = {{2, 50, 2}, {3, 7, 5}, {1, 9, 1}, {6, 4, 9}};
        for (int[] shape : shapes) {
            for (int batch : new int[] {1, 2, 5, 33}) {
                Mlp net = Mlp.builder(shape[0]).dense(shape[1]).tanh().dense(shape[2]).seed(batch).build();
                Random random = new Random(batch);
                double[] x = new double[batch * shape[0]];
                double[] dy = new double[batch * shape[2]];
                for (int j = 0; j < x.length; j++) {
                    x[j] = random.nextGaussian();
                }
                for (int j = 0; j < dy.length; j++) {
                    dy[j] = random.nextGaussian();
                }
                Mlp.Trace trace = net.newTrace(batch);
                double[] y = net.forward(x, batch, trace).clone();
                double[] dTheta = new double[net.parameterCount()];
                double[] dx = net.vjp(trace, dy, dTheta).clone();

                double[] expectedDTheta = new double[net.parameterCount()];
                for (int r = 0; r < batch; r++) {
                    double[] xr = java.util.Arrays.copyOfRange(x, r * shape[0], (r + 1) * shape[0]);
                    double[] dyr = java.util.Arrays.copyOfRange(dy, r * shape[2], (r + 1) * shape[2]);
                    double[][] expected = textbook(net, xr, dyr, expectedDTheta);
                    String where = java.util.Arrays.toString(shape) + " batch " + batch + " row " + r;
                    for (int o = 0; o < shape[2]; o++) {
                        assertEquals(expected[0][o], y[r * shape[2] + o], 1e-14 * (1 + Math.abs(expected[0][o])), where);
                    }
                    for (int i = 0; i < shape[0]; i++) {
                        assertEquals(expected[1][i], dx[r * shape[0] + i], 1e-14 * (1 + Math.abs(expected[1][i])), where);
                    }
                }
                for (int p = 0; p < dTheta.length; p++) {
                    assertEquals(expectedDTheta[p], dTheta[p], 1e-13 * (1 + Math.abs(expectedDTheta[p])),
                            java.util.Arrays.toString(shape) + " batch " + batch + " dtheta[" + p + "]");
                }
            }
        }
    }

    /** {@code {y, dL/dx}} of {@code y = W2 tanh(W1 x + b1) + b2} for one state; adds dL/dtheta into {@code dTheta}. */
    private static double[][] textbook(Mlp net, double[] x, double[] dy, double[] dTheta) {
        Dense first = (Dense) net.layers().get(0);
        Dense second = (Dense) net.layers().get(2);
        double[] theta = net.theta();
        int hidden = first.outputSize();
        double[] a = new double[hidden];
        for (int o = 0; o < hidden; o++) {
            double z = theta[first.biasIndex(o)];
            for (int i = 0; i < x.length; i++) {
                z += theta[first.weightIndex(o, i)] * x[i];
            }
            a[o] = Math.tanh(z);
        }
        double[] y = new double[second.outputSize()];
        double[] da = new double[hidden];
        for (int o = 0; o < y.length; o++) {
            y[o] = theta[second.biasIndex(o)];
            for (int i = 0; i < hidden; i++) {
                y[o] += theta[second.weightIndex(o, i)] * a[i];
                da[i] += theta[second.weightIndex(o, i)] * dy[o];
                dTheta[second.weightIndex(o, i)] += dy[o] * a[i];
            }
            dTheta[second.biasIndex(o)] += dy[o];
        }
        double[] dx = new double[x.length];
        for (int o = 0; o < hidden; o++) {
            double dz = (1 - a[o] * a[o]) * da[o];
            dTheta[first.biasIndex(o)] += dz;
            for (int i = 0; i < x.length; i++) {
                dx[i] += theta[first.weightIndex(o, i)] * dz;
                dTheta[first.weightIndex(o, i)] += dz * x[i];
            }
        }
        return new double[][] {y, dx};
    }

    @Test
    void badArgumentsAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> Mlp.builder(2).dense(0));
        assertTrue(e.getMessage().contains("out"));
        Mlp net = Mlp.builder(2).dense(2).build();
        e = assertThrows(IllegalArgumentException.class, () -> net.apply(new double[3]));
        assertTrue(e.getMessage().contains("x must have length 2"));
    }

    @Test
    void aLayerTooLargeForAnArrayIsRefusedBeforeItOverflows() {
        // 65537 * 65536 + 65537 parameters wrapped around an int
        var e = assertThrows(IllegalArgumentException.class, () -> Mlp.builder(65536).dense(65537));
        assertTrue(e.getMessage().contains("Dense(in = 65536, out = 65537)")
                && e.getMessage().contains("needs an array of 4295098369 entries"), e.getMessage());
        // the offset of a later layer is added in long as well
        var late = assertThrows(IllegalArgumentException.class, () -> new Dense(2, 2, Integer.MAX_VALUE - 5));
        assertTrue(late.getMessage().contains("needs an array of 2147483648 entries"), late.getMessage());
    }

    @Test
    void aStackTooDeepForAnArrayIsRefused() {
        ResidualBlock block = ResidualBlock.of(Mlp.builder(2).dense(2).build());
        var e = assertThrows(IllegalArgumentException.class, () -> block.stack(Integer.MAX_VALUE, 1e-9));
        assertTrue(e.getMessage().contains("depth + 1 = 2147483647 + 1"), e.getMessage());
    }
}
