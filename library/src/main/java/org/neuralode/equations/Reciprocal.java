package org.neuralode.equations;

import java.util.List;
import java.util.Map;
import org.neuralode.Arguments;

/**
 * Growth at the reciprocal of an affine function of the state,
 * {@code dh/dt = 1 / (shift + scale y)} (the book's {@code Receprocal}, arguments {@code shift}
 * and {@code scale}). Separating variables, {@code (shift + scale y) dy = dt}, gives the
 * implicit solution
 * <pre>
 *   shift y + scale y^2 / 2 = t - t0 + shift y0 + scale y0^2 / 2,
 * </pre>
 * a quadratic in y whose root through {@code y0} is {@link #exact(double)}. The right-hand side
 * has a pole at {@code y = -shift/scale}; the solution reaches it, with infinite slope, at
 * {@link #poleTime()} and does not exist beyond.
 *
 * <p>The book's example: {@code new Reciprocal(Grids.linspace(0, 10, 101), 1,
 * Map.of("shift", -5.0, "scale", -10.0))} falls from 1 to 0 at t = 10 and hits the pole
 * y = -0.5 at t = 11.25; solving to t = 12 throws a {@link org.neuralode.solvers.SolverException}.
 */
public final class Reciprocal extends DiffEqn {

    private final double shift;
    private final double scale;

    /**
     * @param t      the times
     * @param y0     the initial value, not at the pole
     * @param fnArgs {@code shift} and {@code scale}
     */
    public Reciprocal(double[] t, double y0, Map<String, Double> fnArgs) {
        super(t, y0, fnArgs);
        this.shift = arg("shift");
        this.scale = arg("scale");
        if (shift + scale * y0 == 0) {
            throw new IllegalArgumentException("y0 = " + y0 + " is at the pole shift + scale * y0 = 0");
        }
    }

    /** @return {@code new Reciprocal(t, y0, Map.of("shift", shift, "scale", scale))} */
    public static Reciprocal withShiftAndScale(double[] t, double y0, double shift, double scale) {
        return new Reciprocal(t, y0, Map.of("shift", shift, "scale", scale));
    }

    @Override
    protected List<String> argumentNames() {
        return List.of("shift", "scale");
    }

    @Override
    public double fn(double y, double t) {
        return 1 / (shift + scale * y);
    }

    @Override
    public String formula() {
        return "\\frac{dh(t)}{d t} = \\frac{1}{shift + scale * y}";
    }

    /**
     * The root of {@code (scale/2) y^2 + shift y - K = 0}, {@code K = time - t0 + C}, through y0:
     * with {@code s = sign(shift + scale y0)} and {@code D = shift^2 + 2 scale K},
     * <pre>
     *   y = (-shift + s sqrt(D)) / scale  =  2 K / (shift + s sqrt(D)).
     * </pre>
     * The second form (the first times {@code (shift + s sqrt(D)) / (shift + s sqrt(D))}) is used
     * when {@code shift} has the sign s: then the first would subtract nearly equal numbers for a
     * small scale, and divide 0 by 0 for {@code scale = 0}, where the second gives
     * {@code y0 + (time - t0) / shift} exactly (Press et al., <i>Numerical Recipes</i>, 3rd ed., Section 5.6).
     *
     * @param time the time, finite
     * @return the solution at {@code time}
     * @throws IllegalArgumentException beyond {@link #poleTime()}, where no solution exists
     */
    public double exact(double time) {
        double elapsed = Arguments.finite("time", time) - t0();
        double y0 = y0();
        double k = elapsed + (shift * y0 + scale * y0 * y0 / 2);   // grouped as in poleTime(), so both agree at the pole
        double discriminant = shift * shift + 2 * scale * k;
        if (discriminant < 0) {
            throw noSolution(time, "the solution reaches the pole y = " + (-shift / scale) + " at t = " + poleTime()
                    + " and does not exist beyond it");
        }
        double s = Math.signum(shift + scale * y0);
        double y = Math.signum(shift) == s
                ? 2 * k / (shift + s * Math.sqrt(discriminant))
                : (-shift + s * Math.sqrt(discriminant)) / scale;
        if (!Double.isFinite(y)) {
            throw noSolution(time, "the closed form overflows a double (y = " + y + ")");
        }
        return y;
    }

    /**
     * @return the time at which the solution reaches the pole {@code y = -shift/scale}, where the
     *         discriminant {@code shift^2 + 2 scale (t - t0 + C)} vanishes (11.25 for the book's
     *         example); before t0 if {@code scale > 0}, infinite if {@code scale = 0}
     */
    public double poleTime() {
        if (scale == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double y0 = y0();
        double c = shift * y0 + scale * y0 * y0 / 2;
        double elapsed = -shift * shift / (2 * scale) - c;
        return t0() + elapsed;
    }
}
