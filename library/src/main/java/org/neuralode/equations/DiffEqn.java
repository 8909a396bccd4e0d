package org.neuralode.equations;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.neuralode.Arguments;
import org.neuralode.plot.Latex;
import org.neuralode.plot.Plot;
import org.neuralode.plot.PlotFigure;
import org.neuralode.solvers.Solution;
import org.neuralode.solvers.Solver;
import org.neuralode.solvers.Solvers;
import org.neuralode.solvers.VectorField;

/**
 * A scalar first-order differential equation {@code dh/dt = fn(h, t)} with its initial value
 * {@code h(t[0]) = y0} and the times {@code t} to solve at: the book's {@code DiffEqn} class
 * (Lei Ma, <i>Deep Learning Fundamentals</i>, "Neural ODE", "Examples of Differential
 * Equations"), mirrored one to one (constructor {@code (t, y_0, **fn_args)}, {@code fn},
 * {@code solve}, {@code _formula}, {@code __str__}, {@code plot}). The book's formulas write the
 * state {@code h}, its code {@code y}; both name the same number here.
 *
 * <p>A subclass names the arguments it reads in {@link #argumentNames()}; the constructor
 * rejects a missing or misspelled argument with an {@link IllegalArgumentException} that names
 * it and the accepted names. Through {@link #vectorField()} the equation becomes a one-component
 * {@link VectorField} that any {@link Solver} integrates.
 *
 * <pre>{@code
 * double[] t = Grids.linspace(0, 10, 101);
 * DiffEqn infections = new Infections(t, 0.1, Map.of("r", 0.9));
 * double[] y = infections.solve();   // y[i] = h(t[i])
 * PlotFigure figure = infections.plot();
 * }</pre>
 */
public abstract class DiffEqn {

    private final double[] t;
    private final double y0;
    private final Map<String, Double> fnArgs;

    /**
     * @param t      the times to solve at, strictly monotonic, {@code t[0]} is the initial time
     * @param y0     the initial value {@code y(t[0])}
     * @param fnArgs the equation's parameters by name (the book's {@code **fn_args})
     * @throws IllegalArgumentException for an empty or non-monotonic grid, a non-finite
     *                                  {@code y0}, or a missing, unknown or non-finite argument
     */
    protected DiffEqn(double[] t, double y0, Map<String, Double> fnArgs) {
        Arguments.strictlyMonotonic("t", t);
        Arguments.finite("y0", y0);
        if (fnArgs == null) {
            throw new IllegalArgumentException("fnArgs must not be null (use Map.of() for no arguments)");
        }
        this.t = t.clone();
        this.y0 = y0;
        this.fnArgs = new LinkedHashMap<>();
        List<String> accepted = argumentNames();
        for (String name : accepted) {
            Double value = fnArgs.get(name);
            if (value == null && fnArgs.containsKey(name)) {
                throw new IllegalArgumentException("argument '" + name + "' must be a number, got null");
            }
            if (value == null) {
                throw new IllegalArgumentException("missing argument '" + name + "' for " + getClass().getSimpleName()
                        + "; accepted arguments: " + accepted + ", got " + fnArgs.keySet());
            }
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("argument '" + name + "' must be finite, got " + value);
            }
            this.fnArgs.put(name, value);
        }
        for (String name : fnArgs.keySet()) {
            // a HashMap may hold a null key, which List.contains would answer with a bare NullPointerException
            if (name == null || !accepted.contains(name)) {
                throw new IllegalArgumentException("unknown argument " + (name == null ? "null (a null key)" : "'" + name + "'")
                        + " for " + getClass().getSimpleName() + "; accepted arguments: " + accepted);
            }
        }
    }

    /**
     * The right-hand side {@code dy/dt} (the book's argument order: state first, then time).
     *
     * @param y the state
     * @param t the time
     * @return dy/dt
     */
    public abstract double fn(double y, double t);

    /** @return the equation in LaTeX, without dollar signs (the book's {@code _formula}) */
    public abstract String formula();

    /**
     * The names of the arguments {@link #fn} reads, in display order. Called by the constructor,
     * so it must return a constant.
     */
    protected abstract List<String> argumentNames();

    /**
     * @param name an argument name from {@link #argumentNames()}
     * @return its value
     */
    protected final double arg(String name) {
        Double value = fnArgs.get(name);
        if (value == null) {
            throw new IllegalArgumentException("unknown argument '" + name + "' for " + getClass().getSimpleName()
                    + "; accepted arguments: " + argumentNames());
        }
        return value;
    }

    /** @return the times (a copy) */
    public double[] t() {
        return t.clone();
    }

    /** @return the initial value */
    public double y0() {
        return y0;
    }

    /** @return the initial time {@code t[0]} */
    protected final double t0() {
        return t[0];
    }

    /**
     * The exception a closed form throws at a time where the solution does not exist (it has run
     * off to infinity or into a pole before that time) or is beyond the range of a double.
     *
     * @param time the time asked for
     * @param why  what happens to the solution, and when
     * @return the exception, naming the equation, its initial value and arguments, {@code time} and why
     */
    protected final IllegalArgumentException noSolution(double time, String why) {
        return new IllegalArgumentException("no solution at t = " + time + " for " + getClass().getSimpleName()
                + " with y0 = " + y0 + " and " + argsText() + ": " + why);
    }

    /** @return the arguments by name, in the order of {@link #argumentNames()} */
    public Map<String, Double> fnArgs() {
        return Collections.unmodifiableMap(fnArgs);
    }

    /** @return the equation as the vector field {@code f(t, h) = [fn(h[0], t)]} of a one-component state */
    public VectorField vectorField() {
        return (time, h) -> new double[] {fn(h[0], time)};
    }

    /**
     * Solves with the default solver, Dormand-Prince 5(4) at rtol = 1e-10 and atol = 1e-12, whose global
     * error is about 1e-8 relative like the book's {@code odeint}.
     *
     * @return {@code y[i]}, the solution at {@code t[i]}
     * @throws org.neuralode.solvers.SolverException if the solution runs into a singularity
     */
    public double[] solve() {
        return solution(Solvers.dormandPrince()).component(0);
    }

    /** @return the solution with {@code solver}, with its statistics */
    public Solution solution(Solver solver) {
        return solver.solve(vectorField(), new double[] {y0}, t);
    }

    /** @return the arguments as the book's title prints them, e.g. {@code {'r': 0.9}} */
    public String argsText() {
        StringJoiner text = new StringJoiner(", ", "{", "}");
        fnArgs.forEach((name, value) -> text.add("'" + name + "': " + format(value)));
        return text.toString();
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? String.format(Locale.ROOT, "%.1f", value) : Double.toString(value);
    }

    /**
     * The solution over {@code t} as one line, titled like the book's plot,
     * "Solution for $formula$ with {args}", e.g. "Solution for $\\frac{dh(t)}{d t} = r * y * (1-y)$ with
     * {'r': 0.9}" (typeset as one formula where MathJax is on the page).
     */
    public PlotFigure plot() {
        return Plot.lines(t)
                .series("$h(t)$", solve())
                // parameter names upright (shift, not s·h·i·f·t in italics)
                .title("Solution for $" + Latex.upright(formula(), fnArgs.keySet()) + "$ with " + argsText())
                .yLabel("$h(t)$")
                .build();
    }

    /** The formula, like the book's {@code __str__}. */
    @Override
    public String toString() {
        return formula();
    }
}
