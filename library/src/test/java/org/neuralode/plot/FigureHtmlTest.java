package org.neuralode.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.ScatterTrace;

class FigureHtmlTest {

    private static final PlotFigure FIGURE = Plot.lines(new double[] {0, 1, 2})
            .series("$h(t)$", new double[] {1, 2, 4}).series("exact", new double[] {1, 2, 3})
            .title("Solution for $\\frac{dh}{dt} = \\lambda h$").build();

    @Test
    void htmlHasADivAndAScriptThatDrawsIntoIt() {
        String html = FigureHtml.mimeBundle(FIGURE, false).get("text/html");
        Matcher div = Pattern.compile("<div id=\"(neuralode_plot_[0-9a-f]{32})\"").matcher(html);
        assertTrue(div.find(), html);
        assertTrue(html.contains("var divId = '" + div.group(1) + "'"));
        assertTrue(html.contains("w.Plotly.newPlot(target, data, layout)"));
        assertTrue(html.contains("var data = [trace0, trace1];"));
        assertFalse(html.contains("__"), "a template placeholder was left unfilled");
        assertTrue(html.length() < 100_000, "a figure without the library stays small: " + html.length());
    }

    @Test
    void theDivHoldsTheStaticPictureUntilThePlotIsDrawn() {
        Map<String, String> bundle = FigureHtml.mimeBundle(FIGURE, false);
        assertTrue(bundle.get("text/html").contains("<img class=\"neuralode-static\" alt=\"Figure: Solution for dh/dt"
                + " = λh (2 traces: h(t), exact)\" src=\"data:image/png;base64," + bundle.get("image/png") + "\"/></div>"));
        assertTrue(bundle.get("text/html").contains("querySelectorAll('.neuralode-static')"));
    }

    @Test
    void eachFigureGetsItsOwnDiv() {
        assertFalse(FigureHtml.html(FIGURE, false).substring(0, 60).equals(FigureHtml.html(FIGURE, false).substring(0, 60)));
    }

    @Test
    void theLoaderOutputCarriesPlotlyJsCompressedAndComplete() throws IOException {
        Map<String, String> loader = FigureHtml.plotlyLoaderBundle();
        String html = loader.get("text/html");
        assertEquals("(plotly.js " + FigureHtml.PLOTLY_VERSION + " loaded for this notebook's plots)", loader.get("text/plain"));
        assertTrue(html.startsWith("<div class=\"neuralode-plotly-loader\" style=\"display:none\"><script"), html.substring(0, 80));
        assertTrue(plotlyJsIn(html).length() > 5_000_000);
        assertTrue(html.length() < 4_000_000, "compressed library too large: " + html.length());
        // the bundle runs with define/module/exports shadowed, so it sets window.Plotly even with require.js
        assertTrue(html.contains("'(function (define, module, exports) {\\n' + code"));
        assertFalse(FigureHtml.drawsFigure(html), "the loader is not a figure");
        assertFalse(html.contains("__"), "a template placeholder was left unfilled");
    }

    @Test
    void figuresAreRecognisedAndCarryNoLibraryUnlessAsked() {
        String html = FigureHtml.mimeBundle(FIGURE, false).get("text/html");
        assertTrue(FigureHtml.drawsFigure(html));
        assertFalse(html.contains("var base64"));
        assertFalse(FigureHtml.drawsFigure("<b>not a figure</b>"));
        assertFalse(FigureHtml.drawsFigure(null));
    }

    @Test
    void aFigureCanStillEmbedPlotlyJsForPagesOutsideAKernel() throws IOException {
        String html = FigureHtml.mimeBundle(FIGURE, true).get("text/html");
        assertTrue(plotlyJsIn(html).length() > 5_000_000);
        assertTrue(html.indexOf("var base64") < html.indexOf("var divId"), "loader comes before the figure's script");
    }

    /** The plotly.js source in the loader's gzip+base64 payload; checks its licence header. */
    private static String plotlyJsIn(String html) throws IOException {
        Matcher payload = Pattern.compile("var base64 = '([A-Za-z0-9+/=]+)'").matcher(html);
        assertTrue(payload.find());
        byte[] gz = Base64.getDecoder().decode(payload.group(1));
        String plotly;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            plotly = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(plotly.startsWith("/**\n* plotly.js v" + FigureHtml.PLOTLY_VERSION), plotly.substring(0, 40));
        return plotly;
    }

    @Test
    void plainTextNamesTitleAndTraces() {
        assertEquals("Figure: Solution for dh/dt = λh (2 traces: h(t), exact)",
                FigureHtml.mimeBundle(FIGURE, false).get("text/plain"));
    }

    @Test
    void plotFiguresAlsoComeAsAPng() throws IOException {
        LiveView view = new LiveView("training").loss(1, 1).loss(2, 0.1);
        Map<String, String> bundle = FigureHtml.mimeBundle(view.figure(), false);
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(bundle.get("image/png"))));
        assertEquals(2 * 560, png.getWidth());
        assertTrue(png.getHeight() >= 400);
    }

    @Test
    void plainTablesawFiguresWorkToo() {
        Figure figure = new Figure(Layout.builder().title("tablesaw").build(),
                ScatterTrace.builder(new double[] {1, 2}, new double[] {3, 4}).name("s").build());
        Map<String, String> bundle = FigureHtml.mimeBundle(figure, false);
        assertEquals("Figure: tablesaw (1 trace: s)", bundle.get("text/plain"));
        assertFalse(bundle.containsKey("image/png"));
        assertTrue(bundle.get("text/html").contains("name: 's'"));
    }

    @Test
    void rejectsNull() {
        assertThrows(IllegalArgumentException.class, () -> FigureHtml.mimeBundle(null, true));
    }
}
