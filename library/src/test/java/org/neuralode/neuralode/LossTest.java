package org.neuralode.neuralode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LossTest {

    @Test
    void theMeanOfNothingIsRefusedNotNaN() {
        for (Loss loss : Loss.values()) {
            var e = assertThrows(IllegalArgumentException.class, () -> loss.value(new double[2][0], new double[2][0]));
            assertTrue(e.getMessage().contains("hold no values"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> loss.value(new double[0][], new double[0][]));
        }
    }

    @Test
    void mismatchedShapesAreNamed() {
        var rows = assertThrows(IllegalArgumentException.class,
                () -> Loss.L1.value(new double[3][2], new double[2][2]));
        assertEquals("predictions and targets must have the same number of rows, got 3 and 2", rows.getMessage());
        var gradient = assertThrows(IllegalArgumentException.class,
                () -> Loss.MSE.gradient(new double[2], new double[2], 0, new double[2]));
        assertTrue(gradient.getMessage().contains("count = 0"), gradient.getMessage());
    }

    @Test
    void theLossesHaveTheirDefinitions() {
        double[][] p = {{1, 2}, {0, -1}};
        double[][] y = {{1, 4}, {0, 1}};
        assertEquals(1.0, Loss.L1.value(p, y), 1e-15);
        assertEquals(2.0, Loss.MSE.value(p, y), 1e-15);
        double[] g = new double[2];
        Loss.MSE.gradient(p[0], y[0], 4, g);
        assertEquals(-1.0, g[1], 1e-15);
    }
}
