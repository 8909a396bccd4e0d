package org.neuralode.plot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.traces.Trace;

/**
 * A figure's MIME bundle: everything a notebook stores for one figure, so that every viewer
 * shows it, each in the richest form it can draw:
 * <ul>
 * <li>{@code application/vnd.plotly.v1+json}: plotly's figure JSON with Unicode labels
 *     ({@link PlotlyJson}). JupyterLab 4, Notebook 7 and VS Code draw it with the plotly
 *     renderer that ships with the {@code plotly} Python package (no script runs, so it also
 *     works in an untrusted notebook). That renderer shows the bundle's PNG first and swaps in
 *     the interactive plot when the pointer enters it (its way of opening notebooks with many
 *     plots quickly); it never shows an empty box.</li>
 * <li>{@code text/html}: a div holding the PNG, and a script that draws the same JSON with
 *     plotly.js {@value #PLOTLY_VERSION} (figure-draw.js): the classic Notebook, nbconvert's HTML
 *     export, the HTML book, and JupyterLab without the plotly extension. LaTeX labels are
 *     typeset where the page has a working MathJax, shown as Unicode text otherwise. plotly.js
 *     itself is not in the notebook: the script uses the page's {@code window.Plotly} (the book
 *     shares one copy, scripts/share_plotly.py) or, inside Jupyter, fetches it once per page from
 *     the kernelspec folder that the Jupyter server serves
 *     ({@code <base url>kernelspecs/}{@value #KERNELSPEC}{@code /plotly.js}, put there by the
 *     kernel's build). Where neither exists, or the draw fails, the PNG stays with one line
 *     saying why.</li>
 * <li>{@code image/png}: a Java2D drawing ({@link StaticImage}) for GitHub, nbviewer and
 *     anything else without JavaScript.</li>
 * <li>{@code text/plain}: title and trace names.</li>
 * </ul>
 * Figures made with tablesaw directly (not by {@link Plot}) get only {@code text/html} (drawn
 * from tablesaw's own JavaScript) and {@code text/plain}. JSON types are JSON text here; a kernel
 * sends them as JSON objects.
 */
public final class FigureHtml {

    /** The plotly.js version of the WebJar the library's pom pins (the {@code text/html} path). */
    public static final String PLOTLY_VERSION = "2.35.3";

    /** The MIME type of plotly's figure JSON. */
    public static final String PLOTLY_MIME_TYPE = "application/vnd.plotly.v1+json";

    /**
     * The kernelspec whose folder holds plotly.js ({@code plotly.js}, beside {@code kernel.json}),
     * which Jupyter servers serve at {@code <base url>kernelspecs/<name>/plotly.js}.
     */
    public static final String KERNELSPEC = "neuralode-java";

    static final String PLOTLY_RESOURCE =
            "META-INF/resources/webjars/plotly.js-dist/" + PLOTLY_VERSION + "/plotly.js";

    private static final String LOADER_RESOURCE = "org/neuralode/plot/plotly-loader.js";
    private static final String DRAW_RESOURCE = "org/neuralode/plot/figure-draw.js";

    /** figure-draw.js, read once: {@link #html} fills in its placeholders for every figure. */
    private static final String DRAW_SCRIPT = resource(DRAW_RESOURCE);

    /** The loader script with the compressed bundle inside; built on first use (about a second). */
    private static volatile String plotlyLoader;

    private FigureHtml() {
    }

    /** The text a figure's {@code text/html} holds and nothing else does: its plot div's class. */
    static final String FIGURE_MARK = "class=\"neuralode-plot\"";

    /**
     * The figure's MIME bundle (see the class comment): MIME type to content, in the order
     * plotly JSON, {@code text/html}, {@code image/png} (base64), {@code text/plain}.
     */
    public static Map<String, String> mimeBundle(Figure figure) {
        return mimeBundle(figure, false);
    }

