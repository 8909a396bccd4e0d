package org.neuralode.solvers;

import org.neuralode.equations.ArenstorfOrbit;

/** Test problems with known solutions. */
final class Problems {

    private Problems() {
    }

    /** {@code h' = h cos t}, {@code h(t) = h(0) exp(sin t)}: nonlinear in t, smooth. */
    static final VectorField COSINE_GROWTH = (t, h) -> new double[] {h[0] * Math.cos(t)};

    static double cosineGrowth(double t) {
        return Math.exp(Math.sin(t));
    }

    /** The harmonic oscillator {@code x'' = -x}, {@code x = cos t, v = -sin t}. */
    static final VectorField OSCILLATOR = (t, h) -> new double[] {h[1], -h[0]};

    /** The Arenstorf orbit of the restricted three-body problem, closed after one period. */
    static final double ARENSTORF_PERIOD = ArenstorfOrbit.PERIOD;
    static final double[] ARENSTORF_START = ArenstorfOrbit.start();
    static final VectorField ARENSTORF = ArenstorfOrbit.vectorField();

    /** Distance of the state from the start after one period (the orbit is closed). */
    static double arenstorfError(double[] end) {
        return ArenstorfOrbit.endPointError(end);
    }

    /** Least-squares slope of log(error) against log(dt): the measured order of convergence. */
    static double slope(double[] dts, double[] errors) {
        int n = dts.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += Math.log(dts[i]) / n;
            my += Math.log(errors[i]) / n;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            double dx = Math.log(dts[i]) - mx;
            sxy += dx * (Math.log(errors[i]) - my);
            sxx += dx * dx;
        }
        return sxy / sxx;
    }
}
