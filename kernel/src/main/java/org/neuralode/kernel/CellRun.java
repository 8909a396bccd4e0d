package org.neuralode.kernel;

import java.time.Instant;
import java.util.concurrent.FutureTask;
import org.neuralode.kernel.guard.StopPoll;

/**
 * One cell's run, from its start to its reply: its label, why it was stopped (if it was), and the
 * thread drawing its value. The kernel holds the running cell's {@code CellRun} and none between
 * cells, so a stop meant for one cell can never land on the next.
 */
final class CellRun {

    private final String label;
    /** When the client sent the execute request (its header's date), or null. */
    private final Instant requested;
    private volatile CellException stopReason;
    private volatile Thread renderer;
    private volatile FutureTask<?> renderTask;

    CellRun(String label, Instant requested) {
        this.label = label;
        this.requested = requested;
    }

    /** Whether this cell was requested after {@code sent} (false if either date is unknown). */
    boolean requestedAfter(Instant sent) {
        return requested != null && sent != null && sent.isBefore(requested);
    }

    /** The cell's label in messages, e.g. "In [3]". */
    String label() {
        return label;
    }

    /** Why the cell was stopped, or null. */
    CellException stopReason() {
        return stopReason;
    }

    /**
     * Records why the cell stops. If its value is being drawn, the drawing thread is doomed (a
     * cell's {@code toString()} ends at its next stop check) and the cell stops waiting for it.
     *
     * @return true if that was the drawing; false if the cell's code itself must be stopped
     */
    boolean stop(CellException reason) {
        stopReason = reason;
        Thread drawing = renderer;
        if (drawing == null) {
            return false;
        }
        StopPoll.doom(drawing);
        FutureTask<?> task = renderTask;
        if (task != null) {
            task.cancel(false);
        }
        return true;
    }

    /** The cell's value is drawn on {@code thread} by {@code task}. */
    void drawing(Thread thread, FutureTask<?> task) {
        renderTask = task;
        renderer = thread;
    }

    /** The drawing ended. */
    void drawn() {
        renderer = null;
        renderTask = null;
    }
}
