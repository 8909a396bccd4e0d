package org.neuralode.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The GRU cell's reverse mode against central differences, with a masked row. */
class GruCellTest {

    private final GruCell cell = new GruCell(3, 4);
    private final int batch = 3;
    private final boolean[] update = {true, false, true};
    private final Random random = new Random(7);
    private final double[] theta = new double[5 + cell.parameterCount()];
    private final double[] h = new double[batch * 4];
    private final double[] x = new double[batch * 3];
    private final double[] v = new double[batch * 4];   // L = v . h'

    GruCellTest() {
        cell.initialize(theta, 5, random);
        fill(h);
        fill(x);
        fill(v);
    }

    private void fill(double[] a) {
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextGaussian();
        }
    }

    private double loss(double[] th, double[] hh, double[] xx) {
        double[] out = cell.forward(th, 5, hh, xx, update, cell.newTrace(batch));
        double s = 0;
        for (int i = 0; i < out.length; i++) {
            s += v[i] * out[i];
        }
        return s;
    }

    @Test
    void reverseModeMatchesCentralDifferences() {
        GruCell.Trace trace = cell.newTrace(batch);
        cell.forward(theta, 5, h, x, update, trace);
        double[] dTheta = new double[theta.length];
        double[] dh = new double[h.length];
        double[] dx = new double[x.length];
        cell.vjp(theta, 5, trace, v, dh, dx, dTheta);
        double step = 1e-6;
        for (int p = 0; p < theta.length; p++) {
            double[] plus = theta.clone();
            double[] minus = theta.clone();
            plus[p] += step;
            minus[p] -= step;
            assertEquals((loss(plus, h, x) - loss(minus, h, x)) / (2 * step), dTheta[p], 1e-8, "dtheta[" + p + "]");
        }
        for (int i = 0; i < h.length; i++) {
            double[] plus = h.clone();
            double[] minus = h.clone();
            plus[i] += step;
            minus[i] -= step;
            assertEquals((loss(theta, plus, x) - loss(theta, minus, x)) / (2 * step), dh[i], 1e-8, "dh[" + i + "]");
        }
        for (int i = 0; i < x.length; i++) {
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[i] += step;
            minus[i] -= step;
            assertEquals((loss(theta, h, plus) - loss(theta, h, minus)) / (2 * step), dx[i], 1e-8, "dx[" + i + "]");
        }
        for (int p = 0; p < 5; p++) {
            assertEquals(0, dTheta[p], "outside the cell's block");
        }
    }

    @Test
    void aMaskedRowKeepsItsStateAndPassesItsCotangentOn() {
        double[] out = cell.forward(theta, 5, h, x, update, cell.newTrace(batch));
        double[] row = new double[4];
        System.arraycopy(out, 4, row, 0, 4);
        double[] before = new double[4];
        System.arraycopy(h, 4, before, 0, 4);
        assertArrayEquals(before, row);
    }

    @Test
    void refusesWrongShapes() {
        assertThrows(IllegalArgumentException.class, () -> new GruCell(0, 3));
        assertThrows(IllegalArgumentException.class,
                () -> cell.forward(theta, 5, new double[5], x, update, cell.newTrace(batch)));
    }
}
