package org.neuralode.kernel;

/**
 * Remembers whether this kernel session has published the plotly.js loader (an output of its own,
 * {@link org.neuralode.plot.FigureHtml#plotlyLoaderBundle()}), so that it goes out once per
 * session, just before the first figure, and figures themselves never carry it.
 *
 * <p>One case brings the loader back: {@code clear_output} in the cell that carried it erases it
 * from the notebook, so the next figure must be preceded by it again.
 */
final class PlotlyJsLedger {

    private boolean shipped;
    private int shippedInExecution = -1;

    /** Whether the loader must be published now, before a figure made in the given execution. */
    synchronized boolean claim(int execution) {
        if (shipped) {
            return false;
        }
        shipped = true;
        shippedInExecution = execution;
        return true;
    }

    /** The outputs of the given execution were cleared. */
    synchronized void outputCleared(int execution) {
        if (shipped && shippedInExecution == execution) {
            shipped = false;
            shippedInExecution = -1;
        }
    }
}
