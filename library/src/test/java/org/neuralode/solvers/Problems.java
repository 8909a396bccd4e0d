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

    /** The measured order of convergence (see {@link Convergence#order}). */
    static double slope(double[] dts, double[] errors) {
        return Convergence.order(dts, errors);
    }
}
