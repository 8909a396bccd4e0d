package org.neuralode.neuralode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ExtrapolationTest {

    @Test
    void onAnEvenGridThePolynomialsAreTheBackwardDifferenceFormulas() {
        double[] t = {0, 1, 2, 3, 4};
        double[] x = {0.3, -1.2, 0.8, 2.5, 1.1};
        double nabla = x[4] - x[3], nabla2 = x[4] - 2 * x[3] + x[2];
        for (int k = 1; k <= 5; k++) {
            assertEquals(x[4], Extrapolation.polynomial(t, x, 0, 4 + k), 1e-14);
            assertEquals(x[4] + k * nabla, Extrapolation.polynomial(t, x, 1, 4 + k), 1e-12);
            assertEquals(x[4] + k * nabla + k * (k + 1) / 2.0 * nabla2, Extrapolation.polynomial(t, x, 2, 4 + k), 1e-12);
        }
    }

    @Test
    void aPolynomialOfTheDegreeIsReproducedAtUnevenTimes() {
        double[] t = {-1.0, 0.1, 0.25, 0.9, 2.0};
        double[] x = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            x[i] = 2 - t[i] + 0.5 * t[i] * t[i];
        }
        assertEquals(2 - 3.5 + 0.5 * 3.5 * 3.5, Extrapolation.polynomial(t, x, 2, 3.5), 1e-12);
        // a least-squares fit of the same degree is exact too, and gives value and derivative at the expansion point
        assertArrayEquals(new double[] {2 - 1 + 0.5, -1 + 1, 0.5}, Extrapolation.leastSquares(t, x, 2, 1.0), 1e-12);
    }

    @Test
    void aLeastSquaresFitAveragesNoiseAway() {
        Random random = new Random(1);
        int n = 2001;
        double[] t = new double[n], x = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i * 0.001;
            x[i] = 1 + 3 * t[i] + 0.1 * random.nextGaussian();
        }
        double[] c = Extrapolation.leastSquares(t, x, 1, 2.0);
        assertEquals(7, c[0], 0.02);   // standard error about 0.1 * sqrt(4 / n) = 0.0045
        assertEquals(3, c[1], 0.05);
        // while interpolating the last two noisy values amplifies the noise
        assertTrue(Math.abs(Extrapolation.polynomial(t, x, 1, 2.0 + 0.5) - 8.5) > 1);
    }

    @Test
    void wrongArgumentsNameTheArgumentAndTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Extrapolation.polynomial(new double[] {0, 1}, new double[] {0, 1}, 2, 3));
        assertTrue(e.getMessage().contains("degree 2 needs at least 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Extrapolation.leastSquares(new double[] {0, 1, 1}, new double[] {0, 1, 2}, 1, 3));
        assertTrue(e.getMessage().contains("strictly increasing") && e.getMessage().contains("t[2] = 1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Extrapolation.polynomial(new double[] {0, 1}, new double[] {0, 1}, -1, 3));
        assertTrue(e.getMessage().contains("degree") && e.getMessage().contains("-1"), e.getMessage());
    }
}
