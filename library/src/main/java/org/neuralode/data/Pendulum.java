package org.neuralode.data;

/**
 * The damped pendulum series of the seed book's forecasting chapters (Lei Ma, <i>Deep Learning
 * Fundamentals</i>, "Pendulum Dataset" and "Time Series Forecasting with Neural ODE"):
 * <pre>
 *   theta(t) = theta0 cos(2 pi t / p) e^(-beta t),   p = 2 pi sqrt(L / g),
 * </pre>
 * sampled at {@code t_i = i p / samplesPerPeriod}, {@code i = 0 .. periods * samplesPerPeriod - 1}.
 * This is the book's formula, kept so that the numbers compare with the book; it approximates
 * the small-angle damped pendulum {@code theta'' + 2 beta theta' + (g / L) theta = 0}, whose
 * exact solution {@code theta0 e^(-beta t) (cos(omega t) + (beta / omega) sin(omega t))},
 * {@code omega = sqrt(g / L - beta^2)}, differs from it by terms of relative size
 * {@code beta / omega} (about 0.3% for the book's series).
 *
 * @param length  the pendulum length L
 * @param gravity the surface gravity g
 */
public record Pendulum(double length, double gravity) {

    /** The book's gravity, 9.81. */
    public static final double GRAVITY = 9.81;

    public Pendulum {
        if (!(length > 0) || !(gravity > 0) || Double.isInfinite(length) || Double.isInfinite(gravity)) {
            throw new IllegalArgumentException("length and gravity must be finite and positive, got length = "
                    + length + ", gravity = " + gravity);
        }
    }

    /** @return a pendulum of the given length under the book's gravity */
    public static Pendulum ofLength(double length) {
        return new Pendulum(length, GRAVITY);
    }

    /** @return the book's series: L = 100, 10 periods of 400 samples, theta0 = 1, beta = 0.001 (4000 samples) */
    public static TimeSeries bookSeries() {
        return ofLength(100).series(10, 400, 1.0, 0.001);
    }

    /** @return the period {@code p = 2 pi sqrt(L / g)} */
    public double period() {
        return 2 * Math.PI * Math.sqrt(length / gravity);
    }

    /** @return {@code theta(t) = theta0 cos(2 pi t / p) e^(-beta t)} */
    public double angle(double t, double theta0, double beta) {
        return theta0 * Math.cos(2 * Math.PI * t / period()) * Math.exp(-beta * t);
    }

    /**
     * @param periods          the number of periods, at least 1
     * @param samplesPerPeriod samples per period, at least 1
     * @param theta0           the initial angle
     * @param beta             the damping rate, at least 0
     * @return the sampled series
     */
    public TimeSeries series(int periods, int samplesPerPeriod, double theta0, double beta) {
        if (periods < 1 || samplesPerPeriod < 1) {
            throw new IllegalArgumentException("periods and samplesPerPeriod must be at least 1, got " + periods
                    + " and " + samplesPerPeriod);
        }
        if (!(beta >= 0) || !Double.isFinite(theta0)) {
            throw new IllegalArgumentException("beta must be non-negative and theta0 finite, got beta = " + beta
                    + ", theta0 = " + theta0);
        }
        int n = periods * samplesPerPeriod;
        double dt = period() / samplesPerPeriod;
        double[] times = new double[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = i * dt;
            values[i] = angle(times[i], theta0, beta);
        }
        return new TimeSeries(times, values);
    }
}
