package org.neuralode.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.api.LinePlot;
import tech.tablesaw.plotly.api.VerticalBarPlot;
import tech.tablesaw.plotly.components.Config;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.HoverLabel;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.components.Symbol;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/** A user's own tablesaw figure goes out in the same bundle as ours: plotly JSON, HTML, PNG, text. */
class TablesawFigureTest {

    /** Notebook 00's table and figure. */
    private static final Table DECAY = Table.create("decay",
            DoubleColumn.create("t", new double[] {0, 1, 2, 3, 4, 5}),
            DoubleColumn.create("h", new double[] {1, 0.60653066, 0.36787944, 0.22313016, 0.13533528, 0.082085}));

    private static Map<String, String> bundle(Figure figure) {
        return FigureHtml.mimeBundle(figure, PlotlySource.page());
    }

    @Test
    void notebook00sLinePlotGetsPlotlyJsonHtmlPngAndText() {
        Map<String, String> bundle = bundle(LinePlot.create("h(t) = exp(-t/2)", DECAY, "t", "h"));
        assertEquals(List.of(FigureHtml.PLOTLY_MIME_TYPE, "text/html", "image/png", "text/plain"), List.copyOf(bundle.keySet()));
        String json = bundle.get(FigureHtml.PLOTLY_MIME_TYPE);
        assertTrue(json.startsWith("{\"data\":[{\"x\":[\"0.0\",\"1.0\",\"2.0\",\"3.0\",\"4.0\",\"5.0\"],"
                + "\"y\":[\"1.0\",\"0.60653066\","), "tablesaw's trace as it wrote it: " + json);
        assertTrue(json.contains("\"mode\":\"lines\""), json);
        assertTrue(json.contains("\"layout\":{\"title\":{\"text\":\"h(t) = exp(-t/2)\"},\"height\":600,\"width\":800,"
                + "\"xaxis\":{\"title\":{\"text\":\"t\"}},\"yaxis\":{\"title\":{\"text\":\"h\"}}}"), "titles as {text}: " + json);
        assertTrue(json.endsWith("\"config\":{\"responsive\":true,\"displaylogo\":false}}"), json);
        String html = bundle.get("text/html");
        assertTrue(html.contains("<img class=\"neuralode-static\""), "the HTML holds the PNG until it draws");
        assertTrue(html.contains(bundle.get("image/png")));
        assertTrue(html.contains("var figure = " + json + ";"), "the HTML draws the same JSON");
        assertTrue(html.contains("var unicodeLabels = {};"));
        assertEquals("Figure: h(t) = exp(-t/2) (1 trace)", bundle.get("text/plain"));
    }

    @Test
    void thePngIsDrawnFromTheTracesDataAsOurFiguresAre() {
        Figure figure = new Figure(Layout.builder("T", "x", "y").build(),
                ScatterTrace.builder(new double[] {1, 2}, new double[] {3, Double.NaN}).name("both")
                        .mode(ScatterTrace.Mode.LINE_AND_MARKERS).line(Line.builder().color("red").build()).build(),
                ScatterTrace.builder(new double[] {1, 2}, new double[] {4, 5}).name("crosses").mode(ScatterTrace.Mode.MARKERS)
                        .marker(Marker.builder().symbol(Symbol.X).color("rgba(0, 0, 255, 0.5)").build()).build(),
                ScatterTrace.builder(new double[] {1, 2}, new double[] {6, 7}).name("dashed")
                        .mode(ScatterTrace.Mode.LINE).line(Line.builder().dash(Line.Dash.DASH).build()).build());
        PlotFigure data = TablesawFigure.asPlotFigure(TablesawFigure.plotlyJson(figure));
        assertNotNull(data);
        assertEquals("T", data.title());
        assertEquals(800, data.width());
        List<Series> series = data.panels().get(0).series();
        assertEquals(List.of(Series.Style.STEPS, Series.Style.CROSSES, Series.Style.DASHED), series.stream().map(Series::style).toList());
        assertEquals("red", series.get(0).color());
        assertNull(series.get(1).color(), "a colour the PNG cannot draw as given takes the cycle's");
        assertArrayEquals(new double[] {3, Double.NaN}, series.get(0).y());
        assertEquals("x", data.panels().get(0).xLabel());
        assertTrue(bundle(figure).containsKey("image/png"));
    }

    @Test
    void labelsAreReadAsTheReaderSeesThem() {
        Figure figure = LinePlot.create("it's <b>", DECAY, "t", "h");
        Map<String, Object> json = TablesawFigure.plotlyJson(figure);
        // tablesaw's template escapes labels as HTML, which plotly.js shows as text
        assertEquals("it&#39;s &lt;b&gt;", Json.at(json, "layout.title.text"));
        assertEquals("it's <b>", TablesawFigure.title(json));
        assertEquals("it's <b>", TablesawFigure.asPlotFigure(json).title());
        assertEquals("Figure: it's <b> (1 trace)", bundle(figure).get("text/plain"));
    }

    @Test
    void aBarChartGetsPlotlyJsonAndHtmlButNoPngRatherThanAWrongOne() {
        Table counts = Table.create("c", StringColumn.create("k", new String[] {"a", "b"}),
                DoubleColumn.create("v", new double[] {1, Double.NaN}));
        Map<String, String> bundle = bundle(VerticalBarPlot.create("bars", counts, "k", "v"));
        assertEquals(List.of(FigureHtml.PLOTLY_MIME_TYPE, "text/html", "text/plain"), List.copyOf(bundle.keySet()));
        assertTrue(bundle.get(FigureHtml.PLOTLY_MIME_TYPE).startsWith("{\"data\":[{\"x\":[\"a\",\"b\"],\"y\":[1,null],"),
                "NaN as null: " + bundle.get(FigureHtml.PLOTLY_MIME_TYPE));
        assertTrue(bundle.get(FigureHtml.PLOTLY_MIME_TYPE).contains("\"type\":\"bar\""));
        assertTrue(bundle.get("text/html").contains("<span class=\"neuralode-static\">"));
        // categories on a scatter trace: no number axis, no PNG
        Figure categories = new Figure(ScatterTrace.builder(StringColumn.create("k", new String[] {"a", "b"}),
                DoubleColumn.create("v", new double[] {1, 2})).build());
        assertNull(TablesawFigure.asPlotFigure(TablesawFigure.plotlyJson(categories)));
    }

    @Test
    void theFiguresConfigGoesOverOurs() {
        Figure figure = new Figure(Layout.builder().build(), Config.builder().displayModeBar(false).build(),
                ScatterTrace.builder(new double[] {1, 2}, new double[] {3, 4}).build());
        Map<String, Object> json = TablesawFigure.plotlyJson(figure);
        assertEquals(false, Json.at(json, "config.displayModeBar"));
        assertEquals(true, Json.at(json, "config.responsive"));
    }

    @Test
    void aTraceThatIsNoObjectLiteralIsRefusedNamingIt() {
        Trace code = new Trace() {
            @Override
            public String asJavascript(int i) {
                return "var trace" + i + " = makeTrace();";
            }

            @Override
            public String name() {
                return "code";
            }

            @Override
            public HoverLabel hoverLabel() {
                return null;
            }

            @Override
            public boolean showLegend() {
                return true;
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bundle(new Figure(code)));
        assertTrue(e.getMessage().startsWith("the tablesaw figure's trace 0 is not an object literal"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
