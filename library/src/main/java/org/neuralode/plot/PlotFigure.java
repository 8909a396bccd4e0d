package org.neuralode.plot;

import java.util.List;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.Trace;

/**
 * A figure as plain data: title, panels (axes and series) and size. Every rendering is made from
 * this data: plotly's figure JSON ({@link PlotlyJson}, drawn interactively) and the static PNG
 * ({@link StaticImage}); {@link FigureHtml} puts them into one MIME bundle. It is also a tablesaw
 * {@link Figure}, so that tablesaw code and the kernel's renderer for tablesaw figures accept it.
 * Made by {@link Plot} and {@link LiveView}.
 */
public final class PlotFigure extends Figure {

    private final String title;
    private final List<Panel> panels;
    private final int width;
    private final int height;
    private final Slider slider;

    /**
     * A slider over frames, computed in Java and carried in the figure (plotly's {@code frames}
     * and {@code layout.sliders}): every viewer that draws plotly JSON moves through them with no
     * kernel round trip; the figure's own panels are the frame shown first (the PNG shows it).
     *
     * @param label  what the slider sets, e.g. "$\\Delta t$"
     * @param values the label of each frame's step, e.g. "0.25"
     * @param frames one figure per step, with the same panels and series in the same order
     * @param active the step shown first
     */
    public record Slider(String label, List<String> values, List<PlotFigure> frames, int active) {
        public Slider {
            values = List.copyOf(values);
            frames = List.copyOf(frames);
        }
    }

    PlotFigure(String title, List<Panel> panels, int width, int height, Layout layout, Trace... traces) {
        this(title, panels, width, height, null, layout, traces);
    }

    PlotFigure(String title, List<Panel> panels, int width, int height, Slider slider, Layout layout, Trace... traces) {
        super(layout, traces);
        this.title = title;
        this.panels = List.copyOf(panels);
        this.width = width;
        this.height = height;
        this.slider = slider;
    }

    /** The slider over frames, or null for a figure without one. */
    public Slider slider() {
        return slider;
    }

    /** The figure's title as given (LaTeX in {@code $...$}), or null. */
    public String title() {
        return title;
    }

    /** One panel, or two for a {@link LiveView}. */
    public List<Panel> panels() {
        return panels;
    }

    /** Width in pixels, or 0: as wide as the output it is shown in. */
    public int width() {
        return width;
    }

    /** Height in pixels, or 0 for the default ({@value PlotlyJson#DEFAULT_HEIGHT}). */
    public int height() {
        return height;
    }
}
