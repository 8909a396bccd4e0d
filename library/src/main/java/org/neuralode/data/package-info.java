/**
 * The data sets neural ODEs are trained on, checked when they are built: every time and value
 * finite, times strictly increasing, each bad entry named with its index and value.
 *
 * <p>For fitting a trajectory: read {@link org.neuralode.data.Spiral} first (torchdiffeq's demo
 * spiral), then {@link org.neuralode.data.Trajectory}, the sampled states a neural ODE is fitted
 * to and the source of its mini-batches ({@link org.neuralode.data.Segments}). For forecasting: {@link org.neuralode.data.Pendulum}
 * (the book's damped pendulum), {@link org.neuralode.data.TimeSeries} (the series cut into
 * history/horizon windows and split in time order) and {@link org.neuralode.data.Metrics} (MAE,
 * MSE, sMAPE). For series observed at times of their own (notebook 09):
 * {@link org.neuralode.data.PeriodicSeries} (Rubanova et al.'s toy set),
 * {@link org.neuralode.data.IrregularSeries} (each trajectory's observed points, the two tasks) and
 * {@link org.neuralode.data.IrregularBatch} (a batch on the union of its times, with masks).
 */
package org.neuralode.data;
