package org.neuralode.plot;

/**
 * One drawn data set of a figure: a line, markers, or arrows (segments separated by NaN gaps).
 * How each style is drawn is {@link Drawing}'s to say.
 *
 * @param name   legend entry
 * @param x      abscissae
 * @param y      ordinates, same length as {@code x}
 * @param style  how the points are drawn
 * @param color  a CSS colour ("red", "#d62728", "rgb(214, 39, 40)"; see {@link CssColor}), or
 *               null for plotly's default cycle
 */
public record Series(String name, double[] x, double[] y, Style style, String color) {

    /**
     * How a series is drawn. {@code STEPS} is a line with a marker at every point, for discrete
     * steps that a reader should be able to count (Euler's path, a ResNet's hidden states).
     */
    public enum Style { LINE, DASHED, POINTS, CROSSES, ARROWS, STEPS }

    public Series {
        if (x == null || y == null || x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "': x and y must be non-null and of equal length, got "
                    + (x == null ? "null" : x.length) + " and " + (y == null ? "null" : y.length));
        }
        if (style == null) {
            throw new IllegalArgumentException("series '" + name + "': style must not be null");
        }
        if (color != null) {
            CssColor.parse(color); // rejects what neither plotly.js nor the PNG could draw, naming it
        }
    }
}
