/**
 * The data sets of the training notebooks.
 *
 * <p>Notebook 05: read {@link org.neuralode.data.Spiral} first (torchdiffeq's demo spiral), then
 * {@link org.neuralode.data.Trajectory}, the sampled states a neural ODE is fitted to and the
 * source of its mini-batches ({@link org.neuralode.data.Segments}). Notebook 06: {@link org.neuralode.data.Pendulum} (the seed book's
 * damped pendulum), {@link org.neuralode.data.TimeSeries} (the series cut into history/horizon
 * windows and split in time order) and {@link org.neuralode.data.Metrics} (MAE, MSE, sMAPE).
 */
package org.neuralode.data;
