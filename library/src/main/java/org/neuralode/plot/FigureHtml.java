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

/**
 * A figure's MIME bundle: everything a notebook stores for one figure, so that every viewer
 * shows it, each in the richest form it can draw:
 * <ul>
 * <li>{@code application/vnd.plotly.v1+json}: plotly's figure JSON with Unicode labels
 *     ({@link PlotlyJson}). JupyterLab 4 and Notebook 7 draw it with the plotly
 *     renderer that ships with the {@code plotly} Python package (no script runs, so it also
 *     works in an untrusted notebook). That renderer shows the bundle's PNG first and swaps in
 *     the interactive plot when the pointer enters it (its way of opening notebooks with many
 *     plots quickly); it never shows an empty box.</li>
 * <li>{@code text/html}: a div holding the PNG, and a script that draws the same JSON with
 *     plotly.js {@value #PLOTLY_VERSION} (figure-draw.js): the classic Notebook, nbconvert's HTML
 *     export, the HTML book, and JupyterLab without the plotly extension. LaTeX labels are
 *     typeset where the page has a working MathJax, shown as Unicode text otherwise. plotly.js
 *     itself is not in the figure: the script uses the page's {@code window.Plotly} (the book
 *     shares one copy, scripts/share_plotly.py) or gets it where the caller's
 *     {@link PlotlySource} says (a kernel names the URL it serves plotly.js at). Where neither
 *     gives it, or the draw fails, the PNG stays with one line saying why.</li>
 * <li>{@code image/png}: a Java2D drawing ({@link StaticImage}) for GitHub, nbviewer and
 *     anything else without JavaScript.</li>
 * <li>{@code text/plain}: title and trace names.</li>
 * </ul>
 * Figures made with tablesaw-jsplot directly get the same bundle, read from the JavaScript
 * tablesaw writes ({@link TablesawFigure}); their PNG needs scatter traces of numbers, and a
 * figure with other traces (bars, histograms, dates) has none. JSON types are JSON text here; a
 * kernel sends them as JSON objects.
 */
public final class FigureHtml {

    /** The plotly.js version of the WebJar the library's pom pins (the {@code text/html} path). */
    public static final String PLOTLY_VERSION = "2.35.3";

    /** The MIME type of plotly's figure JSON. */
    public static final String PLOTLY_MIME_TYPE = "application/vnd.plotly.v1+json";

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
     *
     * @param plotly where the {@code text/html} gets plotly.js when its page has none
     * @throws IllegalArgumentException if figure or plotly is null
     */
    public static Map<String, String> mimeBundle(PlotFigure figure, PlotlySource plotly) {
        requireNonNull(figure, plotly);
        // A live view republishes its figure on every training tick: each JSON form, the
        // description and the PNG are made once here and handed down.
        List<String> names = new ArrayList<>();
        figure.panels().forEach(panel -> panel.series().forEach(s -> names.add(s.name())));
        return bundle(PlotlyJson.figure(figure, PlotlyJson.Labels.TEX), PlotlyJson.figure(figure, PlotlyJson.Labels.UNICODE),
                StaticImage.pngBase64(figure), describe(figure.title(), names), plotly);
    }

    /**
     * A tablesaw-jsplot figure's MIME bundle, the same as a {@link PlotFigure}'s: plotly JSON
     * (tablesaw's traces and layout), {@code text/html} that draws it, a PNG when every trace
     * is a scatter trace of numbers, and text.
     *
     * @throws IllegalArgumentException if figure or plotly is null, or tablesaw wrote a part of
     *                                  the figure that is not an object literal
     */
    public static Map<String, String> mimeBundle(Figure figure, PlotlySource plotly) {
        requireNonNull(figure, plotly);
        Map<String, Object> json = TablesawFigure.plotlyJson(figure);
        PlotFigure data = TablesawFigure.asPlotFigure(json);
        String png = data == null ? null : StaticImage.pngBase64(data);
        return bundle(json, json, png, describe(TablesawFigure.title(json), TablesawFigure.names(json)), plotly);
    }

    private static void requireNonNull(Object figure, PlotlySource plotly) {
        if (figure == null) {
            throw new IllegalArgumentException("figure must not be null");
        }
        if (plotly == null) {
            throw new IllegalArgumentException("plotly must say where the figure's HTML gets plotly.js,"
                    + " e.g. PlotlySource.page()");
        }
    }

    /**
     * The bundle of a figure given as plotly JSON in its two label forms (the same map twice
     * where labels have one form), its PNG (or null) and its description.
     */
    private static Map<String, String> bundle(Map<String, Object> tex, Map<String, Object> unicode, String png,
                                              String description, PlotlySource plotly) {
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put(PLOTLY_MIME_TYPE, PlotlyJson.write(unicode));
        bundle.put("text/html", html(plotly, png, description, figureJavascript(tex, unicode)));
        if (png != null) {
            bundle.put("image/png", png);
        }
        bundle.put("text/plain", description);
        return bundle;
    }

    /**
     * The HTML of one figure: a div and the script that draws into it, preceded by the plotly.js
     * loader when the source embeds it. The div first holds a static stand-in, removed only once
     * the plot is drawn: the PNG if given (viewers that strip scripts but keep HTML, such as an
     * untrusted notebook or GitHub, then show a picture, described by {@code description} in
     * its alt text), else a one-line hint.
     *
     * @param figureJs the figure's {@link #figureJavascript}
     */
    private static String html(PlotlySource plotly, String pngBase64, String description, String figureJs) {
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
        if (plotly.carriesPlotlyJs()) {
            html.append("<script type=\"text/javascript\">\n").append(plotlyLoader()).append("</script>\n");
        }
        String draw = DRAW_SCRIPT
                .replace("__DIV_ID__", divId)
                .replace("__PLOTLY_URL__", plotly.urlScript())
                .replace("__REMEDY__", PlotlyJson.write(plotly.remedy()))
                .replace("__FIGURE_JS__", figureJs);
        html.append("<script type=\"text/javascript\">\n").append(draw).append("</script>\n");
        return html.toString();
    }

    /**
     * The JavaScript that declares {@code figure} ({@code {data, layout, config}} for
     * {@code Plotly.newPlot}, labels in TeX) and {@code unicodeLabels} (JSON path to the Unicode
     * form of each label that differs, used where no MathJax typesets): the same JSON as the
     * bundle's {@code application/vnd.plotly.v1+json}.
     */
    private static String figureJavascript(Map<String, Object> tex, Map<String, Object> unicode) {
        return "var figure = " + PlotlyJson.write(tex) + ";\n"
                + "var unicodeLabels = " + PlotlyJson.write(PlotlyJson.unicodeLabels(tex, unicode)) + ";\n";
    }

    /** A one-line description for text-only viewers: title and trace names. */
    private static String describe(String title, List<String> names) {
        StringBuilder text = new StringBuilder("Figure");
        if (title != null && !title.isEmpty()) {
            text.append(": ").append(oneLine(Latex.plain(title)));
        }
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
