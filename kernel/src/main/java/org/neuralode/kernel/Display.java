package org.neuralode.kernel;

import com.google.gson.JsonParser;
import java.util.Map;
import java.util.UUID;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.messages.publish.PublishClearOutput;
import org.dflib.jjava.jupyter.messages.publish.PublishDisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishUpdateDisplayData;
import org.neuralode.plot.FigureHtml;
import org.neuralode.plot.PlotFigure;
import org.neuralode.plot.PlotlySource;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * Showing results: how a cell's value, a figure and a table become a MIME bundle, and the display
 * API that cells call through {@link Notebook} ({@code display}, {@code updateDisplay},
 * {@code render}, {@code clearOutput}; the names and meaning are IJava's). Every output first
 * sends the text printed before it, so that the order a cell printed in is the order shown.
 */
final class Display {

    /** The kernelspec's name: the folder that holds kernel.json and plotly.js (kernel/pom.xml). */
    static final String KERNELSPEC = "neuralode-java";

    /**
     * Where a figure's {@code text/html} fetches plotly.js inside Jupyter: the kernelspec folder,
     * where the kernel's build puts plotly.js beside kernel.json and which every Jupyter server
     * serves at {@code <base url>kernelspecs/<name>/<file>}. The base URL is the page's: the
     * classic Notebook names it on {@code <body data-base-url>}, JupyterLab and Notebook 7 in
     * the {@code jupyter-config-data} script. Elsewhere (an exported file, GitHub) there is none
     * and the expression gives null, so the figure waits for the page's own plotly.js.
     */
    static final PlotlySource PLOTLY = PlotlySource.fetched("""
            (function () {
              var base = document.body && document.body.getAttribute('data-base-url');
              var config = document.getElementById('jupyter-config-data');
              if (!base && config) {
                try { base = JSON.parse(config.textContent).baseUrl; } catch (e) { base = null; }
              }
              return base ? base.replace(/\\/?$/, '/') + 'kernelspecs/%s/plotly.js' : null;
            })()""".formatted(KERNELSPEC), "reinstall the kernel with scripts/setup.sh");

    private final NeuralOdeKernel kernel;
    private final Renderer renderer;

    Display(NeuralOdeKernel kernel, Renderer renderer) {
        this.kernel = kernel;
        this.renderer = renderer;
        registerRenderers();
    }

    private void registerRenderers() {
        renderer.createRegistration(PlotFigure.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((figure, context) -> putFigure(context.getOutputContainer(), FigureHtml.mimeBundle(figure, PLOTLY)));
        renderer.createRegistration(Figure.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((figure, context) -> putFigure(context.getOutputContainer(), FigureHtml.mimeBundle(figure, PLOTLY)));
        renderer.createRegistration(Table.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((table, context) -> {
                    DisplayData out = context.getOutputContainer();
                    out.putHTML(TableHtml.toHtml(table));
                    out.putText(table.rowCount() <= TableHtml.MAX_ROWS ? table.printAll() : table.print(2 * TableHtml.EDGE_ROWS));
                });
    }

    /** A cell's value as the notebook shows it. */
    DisplayData renderValue(Object value) {
        if (value == null) {
            return new DisplayData("null");
        }
        if (value instanceof DisplayData data) {
            return data;
        }
        return renderer.render(value);
    }

    String show(Object value, String... mimeTypes) {
        kernel.flushStreams();
        String id = UUID.randomUUID().toString();
        DisplayData data = outputData(value, mimeTypes);
        if (data.hasDisplayId()) {
            id = data.getDisplayId();
        }
        data.setDisplayId(id);
        kernel.publishNow(new PublishDisplayData(data));
        return id;
    }

    void update(String id, Object value, String... mimeTypes) {
        kernel.flushStreams();
        DisplayData data = outputData(value, mimeTypes);
        data.setDisplayId(id);
        kernel.publishNow(new PublishUpdateDisplayData(data));
    }

    /** What {@code display} and {@code updateDisplay} show: a figure, given display data, or a rendered value. */
    private DisplayData outputData(Object value, String... mimeTypes) {
        if (value instanceof PlotFigure figure && mimeTypes.length == 0) {
            return figureData(FigureHtml.mimeBundle(figure, PLOTLY));
        }
        if (value instanceof Figure figure && mimeTypes.length == 0) {
            return figureData(FigureHtml.mimeBundle(figure, PLOTLY));
        }
        if (value instanceof DisplayData given) {
            return new DisplayData(given);
        }
        return render(value, mimeTypes);
    }

    DisplayData render(Object value, String... mimeTypes) {
        if (value == null) {
            return new DisplayData("null");
        }
        if (mimeTypes.length == 0) {
            return renderer.render(value);
        }
        DisplayData data = renderer.renderAs(value, mimeTypes);
        if (value instanceof CharSequence text) {
            // A string displayed "as" a type is that type's source, e.g. display(html, "text/html").
            for (String mime : mimeTypes) {
                if (data.getData(MIMEType.parse(mime)) == null) {
                    data.putData(mime, text.toString());
                }
            }
        }
        return data;
    }

    private static DisplayData figureData(Map<String, String> bundle) {
        DisplayData data = new DisplayData();
        putFigure(data, bundle);
        return data;
    }

    /**
     * A figure's MIME bundle ({@link FigureHtml#mimeBundle}: plotly JSON, HTML, PNG, text), the
     * same for a cell's value, {@code display} and {@code updateDisplay}, for our figures and
     * tablesaw's alike. JSON types go out as JSON objects, as front ends expect them. plotly.js
     * is not in it: the HTML fetches it from the kernelspec folder ({@link #PLOTLY}), so it is
     * never in a saved notebook.
     */
    private static void putFigure(DisplayData data, Map<String, String> bundle) {
        bundle.forEach((mime, content) ->
                data.putData(mime, mime.endsWith("json") ? JsonParser.parseString(content) : content));
    }

    void clearOutput(boolean wait) {
        kernel.flushStreams();
        kernel.publishNow(wait ? PublishClearOutput.BEFORE_NEXT_OUTPUT : PublishClearOutput.NOW);
    }
}
