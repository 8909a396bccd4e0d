package org.neuralode.neuralode;

/**
 * A snapshot handed to {@link Trainer#onProgress} listeners.
 *
 * @param iteration           the iteration just finished (1-based)
 * @param loss                the mini-batch loss of that iteration
 * @param testLoss            the loss of the whole trajectory, predicted from its first state (for a
 *                            {@link TrainableModel} trainer: its test supplier's value, NaN without one)
 * @param bestTestLoss        the smallest test loss seen so far
 * @param forwardEvaluations  calls of {@code f} in that iteration's forward solve
 * @param backwardEvaluations vector-Jacobian products in that iteration's backward pass
 * @param elapsedSeconds      seconds since the trainer was built (training time only)
 * @param testTimes           the times of the whole trajectory (null for a {@link TrainableModel} trainer)
 * @param testPrediction      the predicted trajectory (row {@code i} at {@code testTimes[i]}; null for a
 *                            {@link TrainableModel} trainer)
 * @param model               the neural ODE being trained (live: it keeps changing; null for a
 *                            {@link TrainableModel} trainer)
 */
public record Progress(int iteration, double loss, double testLoss, double bestTestLoss, int forwardEvaluations,
                       int backwardEvaluations, double elapsedSeconds, double[] testTimes,
                       double[][] testPrediction, NeuralOde model) {

    @Override
    public String toString() {
        return String.format("iteration %5d | batch loss %.6f | test loss %.6f | NFE %d forward, %d backward | %.1f s",
                iteration, loss, testLoss, forwardEvaluations, backwardEvaluations, elapsedSeconds);
    }
}
