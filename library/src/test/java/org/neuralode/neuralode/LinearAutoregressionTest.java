package org.neuralode.neuralode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LinearAutoregressionTest {

    /** x_n = r^n cos(w n): the samples of a damped oscillator, x_{n+1} = 2 r cos(w) x_n - r^2 x_{n-1}. */
    private static double[] oscillation(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.pow(0.99, i) * Math.cos(0.3 * i);
        }
        return x;
    }

    @Test
    void recoversTheRecursionOfASampledLinearOde() {
        double[] x = oscillation(200);
        double[][] histories = new double[150][];
        double[] targets = new double[150];
        for (int w = 0; w < 150; w++) {
            histories[w] = Arrays.copyOfRange(x, w, w + 2);
            targets[w] = x[w + 2];
        }
        LinearAutoregression ar = LinearAutoregression.fit(histories, targets, 2);
        assertEquals(2, ar.order());
        assertArrayEquals(new double[] {0, 2 * 0.99 * Math.cos(0.3), -0.99 * 0.99}, ar.coefficients(), 1e-10);
        assertEquals(x[199], ar.predict(Arrays.copyOfRange(x, 150, 199)), 1e-12);   // the last two values are used
    }

    @Test
    void wrongArgumentsNameTheArgumentAndTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinearAutoregression.fit(new double[][] {{1, 2}, {2, 3}}, new double[] {3, 4}, 2));
        assertTrue(e.getMessage().contains("order 2 needs at least 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LinearAutoregression.fit(new double[][] {{1}, {2}, {3}}, new double[] {3, 4, 5}, 2));
        assertTrue(e.getMessage().contains("histories[0]") && e.getMessage().contains("got 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LinearAutoregression.fit(new double[][] {{1}}, new double[] {3}, 0));
        assertTrue(e.getMessage().contains("order must be at least 1, got 0"), e.getMessage());
    }
}
