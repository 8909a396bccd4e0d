/**
 * The data sets neural ODEs are trained on, checked when they are built: every time and value
 * finite, times strictly increasing, each bad entry named with its index and value.
 *
 * <p>For fitting a trajectory: read {@link org.neuralode.data.Spiral} first (torchdiffeq's demo
 * spiral), then {@link org.neuralode.data.Trajectory}, the sampled states a neural ODE is fitted
 * to and the source of its mini-batches ({@link org.neuralode.data.Segments}). For forecasting: {@link org.neuralode.data.Pendulum}
 * (the book's damped pendulum), {@link org.neuralode.data.TimeSeries} (the series cut into
 * history/horizon windows and split in time order) and {@link org.neuralode.data.Metrics} (MAE,
 * MSE, sMAPE).
 */
package org.neuralode.data;
