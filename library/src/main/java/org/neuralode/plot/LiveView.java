package org.neuralode.plot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuralode.solvers.Solution;

/**
 * A training run's progress as one two-panel figure, redrawn in place: the loss against the
 * iteration on the left (logarithmic), trajectories (e.g. true and learned, in the phase plane)
 * on the right. It only accumulates data; each {@link #figure()} is a fresh figure, which a
 * notebook shows and then replaces:
 * <pre>{@code
 * LiveView view = new LiveView("Training a neural ODE on the spiral");
 * view.trajectory("data", data.states());
 * String id = display(view.figure());
 * trainer.onProgress(10, p -> {
 *     view.loss(p.iteration(), p.testLoss()).trajectory("prediction", p.testPrediction());
 *     updateDisplay(id, view.figure());
 * });
 * trainer.run(200);
 * }</pre>
 * The library knows nothing of Jupyter: {@code display} and {@code updateDisplay} are the
 * kernel's.
 */
public final class LiveView {

    private final String title;
    private final List<Double> iterations = new ArrayList<>();
    private final List<Double> losses = new ArrayList<>();
    private final Map<String, Series> right = new LinkedHashMap<>();
    private String lossLabel = "loss";
    private String rightXLabel = Plot.PHASE_X_LABEL;
    private String rightYLabel = Plot.PHASE_Y_LABEL;
    private boolean rightEqualAspect = true;

    /** @param title the figure's title (LaTeX allowed), or null */
    public LiveView(String title) {
        this.title = title;
    }

    /** Appends one point of the loss curve. */
    public LiveView loss(double iteration, double loss) {
        if (!Double.isFinite(loss)) {
            throw new IllegalArgumentException("loss must be finite, got " + loss + " at iteration " + iteration);
        }
        iterations.add(iteration);
        losses.add(loss);
        return this;
    }

    /** Sets (or replaces, by name) a trajectory in the phase plane: states[i] = h(t_i). */
    public LiveView trajectory(String name, double[][] states) {
        return trajectory(name, Solution.component(states, 0), Solution.component(states, 1));
    }

    /** Sets (or replaces, by name) a line on the right panel. */
    public LiveView trajectory(String name, double[] x, double[] y) {
        right.put(name, new Series(name, x, y, Series.Style.LINE, null, 1));
        return this;
    }

    /** Sets (or replaces, by name) markers on the right panel, e.g. the observed data. */
    public LiveView points(String name, double[] x, double[] y) {
        right.put(name, new Series(name, x, y, Series.Style.POINTS, null, 1));
        return this;
    }

    /**
     * Labels the right panel's axes, e.g. {@code ("$t$", "$h(t)$")} for trajectories over time
     * (which also drops the equal aspect ratio meant for phase portraits).
     */
    public LiveView rightAxes(String xLabel, String yLabel) {
        this.rightXLabel = xLabel;
        this.rightYLabel = yLabel;
        this.rightEqualAspect = Plot.PHASE_X_LABEL.equals(xLabel) && Plot.PHASE_Y_LABEL.equals(yLabel);
        return this;
    }

    /**
     * Labels the left panel's y axis with what is recorded there, e.g. "test L1 loss" or
     * "validation MAE" (default "loss").
     */
    public LiveView lossLabel(String label) {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("lossLabel must be a non-empty label, got " + (label == null ? "null" : "\"" + label + "\""));
        }
        this.lossLabel = label;
        return this;
    }

    /** Number of loss points so far. */
    public int size() {
        return losses.size();
    }

    /** A fresh figure of everything recorded so far. */
    public PlotFigure figure() {
        double[] it = iterations.stream().mapToDouble(Double::doubleValue).toArray();
        double[] l = losses.stream().mapToDouble(Double::doubleValue).toArray();
        Panel lossPanel = new Panel("iteration", lossLabel, false, true, false,
                List.of(new Series("loss", it, l, Series.Style.LINE, "#1f77b4", 0)));
        Panel statePanel = new Panel(rightXLabel, rightYLabel, false, false, rightEqualAspect,
                new ArrayList<>(right.values()));
        return Plot.build(title, List.of(lossPanel, statePanel), 0, 0);
    }
}
