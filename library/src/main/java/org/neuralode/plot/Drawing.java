package org.neuralode.plot;

import java.util.List;

/**
 * How one series is drawn: its colour, its line and its markers. This is the one place where a
 * {@link Series.Style} and a series' colour become lines and markers; plotly's figure JSON
 * ({@link PlotlyJson}) and the static PNG ({@link StaticImage}) both draw what it says, so the
 * interactive figure and its picture cannot drift apart.
 *
 * @param color  a CSS colour ({@link CssColor}): the series' own, or else plotly's default cycle
 *               ({@link #PALETTE}) taken by the series' place among the figure's series, as
 *               plotly.js takes it
 * @param line   the line through the points, or null for markers alone
 * @param marker the marker at every point, or null for a line alone
 * @param arrows the points are arrows (shafts and barbs, each path ended by a gap): no hover
 *               text, and an arrow in the legend
 */
record Drawing(String color, Line line, Marker marker, boolean arrows) {

    /** A line through the points: its width in pixels, solid or dashed. */
    record Line(double width, boolean dashed) {
    }

    /**
     * A marker at every point: its shape and its size in pixels (plotly's {@code marker.size}: a
     * circle's diameter, a cross's width).
     */
    record Marker(Symbol symbol, int size) {
    }

    /** A marker's shape. */
    enum Symbol { CIRCLE, CROSS }

    /** plotly.js's default colour cycle (its {@code colorway}). */
    static final List<String> PALETTE = List.of("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
            "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf");

    private static final Line SOLID = new Line(2, false);

    /**
     * How {@code series} is drawn as the {@code index}-th series of its figure (counted over all
     * panels, from 0).
     */
    static Drawing of(Series series, int index) {
        String color = series.color() != null ? series.color() : PALETTE.get(index % PALETTE.size());
        return switch (series.style()) {
            case LINE -> new Drawing(color, SOLID, null, false);
            case DASHED -> new Drawing(color, new Line(2, true), null, false);
            case STEPS -> new Drawing(color, SOLID, new Marker(Symbol.CIRCLE, 8), false);
            case POINTS -> new Drawing(color, null, new Marker(Symbol.CIRCLE, 6), false);
            case CROSSES -> new Drawing(color, null, new Marker(Symbol.CROSS, 9), false);
            case ARROWS -> new Drawing(color, new Line(1, false), null, true);
        };
    }
}
