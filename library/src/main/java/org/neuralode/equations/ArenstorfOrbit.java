package org.neuralode.equations;

import org.neuralode.solvers.VectorField;

/**
 * The Arenstorf orbit: a small body moving in the rotating frame of the Earth (mass 1 - mu) and
 * the Moon (mass mu), in the restricted three-body problem
 * <pre>
 *   x'' = x + 2 y' - (1 - mu) (x + mu) / D1 - mu (x - 1 + mu) / D2
 *   y'' = y - 2 x' - (1 - mu) y / D1 - mu y / D2
 *   D1 = ((x + mu)^2 + y^2)^(3/2),   D2 = ((x - 1 + mu)^2 + y^2)^(3/2)
 * </pre>
 * with {@code mu = 0.012277471}. From {@link #START} the orbit is periodic with period
 * {@link #PERIOD}, so the distance from the start after one period measures a solver's error.
 * The classic work-precision test problem of Hairer, Norsett and Wanner, <i>Solving ODEs I</i>,
 * Section II.0, eq. (0.1)-(0.2).
 *
 * <p>The state is {@code (x, y, x', y')}.
 */
public final class ArenstorfOrbit {

    /** The Moon's share of the mass. */
    public static final double MU = 0.012277471;

    /** One period of the orbit starting at {@link #START}. */
    public static final double PERIOD = 17.0652165601579625588917206249;

    /** The initial state {@code (x, y, x', y')}. */
    private static final double[] START = {0.994, 0, 0, -2.00158510637908252240537862224};

    private ArenstorfOrbit() {
    }

    /** @return the initial state {@code (x, y, x', y')} (a copy) */
    public static double[] start() {
        return START.clone();
    }

    /** @return the equations of motion as a first-order system */
    public static VectorField vectorField() {
        return ArenstorfOrbit::derivative;
    }

    /** Writes {@code dh/dt} at state {@code h} into {@code dh}. */
    public static void derivative(double[] h, double[] dh) {
        double mu1 = 1 - MU;
        double x = h[0];
        double y = h[1];
        double r1 = Math.sqrt((x + MU) * (x + MU) + y * y);
        double r2 = Math.sqrt((x - mu1) * (x - mu1) + y * y);
        double d1 = r1 * r1 * r1;
        double d2 = r2 * r2 * r2;
        dh[0] = h[2];
        dh[1] = h[3];
        dh[2] = x + 2 * h[3] - mu1 * (x + MU) / d1 - MU * (x - mu1) / d2;
        dh[3] = y - 2 * h[2] - mu1 * y / d1 - MU * y / d2;
    }

    private static double[] derivative(double t, double[] h) {
        double[] dh = new double[4];
        derivative(h, dh);
        return dh;
    }

    /**
     * @return the Euclidean distance between the state {@code end} after one period and the start,
     *         positions and velocities together: the error of a solve over one period
     */
    public static double endPointError(double[] end) {
        double sum = 0;
        for (int i = 0; i < START.length; i++) {
            sum += (end[i] - START[i]) * (end[i] - START[i]);
        }
        return Math.sqrt(sum);
    }
}
