package org.neuralode.equations;

import java.util.List;
import java.util.Map;

/**
 * The logistic model of an infectious disease, {@code dh/dt = r y (1 - y)}, where {@code y} is
 * the infected fraction and {@code r} the rate of infection (Verhulst 1838; the seed's
 * {@code Infections}). Its closed form is the logistic curve
 * <pre>
 *   y(t) = 1 / (1 + (1/y0 - 1) e^{-r (t - t0)}).
 * </pre>
 * The seed's example: {@code new Infections(Grids.linspace(0, 10, 101), 0.1, Map.of("r", 0.9))},
 * an S-curve from 0.1 to almost 1.
 */
public final class Infections extends DiffEqn {

    private final double r;

    /**
     * @param t      the times
     * @param y0     the initial infected fraction
     * @param fnArgs {@code r}, the rate
     */
    public Infections(double[] t, double y0, Map<String, Double> fnArgs) {
        super(t, y0, fnArgs);
        this.r = arg("r");
    }

    /** @return {@code new Infections(t, y0, Map.of("r", r))} */
    public static Infections withRate(double[] t, double y0, double r) {
        return new Infections(t, y0, Map.of("r", r));
    }

    @Override
    protected List<String> argumentNames() {
        return List.of("r");
    }

    @Override
    public double fn(double y, double t) {
        return r * y * (1 - y);
    }

    @Override
    public String formula() {
        return "\\frac{dh(t)}{d t} = r * y * (1-y)";
    }

    /** @return the logistic curve at {@code time} */
    public double exact(double time) {
        double y0 = y0();
        if (y0 == 0) {
            return 0;
        }
        return 1 / (1 + (1 / y0 - 1) * Math.exp(-r * (time - t()[0])));
    }
}
