package org.neuralode.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Dense}'s tuned kernel against its plain loops, bit for bit: every size that exercises a
 * different mix of the kernel's unrolled passes (by four, by two, one at a time) and remainders.
 */
class DenseKernelTest {

    private static double[][] random(Random random, int features, int batch) {
        double[][] a = new double[features][batch];
        for (double[] row : a) {
            for (int r = 0; r < batch; r++) {
                row[r] = random.nextGaussian() * Math.exp(3 * random.nextGaussian());   // magnitudes apart: rounding shows
            }
        }
        return a;
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int j = 0; j < a.length; j++) {
            c[j] = a[j].clone();
        }
        return c;
    }

    @Test
    void theKernelIsThePlainLoopBitForBit() {
        Random random = new Random(11);
        for (int in = 1; in <= 11; in++) {
            for (int out = 1; out <= 11; out++) {
                for (int batch : new int[] {1, 2, 3, 5, 8, 20}) {
                    assertKernelIsPlain(random, in, out, batch);
                }
            }
        }
    }

    /**
     * Wider layers: the weight gradient's tiles of {@code DenseKernel.TILE} inputs (a tile and a
     * remainder, two tiles exactly) and a batch that grows the per-thread scratch space after a
     * smaller one, then a smaller one again that must not read the larger one's leftovers.
     */
    @Test
    void wideLayersAndLargeBatchesAreThePlainLoopBitForBit() {
        Random random = new Random(12);
        int tile = DenseKernel.TILE;
        int[][] shapes = {{tile + 3, 5, 7}, {2 * tile, 6, 33}, {3, tile + 1, 130}, {tile - 1, 9, 301}, {70, 70, 4},
                          {2 * tile + 5, 3, 1}};
        for (int[] shape : shapes) {
            assertKernelIsPlain(random, shape[0], shape[1], shape[2]);
        }
    }

    private static void assertKernelIsPlain(Random random, int in, int out, int batch) {
        int offset = random.nextInt(3);
        Dense dense = new Dense(in, out, offset);
        double[] theta = new double[offset + dense.parameterCount()];
        for (int p = 0; p < theta.length; p++) {
            theta[p] = random.nextGaussian();
        }
        // room beyond the batch, as a trace has: the kernel must not touch it
        double[][] x = random(random, in, batch + 2);
        double[][] yKernel = random(random, out, batch + 2);
        double[][] yPlain = copy(yKernel);
        dense.forward(theta, x, yKernel, batch);
        dense.plainForward(theta, x, yPlain, batch);
        String at = "in " + in + ", out " + out + ", batch " + batch;
        for (int o = 0; o < out; o++) {
            assertArrayEquals(yPlain[o], yKernel[o], "forward, " + at + ", output " + o);
        }

        double[][] dy = random(random, out, batch + 2);
        double[][] dxKernel = random(random, in, batch + 2);
        double[][] dxPlain = copy(dxKernel);
        double[] dThetaKernel = new double[theta.length];
        for (int p = 0; p < theta.length; p++) {
            dThetaKernel[p] = random.nextGaussian();   // the gradient is added to
        }
        double[] dThetaPlain = dThetaKernel.clone();
        dense.vjp(theta, x, yKernel, dy, dxKernel, dThetaKernel, batch);
        dense.plainVjp(theta, x, dy, dxPlain, dThetaPlain, batch);
        for (int i = 0; i < in; i++) {
            assertArrayEquals(dxPlain[i], dxKernel[i], "dL/dx, " + at + ", input " + i);
        }
        assertArrayEquals(dThetaPlain, dThetaKernel, "dL/dtheta, " + at);
    }
}
