package org.neuralode.data;

import org.neuralode.Arguments;

/**
 * The damped pendulum series of the book's forecasting chapters (Lei Ma, <i>Deep Learning
 * Fundamentals</i>, "Pendulum Dataset" and "Time Series Forecasting with Neural ODE"):
 * <pre>
 *   phi(t) = phi0 cos(2 pi t / p) e^(-beta t),   p = 2 pi sqrt(L / g),
 * </pre>
 * sampled at {@code t_i = i p / samplesPerPeriod}, {@code i = 0 .. periods * samplesPerPeriod - 1}.
 * This is the book's formula, kept so that the numbers compare with the book; it approximates
 * the small-angle damped pendulum {@code phi'' + 2 beta phi' + (g / L) phi = 0}, whose
 * exact solution {@code phi0 e^(-beta t) (cos(omega t) + (beta / omega) sin(omega t))},
 * {@code omega = sqrt(g / L - beta^2)}, differs from it by terms of relative size
 * {@code beta / omega} (about 0.3% for the book's series). The angle is phi here (the book writes
 * theta), since theta names a network's parameters throughout this library.
 *
 * @param length  the pendulum length L
 * @param gravity the surface gravity g
 */
public record Pendulum(double length, double gravity) {

    /** The book's gravity, 9.81. */
    public static final double GRAVITY = 9.81;

    public Pendulum {
        if (!(length > 0) || Double.isInfinite(length)) {
            throw new IllegalArgumentException("length must be finite and positive, got length = " + length);
        }
        if (!(gravity > 0) || Double.isInfinite(gravity)) {
            throw new IllegalArgumentException("gravity must be finite and positive, got gravity = " + gravity);
        }
    }

    /** @return a pendulum of the given length under the book's gravity */
    public static Pendulum ofLength(double length) {
        return new Pendulum(length, GRAVITY);
    }

    /** @return the book's series: L = 100, 10 periods of 400 samples, phi0 = 1, beta = 0.001 (4000 samples) */
    public static TimeSeries bookSeries() {
        return ofLength(100).series(10, 400, 1.0, 0.001);
    }

    /** @return the period {@code p = 2 pi sqrt(L / g)} */
    public double period() {
        return 2 * Math.PI * Math.sqrt(length / gravity);
    }

    /**
     * @param t    the time
     * @param phi0 the initial angle
     * @param beta the damping rate
     * @return the angle {@code phi(t) = phi0 cos(2 pi t / p) e^(-beta t)}
     */
    public double angle(double t, double phi0, double beta) {
        return phi0 * Math.cos(2 * Math.PI * t / period()) * Math.exp(-beta * t);
    }

    /**
     * @param periods          the number of periods, at least 1
     * @param samplesPerPeriod samples per period, at least 1
     * @param phi0             the initial angle, finite
     * @param beta             the damping rate, finite and at least 0
     * @return the sampled series, {@code periods * samplesPerPeriod} samples
     * @throws IllegalArgumentException for a bad argument, or a series too long for the heap
     */
    public TimeSeries series(int periods, int samplesPerPeriod, double phi0, double beta) {
        Arguments.atLeast("periods", periods, 1);
        Arguments.atLeast("samplesPerPeriod", samplesPerPeriod, 1);
        Arguments.finite("phi0", phi0);
        if (!(beta >= 0) || !Double.isFinite(beta)) {
            throw new IllegalArgumentException("beta must be finite and non-negative, got beta = " + beta);
        }
        int n = Arguments.arrayLength("the series of periods * samplesPerPeriod = " + periods + " * "
                + samplesPerPeriod + " samples", (long) periods * samplesPerPeriod, 2);
        double dt = period() / samplesPerPeriod;
        double[] times = new double[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = i * dt;
            values[i] = angle(times[i], phi0, beta);
        }
        return new TimeSeries(times, values);
    }
}
