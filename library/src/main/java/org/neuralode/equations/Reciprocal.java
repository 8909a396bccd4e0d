package org.neuralode.equations;

import java.util.List;
import java.util.Map;

/**
 * Growth at the reciprocal of an affine function of the state,
 * {@code dh/dt = 1 / (shift + scale y)} (the seed's {@code Receprocal}, arguments {@code shift}
 * and {@code scale}). Separating variables, {@code (shift + scale y) dy = dt}, gives the
 * implicit solution
 * <pre>
 *   shift y + scale y^2 / 2 = t - t0 + shift y0 + scale y0^2 / 2,
 * </pre>
 * a quadratic in y whose root through {@code y0} is {@link #exact(double)}. The right-hand side
 * has a pole at {@code y = -shift/scale}; the solution reaches it, with infinite slope, at
 * {@link #poleTime()} and does not exist beyond.
 *
 * <p>The seed's example: {@code new Reciprocal(Grids.linspace(0, 10, 101), 1,
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
     * The root of {@code (scale/2) y^2 + shift y - (time - t0 + C) = 0} through y0: with
     * {@code s = sign(shift + scale y0)},
     * {@code y = (-shift + s sqrt(shift^2 + 2 scale (time - t0 + C))) / scale}.
     *
     * @throws IllegalArgumentException beyond {@link #poleTime()}, where no solution exists
     */
    public double exact(double time) {
        double y0 = y0();
        double elapsed = time - t()[0];
        if (scale == 0) {
            return y0 + elapsed / shift;
        }
        double c = shift * y0 + scale * y0 * y0 / 2;
        double discriminant = shift * shift + 2 * scale * (elapsed + c);
        if (discriminant < 0) {
            throw new IllegalArgumentException("no solution at t = " + time + ": it reached the pole y = "
                    + (-shift / scale) + " at t = " + poleTime());
        }
        double s = Math.signum(shift + scale * y0);
        return (-shift + s * Math.sqrt(discriminant)) / scale;
    }

    /**
     * @return the time at which the solution reaches the pole {@code y = -shift/scale}, where the
     *         discriminant {@code shift^2 + 2 scale (t - t0 + C)} vanishes (11.25 for the seed's
     *         example); before t0 if {@code scale > 0}, infinite if {@code scale = 0}
     */
    public double poleTime() {
        if (scale == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double y0 = y0();
        double c = shift * y0 + scale * y0 * y0 / 2;
        double elapsed = -shift * shift / (2 * scale) - c;
        return t()[0] + elapsed;
    }
}
