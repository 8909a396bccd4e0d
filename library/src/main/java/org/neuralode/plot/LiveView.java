package org.neuralode.plot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
 *
 * <p>A loop that updates after every step would resend the whole history each time (10,000
 * updates of a growing figure are gigabytes through the front end). {@link #showWith} with
 * {@link #update()} throttles by time instead: a figure is sent at most once per interval, and
 * the last state is always sent, by {@link #flush()} or, if nobody calls it, one interval later:
 * <pre>{@code
 * view.showWith(figure -> updateDisplay(id, figure), Duration.ofMillis(250));
 * for (...) { view.loss(i, loss); view.update(); }
 * view.flush();
 * }</pre>
 * Series longer than a few ten thousand points are drawn decimated (see {@code Decimation}), so
 * each figure stays bounded too.
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

    /** Sends the trailing updates of every throttled view; a daemon, so it never keeps a JVM alive. */
    private static final ScheduledExecutorService TRAILING = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "LiveView trailing update");
        thread.setDaemon(true);
        return thread;
    });
    private Consumer<PlotFigure> show;
    private long intervalNanos;
    private long lastSent;
    private boolean sentOnce;
    private ScheduledFuture<?> trailing;

    /** @param title the figure's title (LaTeX allowed), or null */
    public LiveView(String title) {
        this.title = title;
    }

    /** Appends one point of the loss curve. */
    public synchronized LiveView loss(double iteration, double loss) {
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
    public synchronized LiveView trajectory(String name, double[] x, double[] y) {
        right.put(name, new Series(name, x, y, Series.Style.LINE, null));
        return this;
    }

    /** Sets (or replaces, by name) markers on the right panel, e.g. the observed data. */
    public synchronized LiveView points(String name, double[] x, double[] y) {
        right.put(name, new Series(name, x, y, Series.Style.POINTS, null));
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
    public synchronized PlotFigure figure() {
        double[] it = iterations.stream().mapToDouble(Double::doubleValue).toArray();
        double[] l = losses.stream().mapToDouble(Double::doubleValue).toArray();
        Panel lossPanel = new Panel("iteration", lossLabel, false, true, false,
                List.of(new Series("loss", it, l, Series.Style.LINE, "#1f77b4")));
        Panel statePanel = new Panel(rightXLabel, rightYLabel, false, false, rightEqualAspect,
                new ArrayList<>(right.values()));
        return Plot.build(title, List.of(lossPanel, statePanel), 0, 0);
    }

    /**
     * Where {@link #update()} sends figures, e.g. {@code figure -> updateDisplay(id, figure)}, and
     * the shortest time between two of them.
     *
     * @throws IllegalArgumentException if show is null or minInterval is negative
     */
    public synchronized LiveView showWith(Consumer<PlotFigure> show, Duration minInterval) {
        if (show == null) {
            throw new IllegalArgumentException("show must not be null: give e.g. figure -> updateDisplay(id, figure)");
        }
        if (minInterval == null || minInterval.isNegative()) {
            throw new IllegalArgumentException("minInterval must be zero or positive, got " + minInterval);
        }
        this.show = show;
        this.intervalNanos = minInterval.toNanos();
        return this;
    }

    /**
     * The view changed: sends the figure now if the last one went out at least the interval ago,
     * else makes sure the latest state goes out when the interval is over.
     *
     * @throws IllegalStateException if {@link #showWith} was not called
     */
    public synchronized void update() {
        if (show == null) {
            throw new IllegalStateException("update() sends figures where showWith(show, interval) says; call that first");
        }
        long now = System.nanoTime();
        if (!sentOnce || now - lastSent >= intervalNanos) {
            send(now);
        } else if (trailing == null) {
            trailing = TRAILING.schedule(this::sendTrailing, lastSent + intervalNanos - now, TimeUnit.NANOSECONDS);
        }
    }

    /** Sends the latest state now if an update is still waiting (call it after the loop). */
    public synchronized void flush() {
        if (trailing != null) {
            send(System.nanoTime());
        }
    }

    private synchronized void sendTrailing() {
        if (trailing != null) {
            send(System.nanoTime());
        }
    }

    private void send(long now) {
        if (trailing != null) {
            trailing.cancel(false);
            trailing = null;
        }
        lastSent = now;
        sentOnce = true;
        show.accept(figure());
    }
}
