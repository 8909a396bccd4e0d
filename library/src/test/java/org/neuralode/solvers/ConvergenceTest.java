package org.neuralode.solvers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConvergenceTest {

    @Test
    void recoversTheExponentOfAPowerLaw() {
        double[] dt = {0.1, 0.05, 0.025, 0.0125};
        double[] error = new double[dt.length];
        for (int i = 0; i < dt.length; i++) {
            error[i] = 3.7 * Math.pow(dt[i], 4);
        }
        assertEquals(4.0, Convergence.order(dt, error), 1e-12);
    }

    @Test
    void resolutionOneOverNGivesANegativeSlopeAgainstN() {
        double[] n = {8, 16, 32, 64};
        double[] error = {1.0 / 8, 1.0 / 16, 1.0 / 32, 1.0 / 64};
        assertEquals(-1.0, Convergence.order(n, error), 1e-12);
    }

    @Test
    void rejectsNonPositiveErrorsNamingTheArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Convergence.order(new double[] {0.1, 0.05}, new double[] {1e-3, 0}));
        assertTrue(e.getMessage().contains("error[1]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Convergence.order(new double[] {0.1}, new double[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> Convergence.order(new double[] {0.1, 0.1}, new double[] {1, 2}));
    }
}
