package org.neuralode.plot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link PlotFigure} as plotly's figure JSON, {@code {data, layout, config}}: the one source
 * from which every interactive rendering is made. JupyterLab 4 and Notebook 7 draw it
 * as {@code application/vnd.plotly.v1+json} (plotly.js 2 or newer, through the renderer that ships
 * with the {@code plotly} Python package); the {@code text/html} of {@link FigureHtml} hands the
 * same JSON to {@code Plotly.newPlot}.
 *
 * <p>Labels come in two forms. {@link Labels#TEX}: one {@code $...$} formula each (see
 * {@link Latex#inline}), which plotly.js typesets when the page has a working MathJax.
 * {@link Labels#UNICODE}: readable plain text (θ, Δt, h₀, 10⁻⁶; {@link Latex#plain}), for
 * renderers that typeset nothing, such as the plotly extension of JupyterLab. Titles are
 * {@code {text: ...}} objects (plotly.js 3 and newer ignore plain-string titles). Every axis
 * labels its ticks in powers of ten (10⁻⁶), never with SI prefixes (plotly's default "1µ").
 * Without an explicit {@link Plot#size} the figure fills the width of its output.
 */
final class PlotlyJson {

    /** Which form labels take. */
    enum Labels { TEX, UNICODE }

    /** Height when none is given: wide figures of this height read well in a notebook. */
    static final int DEFAULT_HEIGHT = 450;

    private PlotlyJson() {
    }

    /** The figure as nested maps and lists (JSON objects and arrays; NaN and ±∞ become null). */
    static Map<String, Object> figure(PlotFigure figure, Labels labels) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("data", data(figure, labels));
        Map<String, Object> layout = layout(figure, labels);
        json.put("layout", layout);
        if (figure.slider() != null) {
            addSlider(figure.slider(), labels, json, layout);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("responsive", true);
        config.put("displaylogo", false);
        json.put("config", config);
        return json;
    }

    /**
     * Where the Unicode form of each label differs from the TeX form, JSON path (dots between
     * keys, e.g. {@code layout.xaxis.title.text}, {@code data.2.name}) to the Unicode text; a
     * page without a working MathJax puts these into the TeX form before drawing.
     *
     * @param tex     the figure with {@link Labels#TEX}
     * @param unicode the same figure with {@link Labels#UNICODE}
     */
    static Map<String, String> unicodeLabels(Map<String, Object> tex, Map<String, Object> unicode) {
        Map<String, String> paths = new LinkedHashMap<>();
        collectDifferences("", tex, unicode, paths);
        return paths;
    }

    private static void collectDifferences(String path, Object tex, Object unicode, Map<String, String> out) {
        if (tex instanceof Map<?, ?> texMap && unicode instanceof Map<?, ?> unicodeMap) {
            for (Map.Entry<?, ?> entry : texMap.entrySet()) {
                if (!"x".equals(entry.getKey()) && !"y".equals(entry.getKey())) {
                    collectDifferences(path + entry.getKey() + ".", entry.getValue(), unicodeMap.get(entry.getKey()), out);
                }
            }
        } else if (tex instanceof List<?> texList && unicode instanceof List<?> unicodeList) {
            for (int i = 0; i < texList.size(); i++) {
                collectDifferences(path + i + ".", texList.get(i), unicodeList.get(i), out);
            }
        } else if (tex instanceof String && unicode instanceof String && !tex.equals(unicode)) {
            out.put(path.substring(0, path.length() - 1), (String) unicode);
        }
    }

    /**
     * plotly's frames (one per slider step, each with its data and title) and a slider whose steps
     * animate to them at once; the axes get the range of every frame, so they stay put.
     */
    private static void addSlider(PlotFigure.Slider slider, Labels labels, Map<String, Object> json, Map<String, Object> layout) {
        List<Object> frames = new ArrayList<>();
        List<Object> steps = new ArrayList<>();
        for (int k = 0; k < slider.frames().size(); k++) {
            PlotFigure f = slider.frames().get(k);
            String name = "frame " + k;
            Map<String, Object> frame = new LinkedHashMap<>();
            frame.put("name", name);
            frame.put("data", data(f, labels));
            if (f.title() != null) {
                Map<String, Object> frameLayout = new LinkedHashMap<>();
                frameLayout.put("title", title(f.title(), labels));
                frame.put("layout", frameLayout);
            }
            frames.add(frame);
            Map<String, Object> animation = new LinkedHashMap<>();
            animation.put("mode", "immediate");
            animation.put("frame", Map.of("duration", 0, "redraw", true));
            animation.put("transition", Map.of("duration", 0));
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("label", label(slider.values().get(k), labels));
            step.put("method", "animate");
            step.put("args", List.of(List.of(name), animation));
            steps.add(step);
        }
        json.put("frames", frames);
        Map<String, Object> control = new LinkedHashMap<>();
        control.put("active", slider.active());
        Map<String, Object> current = new LinkedHashMap<>();
        current.put("prefix", label(slider.label(), Labels.UNICODE) + " = ");
        current.put("visible", true);
        control.put("currentvalue", current);
        control.put("pad", Map.of("t", 45));
        control.put("steps", steps);
        layout.put("sliders", List.of(control));
        Map<String, Object> margin = castMap(layout.get("margin"));
        margin.put("b", 130);
        int panels = slider.frames().get(0).panels().size();
        for (int p = 0; p < panels; p++) {
            String suffix = p == 0 ? "" : String.valueOf(p + 1);
            fixRange(castMap(layout.get("xaxis" + suffix)), slider, p, true);
            fixRange(castMap(layout.get("yaxis" + suffix)), slider, p, false);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object map) {
        return (Map<String, Object>) map;
    }

    /** The axis range over every frame (in log10 units on a log axis), with 4 % room each side. */
    private static void fixRange(Map<String, Object> axis, PlotFigure.Slider slider, int panel, boolean isX) {
        boolean log = "log".equals(axis.get("type"));
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (PlotFigure f : slider.frames()) {
            for (Series s : f.panels().get(panel).series()) {
                for (double v : isX ? s.x() : s.y()) {
                    if (Double.isFinite(v) && (!log || v > 0)) {
                        double u = log ? Math.log10(v) : v;
                        lo = Math.min(lo, u);
                        hi = Math.max(hi, u);
                    }
                }
            }
        }
        if (lo < hi) {
            double room = 0.04 * (hi - lo);
            axis.put("range", List.of(lo - room, hi + room));
            axis.put("autorange", false);
        }
    }

    private static List<Object> data(PlotFigure figure, Labels labels) {
        List<Object> traces = new ArrayList<>();
        List<Panel> panels = figure.panels();
        for (int p = 0; p < panels.size(); p++) {
            for (Series s : panels.get(p).series()) {
                traces.add(trace(s, Drawing.of(s, traces.size()), p, labels));
            }
        }
        return traces;
    }

    /** One series as a scatter trace, drawn as {@code drawing} says. */
    private static Map<String, Object> trace(Series s, Drawing drawing, int panel, Labels labels) {
        Map<String, Object> trace = new LinkedHashMap<>();
        trace.put("type", "scatter");
        trace.put("name", label(s.name(), labels));
        trace.put("x", numbers(s.x()));
        trace.put("y", numbers(s.y()));
        Drawing.Line line = drawing.line();
        Drawing.Marker marker = drawing.marker();
        trace.put("mode", line == null ? "markers" : marker == null ? "lines" : "lines+markers");
        if (line != null) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("width", line.width());
            json.put("color", drawing.color());
            if (line.dashed()) {
                json.put("dash", "dash");
            }
            trace.put("line", json);
        }
        if (marker != null) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("color", drawing.color());
            json.put("size", marker.size());
            if (marker.symbol() == Drawing.Symbol.CROSS) {
                json.put("symbol", "x");
            }
            trace.put("marker", json);
        }
        if (drawing.arrows()) {
            trace.put("hoverinfo", "skip");
        }
        if (panel == 1) {
            trace.put("xaxis", "x2");
            trace.put("yaxis", "y2");
        }
        return trace;
    }

    private static Map<String, Object> layout(PlotFigure figure, Labels labels) {
        Map<String, Object> layout = new LinkedHashMap<>();
        List<Panel> panels = figure.panels();
        boolean titled = figure.title() != null && !figure.title().isEmpty();
        if (titled) {
            layout.put("title", title(figure.title(), labels));
        }
        if (figure.width() > 0) {
            layout.put("width", figure.width());
        }
        layout.put("height", figure.height() > 0 ? figure.height() : DEFAULT_HEIGHT);
        layout.put("autosize", true);
        int traces = panels.stream().mapToInt(p -> p.series().size()).sum();
        layout.put("showlegend", traces > 1);
        // The legend in one row above the plotting area, so that the plot keeps the full width.
        Map<String, Object> legend = new LinkedHashMap<>();
        legend.put("orientation", "h");
        legend.put("x", 0);
        legend.put("xanchor", "left");
        legend.put("y", 1.02);
        legend.put("yanchor", "bottom");
        layout.put("legend", legend);
        Map<String, Object> margin = new LinkedHashMap<>();
        margin.put("l", 70);
        margin.put("r", 20);
        margin.put("b", 55);
        margin.put("t", (titled ? 50 : 15) + (traces > 1 ? 30 : 0));
        layout.put("margin", margin);
        boolean two = panels.size() > 1;
        for (int p = 0; p < panels.size(); p++) {
            Panel panel = panels.get(p);
            String suffix = p == 0 ? "" : String.valueOf(p + 1);
            Map<String, Object> x = axis(panel.xLabel(), panel.logX(), labels);
            Map<String, Object> y = axis(panel.yLabel(), panel.logY(), labels);
            if (two) {
                x.put("domain", p == 0 ? List.of(0, 0.44) : List.of(0.56, 1));
                x.put("anchor", "y" + suffix);
                y.put("anchor", "x" + suffix);
            }
            if (panel.equalAspect()) {
                y.put("scaleanchor", "x" + suffix);
                x.put("constrain", "domain");
                y.put("constrain", "domain");
            }
            layout.put("xaxis" + suffix, x);
            layout.put("yaxis" + suffix, y);
        }
        return layout;
    }

    private static Map<String, Object> axis(String label, boolean log, Labels labels) {
        Map<String, Object> axis = new LinkedHashMap<>();
        if (label != null && !label.isEmpty()) {
            axis.put("title", title(label, labels));
        }
        if (log) {
            axis.put("type", "log");
        }
        axis.put("exponentformat", "power");
        axis.put("showexponent", "all");
        axis.put("automargin", true);
        return axis;
    }

    private static Map<String, Object> title(String text, Labels labels) {
        Map<String, Object> title = new LinkedHashMap<>();
        title.put("text", label(text, labels));
        return title;
    }

    /**
     * A label as plotly.js should receive it: one line (a carriage return or line feed would
     * break it), TeX as one formula or Unicode text with {@code & < >} as entities (plotly.js reads
     * a little HTML in labels, so "t < 5" must not start a tag).
     */
    static String label(String text, Labels labels) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("[\\r\\n\\u2028\\u2029]+", " ");
        if (labels == Labels.TEX && line.indexOf('$') >= 0) {
            return Latex.inline(line);
        }
        return Latex.plain(line).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static List<Double> numbers(double[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double v : values) {
            list.add(Double.isFinite(v) ? v : null);
        }
        return list;
    }

    /**
     * JSON text of nested maps, lists, strings, numbers, booleans and nulls; safe inside an HTML
     * {@code <script>} element (no {@code </script>}, no {@code <!--}) and in JavaScript source
     * (U+2028 and U+2029 escaped).
     */
    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(s, out);
        } else if (value instanceof Double d) {
            out.append(Double.isFinite(d) ? number(d) : "null");
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                string(String.valueOf(entry.getKey()), out);
                out.append(':');
                write(entry.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(list.get(i), out);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
        }
    }

    /**
     * A number to {@value #DIGITS} significant digits: far finer than any screen shows (and than
     * a hover needs), and about half the text of Double.toString's 17 digits, which matters in
     * a notebook that stores each figure's data twice. Whole numbers without ".0".
     */
    private static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        String text = new BigDecimal(d).round(CONTEXT).stripTrailingZeros().toString();
        return text.replace("E+", "e").replace("E", "e");
    }

    private static final int DIGITS = 8;

    private static final MathContext CONTEXT = new MathContext(DIGITS);

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                case '&' -> out.append("\\u0026");
                case '\u2028' -> out.append("\\u2028");
                case '\u2029' -> out.append("\\u2029");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
