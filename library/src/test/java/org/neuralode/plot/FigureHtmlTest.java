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
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class FigureHtmlTest {

    private static final PlotFigure FIGURE = Plot.lines(new double[] {0, 1, 2})
            .series("$h(t)$", new double[] {1, 2, 4}).series("exact", new double[] {1, 2, 3})
            .title("Solution for $\\frac{dh}{dt} = \\lambda h$").build();

    /** The bundle of a figure shown where the page has plotly.js or nothing fetches it. */
    private static Map<String, String> bundle(PlotFigure figure) {
        return FigureHtml.mimeBundle(figure, PlotlySource.page());
    }

    @Test
    void theBundleCarriesPlotlyJsonHtmlPngAndText() {
        Map<String, String> bundle = bundle(FIGURE);
        assertEquals(List.of("application/vnd.plotly.v1+json", "text/html", "image/png", "text/plain"),
                List.copyOf(bundle.keySet()));
        assertEquals(bundle.keySet(), FigureHtml.mimeBundle(FIGURE, PlotlySource.fetched("'/plotly.js'", "")).keySet());
    }

    @Test
    void thePlotlyJsonHasDataLayoutAndTitlesAsTextObjectsInUnicode() {
        String json = bundle(FIGURE).get(FigureHtml.PLOTLY_MIME_TYPE);
        assertTrue(json.startsWith("{\"data\":[{\"type\":\"scatter\",\"name\":\"h(t)\",\"x\":[0,1,2],\"y\":[1,2,4]"), json);
        assertTrue(json.contains("\"layout\":{\"title\":{\"text\":\"Solution for dh/dt = λh\"}"), json);
        assertTrue(json.contains("\"xaxis\":{\"title\":{\"text\":\"t\"}"), json);
        assertFalse(json.contains("$"), "no LaTeX where nothing typesets it: " + json);
        assertFalse(json.contains("\\\\"), "no TeX commands: " + json);
    }

    @Test
    void htmlDrawsTheSameJsonWithTexLabelsAndTheirUnicodeForms() {
        String html = bundle(FIGURE).get("text/html");
        Matcher div = Pattern.compile("<div id=\"(neuralode_plot_[0-9a-f]{32})\" class=\"neuralode-plot\"").matcher(html);
        assertTrue(div.find(), html);
        assertTrue(html.contains("var divId = '" + div.group(1) + "'"));
        assertTrue(html.contains("var figure = {\"data\":[{\"type\":\"scatter\",\"name\":\"$h(t)$\""), html);
        assertTrue(html.contains("\"title\":{\"text\":\"$\\\\text{Solution for }\\\\frac{dh}{dt} = \\\\lambda h$\"}"), html);
        assertTrue(html.contains("var unicodeLabels = {\"data.0.name\":\"h(t)\",\"layout.title.text\":\"Solution for dh/dt = λh\""), html);
        assertTrue(html.contains("w.Plotly.newPlot(plot, {data: spec.data, layout: spec.layout, config: config,"));
        assertTrue(html.contains("frames: spec.frames || []"), "a slider's frames reach plotly.js");
        assertTrue(html.contains("config.typesetMath = typeset"), "MathJax only where it works");
        assertTrue(html.contains("plotlyUrl = (null\n"), "nothing to fetch plotly.js from: the page's own or none");
        assertFalse(html.contains("kernelspec"), "a figure knows nothing of Jupyter");
        assertFalse(html.contains("__"), "a template placeholder was left unfilled");
        assertFalse(html.contains("var base64"), "a figure carries no plotly.js");
        assertTrue(html.length() < 100_000, "a figure without the library stays small: " + html.length());
    }

    @Test
    void theDivKeepsTheStaticPictureUntilThePlotIsDrawn() {
        Map<String, String> bundle = bundle(FIGURE);
        String html = bundle.get("text/html");
        assertTrue(html.contains("<img class=\"neuralode-static\" style=\"max-width:100%;height:auto\" alt=\"Figure: Solution for dh/dt"
                + " = λh (2 traces: h(t), exact)\" src=\"data:image/png;base64," + bundle.get("image/png") + "\"/></div>"));
        // the stand-in goes only when newPlot's promise resolves; a rejection leaves it and a reason
        int resolved = html.indexOf("drawn.then(function () {");
        assertTrue(resolved > 0 && html.indexOf("querySelectorAll('.neuralode-static, .neuralode-message')") > resolved);
        assertTrue(html.indexOf("message('plotly.js failed: '") > resolved);
    }

    @Test
    void theCallerSaysWherePlotlyJsIsFetchedFrom() {
        String html = FigureHtml.mimeBundle(FIGURE, PlotlySource.fetched("location.origin + '/assets/plotly.js'",
                "ask your teacher")).get("text/html");
        assertTrue(html.contains("plotlyUrl = (location.origin + '/assets/plotly.js'\n"), "the caller's expression, evaluated in the page");
        assertTrue(html.contains("var remedy = \"ask your teacher\";"));
        assertTrue(html.contains("load(plotlyUrl)"));
        assertFalse(html.contains("var base64"), "fetched, not carried");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PlotlySource.fetched(" ", ""));
        assertTrue(e.getMessage().startsWith("urlScript "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FigureHtml.mimeBundle(FIGURE, null));
        assertTrue(e.getMessage().startsWith("plotly "), e.getMessage());
    }

    @Test
    void eachFigureGetsItsOwnDiv() {
        assertFalse(bundle(FIGURE).get("text/html").substring(0, 60).equals(bundle(FIGURE).get("text/html").substring(0, 60)));
    }

    @Test
    void aFigureCanStillEmbedPlotlyJsForPagesOutsideAKernel() throws IOException {
        String html = FigureHtml.mimeBundle(FIGURE, PlotlySource.embedded()).get("text/html");
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
                bundle(FIGURE).get("text/plain"));
    }

    @Test
    void plotFiguresAlsoComeAsAPng() throws IOException {
        LiveView view = new LiveView("training").loss(1, 1).loss(2, 0.1);
        Map<String, String> bundle = bundle(view.figure());
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(bundle.get("image/png"))));
        assertTrue(png.getWidth() >= 900, "as wide as a notebook's output: " + png.getWidth());
        assertTrue(png.getHeight() >= 400);
    }

    @Test
    void aCarriageReturnOrScriptEndInATitleCannotBreakTheFigure() {
        PlotFigure figure = Plot.lines(new double[] {0, 1}).series("a\r\nb", new double[] {0, 1})
                .title("first\rsecond </script><b>").build();
        Map<String, String> bundle = bundle(figure);
        for (String content : List.of(bundle.get(FigureHtml.PLOTLY_MIME_TYPE), bundle.get("text/html"))) {
            assertFalse(content.contains("\r"), "a raw carriage return ends a JavaScript string");
        }
        assertFalse(bundle.get(FigureHtml.PLOTLY_MIME_TYPE).contains("</script>"));
        assertEquals(1, bundle.get("text/html").split("</script>", -1).length - 1, "only the figure's own script ends");
        // plotly.js reads a little HTML in labels: < and > go as entities (and & in JSON as \\u0026)
        assertTrue(bundle.get(FigureHtml.PLOTLY_MIME_TYPE).contains("\"text\":\"first second \\u0026lt;/script\\u0026gt;"
                + "\\u0026lt;b\\u0026gt;\""), bundle.get(FigureHtml.PLOTLY_MIME_TYPE));
        assertEquals("Figure: first second </script><b> (1 trace: a b)", bundle.get("text/plain"));
    }

    @Test
    void jsonWritesGapsAsNullAndWholeNumbersShort() {
        assertEquals("[1,0.5,null,null,-3,0.3,1.2345679e-12,1.5e20]", PlotlyJson.write(java.util.Arrays.asList(
                1.0, 0.5, Double.NaN, Double.POSITIVE_INFINITY, -3.0, 0.1 + 0.2, 1.23456789012e-12, 1.5e20)));
        assertEquals("{\"a\":\"\\\"x\\\\\\u2028\"}", PlotlyJson.write(Map.of("a", "\"x\\\u2028")));
    }

    @Test
    void rejectsNull() {
        assertThrows(IllegalArgumentException.class, () -> FigureHtml.mimeBundle((PlotFigure) null, PlotlySource.page()));
    }
}