    /**
     * As {@link #mimeBundle(Figure)}; with {@code includePlotlyJs} the {@code text/html} also
     * carries plotly.js itself (gzip+base64, about 3.2 MB), for a page that must draw on its own
     * with no server and no shared copy. Notebooks never need it.
     */
    public static Map<String, String> mimeBundle(Figure figure, boolean includePlotlyJs) {
        if (figure == null) {
            throw new IllegalArgumentException("figure must not be null");
        }
        // A live view republishes its figure on every training tick: each JSON form, the
        // description and the PNG are made once here and handed down.
        Map<String, String> bundle = new LinkedHashMap<>();
        String description = describe(figure);
        String png = null;
        String figureJs;
        if (figure instanceof PlotFigure plotFigure) {
            Map<String, Object> tex = PlotlyJson.figure(plotFigure, PlotlyJson.Labels.TEX);
            Map<String, Object> unicode = PlotlyJson.figure(plotFigure, PlotlyJson.Labels.UNICODE);
            bundle.put(PLOTLY_MIME_TYPE, PlotlyJson.write(unicode));
            png = StaticImage.pngBase64(plotFigure);
            figureJs = figureJavascript(tex, unicode);
        } else {
            figureJs = figureJavascript(figure);
        }
        bundle.put("text/html", html(includePlotlyJs, png, description, figureJs));
        if (png != null) {
            bundle.put("image/png", png);
        }
        bundle.put("text/plain", description);
        return bundle;
    }

    /**
     * The HTML of one figure: a div and the script that draws into it, preceded by the plotly.js
     * loader when {@code includePlotlyJs} is true.
     */
    public static String html(Figure figure, boolean includePlotlyJs) {
        return html(includePlotlyJs, null, null, figureJavascript(figure));
    }

    /**
     * As {@link #html(Figure, boolean)}; the div first holds a static stand-in, removed only once
     * the plot is drawn: the PNG if given (viewers that strip scripts but keep HTML, such as an
     * untrusted notebook or GitHub, then show a picture, described by {@code description} in
     * its alt text), else a one-line hint.
     *
     * @param figureJs the figure's {@link #figureJavascript}
     */
    private static String html(boolean includePlotlyJs, String pngBase64, String description, String figureJs) {
        String divId = "neuralode_plot_" + UUID.randomUUID().toString().replace("-", "");
        StringBuilder html = new StringBuilder();
        html.append("<div id=\"").append(divId).append("\" ").append(FIGURE_MARK).append(" style=\"width:100%\">");
        if (pngBase64 != null) {
            html.append("<img class=\"neuralode-static\" style=\"max-width:100%;height:auto\" alt=\"")
                    .append(escapeHtml(description))
                    .append("\" src=\"data:image/png;base64,").append(pngBase64).append("\"/>");
        } else {
            html.append("<span class=\"neuralode-static\">[interactive plot: it draws when the notebook is trusted"
                    + " and JavaScript runs]</span>");
        }
        html.append("</div>\n");
        if (includePlotlyJs) {
            html.append("<script type=\"text/javascript\">\n").append(plotlyLoader()).append("</script>\n");
        }
        String draw = DRAW_SCRIPT
                .replace("__DIV_ID__", divId)
                .replace("__KERNELSPEC__", KERNELSPEC)
                .replace("__FIGURE_JS__", figureJs);
        html.append("<script type=\"text/javascript\">\n").append(draw).append("</script>\n");
        return html.toString();
    }

