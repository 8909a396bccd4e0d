package org.neuralode.kernel;

import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Remembers which output of this kernel session carries the plotly.js library, so that it is
 * embedded exactly once per session (the first figure) and not in every figure.
 *
 * <p>Two cases bring the library back: an {@code update_display_data} replaces the output that
 * carried it (the replacement must carry it again, or the saved notebook loses it), and
 * {@code clear_output} in the cell that carried it erases it (the next figure ships it again).
 */
final class PlotlyJsLedger {

    private boolean shipped;
    private int shippedInExecution = -1;
    private final Set<String> displayIdsCarrying = new HashSet<>();
    private final Set<Object> bundlesCarrying = Collections.newSetFromMap(new IdentityHashMap<>());

    /** Whether a new figure output made in the given execution must carry plotly.js. */
    synchronized boolean claimForNewOutput(int execution) {
        if (shipped) {
            return false;
        }
        shipped = true;
        shippedInExecution = execution;
        return true;
    }

    synchronized void rememberDisplayId(String displayId) {
        displayIdsCarrying.add(displayId);
    }

    synchronized boolean carries(String displayId) {
        return displayIdsCarrying.contains(displayId);
    }

    /** Marks a rendered bundle (from {@code render(figure)}) as carrying the library. */
    synchronized void rememberBundle(Object bundle) {
        if (bundlesCarrying.size() > 1000) {
            bundlesCarrying.clear();
        }
        bundlesCarrying.add(bundle);
    }

    synchronized boolean bundleCarries(Object bundle) {
        return bundlesCarrying.remove(bundle);
    }

    /** The outputs of the given execution were cleared. */
    synchronized void outputCleared(int execution) {
        if (shipped && shippedInExecution == execution) {
            shipped = false;
            shippedInExecution = -1;
        }
    }
}
