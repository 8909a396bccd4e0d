package org.neuralode.plot;

import java.util.List;

/**
 * A figure as plain data: title, panels (axes and series), size and an optional slider. Every
 * rendering is made from this data: plotly's figure JSON ({@link PlotlyJson}, drawn
 * interactively) and the static PNG ({@link StaticImage}), both drawing each series as
 * {@link Drawing} says; {@link FigureHtml} puts them into one MIME bundle. Made by {@link Plot}
 * and {@link LiveView}; it knows nothing of notebooks or of how it is shown.
 *
 * @param title  the title (LaTeX allowed in {@code $...$}), or null
 * @param panels one panel, or two side by side (a {@link LiveView})
 * @param width  width in pixels, or 0: as wide as the output it is shown in
 * @param height height in pixels, or 0 for the default ({@value PlotlyJson#DEFAULT_HEIGHT})
 * @param slider a slider over frames, or null for a figure without one
 */
public record PlotFigure(String title, List<Panel> panels, int width, int height, Slider slider) {

    public PlotFigure {
        if (panels == null || panels.isEmpty() || panels.size() > 2) {
            throw new IllegalArgumentException("a figure has one panel or two side by side, got "
                    + (panels == null ? "null" : panels.size()));
        }
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("width and height must be positive, or 0 for the default, got "
                    + width + " x " + height);
        }
        panels = List.copyOf(panels);
    }

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
}