    /**
     * The JavaScript that declares {@code figure} ({@code {data, layout, config}} for
     * {@code Plotly.newPlot}, labels in TeX) and {@code unicodeLabels} (JSON path to the Unicode
     * form of each label that differs, used where no MathJax typesets). A {@link PlotFigure}
     * gives the same JSON as its {@code application/vnd.plotly.v1+json}; other tablesaw figures
     * their own layout and traces (not {@code Figure.asJavascript}, which also looks the div up
     * and calls a global {@code Plotly} at once).
     */
    static String figureJavascript(Figure figure) {
        if (figure instanceof PlotFigure plotFigure) {
            return figureJavascript(PlotlyJson.figure(plotFigure, PlotlyJson.Labels.TEX),
                    PlotlyJson.figure(plotFigure, PlotlyJson.Labels.UNICODE));
        }
        StringBuilder js = new StringBuilder();
        js.append(figure.getLayout() == null ? "var layout = {};" : figure.getLayout().asJavascript()).append('\n');
        Trace[] traces = figure.getTraces();
        StringBuilder data = new StringBuilder("var data = [");
        for (int i = 0; i < traces.length; i++) {
            js.append(traces[i].asJavascript(i)).append('\n');
            data.append(i == 0 ? "" : ", ").append("trace").append(i);
        }
        js.append(data).append("];\n");
        js.append("var figure = {data: data, layout: layout, config: {responsive: true, displaylogo: false}};\n");
        js.append("var unicodeLabels = {};\n");
        return js.toString();
    }

    /** As {@link #figureJavascript(Figure)} for a {@link PlotFigure}, from its two JSON forms. */
    private static String figureJavascript(Map<String, Object> tex, Map<String, Object> unicode) {
        return "var figure = " + PlotlyJson.write(tex) + ";\n"
                + "var unicodeLabels = " + PlotlyJson.write(PlotlyJson.unicodeLabels(tex, unicode)) + ";\n";
    }

    /** A one-line description for text-only viewers: title and trace names. */
    static String describe(Figure figure) {
        StringBuilder text = new StringBuilder("Figure");
        if (figure instanceof PlotFigure plotFigure) {
            if (plotFigure.title() != null && !plotFigure.title().isEmpty()) {
                text.append(": ").append(oneLine(Latex.plain(plotFigure.title())));
            }
            List<String> names = new ArrayList<>();
            plotFigure.panels().forEach(panel -> panel.series().forEach(s -> names.add(s.name())));
            return withTraces(text, names);
        }
        String title = figure.getLayout() == null ? null : figure.getLayout().getTitle();
        if (title != null && !title.isEmpty()) {
            text.append(": ").append(oneLine(Latex.plain(unescapeJs(title))));
        }
        List<String> names = new ArrayList<>();
        for (Trace trace : figure.getTraces()) {
            names.add(trace.name() == null ? null : unescapeJs(trace.name()));
        }
        return withTraces(text, names);
    }

    private static String withTraces(StringBuilder text, List<String> names) {
        text.append(" (").append(names.size()).append(names.size() == 1 ? " trace" : " traces");
        String separator = ": ";
        for (String name : names) {
            if (name != null && !name.isEmpty()) {
                text.append(separator).append(oneLine(Latex.plain(name)));
                separator = ", ";
            }
        }
        return text.append(')').toString();
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n\\u2028\\u2029]+", " ");
    }

    private static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Undoes the backslash doubling {@link Latex#js} applies for tablesaw's quoted strings. */
    private static String unescapeJs(String s) {
        return s.replace("\\\\", "\\").replace("\\'", "'");
    }

    /** The loader script with the gzip+base64 plotly.js bundle inside (cached). */
    static String plotlyLoader() {
        String loader = plotlyLoader;
        if (loader == null) {
            synchronized (FigureHtml.class) {
                loader = plotlyLoader;
                if (loader == null) {
                    String base64 = Base64.getEncoder().encodeToString(gzip(bytes(PLOTLY_RESOURCE)));
                    loader = resource(LOADER_RESOURCE).replace("__PLOTLY_GZIP_BASE64__", base64);
                    plotlyLoader = loader;
                }
            }
        }
        return loader;
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 4);
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String resource(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String name) {
        try (InputStream in = FigureHtml.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is not on the classpath"
                        + " (the library's pom brings plotly.js as the WebJar org.webjars.npm:plotly.js-dist)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
