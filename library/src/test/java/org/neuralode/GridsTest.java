package org.neuralode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GridsTest {

    @Test
    void linspaceIncludesBothEndpointsLikeNumpy() {
        double[] t = Grids.linspace(0, 10, 101);
        assertEquals(101, t.length);
        assertEquals(0, t[0]);
        assertEquals(10, t[100]);
        assertEquals(0.1, t[1], 1e-15);
        assertEquals(5.0, t[50], 1e-14);
    }

    @Test
    void linspaceOfOnePointIsTheStart() {
        assertArrayEquals(new double[] {3}, Grids.linspace(3, 7, 1));
    }

    @Test
    void linspaceMayDecrease() {
        assertArrayEquals(new double[] {1, 0.5, 0}, Grids.linspace(1, 0, 3), 1e-15);
    }

    @Test
    void linspaceRejectsBadArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Grids.linspace(0, 1, 0));
        assertTrue(e.getMessage().contains("num"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Grids.linspace(0, Double.NaN, 5));
    }

    @Test
    void linspaceBetweenEndpointsWhoseDifferenceOverflowsStaysFinite() {
        // stop - start = 2e308 overflows; the grid was {-1e308, NaN or infinity, 1e308}
        assertArrayEquals(new double[] {-1e308, 0, 1e308}, Grids.linspace(-1e308, 1e308, 3));
        double[] wide = Grids.linspace(-Double.MAX_VALUE, Double.MAX_VALUE, 101);
        for (int i = 1; i < wide.length; i++) {
            assertTrue(Double.isFinite(wide[i]) && wide[i] > wide[i - 1], "wide[" + i + "] = " + wide[i]);
        }
        assertEquals(0, wide[50]);
        assertEquals(Double.MAX_VALUE, wide[100]);
    }

    @Test
    void linspaceNamesTheBadArgumentAndValue() {
        assertEquals("num must be at least 1, got num = -3",
                assertThrows(IllegalArgumentException.class, () -> Grids.linspace(0, 1, -3)).getMessage());
        assertEquals("stop must be finite, got stop = Infinity", assertThrows(IllegalArgumentException.class,
                () -> Grids.linspace(0, Double.POSITIVE_INFINITY, 3)).getMessage());
    }
}
