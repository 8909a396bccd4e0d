package org.neuralode.equations;

import java.util.List;
import java.util.Map;
import org.neuralode.Arguments;

/**
 * Exponential growth (or decay), {@code dh/dt = lambda h}, with closed form
 * {@code h(t) = y0 e^{lambda (t - t0)}} (the book's {@code Exponential}, argument {@code lbd}).
 * The book's example: {@code new Exponential(Grids.linspace(0, 10, 101), 1, Map.of("lbd", 2.0))},
 * which reaches e^20, about 4.85e8, at t = 10.
 */
public final class Exponential extends DiffEqn {

    private final double lbd;

    /**
     * @param t      the times
     * @param y0     the initial value
     * @param fnArgs {@code lbd}, the rate lambda (growth if positive)
     */
    public Exponential(double[] t, double y0, Map<String, Double> fnArgs) {
        super(t, y0, fnArgs);
        this.lbd = arg("lbd");
    }

    /** @return {@code new Exponential(t, y0, Map.of("lbd", lambda))} */
    public static Exponential withRate(double[] t, double y0, double lambda) {
        return new Exponential(t, y0, Map.of("lbd", lambda));
    }

    @Override
    protected List<String> argumentNames() {
        return List.of("lbd");
    }

    @Override
    public double fn(double y, double t) {
        return lbd * y;
    }

    @Override
    public String formula() {
        return "\\frac{dh(t)}{d t} = \\lambda h(t)";
    }

    /**
     * @param time the time, finite
     * @return {@code y0 e^{lambda (time - t0)}}
     * @throws IllegalArgumentException if the solution at {@code time} is beyond the range of a
     *                                  double (about 1.8e308), where it would be returned as infinity
     */
    public double exact(double time) {
        double elapsed = Arguments.finite("time", time) - t0();
        if (y0() == 0 || lbd == 0) {
            return y0();
        }
        double y = y0() * Math.exp(lbd * elapsed);
        if (!Double.isFinite(y)) {
            throw noSolution(time, "|h(t)| = |y0| e^{" + (lbd * elapsed) + "} is beyond the largest double, "
                    + Double.MAX_VALUE);
        }
        return y;
    }
}
