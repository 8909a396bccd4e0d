package org.neuralode.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neuralode.solvers.Solution;
import org.neuralode.solvers.VectorField;

/**
 * Builds the figures the notebooks draw, fluently:
 * <pre>{@code
 * PlotFigure f = Plot.lines(t)
 *         .series("Euler, dt = 0.1", hEuler)
 *         .series("exact", hExact)
 *         .title("Euler against $h(t) = e^{\\lambda t}$")
 *         .xLabel("$t$").yLabel("$h(t)$")
 *         .build();
 * }</pre>
 * Labels may mix prose and {@code $...$} formulas ({@link Latex#inline} makes them typeset).
 * {@link #build()} returns a {@link PlotFigure}: plain data (title, panels, series), which the
 * kernel shows inline and tests read.
 */
public final class Plot {

    /** The arrowhead's barbs: this fraction of the arrow's length, at this angle to its shaft. */
    private static final double HEAD_FRACTION = 0.3;
    private static final double HEAD_ANGLE = Math.toRadians(25);

    private final List<Series> series = new ArrayList<>();
    private double[] t;
    private String title;
    private String xLabel;
    private String yLabel;
    private boolean logX;
    private boolean logY;
    private boolean equalAspect;
    private int width;
    private int height;

    /** The x axis of a phase plane: the state's first component, h⁽¹⁾ (also {@link LiveView}'s). */
    static final String PHASE_X_LABEL = "$h^{(1)}$";

    /** The y axis of a phase plane: the state's second component, h⁽²⁾. */
    static final String PHASE_Y_LABEL = "$h^{(2)}$";

    private Plot() {
    }

    /** An empty figure; add {@link #line}, {@link #points}, ... */
    public static Plot figure() {
        return new Plot();
    }

    /** Lines over a common time grid: add each with {@link #series(String, double[])}. */
    public static Plot lines(double[] t) {
        Plot plot = new Plot().xLabel("$t$");
        plot.t = requireNonEmpty("t", t);
        return plot;
    }

    /**
     * The book's {@code DiffEqn.plot()}: the solution over t, titled
     * "Solution for $formula$ with r = 0.9" ({@link Latex#solutionTitle}).
     */
    public static Plot solution(String formula, Map<String, ?> args, double[] t, double[] h) {
        return lines(t).series("$h(t)$", h).title(Latex.solutionTitle(formula, args)).yLabel("$h(t)$");
    }

    /** A phase portrait: h⁽²⁾ against h⁽¹⁾, one unit as long on both axes; add trajectories. */
    public static Plot phasePortrait() {
        Plot plot = new Plot().xLabel(PHASE_X_LABEL).yLabel(PHASE_Y_LABEL);
        plot.equalAspect = true;
        return plot;
    }

    /** The arrows of a planar vector field f(t, h) on an n-by-n grid, as a phase portrait. */
    public static Plot vectorField(VectorField f, double t, double xMin, double xMax, double yMin, double yMax, int n) {
        return phasePortrait().arrows("$f(h)$", f, t, xMin, xMax, yMin, yMax, n);
    }

    /** Both axes logarithmic (error against step size); add {@link #referenceSlope}. */
    public static Plot logLog() {
        return new Plot().logX().logY();
    }

    /**
     * The step sizes an adaptive solver tried along t: accepted ones as dots, rejected ones as
     * crosses, on a logarithmic dt axis.
     */
    public static Plot stepSizes(Solution solution) {
        List<Solution.Step> steps = solution.steps();
        List<double[]> accepted = new ArrayList<>();
        List<double[]> rejected = new ArrayList<>();
        for (Solution.Step step : steps) {
            (step.accepted() ? accepted : rejected).add(new double[] {step.t(), Math.abs(step.dt())});
        }
        Plot plot = new Plot().xLabel("$t$").yLabel("step size $\\Delta t$").logY();
        plot.add(new Series("accepted", column(accepted, 0), column(accepted, 1), Series.Style.POINTS, null));
        plot.add(new Series("rejected", column(rejected, 0), column(rejected, 1), Series.Style.CROSSES, "#d62728"));
        return plot;
    }

    /** A line over the time grid given to {@link #lines(double[])}. */
    public Plot series(String name, double[] y) {
        if (t == null) {
            throw new IllegalArgumentException("series(name, y) needs the time grid of Plot.lines(t); use line(name, x, y)");
        }
        return line(name, t, y);
    }

    /** A solid line through (x[i], y[i]). */
    public Plot line(String name, double[] x, double[] y) {
        return add(new Series(name, x, y, Series.Style.LINE, null));
    }

