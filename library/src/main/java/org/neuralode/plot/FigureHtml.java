package org.neuralode.plot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.traces.Trace;

/**
 * Turns a tablesaw-jsplot {@link Figure} into the MIME bundle a notebook displays, drawn offline.
 *
 * <p>tablesaw's own {@code Figure.asJavascript} assumes a global {@code Plotly} that some page
 * loaded from a CDN; notebooks then show blank plots offline and in JupyterLab. Here the
 * plotly.js bundle comes from the project's build (the {@code org.webjars.npm:plotly.js-dist}
 * WebJar, version {@value #PLOTLY_VERSION}) and travels, gzip-compressed and base64-encoded
 * (about 3.2 MB instead of 10.8 MB), once per kernel session, in an output of its own
 * ({@link #plotlyLoaderBundle()}) that the kernel publishes just before the session's first
 * figure; figures themselves stay small, so replacing one (a live training plot) never resends
 * the library. The loader decompresses the bundle with the browser's {@code DecompressionStream},
 * runs it so that {@code window.Plotly} exists whether or not require.js is on the page, and then
 * draws every figure that was waiting for it. Each figure's own script draws at once if plotly.js
 * is already there, otherwise it queues itself (and polls, in case plotly.js comes from elsewhere).
 *
 * <p>Pinned to plotly.js 2.35.x because tablesaw writes titles as plain strings, which plotly.js
 * 3.x no longer draws.
 */
public final class FigureHtml {

    /** The plotly.js version this class embeds; the library's pom pins the same version. */
    public static final String PLOTLY_VERSION = "2.35.3";

    static final String PLOTLY_RESOURCE =
            "META-INF/resources/webjars/plotly.js-dist/" + PLOTLY_VERSION + "/plotly.js";

    private static final String LOADER_RESOURCE = "org/neuralode/plot/plotly-loader.js";
    private static final String DRAW_RESOURCE = "org/neuralode/plot/figure-draw.js";

    /** The loader script with the compressed bundle inside; built on first use (about a second). */
    private static volatile String plotlyLoader;

    private FigureHtml() {
    }

    /** The text a figure's {@code text/html} holds and nothing else does: its plot div's class. */
    private static final String FIGURE_MARK = "class=\"neuralode-plot\"";

    /**
     * The MIME bundle of the output that loads plotly.js for the figures of a page: an invisible
     * {@code text/html} (the loader script, about 3.2 MB) and a one-line {@code text/plain} for
     * viewers that show no HTML. A kernel publishes it once, before the first figure of a session.
     */
    public static Map<String, String> plotlyLoaderBundle() {
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("text/html", "<div class=\"neuralode-plotly-loader\" style=\"display:none\">"
                + "<script type=\"text/javascript\">\n" + plotlyLoader() + "</script></div>\n");
        bundle.put("text/plain", "(plotly.js " + PLOTLY_VERSION + " loaded for this notebook's plots)");
        return bundle;
    }

    /** Whether the given {@code text/html} holds a figure from this class (so needs plotly.js). */
    public static boolean drawsFigure(String html) {
        return html != null && html.contains(FIGURE_MARK);
    }

    /**
     * @param figure          the figure
     * @param includePlotlyJs whether this output must carry the plotly.js library itself (for
     *                        pages outside a kernel; the kernel passes false and publishes
     *                        {@link #plotlyLoaderBundle()} as an output of its own instead)
     * @return MIME type to content: {@code text/html}, {@code text/plain} and, for figures made
     *         by {@link Plot}, {@code image/png} (base64) for viewers that run no JavaScript
     */
    public static Map<String, String> mimeBundle(Figure figure, boolean includePlotlyJs) {
        if (figure == null) {
            throw new IllegalArgumentException("figure must not be null");
        }
        String png = figure instanceof PlotFigure ? StaticImage.pngBase64((PlotFigure) figure) : null;
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("text/html", html(figure, includePlotlyJs, png));
        bundle.put("text/plain", describe(figure));
        if (png != null) {
            bundle.put("image/png", png);
        }
        return bundle;
    }

    /**
     * The HTML of one figure: a div and the script that draws into it, preceded by the plotly.js
     * loader when {@code includePlotlyJs} is true.
     */
    public static String html(Figure figure, boolean includePlotlyJs) {
        return html(figure, includePlotlyJs, null);
    }

    /**
     * As {@link #html(Figure, boolean)}; the div first holds a static stand-in, removed when the
     * plot is drawn: the PNG if given (viewers that strip scripts but keep HTML, such as an
     * untrusted notebook or GitHub, then show a picture), else a one-line hint.
     */
    static String html(Figure figure, boolean includePlotlyJs, String pngBase64) {
        String divId = "neuralode_plot_" + UUID.randomUUID().toString().replace("-", "");
        StringBuilder html = new StringBuilder();
        html.append("<div id=\"").append(divId).append("\" ").append(FIGURE_MARK).append('>');
        if (pngBase64 != null) {
            html.append("<img class=\"neuralode-static\" alt=\"").append(escapeHtml(describe(figure)))
                    .append("\" src=\"data:image/png;base64,").append(pngBase64).append("\"/>");
        } else {
            html.append("<span class=\"neuralode-static\">[interactive plot: it draws when the notebook is trusted"
                    + " and JavaScript runs]</span>");
        }
        html.append("</div>\n");
        if (includePlotlyJs) {
            html.append("<script type=\"text/javascript\">\n").append(plotlyLoader()).append("</script>\n");
        }
        String draw = resource(DRAW_RESOURCE)
                .replace("__DIV_ID__", divId)
                .replace("__FIGURE_JS__", figureJavascript(figure));
        html.append("<script type=\"text/javascript\">\n").append(draw).append("</script>\n");
        return html.toString();
    }

    /**
     * The JavaScript that declares {@code layout} and {@code data} for {@code Plotly.newPlot}.
     * Built from the layout and traces (not {@code Figure.asJavascript}, which also looks the
     * div up and calls a global {@code Plotly} at once).
     */
    static String figureJavascript(Figure figure) {
        StringBuilder js = new StringBuilder();
        js.append(figure.getLayout() == null ? "var layout = {};" : figure.getLayout().asJavascript()).append('\n');
        Trace[] traces = figure.getTraces();
        StringBuilder data = new StringBuilder("var data = [");
        for (int i = 0; i < traces.length; i++) {
            js.append(traces[i].asJavascript(i)).append('\n');
            data.append(i == 0 ? "" : ", ").append("trace").append(i);
        }
        js.append(data).append("];\n");
        if (figure instanceof PlotFigure) {
            js.append(((PlotFigure) figure).layoutPatch());
        }
        return js.toString();
    }

    /** A one-line description for text-only viewers: title and trace names. */
    static String describe(Figure figure) {
        StringBuilder text = new StringBuilder("Figure");
        String title = figure.getLayout() == null ? null : figure.getLayout().getTitle();
        if (title != null && !title.isEmpty()) {
            text.append(": ").append(Latex.plain(unescapeJs(title)));
        }
        Trace[] traces = figure.getTraces();
        text.append(" (").append(traces.length).append(traces.length == 1 ? " trace" : " traces");
        String separator = ": ";
        for (Trace trace : traces) {
            if (trace.name() != null && !trace.name().isEmpty()) {
                text.append(separator).append(Latex.plain(unescapeJs(trace.name())));
                separator = ", ";
            }
        }
        return text.append(')').toString();
    }

    private static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * Builds the compressed plotly.js loader now (about a second), e.g. on a background thread at
     * kernel start, so that the first figure of a session shows without that delay.
     */
    public static void prepare() {
        plotlyLoader();
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
