package org.neuralode.equations;

import org.neuralode.solvers.Jacobian;
import org.neuralode.solvers.VectorField;

/**
 * Van der Pol's oscillator {@code x'' = mu (1 - x^2) x' - x} as the first-order system
 * <pre>
 *   y1' = y2
 *   y2' = mu (1 - y1^2) y2 - y1
 * </pre>
 * For large {@code mu} (the standard stiff case is {@code mu = 1000} from {@code (2, 0)} on
 * {@code [0, 3000]}, Hairer and Wanner, <i>Solving ODEs II</i>, Section IV.1 and IV.10) the
 * solution creeps along slow branches and jumps between them in times of order {@code 1/mu}:
 * stiff on the branches, where an explicit method's step is bounded by its stability.
 */
public final class VanDerPol {

    private VanDerPol() {
    }

    /** @return the right-hand side for damping {@code mu} */
    public static VectorField vectorField(double mu) {
        return (t, y) -> new double[] {y[1], mu * (1 - y[0] * y[0]) * y[1] - y[0]};
    }

    /** @return its exact Jacobian */
    public static Jacobian jacobian(double mu) {
        return (t, y) -> new double[][] {
            {0, 1},
            {-2 * mu * y[0] * y[1] - 1, mu * (1 - y[0] * y[0])}};
    }
}
