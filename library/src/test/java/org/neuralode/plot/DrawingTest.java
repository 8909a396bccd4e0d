package org.neuralode.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Drawing is the one mapping from a series to lines and markers; both renderings follow it. */
class DrawingTest {

    private static final double[] X = {0, 1, 2};

    @Test
    void eachStyleIsDrawnAsTheNotebooksShowIt() {
        assertEquals(new Drawing("red", new Drawing.Line(2, false), null, false), drawing(Series.Style.LINE));
        assertEquals(new Drawing("red", new Drawing.Line(2, true), null, false), drawing(Series.Style.DASHED));
        assertEquals(new Drawing("red", new Drawing.Line(2, false), new Drawing.Marker(Drawing.Symbol.CIRCLE, 8), false),
                drawing(Series.Style.STEPS));
        assertEquals(new Drawing("red", null, new Drawing.Marker(Drawing.Symbol.CIRCLE, 6), false), drawing(Series.Style.POINTS));
        assertEquals(new Drawing("red", null, new Drawing.Marker(Drawing.Symbol.CROSS, 9), false), drawing(Series.Style.CROSSES));
        assertEquals(new Drawing("red", new Drawing.Line(1, false), null, true), drawing(Series.Style.ARROWS));
    }

    private static Drawing drawing(Series.Style style) {
        return Drawing.of(new Series("s", X, X, style, "red"), 0);
    }

    @Test
    void withoutAColourASeriesTakesPlotlysCycleByItsPlaceInTheFigure() {
        Series plain = new Series("s", X, X, Series.Style.LINE, null);
        assertEquals("#1f77b4", Drawing.of(plain, 0).color());
        assertEquals("#2ca02c", Drawing.of(plain, 2).color());
        assertEquals("#1f77b4", Drawing.of(plain, 10).color(), "the cycle of ten starts again");
        // a live view's right panel continues the count of the left one, as plotly.js counts traces
        PlotFigure live = new LiveView("t").loss(1, 1).trajectory("a", X, X).trajectory("b", X, X).figure();
        Map<String, Object> json = PlotlyJson.figure(live, PlotlyJson.Labels.TEX);
        assertEquals("#ff7f0e", Json.at(json, "data.1.line.color"));
        assertEquals("#2ca02c", Json.at(json, "data.2.line.color"));
    }

    @Test
    void plotlysTracesAreWhatDrawingSays() {
        for (Series.Style style : Series.Style.values()) {
            Plot plot = Plot.figure().line("first", X, X).add(new Series("second", X, X, style, null));
            Map<String, Object> json = PlotlyJson.figure(plot.build(), PlotlyJson.Labels.TEX);
            Drawing drawing = Drawing.of(new Series("second", X, X, style, null), 1);
            String mode = (String) Json.at(json, "data.1.mode");
            assertEquals(drawing.line() != null, mode.contains("lines"), style + ": " + mode);
            assertEquals(drawing.marker() != null, mode.contains("markers"), style + ": " + mode);
            if (drawing.line() != null) {
                assertEquals(drawing.line().width(), ((Number) Json.at(json, "data.1.line.width")).doubleValue(), style.name());
                assertEquals(drawing.color(), Json.at(json, "data.1.line.color"), style.name());
                assertEquals(drawing.line().dashed() ? "dash" : null, Json.at(json, "data.1.line.dash"), style.name());
            } else {
                assertNull(Json.at(json, "data.1.line"), style.name());
            }
            if (drawing.marker() != null) {
                assertEquals(drawing.marker().size(), Json.at(json, "data.1.marker.size"), style.name());
                assertEquals(drawing.color(), Json.at(json, "data.1.marker.color"), style.name());
                assertEquals(drawing.marker().symbol() == Drawing.Symbol.CROSS ? "x" : null, Json.at(json, "data.1.marker.symbol"));
            } else {
                assertNull(Json.at(json, "data.1.marker"), style.name());
            }
            assertEquals(drawing.arrows() ? "skip" : null, Json.at(json, "data.1.hoverinfo"), style.name());
        }
    }

    @Test
    void thePngDrawsTheColoursAndMarkerSizesDrawingSays() throws IOException {
        // legend swatches, one row: a line (2 px high), a circle of 6 and one of 8 on a line
        double[] flat = {1, 1, 1};
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(StaticImage.png(Plot.figure()
                .line("line", X, flat)
                .add(new Series("points", X, X, Series.Style.POINTS, "#ff0000"))
                .add(new Series("steps", X, X, Series.Style.STEPS, "#0000ff")).build())));
        int legendTop = 420;
        int[] line = extent(png, 0x1f77b4, legendTop);   // the default colour of series 0
        int[] points = extent(png, 0xff0000, legendTop);
        int[] steps = extent(png, 0x0000ff, legendTop);
        assertTrue(line[1] >= 0, "series 0 is drawn in the first colour of plotly's cycle");
        assertTrue(line[3] - line[2] + 1 <= 2, "a line's swatch is the line's width high: " + List.of(line[2], line[3]));
        int pointsHigh = points[3] - points[2] + 1;
        int stepsHigh = steps[3] - steps[2] + 1;
        assertTrue(pointsHigh >= 4 && pointsHigh <= 6, "a point's marker is 6 px: " + pointsHigh);
        assertTrue(stepsHigh >= 6 && stepsHigh <= 8, "a step's marker is 8 px: " + stepsHigh);
    }

    /** {min x, max x, min y, max y} of the pixels of exactly one colour from row fromRow down. */
    private static int[] extent(BufferedImage png, int rgb, int fromRow) {
        int[] box = {Integer.MAX_VALUE, -1, Integer.MAX_VALUE, -1};
        for (int y = fromRow; y < png.getHeight(); y++) {
            for (int x = 0; x < png.getWidth(); x++) {
                if ((png.getRGB(x, y) & 0xffffff) == rgb) {
                    box[0] = Math.min(box[0], x);
                    box[1] = Math.max(box[1], x);
                    box[2] = Math.min(box[2], y);
                    box[3] = Math.max(box[3], y);
                }
            }
        }
        return box;
    }
}
