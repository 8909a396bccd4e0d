package org.neuralode.plot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.traces.Trace;

/**
 * A figure made with tablesaw-jsplot ({@code LinePlot.create}, {@code ScatterPlot.create}, a
 * {@code Figure} of traces), read into plotly's figure JSON so that {@link FigureHtml} shows it
 * through the same MIME bundle as a {@link PlotFigure}. tablesaw writes each part of a figure
 * (layout, traces, config) as a JavaScript object literal for plotly.js: unquoted keys,
 * single-quoted strings, trailing commas, {@code NaN}; these are read here as lenient JSON,
 * whatever the trace type. Titles that tablesaw gives as strings become {@code {text: ...}}
 * objects (plotly.js 3, which JupyterLab's plotly renderer may use, ignores plain-string titles).
 *
 * <p>Its PNG comes from the figure as plain data ({@link #asPlotFigure}), drawn like every other:
 * that needs every trace to be a scatter trace of numbers on one pair of axes. A figure with a
 * bar chart, a histogram or dates on an axis gets no PNG rather than a wrong one.
 */
final class TablesawFigure {

    /** tablesaw's {@code var name = {...};} around each object literal. */
    private static final Pattern DECLARATION = Pattern.compile("(?s)^\\s*var\\s+[A-Za-z_$][\\w$]*\\s*=\\s*(.*?)[\\s;]*$");

    private static final JsonMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES, JsonReadFeature.ALLOW_SINGLE_QUOTES,
                    JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS,
                    JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS, JsonReadFeature.ALLOW_JAVA_COMMENTS,
                    JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
            .build();

    /** The HTML entities tablesaw's templates write (Pebble's escaping) and numeric ones. */
    private static final Pattern ENTITY = Pattern.compile("&(amp|lt|gt|quot|#(\\d+)|#x([0-9a-fA-F]+));");

    private TablesawFigure() {
    }

