package org.neuralode.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DecimationTest {

    private static double[] range(int n) {
        double[] x = new double[n];
        Arrays.setAll(x, i -> i);
        return x;
    }

    @Test
    void aMillionPointsAreDrawnAsTheirExtremesAndTheLegendSaysSo() {
        int n = 1_000_000;
        double[] x = range(n);
        double[] y = new double[n];
        Arrays.setAll(y, i -> Math.sin(i * 1e-4));
        y[123_457] = 7;     // a single spike must survive
        y[654_321] = -9;    // and a single trough
        PlotFigure figure = Plot.figure().line("signal", x, y).build();
        Series shown = figure.panels().get(0).series().get(0);
        assertTrue(shown.x().length <= Decimation.MAX_POINTS, shown.x().length + " points drawn");
        assertEquals(7, Arrays.stream(shown.y()).max().getAsDouble());
        assertEquals(-9, Arrays.stream(shown.y()).min().getAsDouble());
        assertTrue(shown.name().startsWith("signal (1,000,000 points, drawn as "), shown.name());
        for (int i = 1; i < shown.x().length; i++) {
            assertTrue(shown.x()[i] > shown.x()[i - 1], "points stay in their order");
        }
        String html = FigureHtml.mimeBundle(figure, PlotlySource.page()).get("text/html");   // plotly JSON and PNG: what a notebook stores
        assertTrue(html.length() < 3_000_000, "the figure's HTML has " + html.length() + " characters");
    }

    @Test
    void gapsStayGapsAndShortSeriesAreUntouched() {
        int n = 60_000;
        double[] y = new double[n];
        Arrays.setAll(y, i -> i % 1000 == 500 ? Double.NaN : i);
        Series s = new Series("gappy", range(n), y, Series.Style.LINE, null);
        Series shown = Decimation.forDisplay(s);
        assertTrue(Arrays.stream(shown.y()).anyMatch(Double::isNaN), "a gap is kept");
        Series small = new Series("small", range(10), range(10), Series.Style.LINE, null);
        assertSame(small, Decimation.forDisplay(small));
    }
}
