package org.neuralode.data;

import org.neuralode.Arguments;
import org.neuralode.Grids;
import org.neuralode.solvers.Solvers;
import org.neuralode.solvers.VectorField;

/**
 * The spiral of torchdiffeq's {@code examples/ode_demo.py} (Chen et al. 2018's companion code):
 * <pre>
 *   dy/dt = (y^3) A,   A = [[-0.1, 2.0], [-2.0, -0.1]],   y(0) = [2, 0],
 * </pre>
 * with {@code y} a row vector, sampled at 1000 evenly spaced times on {@code [0, 25]} and solved
 * as the demo does, by Dormand-Prince with {@code rtol = 1e-7}, {@code atol = 1e-9}.
 */
public final class Spiral {

    /** The matrix {@code A} (the demo's {@code true_A}). */
    public static final double[][] A = {{-0.1, 2.0}, {-2.0, -0.1}};
    /** The initial state {@code y(0)}. */
    public static final double[] Y0 = {2.0, 0.0};
    /** The demo's number of samples ({@code --data_size}). */
    public static final int POINTS = 1000;
    /** The demo's end time. */
    public static final double END_TIME = 25.0;

    private Spiral() {
    }

    /** @return the true vector field {@code (t, y) -> (y^3) A} */
    public static VectorField vectorField() {
        return (t, y) -> {
            double u = y[0] * y[0] * y[0];
            double v = y[1] * y[1] * y[1];
            return new double[] {u * A[0][0] + v * A[1][0], u * A[0][1] + v * A[1][1]};
        };
    }

    /** @return the demo's data: 1000 samples on [0, 25] */
    public static Trajectory trajectory() {
        return trajectory(POINTS, END_TIME);
    }

    /**
     * @param points  the number of samples, at least 1
     * @param endTime the last time, finite and positive
     * @return {@code points} samples of the spiral on {@code [0, endTime]}
     */
    public static Trajectory trajectory(int points, double endTime) {
        Arguments.atLeast("points", points, 1);
        if (!(endTime > 0) || Double.isInfinite(endTime)) {
            throw new IllegalArgumentException("endTime must be finite and positive, got endTime = " + endTime);
        }
        double[] times = Grids.linspace(0, endTime, points);
        return Trajectory.of(Solvers.dormandPrince(1e-7, 1e-9).solve(vectorField(), Y0, times));
    }
}
