package org.neuralode.equations;

import java.util.List;
import java.util.Map;

/**
 * Exponential growth (or decay), {@code dh/dt = lambda h}, with closed form
 * {@code h(t) = y0 e^{lambda (t - t0)}} (the seed's {@code Exponential}, argument {@code lbd}).
 * The seed's example: {@code new Exponential(Grids.linspace(0, 10, 101), 1, Map.of("lbd", 2.0))},
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

    /** @return {@code y0 e^{lambda (time - t0)}} */
    public double exact(double time) {
        return y0() * Math.exp(lbd * (time - t()[0]));
    }
}
