package org.neuralode.plot;

import java.util.List;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.Trace;

/**
 * A tablesaw {@link Figure} that also keeps its panels as plain data, so that the figure can be
 * checked in tests and drawn as a static image ({@link StaticImage}) for viewers without
 * JavaScript. Made by {@link Plot} and {@link LiveView}.
 */
public final class PlotFigure extends Figure {

    private final String title;
    private final List<Panel> panels;
    private final String layoutPatch;

    PlotFigure(String title, List<Panel> panels, Layout layout, String layoutPatch, Trace... traces) {
        super(layout, traces);
        this.title = title;
        this.panels = List.copyOf(panels);
        this.layoutPatch = layoutPatch;
    }

    /** The figure's title as given (LaTeX in {@code $...$}), or null. */
    public String title() {
        return title;
    }

    /** One panel, or two for a {@link LiveView}. */
    public List<Panel> panels() {
        return panels;
    }

    /**
     * JavaScript statements run on {@code layout} before drawing: the layout settings tablesaw's
     * builder has no words for (second panel's axes, equal aspect ratio, legend position).
     */
    String layoutPatch() {
        return layoutPatch;
    }
}
