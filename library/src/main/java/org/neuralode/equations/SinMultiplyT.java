package org.neuralode.equations;

import java.util.List;
import java.util.Map;
import org.neuralode.Arguments;

/**
 * An oscillation growing with time, {@code dh/dt = sin(lambda t) t} (the book's
 * {@code SinMultiplyT}, argument {@code lbd}). The right-hand side does not depend on h, so the
 * solution is an integral, by parts:
 * <pre>
 *   h(t) = y0 + F(t) - F(t0),   F(t) = (sin(lambda t) - lambda t cos(lambda t)) / lambda^2,
 * </pre>
 * whose amplitude grows like {@code t / lambda}. Where {@code |lambda t| < 1}, F is summed from
 * its Taylor series instead, since the formula cancels there (and divides 0 by 0 for a lambda as
 * small as 1e-300). The book's example:
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

    /**
     * @param time the time, finite
     * @return {@code y0 + F(time) - F(t0)}
     * @throws IllegalArgumentException if {@code lambda time} overflows, so that no digit of
     *                                  {@code sin(lambda time)} is known
     */
    public double exact(double time) {
        Arguments.finite("time", time);
        double y = y0() + antiderivative(time) - antiderivative(t0());
        if (!Double.isFinite(y)) {
            throw noSolution(time, "lambda t = " + (lbd * time) + " or F(t) = " + antiderivative(time)
                    + " is beyond the range of a double");
        }
        return y;
    }

    /**
     * {@code F(t) = t^2 s(x) = (t / lambda) (sin x / x - cos x)}, with {@code x = lambda t} and
     * {@code s(x) = (sin x - x cos x) / x^2}. For {@code |x| < 1} the difference {@code sin x - x cos x} cancels to {@code x^3 / 3} and {@code lambda^2}
     * may underflow to 0 (lambda = 1e-300), so s is summed from its Taylor series
     * <pre>
     *   s(x) = sum_{k >= 1} (-1)^(k+1) 2k x^(2k-1) / (2k+1)!  =  x/3 - x^3/30 + x^5/840 - ...
     * </pre>
     * (the series of sin x and x cos x subtracted term by term), which gives
     * {@code F(t) ~ lambda t^3 / 3}, the integral of {@code lambda t^2} for small lambda.
     */
    private double antiderivative(double time) {
        double x = lbd * time;
        if (Math.abs(x) >= 1) {
            return time / lbd * (Math.sin(x) / x - Math.cos(x));
        }
        double x2 = x * x;
        double term = x / 3;   // k = 1
        double sum = term;
        for (int k = 2; k < 30 && Math.abs(term) > 1e-18 * Math.abs(sum); k++) {
            // term_k / term_{k-1} = -x^2 k / ((k - 1) (2k)(2k + 1))
            term *= -x2 * k / ((k - 1) * (2.0 * k) * (2 * k + 1));
            sum += term;
        }
        return time * time * sum;
    }
}
