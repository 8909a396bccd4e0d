package org.neuralode.equations;

import java.util.List;
import java.util.Map;
import org.neuralode.Arguments;

/**
 * The logistic model of an infectious disease, {@code dh/dt = r y (1 - y)}, where {@code y} is
 * the infected fraction and {@code r} the rate of infection (Verhulst 1838; the book's
 * {@code Infections}). Its closed form is the logistic curve
 * <pre>
 *   y(t) = 1 / (1 + (1/y0 - 1) e^{-r (t - t0)}).
 * </pre>
 * The book's example: {@code new Infections(Grids.linspace(0, 10, 101), 0.1, Map.of("r", 0.9))},
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

    /**
     * The logistic curve, written without {@code 1/y0} as
     * {@code y(t) = y0 / (y0 + (1 - y0) e^{-r (t - t0)})}. Its denominator is 1 at {@code t0} and
     * monotonic in t; where it reaches 0 the solution runs off to infinity. That happens only for
     * an initial value outside {@code [0, 1]} (not a fraction of a population): for {@code y0 < 0}
     * (and {@code r > 0}) after {@code t0}, for {@code y0 > 1} before it, at
     * {@code t* = t0 + ln(1 - 1/y0) / r}.
     *
     * @param time the time, finite
     * @return the solution at {@code time}
     * @throws IllegalArgumentException if the solution does not exist at {@code time}: it runs off
     *                                  to infinity at {@code t*}, between {@code t0} and {@code time}
     */
    public double exact(double time) {
        double elapsed = Arguments.finite("time", time) - t0();
        double y0 = y0();
        if (y0 == 0 || y0 == 1 || r == 0) {
            return y0;   // an equilibrium, or no dynamics
        }
        double denominator = y0 + (1 - y0) * Math.exp(-r * elapsed);
        if (!(denominator > 0)) {
            double blowUp = t0() + Math.log(1 - 1 / y0) / r;
            throw noSolution(time, "the solution " + (blowUp > t0() ? "runs off to " : "comes from ")
                    + (y0 < 0 ? "-" : "+") + "infinity at t = " + blowUp + ", where y0 + (1 - y0) e^{-r (t - t0)} = 0,"
                    + " and does not exist " + (blowUp > t0() ? "after" : "before") + " it");
        }
        return y0 / denominator;
    }
}