    /** A dashed line through (x[i], y[i]). */
    public Plot dashed(String name, double[] x, double[] y) {
        return add(new Series(name, x, y, Series.Style.DASHED, null));
    }

    /**
     * A line with a marker at every point, for discrete steps a reader should count: Euler's
     * path with a large step, a ResNet's hidden states h₀, h₁, ... (the points stay visible where
     * another line lies on top).
     */
    public Plot steps(String name, double[] x, double[] y) {
        return add(new Series(name, x, y, Series.Style.STEPS, null));
    }

    /** {@link #steps(String, double[], double[])} over the time grid of {@link #lines(double[])}. */
    public Plot steps(String name, double[] y) {
        if (t == null) {
            throw new IllegalArgumentException("steps(name, y) needs the time grid of Plot.lines(t); use steps(name, x, y)");
        }
        return steps(name, t, y);
    }

    /** States h_0, h_1, ... in the plane as {@link #steps}: components 0 and 1, a marker at each. */
    public Plot stepsTrajectory(String name, double[][] states) {
        return steps(name, Solution.component(states, 0), Solution.component(states, 1));
    }

    /** Markers at (x[i], y[i]), e.g. measured data beside a model's line. */
    public Plot points(String name, double[] x, double[] y) {
        return add(new Series(name, x, y, Series.Style.POINTS, null));
    }

    /** A trajectory in the plane: states[i] = h(t_i), components 0 and 1 drawn. */
    public Plot trajectory(String name, double[][] states) {
        return line(name, Solution.component(states, 0), Solution.component(states, 1));
    }

