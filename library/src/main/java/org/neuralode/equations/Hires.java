package org.neuralode.equations;

import org.neuralode.solvers.Jacobian;
import org.neuralode.solvers.VectorField;

/**
 * HIRES, "High Irradiance RESponse": eight reactions of photomorphogenesis in plants (Schaefer
 * 1975), a stiff test problem of Hairer and Wanner, <i>Solving ODEs II</i>, Section IV.10, eq.
 * (10.3), integrated on {@code [0, 321.8122]}; the reference solution at the end is that of the
 * Bari test set for IVP solvers (Mazzia and Magherini).
 */
public final class Hires {

    /** The end of the standard interval. */
    public static final double END = 321.8122;

    private Hires() {
    }

    /** @return the initial state {@code (1, 0, 0, 0, 0, 0, 0, 0.0057)} */
    public static double[] start() {
        return new double[] {1, 0, 0, 0, 0, 0, 0, 0.0057};
    }

    /** @return the right-hand side */
    public static VectorField vectorField() {
        return (t, y) -> new double[] {
            -1.71 * y[0] + 0.43 * y[1] + 8.32 * y[2] + 0.0007,
            1.71 * y[0] - 8.75 * y[1],
            -10.03 * y[2] + 0.43 * y[3] + 0.035 * y[4],
            8.32 * y[1] + 1.71 * y[2] - 1.12 * y[3],
            -1.745 * y[4] + 0.43 * y[5] + 0.43 * y[6],
            -280 * y[5] * y[7] + 0.69 * y[3] + 1.71 * y[4] - 0.43 * y[5] + 0.69 * y[6],
            280 * y[5] * y[7] - 1.81 * y[6],
            -280 * y[5] * y[7] + 1.81 * y[6]};
    }

    /** @return the state at {@link #END}: the Bari test set's reference solution */
    public static double[] reference() {
        return new double[] {
            0.7371312573325668e-3, 0.1442485726316185e-3, 0.5888729740967575e-4, 0.1175651343283149e-2,
            0.2386356198831331e-2, 0.6238968252742796e-2, 0.2849998395185769e-2, 0.2850001604814231e-2};
    }

    /** @return its exact Jacobian */
    public static Jacobian jacobian() {
        return (t, y) -> new double[][] {
            {-1.71, 0.43, 8.32, 0, 0, 0, 0, 0},
            {1.71, -8.75, 0, 0, 0, 0, 0, 0},
            {0, 0, -10.03, 0.43, 0.035, 0, 0, 0},
            {0, 8.32, 1.71, -1.12, 0, 0, 0, 0},
            {0, 0, 0, 0, -1.745, 0.43, 0.43, 0},
            {0, 0, 0, 0.69, 1.71, -280 * y[7] - 0.43, 0.69, -280 * y[5]},
            {0, 0, 0, 0, 0, 280 * y[7], -1.81, 280 * y[5]},
            {0, 0, 0, 0, 0, -280 * y[7], 1.81, -280 * y[5]}};
    }
}
