package org.neuralode.solvers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The public building blocks of the adaptive solver: error norm, starting step, Dormand-Prince's dense output. */
class TolerancesTest {

    @Test
    void errorNormIsTheScaledRootMeanSquare() {
        Tolerances tolerances = new Tolerances(1e-3, 1e-6);
        double[] h = {1, 0};
        double[] hNew = {-2, 0};
        double[] error = {4e-3, 1e-6};
        // sc = (1e-6 + 1e-3 * 2, 1e-6): ratios (4e-3 / 2.001e-3, 1)
        double r = 4e-3 / 2.001e-3;
        assertEquals(Math.sqrt((r * r + 1) / 2), tolerances.errorNorm(error, h, hNew), 1e-15);
        assertEquals(Double.POSITIVE_INFINITY, tolerances.errorNorm(new double[] {Double.NaN, 0}, h, hNew));
        assertEquals(Double.POSITIVE_INFINITY, tolerances.errorNorm(error, h, new double[] {Double.NaN, 0}));
        assertThrows(IllegalArgumentException.class, () -> new Tolerances(0, 0));
    }

    @Test
    void tolerancesThatControlNothingAreRefusedNamingTheArgument() {
        // issue 27: dormandPrince(10, 10) returned 13.94 for e^-10 without a word
        for (double rtol : new double[] {10, 1, Double.POSITIVE_INFINITY, -1e-6, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Solvers.dormandPrince(rtol, 10), "rtol = " + rtol);
            assertTrue(e.getMessage().startsWith("rtol must be"), e.getMessage());
            assertTrue(e.getMessage().contains(String.valueOf(rtol)), e.getMessage());
        }
        for (double atol : new double[] {-1e-9, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Tolerances(1e-6, atol), "atol = " + atol);
            assertTrue(e.getMessage().startsWith("atol must be"), e.getMessage());
        }
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class, () -> Solvers.dop853(0, 0));
        assertTrue(both.getMessage().contains("rtol") && both.getMessage().contains("atol"), both.getMessage());
        // just below 1 is a (very loose) tolerance still; one of the two may be 0 (pure absolute or relative control)
        assertEquals(0.999, Solvers.bogackiShampine(0.999, 1e-6).rtol());
        assertEquals(0, Solvers.dormandPrince(0, 1e-9).rtol());
        assertEquals(0, Solvers.dormandPrince(1e-6, 0).atol());
    }

    @Test
    void startingStepFollowsHairersRecipe() {
        // h' = -h, h0 = 1: d0 = d1 = 1 / sc, dt0 = 0.01; d2 = |f1 - f0| / sc / dt0 = 1 / sc; dt1 = (0.01 / d2)^(1/5)
        Tolerances tolerances = new Tolerances(1e-6, 1e-6);
        double sc = 1e-6 + 1e-6;
        double expected = Math.min(100 * 0.01, Math.pow(0.01 * sc, 1.0 / 5));
        double dt = tolerances.startingStep((t, h) -> new double[] {-h[0]}, 0, new double[] {1}, new double[] {-1},
                1, 10, 5);
        assertEquals(expected, dt, 1e-12 * expected);
        double capped = tolerances.startingStep((t, h) -> new double[] {-h[0]}, 0, new double[] {1},
                new double[] {-1}, -1, 1e-4, 5);
        assertEquals(1e-4, capped, 0, "never longer than the span");
    }

    @Test
    void denseOutputWeightsVanishAtTheStartEqualBAtTheEndAndSumToTheFraction() {
        for (ButcherTableau tableau : new ButcherTableau[] {ButcherTableau.DORMAND_PRINCE, ButcherTableau.DOP853,
            ButcherTableau.BOGACKI_SHAMPINE}) {
            DenseOutput dense = tableau.denseOutput();
            int s = tableau.stages();
            double[] b = tableau.b();
            double[] w = new double[s + 1 + dense.extraStages()];
            dense.weights(0, s, b, w);
            assertArrayEquals(new double[w.length], w, 1e-14, tableau.name() + " at 0");
            dense.weights(1, s, b, w);
            double[] atEnd = java.util.Arrays.copyOf(w, s);
            if (!tableau.firstSameAsLast()) {
                assertEquals(0, w[s], 1e-12, tableau.name() + ": f at the new point has no weight at x = 1");
            }
            assertArrayEquals(b, atEnd, 1e-12, tableau.name() + " at 1");
            for (double x : new double[] {0.1, 0.5, 0.83}) {
                dense.weights(x, s, b, w);
                double sum = 0;
                for (double v : w) {
                    sum += v;
                }
                // exact for a constant vector field: h(t + x dt) = h + x dt c
                assertEquals(x, sum, 1e-12, tableau.name() + ": sum of the weights at x = " + x);
            }
        }
    }
}
