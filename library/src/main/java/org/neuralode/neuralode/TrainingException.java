package org.neuralode.neuralode;

/**
 * Training cannot go on: the loss or gradient stopped being finite, or the solver gave up or
 * needed too many steps. The message says at which iteration, what happened, and what to change.
 */
public class TrainingException extends RuntimeException {

    private final int iteration;

    /**
     * @param iteration the iteration that failed
     * @param message   what happened and what to change
     * @param cause     the underlying exception, or {@code null}
     */
    public TrainingException(int iteration, String message, Throwable cause) {
        super("training stopped at iteration " + iteration + ": " + message, cause);
        this.iteration = iteration;
    }

    /** @return the iteration that failed */
    public int iteration() {
        return iteration;
    }
}
