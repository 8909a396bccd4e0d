package org.neuralode.neuralode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.neuralode.data.Metrics;
import org.neuralode.data.TimeSeries;
import org.neuralode.data.Trajectory;
import org.neuralode.solvers.Solver;

/**
 * Forecasts a univariate series {@code x(t)} with a neural ODE on the phase space
 * {@code h = (x, dx/dt)}:
 * <pre>
 *   dh/dt = f_theta(h),   h(t_n) = (x_n, (3 x_n - 4 x_{n-1} + x_{n-2}) / (2 dt)),
 *   forecast x(t_n + k dt) = first component of h(t_n + k dt),
 * </pre>
 * the state at the last observation estimated from the last three values of the history (the
 * second-order backward difference, error {@code O(dt^2)}; LeVeque, <i>Finite Difference Methods
 * for Ordinary and Partial Differential Equations</i>, SIAM 2007, Chapter 1), because a first
 * difference would bias the velocity by {@code O(dt)} and the forecast drifts with it. A second-order system such as a
 * (damped) pendulum is fully described by position and velocity, so this state suffices; the
 * seed book's model ("Time Series Forecasting with Neural ODE") instead encodes the whole
 * history into a 100-dimensional latent state with a dense layer and decodes the end state.
 *
 * <p>Training fits {@code f_theta} to the phase-space trajectory of the training windows with a
 * {@link Trainer} (mini-batches of segments); every {@code k} iterations the forecast error (MAE)
 * on the validation windows is measured and the parameters with the smallest one are kept
 * (early stopping: the validation windows choose, the test windows only judge).
 */
public final class PhaseSpaceForecaster {

    /** One validation check during {@link #fit}. */
    public record Check(int iteration, double batchLoss, double validationMae) {
    }

    private final NeuralOde model;
    private final Solver solver;
    private final double dt;

    /**
     * @param model  a neural ODE of dimension 2 (position, velocity)
     * @param solver the solver of training and forecasts
     * @param dt     the sampling interval of the series, positive
     */
    public PhaseSpaceForecaster(NeuralOde model, Solver solver, double dt) {
        if (model == null || model.dimension() != 2) {
            throw new IllegalArgumentException("model must be a NeuralOde of dimension 2 (position, velocity), got "
                    + (model == null ? "null" : "dimension " + model.dimension()));
        }
        if (solver == null) {
            throw new IllegalArgumentException("solver must not be null, e.g. Solvers.dormandPrince(1e-6, 1e-8)");
        }
        if (!(dt > 0) || Double.isInfinite(dt)) {
            throw new IllegalArgumentException("dt must be finite and positive, got " + dt);
        }
        this.model = model;
        this.solver = solver;
        this.dt = dt;
    }

    /** @return the model being trained */
    public NeuralOde model() {
        return model;
    }

    /**
     * The phase-space state at the last value of a history: {@code (x_n, (3 x_n - 4 x_{n-1} + x_{n-2}) / (2 dt))}.
     *
     * @param history at least three values, evenly spaced by {@code dt}
     */
    public static double[] state(double[] history, double dt) {
        int n = history.length;
        if (n < 3) {
            throw new IllegalArgumentException("history must hold at least 3 values to estimate a velocity, got " + n);
        }
        return new double[] {history[n - 1], (3 * history[n - 1] - 4 * history[n - 2] + history[n - 3]) / (2 * dt)};
    }

    /**
     * The phase-space trajectory of the values the windows' histories cover (consecutive windows
     * overlap in all but one value): state {@code i} belongs to value {@code i + 2}, at time {@code i dt}.
     */
    public Trajectory phaseTrajectory(TimeSeries.Windows windows) {
        int history = windows.history();
        int n = history + windows.size() - 1;
        double[] values = new double[n];
        System.arraycopy(windows.inputs()[0], 0, values, 0, history);
        for (int w = 1; w < windows.size(); w++) {
            values[history + w - 1] = windows.inputs()[w][history - 1];
        }
        if (n < 3) {
            throw new IllegalArgumentException("windows must cover at least 3 values, got " + n);
        }
        double[] times = new double[n - 2];
        double[][] states = new double[n - 2][];
        for (int i = 2; i < n; i++) {
            times[i - 2] = (i - 2) * dt;
            states[i - 2] = state(new double[] {values[i - 2], values[i - 1], values[i]}, dt);
        }
        return new Trajectory(times, states);
    }

    /**
     * Forecasts every window at once (one batched solve from all initial states), honouring the
     * windows' gap and horizon.
     *
     * @return {@code forecast[w][k]}, the predicted {@code targets[w][k]}
     */
    public double[][] forecast(TimeSeries.Windows windows) {
        int count = windows.size();
        int horizon = windows.horizon();
        double[] h0 = new double[2 * count];
        for (int w = 0; w < count; w++) {
            System.arraycopy(state(windows.inputs()[w], dt), 0, h0, 2 * w, 2);
        }
        double[] times = new double[horizon + 1];
        for (int k = 1; k <= horizon; k++) {
            times[k] = (windows.gap() + k) * dt;
        }
        double[][] states = solver.solve(model, h0, times).states();
        double[][] forecast = new double[count][horizon];
        for (int w = 0; w < count; w++) {
            for (int k = 0; k < horizon; k++) {
                forecast[w][k] = states[k + 1][2 * w];
            }
        }
        return forecast;
    }

    /**
     * Trains on the phase-space trajectory of {@code train}, checks the validation MAE every
     * {@code every} iterations and ends with the parameters of the best check.
     *
     * @param trainer    a trainer of this forecaster's model on {@link #phaseTrajectory} of the training windows
     * @param validation the validation windows
     * @param iterations the number of iterations
     * @param every      iterations between checks
     * @param listener   receives every check (e.g. to update a live plot), may be null
     * @return all checks, in order
     */
    public List<Check> fit(Trainer trainer, TimeSeries.Windows validation, int iterations, int every,
                           Consumer<Check> listener) {
        if (trainer == null || trainer.model() != model) {
            throw new IllegalArgumentException("trainer must train this forecaster's model");
        }
        if (validation == null) {
            throw new IllegalArgumentException("validation windows must be given (split with validationFraction > 0)");
        }
        if (iterations < 1 || every < 1) {
            throw new IllegalArgumentException("iterations and every must be at least 1, got " + iterations
                    + " and " + every);
        }
        List<Check> checks = new ArrayList<>();
        double[] best = model.theta().clone();
        double bestMae = Metrics.mae(forecast(validation), validation.targets());
        for (int done = 1; done <= iterations; done++) {
            Trainer.Iteration step = trainer.step();
            if (done % every == 0 || done == iterations) {
                double mae = Metrics.mae(forecast(validation), validation.targets());
                Check check = new Check(trainer.iteration(), step.loss(), mae);
                checks.add(check);
                if (mae < bestMae) {
                    bestMae = mae;
                    best = model.theta().clone();
                }
                if (listener != null) {
                    listener.accept(check);
                }
            }
        }
        System.arraycopy(best, 0, model.theta(), 0, best.length);
        return checks;
    }
}
