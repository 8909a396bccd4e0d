package org.neuralode.plot;

import java.util.List;

/**
 * The axes of one panel: labels, scales and the series drawn on them.
 *
 * @param xLabel      x-axis label (LaTeX allowed, see {@link Latex#inline}), or null
 * @param yLabel      y-axis label, or null
 * @param logX        logarithmic x axis
 * @param logY        logarithmic y axis
 * @param equalAspect one unit on x is as long as one unit on y (phase portraits, vector fields)
 * @param series      what is drawn
 */
public record Panel(String xLabel, String yLabel, boolean logX, boolean logY,
                    boolean equalAspect, List<Series> series) {

    public Panel {
        series = List.copyOf(series);
    }
}
