package org.neuralode.equations;

import org.neuralode.solvers.Jacobian;
import org.neuralode.solvers.VectorField;

/**
 * Robertson's chemical kinetics, the classic stiff test problem (Robertson 1966; Hairer and
 * Wanner, <i>Solving ODEs II</i>, Section IV.1, eq. (1.4)):
 * <pre>
 *   y1' = -0.04 y1 + 1e4 y2 y3
 *   y2' =  0.04 y1 - 1e4 y2 y3 - 3e7 y2^2
 *   y3' =  3e7 y2^2
 * </pre>
 * from {@code (1, 0, 0)}. The reaction rates span nine orders of magnitude, and the problem is
 * integrated to {@code t = 1e11} (the "ROBER" problem of the Bari test set for IVP solvers,
 * Mazzia and Magherini), whose reference solution is {@link #reference()}.
 */
public final class Robertson {

    /** The end of the standard interval. */
    public static final double END = 1e11;

    private Robertson() {
    }

    /** @return the initial state {@code (1, 0, 0)} */
    public static double[] start() {
        return new double[] {1, 0, 0};
    }

    /** @return the right-hand side */
    public static VectorField vectorField() {
        return (t, y) -> new double[] {
            -0.04 * y[0] + 1e4 * y[1] * y[2],
            0.04 * y[0] - 1e4 * y[1] * y[2] - 3e7 * y[1] * y[1],
            3e7 * y[1] * y[1]};
    }

    /** @return its exact Jacobian */
    public static Jacobian jacobian() {
        return (t, y) -> new double[][] {
            {-0.04, 1e4 * y[2], 1e4 * y[1]},
            {0.04, -1e4 * y[2] - 6e7 * y[1], -1e4 * y[1]},
            {0, 6e7 * y[1], 0}};
    }

    /** @return the state at {@link #END}: the Bari test set's reference solution */
    public static double[] reference() {
        return new double[] {0.2083340149701255e-07, 0.8333360770334713e-13, 0.9999999791665050};
    }
}