    /**
     * The figure as plotly's {@code {data, layout, config}}: tablesaw's traces and layout as it
     * wrote them, titles as {@code {text}} objects, and the config of a {@link PlotFigure}
     * (responsive, no plotly logo) under the figure's own.
     *
     * @throws IllegalArgumentException if a part of the figure is not an object literal
     */
    static Map<String, Object> plotlyJson(Figure figure) {
        List<Object> data = new ArrayList<>();
        Trace[] traces = figure.getTraces() == null ? new Trace[0] : figure.getTraces();
        for (int i = 0; i < traces.length; i++) {
            data.add(read("trace " + i, traces[i].asJavascript(i)));
        }
        Map<String, Object> layout = figure.getLayout() == null ? new LinkedHashMap<>() : read("layout", figure.getLayout().asJavascript());
        textTitle(layout);
        for (Map.Entry<String, Object> entry : layout.entrySet()) {
            if (entry.getKey().matches("[xyz]axis\\d*") && entry.getValue() instanceof Map<?, ?> axis) {
                textTitle(cast(axis));
            }
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("responsive", true);
        config.put("displaylogo", false);
        if (figure.getConfig() != null) {
            config.putAll(read("config", figure.getConfig().asJavascript()));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("data", data);
        json.put("layout", layout);
        json.put("config", config);
        return json;
    }

    /**
     * The figure as plain data, for its PNG, or null when it holds anything a {@link PlotFigure}
     * cannot draw as plotly.js does: a trace other than a scatter trace of numbers (a bar chart,
     * dates, a second pair of axes, text markers).
     *
     * @param json the figure's {@link #plotlyJson}
     */
    static PlotFigure asPlotFigure(Map<String, Object> json) {
        List<Series> series = new ArrayList<>();
        for (Object item : (List<?>) json.get("data")) {
            Series s = item instanceof Map<?, ?> trace ? series(cast(trace)) : null;
            if (s == null) {
                return null;
            }
            series.add(s);
        }
        if (series.isEmpty()) {
            return null;
        }
        Map<String, Object> layout = cast(json.get("layout"));
        Map<String, Object> xAxis = layout.get("xaxis") instanceof Map<?, ?> m ? cast(m) : Map.of();
        Map<String, Object> yAxis = layout.get("yaxis") instanceof Map<?, ?> m ? cast(m) : Map.of();
        Panel panel = new Panel(text(titleOf(xAxis)), text(titleOf(yAxis)), "log".equals(xAxis.get("type")),
                "log".equals(yAxis.get("type")), false, series);
        return new PlotFigure(title(json), List.of(panel), size(layout.get("width")), size(layout.get("height")), null);
    }

    /** The figure's title as plain text (tablesaw's HTML entities decoded), or null. */
    static String title(Map<String, Object> json) {
        return text(titleOf(cast(json.get("layout"))));
    }

    /** The traces' names as plain text (null for a trace without one). */
    static List<String> names(Map<String, Object> json) {
        List<String> names = new ArrayList<>();
        for (Object trace : (List<?>) json.get("data")) {
            names.add(trace instanceof Map<?, ?> m && m.get("name") instanceof String name ? text(name) : null);
        }
        return names;
    }

    /** One scatter trace of numbers as a series, or null. */
    private static Series series(Map<String, Object> trace) {
        boolean scatter = "scatter".equals(trace.getOrDefault("type", "scatter"));
        boolean firstAxes = "x".equals(trace.getOrDefault("xaxis", "x")) && "y".equals(trace.getOrDefault("yaxis", "y"));
        double[] x = numbers(trace.get("x"));
        double[] y = numbers(trace.get("y"));
        if (!scatter || !firstAxes || x == null || y == null || x.length != y.length) {
            return null;
        }
        Map<String, Object> line = trace.get("line") instanceof Map<?, ?> m ? cast(m) : Map.of();
        Map<String, Object> marker = trace.get("marker") instanceof Map<?, ?> m ? cast(m) : Map.of();
        // plotly.js's default mode: markers and lines for fewer than 20 points, else lines
        Object mode = trace.getOrDefault("mode", x.length < 20 ? "lines+markers" : "lines");
        Series.Style style;
        if ("lines".equals(mode)) {
            Object dash = line.get("dash");
            style = dash == null || "solid".equals(dash) ? Series.Style.LINE : Series.Style.DASHED;
        } else if ("markers".equals(mode)) {
            style = String.valueOf(marker.get("symbol")).startsWith("x") ? Series.Style.CROSSES : Series.Style.POINTS;
        } else if ("lines+markers".equals(mode) || "markers+lines".equals(mode)) {
            style = Series.Style.STEPS;
        } else {
            return null;
        }
        Object color = style == Series.Style.LINE || style == Series.Style.DASHED ? line.get("color") : marker.get("color");
        if (color == null) {
            color = line.get("color");
        }
        String name = trace.get("name") instanceof String n ? text(n) : null;
        return new Series(name, x, y, style, drawable(color));
    }

    /** A colour the PNG can draw as given, or null for the default cycle (as plotly.js). */
    private static String drawable(Object color) {
        if (color instanceof String css) {
            try {
                CssColor.parse(css);
                return css;
            } catch (IllegalArgumentException e) {
                return null; // rgba(), hsl(), ...: the PNG takes the cycle's colour
            }
        }
        return null;
    }

    /** An array of numbers, numeric strings (tablesaw writes columns as strings) and nulls, or null. */
    private static double[] numbers(Object value) {
        if (!(value instanceof List<?> list)) {
            return null;
        }
        double[] numbers = new double[list.size()];
        for (int i = 0; i < numbers.length; i++) {
            Object v = list.get(i);
            if (v == null) {
                numbers[i] = Double.NaN;
            } else if (v instanceof Number n) {
                numbers[i] = n.doubleValue();
            } else if (v instanceof String s) {
                try {
                    numbers[i] = Double.parseDouble(s.trim());
                } catch (NumberFormatException e) {
                    return null; // a category or a date: not a number axis
                }
            } else {
                return null;
            }
        }
        return numbers;
    }

    private static int size(Object pixels) {
        return pixels instanceof Number n && n.doubleValue() >= 1 ? (int) Math.round(n.doubleValue()) : 0;
    }

    private static String titleOf(Map<String, Object> owner) {
        Object title = owner.get("title");
        if (title instanceof Map<?, ?> m && m.get("text") instanceof String text) {
            return text;
        }
        return title instanceof String text ? text : null;
    }

    /** A plain-string title as plotly's {@code {text: ...}}. */
    private static void textTitle(Map<String, Object> owner) {
        if (owner.get("title") instanceof String text) {
            Map<String, Object> title = new LinkedHashMap<>();
            title.put("text", text);
            owner.put("title", title);
        }
    }

    /** tablesaw's template escapes labels as HTML (it's → it&#39;s): the plain text again. */
    private static String text(String label) {
        if (label == null) {
            return null;
        }
        Matcher entity = ENTITY.matcher(label);
        StringBuilder out = new StringBuilder();
        while (entity.find()) {
            String name = entity.group(1);
            int code = entity.group(2) != null ? Integer.parseInt(entity.group(2))
                    : entity.group(3) != null ? Integer.parseInt(entity.group(3), 16)
                    : switch (name) {
                        case "amp" -> '&';
                        case "lt" -> '<';
                        case "gt" -> '>';
                        default -> '"';
                    };
            entity.appendReplacement(out, Matcher.quoteReplacement(new String(Character.toChars(code))));
        }
        entity.appendTail(out);
        return out.toString();
    }

    private static Map<String, Object> read(String part, String javascript) {
        Matcher declaration = DECLARATION.matcher(javascript);
        String literal = declaration.matches() ? declaration.group(1) : javascript.trim();
        try {
            Object value = LENIENT.readValue(literal, Object.class);
            if (value instanceof Map<?, ?> map) {
                return cast(map);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the tablesaw figure's " + part + " is not an object literal that plotly"
                    + " JSON can hold (" + e.getOriginalMessage() + "): " + abbreviate(javascript), e);
        }
        throw new IllegalArgumentException("the tablesaw figure's " + part + " is not an object: " + abbreviate(javascript));
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + " ...";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object map) {
        return (Map<String, Object>) map;
    }
}