    /**
     * Arrows of f(t, h) at the points of an n-by-n grid over [xMin, xMax] x [yMin, yMax], all
     * scaled by one factor so the longest spans 90% of a grid cell (lengths stay comparable).
     */
    public Plot arrows(String name, VectorField f, double t, double xMin, double xMax, double yMin, double yMax, int n) {
        if (n < 2) {
            throw new IllegalArgumentException("n (arrows per side) must be at least 2, got " + n);
        }
        if (!(xMin < xMax) || !(yMin < yMax)) {
            throw new IllegalArgumentException("need xMin < xMax and yMin < yMax, got x in [" + xMin + ", " + xMax
                    + "], y in [" + yMin + ", " + yMax + "]");
        }
        double dx = (xMax - xMin) / (n - 1);
        double dy = (yMax - yMin) / (n - 1);
        double[][] base = new double[n * n][];
        double[][] vector = new double[n * n][];
        double longest = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double[] h = {xMin + i * dx, yMin + j * dy};
                double[] v = f.at(t, h);
                if (v == null || v.length < 2 || !Double.isFinite(v[0]) || !Double.isFinite(v[1])) {
                    throw new IllegalArgumentException("vector field must give two finite components, got "
                            + java.util.Arrays.toString(v) + " at h = " + java.util.Arrays.toString(h));
                }
                base[i * n + j] = h;
                vector[i * n + j] = v;
                longest = Math.max(longest, Math.hypot(v[0] / dx, v[1] / dy));
            }
        }
        double scale = longest == 0 ? 0 : 0.9 / longest;
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int k = 0; k < base.length; k++) {
            double x0 = base[k][0];
            double y0 = base[k][1];
            double ux = vector[k][0] * scale;
            double uy = vector[k][1] * scale;
            if (ux == 0 && uy == 0) {
                continue;
            }
            double x1 = x0 + ux;
            double y1 = y0 + uy;
            // shaft, then the two barbs through the tip, each path ended by a gap (NaN)
            addAll(xs, x0, x1, Double.NaN);
            addAll(ys, y0, y1, Double.NaN);
            double[] left = rotate(-ux * HEAD_FRACTION, -uy * HEAD_FRACTION, HEAD_ANGLE);
            double[] right = rotate(-ux * HEAD_FRACTION, -uy * HEAD_FRACTION, -HEAD_ANGLE);
            addAll(xs, x1 + left[0], x1, x1 + right[0], Double.NaN);
            addAll(ys, y1 + left[1], y1, y1 + right[1], Double.NaN);
        }
        return add(new Series(name, toArray(xs), toArray(ys), Series.Style.ARROWS, "#7f7f7f"));
    }

    /**
     * A dashed reference line of slope {@code order} on log-log axes, y = y0 (x / x[0])^order,
     * to read a method's order off an error plot.
     */
    public Plot referenceSlope(double order, double[] x, double y0) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = y0 * Math.pow(x[i] / x[0], order);
        }
        return add(new Series("slope " + format(order), x, y, Series.Style.DASHED, "#7f7f7f"));
    }

    /** Adds any series. */
    public Plot add(Series s) {
        series.add(s);
        return this;
    }

    /**
     * Gives the series added last a colour (CSS, see {@link CssColor}), so that series of one
     * quantity share it: data solid and model dashed in the same colour, for example.
     *
     * @throws IllegalStateException if no series was added yet
     */
    public Plot color(String color) {
        if (series.isEmpty()) {
            throw new IllegalStateException("color(" + color + ") colours the series added last; add one first");
        }
        Series last = series.remove(series.size() - 1);
        return add(new Series(last.name(), last.x(), last.y(), last.style(), color));
    }

    public Plot title(String title) {
        this.title = title;
        return this;
    }

    public Plot xLabel(String label) {
        this.xLabel = label;
        return this;
    }

    public Plot yLabel(String label) {
        this.yLabel = label;
        return this;
    }

    public Plot logX() {
        this.logX = true;
        return this;
    }

    public Plot logY() {
        this.logY = true;
        return this;
    }

    /** One unit as long on x as on y. */
    public Plot equalAspect() {
        this.equalAspect = true;
        return this;
    }

    /**
     * Size in pixels. Without it a figure is as wide as the notebook's output area and
     * {@value PlotlyJson#DEFAULT_HEIGHT} pixels high.
     */
    public Plot size(int width, int height) {
        if (width < 100 || height < 100) {
            throw new IllegalArgumentException("width and height must be at least 100 pixels, got " + width + " x " + height);
        }
        this.width = width;
        this.height = height;
        return this;
    }

    /** The figure, as plain data. */
    public PlotFigure build() {
        Panel panel = new Panel(xLabel, yLabel, logX, logY, equalAspect, series);
        return build(title, List.of(panel), width, height);
    }

    /**
     * A figure with a slider: one frame per value, each computed here in Java, shown one at a time
     * as the reader moves the slider (plotly frames, no kernel needed). The PNG and the first paint
     * show the frame {@code active}; its title says which value that is. The frames must have the
     * same panels and series in the same order (plotly replaces traces by position); the axes
     * span every frame, so that moving the slider never rescales them.
     *
     * @param label  what the slider sets (LaTeX allowed), e.g. {@code "$\\Delta t$"}
     * @param values the frames' values as shown on the slider's steps
     * @param frame  the figure for the k-th value
     * @param active the index of the value shown first
     * @throws IllegalArgumentException if there are no values, active is out of range, or two frames
     *                                  differ in their panels or series count
     */
    public static PlotFigure slider(String label, List<String> values, java.util.function.IntFunction<PlotFigure> frame, int active) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("values must name at least one frame");
        }
        if (active < 0 || active >= values.size()) {
            throw new IllegalArgumentException("active must be an index of values (0 to " + (values.size() - 1) + "), got " + active);
        }
        List<PlotFigure> frames = new ArrayList<>();
        for (int k = 0; k < values.size(); k++) {
            PlotFigure f = frame.apply(k);
            if (k > 0 && !sameShape(frames.get(0), f)) {
                throw new IllegalArgumentException("frame " + k + " (" + values.get(k) + ") has other panels or series than frame 0:"
                        + " every frame must draw the same series in the same order");
            }
            frames.add(f);
        }
        PlotFigure shown = frames.get(active);
        PlotFigure.Slider slider = new PlotFigure.Slider(label, values, frames, active);
        return new PlotFigure(shown.title(), shown.panels(), shown.width(), shown.height(), slider);
    }

    private static boolean sameShape(PlotFigure a, PlotFigure b) {
        if (a.panels().size() != b.panels().size()) {
            return false;
        }
        for (int p = 0; p < a.panels().size(); p++) {
            if (a.panels().get(p).series().size() != b.panels().get(p).series().size()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The figure of the given panels (panel 1, if any, sits right of panel 0), with every very
     * long series decimated ({@link Decimation}); 0 for a default size.
     */
    static PlotFigure build(String title, List<Panel> panels, int width, int height) {
        return new PlotFigure(title, Decimation.forDisplay(panels), width, height, null);
    }

    private static double[] requireNonEmpty(String name, double[] values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException(name + " must be a non-empty array");
        }
        return values;
    }

    private static double[] rotate(double x, double y, double angle) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        return new double[] {c * x - s * y, s * x + c * y};
    }

    private static void addAll(List<Double> list, double... values) {
        for (double v : values) {
            list.add(v);
        }
    }

    private static double[] toArray(List<Double> list) {
        return list.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] column(List<double[]> rows, int k) {
        return rows.stream().mapToDouble(r -> r[k]).toArray();
    }

    private static String format(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
