package org.neuralode.equations;

import java.util.List;
import java.util.Map;

/**
 * An oscillation growing with time, {@code dh/dt = sin(lambda t) t} (the seed's
 * {@code SinMultiplyT}, argument {@code lbd}). The right-hand side does not depend on h, so the
 * solution is an integral, by parts:
 * <pre>
 *   h(t) = y0 + F(t) - F(t0),   F(t) = (sin(lambda t) - lambda t cos(lambda t)) / lambda^2,
 * </pre>
 * whose amplitude grows like {@code t / lambda}. The seed's example:
 * {@code new SinMultiplyT(Grids.linspace(0, 10, 101), 1, Map.of("lbd", 2.0))}.
 */
public final class SinMultiplyT extends DiffEqn {

    private final double lbd;

    /**
     * @param t      the times
     * @param y0     the initial value
     * @param fnArgs {@code lbd}, the angular frequency lambda, not 0
     */
    public SinMultiplyT(double[] t, double y0, Map<String, Double> fnArgs) {
        super(t, y0, fnArgs);
        this.lbd = arg("lbd");
        if (lbd == 0) {
            throw new IllegalArgumentException("argument 'lbd' must not be 0 (then dh/dt = 0)");
        }
    }

    /** @return {@code new SinMultiplyT(t, y0, Map.of("lbd", lambda))} */
    public static SinMultiplyT withFrequency(double[] t, double y0, double lambda) {
        return new SinMultiplyT(t, y0, Map.of("lbd", lambda));
    }

    @Override
    protected List<String> argumentNames() {
        return List.of("lbd");
    }

    @Override
    public double fn(double y, double t) {
        return Math.sin(lbd * t) * t;
    }

    @Override
    public String formula() {
        return "\\frac{dh(t)}{d t} = \\sin(\\lambda t) t";
    }

    /** @return {@code y0 + F(time) - F(t0)} */
    public double exact(double time) {
        return y0() + antiderivative(time) - antiderivative(t()[0]);
    }

    private double antiderivative(double time) {
        return (Math.sin(lbd * time) - lbd * time * Math.cos(lbd * time)) / (lbd * lbd);
    }
}
